"""The reporter registry: each output format of ``sxstm qa`` is a writer registered by name.

A reporter module defines one writer and registers it with :func:`reporter`; the CLI's
``--format`` choices, ``--help`` and the golden tests iterate :data:`REPORTERS`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

from sxstm.model import Finding

Writer = Callable[[Sequence[Finding], TextIO], None]


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
