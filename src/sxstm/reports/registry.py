"""The reporter registry: each output format of ``sxstm qa`` is a writer registered by name.

A reporter module defines one writer and registers it with :func:`reporter`; the CLI's
``--format`` choices, ``--help`` and the golden tests iterate :data:`REPORTERS`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from sxstm.model import Finding, Severity


@dataclass(frozen=True, slots=True)
class Report:
    """What a reporter writes: the findings of a run and what the run knows of their files.

    Findings name their files as the user can open them (relative to the working folder).
    ``documents`` lists every document checked, under the same names; ``repository_paths`` maps
    those names to paths relative to the repository root, whose ``file:`` URI is ``root``.
    """

    findings: Collection[Finding]  # read in order, as often as needed (qa's: on disk)
    documents: Sequence[str] = ()
    root: str = ""
    repository_paths: Mapping[str, str] = field(default_factory=dict)
    fail_on: Severity = Severity.ERROR

    def repository_path(self, path: str) -> str:
        """The path relative to the repository root of the file reported as ``path``."""
        return self.repository_paths.get(path, path)

    def failing(self, finding: Finding) -> bool:
        """Tell whether ``finding`` is at or above the failing severity."""
        return SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[self.fail_on]


SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}

Writer = Callable[[Report, TextIO], None]


@dataclass(frozen=True, slots=True)
class Reporter:
    """A registered reporter: its ``--format`` name, a one-sentence summary, the usual file
    suffix of its output, and the writer."""

    name: str
    summary: str
    suffix: str
    write: Writer


REPORTERS: dict[str, Reporter] = {}


def reporter(name: str, summary: str, *, suffix: str) -> Callable[[Writer], Writer]:
    """Register a writer as the reporter ``name``, described by the one sentence ``summary``."""

    def register(write: Writer) -> Writer:
        if name in REPORTERS:
            raise ValueError(f"reporter {name} is registered twice")
        REPORTERS[name] = Reporter(name, summary, suffix, write)
        return write

    return register
