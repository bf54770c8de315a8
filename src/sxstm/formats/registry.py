"""The format registry, and the pieces every format shares.

A format has two halves so that the expensive one runs on every core:

- ``render(document, options) -> Chunk`` turns one document into text records; it is pure and
  runs in the worker processes that read the documents;
- ``write(chunks, out, options) -> ExportReport`` runs once, in order, and only joins the
  records into the output (adding the header, deduplicating, numbering).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import BinaryIO, Protocol

from sxstm.errors import UsageError
from sxstm.model import Document, Finding


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """Choices every format may honour; each format documents which ones it reads."""

    dedupe: bool = True
    fuzzy: bool = True
    tags: bool = True  # TMX and XLIFF: inline markup as tags; False: markdown as text
    # XLIFF and PO: notes for reviewers by pair id, as (priority 1-10, text); extract --qa
    # fills them from the QA findings of the document being rendered.
    notes: Mapping[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Chunk:
    """One document rendered by a format: ``(key, UTF-8 text)`` records and warnings about the data.

    What ``key`` means is the format's business (PO: the context to make unique in the file).
    ``keys`` holds a fixed-width key per unit, in order, for a join that deduplicates (TMX).
    """

    path: str
    source_locale: str
    target_locale: str
    records: tuple[tuple[str, bytes], ...]
    units: int
    findings: tuple[Finding, ...] = ()
    keys: bytes = b""


def whole_chunk(document: Document, text: str, findings: Iterable[Finding] = ()) -> Chunk:
    """Make the chunk of a format that renders a document as one piece of text, a unit a pair."""
    return Chunk(
        document.path,
        document.source_locale,
        document.target_locale,
        (("", text.encode()),),
        len(document.pairs),
        tuple(findings),
    )


@dataclass(slots=True)
class ExportReport:
    """What a format wrote: how many records, and warnings about the data."""

    records: int = 0
    findings: list[Finding] = field(default_factory=list)


class Renderer(Protocol):
    """Render one document (in a worker process)."""

    def __call__(self, document: Document, options: ExportOptions) -> Chunk: ...


Joiner = Callable[[Iterable[Chunk], BinaryIO, ExportOptions], ExportReport]


@dataclass(frozen=True, slots=True)
class Format:
    """A registered export format."""

    name: str
    suffixes: tuple[str, ...]
    summary: str
    render: Renderer
    join: Joiner
    by_suffix: bool

    def write(
        self, documents: Iterable[Document], out: BinaryIO, options: ExportOptions = ExportOptions()
    ) -> ExportReport:
        """Render and join ``documents`` into the binary stream ``out`` (UTF-8), in this process."""
        return self.join((self.render(document, options) for document in documents), out, options)


FORMATS: dict[str, Format] = {}


def register(
    name: str, suffixes: tuple[str, ...], summary: str, *, render: Renderer, join: Joiner, by_suffix: bool = True
) -> Format:
    """Register a format under ``name``; its first suffix names the files it writes.

    With ``by_suffix`` it is chosen for output paths ending in one of ``suffixes``; without,
    only by ``--format`` (XLIFF 2 shares ``.xlf`` with XLIFF 1.2).
    """
    if name in FORMATS:
        raise ValueError(f"format {name!r} is registered twice")
    FORMATS[name] = Format(name, suffixes, summary, render, join, by_suffix)
    return FORMATS[name]


def format_for_path(path: str) -> Format:
    """Pick the format chosen by the suffix of ``path``."""
    suffix = PurePath(path).suffix.lower()
    for candidate in FORMATS.values():
        if candidate.by_suffix and suffix in candidate.suffixes:
            return candidate
    known = ", ".join(s for f in FORMATS.values() if f.by_suffix for s in f.suffixes)
    raise UsageError(f"cannot tell the format of {path!r} from its suffix (known: {known}); pass --format")


def join_records(chunks: Iterable[Chunk], out: BinaryIO, report: ExportReport) -> None:
    """Write every record's text in order (for formats whose records need no joining work)."""
    for chunk in chunks:
        report.findings.extend(chunk.findings)
        report.records += chunk.units
        for _, text in chunk.records:
            out.write(text)
