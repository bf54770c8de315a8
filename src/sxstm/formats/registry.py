"""The format registry, and the pieces every format shares.

A format's writer has two halves so that the expensive one runs on every core:

- ``render(document, options) -> Chunk`` turns one document into text records; it is pure and
  runs in the worker processes that read the documents (its records may be rendered lazily, unit
  by unit: a chunk is made whole when a worker sends it, and streams when read in one process);
- ``write(chunks, out, options) -> ExportReport`` runs once, in order, and only joins the
  records into the output (adding the header, deduplicating, numbering).

A format that reviewers edit also has a reader of reviewed files (``qa REVIEWED``, ``merge``),
and declares how such a file is recognised, whether its units carry notes for reviewers
(``extract --qa``), and how merge may cut the file into slices. The commands ask the registry;
adding a format is one module that calls :func:`register`.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import BinaryIO, Protocol

from sxstm.errors import InputError, UsageError
from sxstm.formats.xmlread import root_element
from sxstm.model import Document, Finding, ReviewedUnit


class Targets(enum.Enum):
    """What the ``<target>`` of an XLIFF unit holds (``extract --targets``)."""

    MT = "mt"  # the document's translation: a translation to review (Trados, memoQ, Phrase)
    SOURCE = "source"  # a copy of the source, the translation offered as a match (OmegaT)
    EMPTY = "empty"  # no target, the translation offered as a match


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """Choices every format may honour; each format documents which ones it reads."""

    dedupe: bool = True
    fuzzy: bool = True
    tags: bool = True  # TMX and XLIFF: inline markup as tags; False: markdown as text
    all_targets: bool = False  # TMX: every distinct target of a source, not only the most frequent
    targets: Targets = Targets.MT  # XLIFF: what <target> holds
    template: bool = False  # PO: a template (.pot), every msgstr empty
    # XLIFF and PO: notes for reviewers by pair id, as (priority 1-10, text); extract --qa
    # fills them from the QA findings of the document being rendered.
    notes: Mapping[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    checked: bool = False  # extract --qa ran the checks: a pair missing from notes has no finding
    # TMX: a scratch folder of the run (made and removed by the caller), where each process
    # rendering documents writes their units' texts for the joining process to read at the end;
    # "": the texts cross with the records, and the joining process writes them.
    scratch: str = ""
    processes: int = 1  # TMX: the processes the joining process may count the distinct units on


@dataclass(frozen=True, slots=True)
class Chunk:
    """One document rendered by a format: ``(key, UTF-8 text)`` records and warnings about the data.

    What ``key`` means is the format's business (PO: the context to make unique in the file).
    ``records`` may be lazy, read once and in order: a format renders a unit when the joiner
    asks for it, so that a large document is never held rendered whole (issue #13), and
    ``findings`` is complete only once the records are read. A chunk that crosses to another
    process is made whole first (the records rendered, the findings final).
    ``units`` counts the units the records hold; ``left_out`` the pairs the format cannot hold
    (TMX: a pair with an empty side).
    """

    path: str
    source_locale: str
    target_locale: str
    records: Iterable[tuple[str, bytes]]
    units: int
    findings: Sequence[Finding] = ()
    left_out: int = 0

    def __reduce__(self) -> tuple[type[Chunk], tuple[object, ...]]:
        records = tuple(self.records)  # first: rendering them completes the findings
        fields = (self.path, self.source_locale, self.target_locale, records, self.units)
        return Chunk, (*fields, tuple(self.findings), self.left_out)


def streamed_chunk(document: Document, parts: Iterable[str], findings: Sequence[Finding] = ()) -> Chunk:
    """Make the chunk of a format that renders a document as a sequence of text parts (a head,
    a part per pair, a tail), each encoded as the joiner asks for it; ``findings`` is the list
    that rendering the parts fills."""
    return Chunk(
        document.path,
        document.source_locale,
        document.target_locale,
        (("", part.encode()) for part in parts),
        len(document.pairs),
        findings,
    )


@dataclass(slots=True)
class ExportReport:
    """What a format wrote: how many records, warnings about the data, and how many pairs or
    records it left out, by reason (``{"pairs with an empty side left out": 3}``)."""

    records: int = 0
    findings: list[Finding] = field(default_factory=list)
    left_out: dict[str, int] = field(default_factory=dict)

    def leave_out(self, reason: str, count: int) -> None:
        """Count ``count`` pairs or records left out for ``reason``."""
        if count:
            self.left_out[reason] = self.left_out.get(reason, 0) + count


class Renderer(Protocol):
    """Render one document (in a worker process)."""

    def __call__(self, document: Document, options: ExportOptions) -> Chunk: ...


Joiner = Callable[[Iterable[Chunk], BinaryIO, ExportOptions], ExportReport]
# Writes the chunks into several files named from OUT (parallel text, Parquet); returns what it
# wrote and where, for the summary.
FilesWriter = Callable[[Iterable[Chunk], str, ExportOptions], tuple[ExportReport, str]]


class Reader(Protocol):
    """Read a reviewed file back into units."""

    def __call__(
        self, path: str, data: bytes | None = None, *, line: int = 1, charset: str | None = None
    ) -> Iterator[ReviewedUnit]:
        """Yield the units of the file ``path`` as they are read; with ``data``, those of that
        document instead (a slice of the file made whole), whose first line is the file's line
        ``line``. ``charset`` is the file's encoding where ``data`` cannot tell (a PO slice
        without the header). Raise InputError, maybe after some units, where it cannot be read."""
        ...


class Cut(enum.Enum):
    """Where merge may cut a reviewed file into slices that workers read alone."""

    WHOLE = "whole"  # nowhere: the file is read whole, in order
    XML_FILES = "xml-files"  # before ``<file>`` elements; a slice gets the file's prolog and end
    PO_DOCUMENTS = "po-documents"  # before an entry whose ``#:`` document differs from the one before


@dataclass(frozen=True, slots=True)
class Format:
    """A registered format: its writer and what it can do (see :func:`register`)."""

    name: str
    suffixes: tuple[str, ...]
    summary: str
    render: Renderer
    join: Joiner
    by_suffix: bool
    read: Reader | None = None
    root: str | None = None
    notes: bool = False
    memory: bool = False
    cut: Cut = Cut.WHOLE
    more_roots: tuple[str, ...] = ()
    files: FilesWriter | None = None
    language: Callable[[bytes], str] | None = None

    def write(
        self, documents: Iterable[Document], out: BinaryIO, options: ExportOptions = ExportOptions()
    ) -> ExportReport:
        """Render and join ``documents`` into the binary stream ``out`` (UTF-8), in this process."""
        return self.join((self.render(document, options) for document in documents), out, options)


FORMATS: dict[str, Format] = {}


def _one_stream_refused(name: str, chunks: Iterable[Chunk], out: BinaryIO, options: ExportOptions) -> ExportReport:
    """The joiner of a format that writes several files: one stream cannot hold it."""
    raise UsageError(f"{name} writes several files named from OUT: name them (-o corpus), not one stream")


def register(
    name: str,
    suffixes: tuple[str, ...],
    summary: str,
    *,
    render: Renderer,
    join: Joiner | None = None,
    by_suffix: bool = True,
    read: Reader | None = None,
    root: str | None = None,
    notes: bool = False,
    memory: bool = False,
    cut: Cut = Cut.WHOLE,
    more_roots: tuple[str, ...] = (),
    files: FilesWriter | None = None,
    language: Callable[[bytes], str] | None = None,
) -> Format:
    """Register a format under ``name``; its first suffix names the files it writes.

    - ``by_suffix``: chosen for output paths ending in one of ``suffixes``; without, only by
      ``--format`` (XLIFF 2 shares ``.xlf`` with XLIFF 1.2).
    - ``read``: reads reviewed files back (``qa REVIEWED``, ``merge``); None: export only.
    - ``root``: the root element (``{namespace}name``) that tells its reviewed files; None: they
      are told by their suffix.
    - ``notes``: its units carry notes for reviewers (``extract --qa``).
    - ``memory``: a translation memory (TMX): a unit may hold targets in several locales and
      stands for every pair with its source, in any document, so merge reads the file whole and
      applies units by source text too. Otherwise a unit is one pair of the document it names.
    - ``cut``: where merge may cut its reviewed files into slices.
    - ``more_roots``: other root elements its reader reads (XLIFF 1.1 by the XLIFF 1.2 reader).
    - ``files``: writes several files named from OUT instead of one stream (parallel text:
      a file per language); ``extract`` calls it. Such a format needs no ``join``: writing it
      to one stream is refused.
    - ``language``: the target locale a reviewed file declares for all its units, from its
      first 64 KiB, where its units name none ("" if it declares none): PO's header.
    """
    if name in FORMATS:
        raise ValueError(f"format {name!r} is registered twice")
    if read is None and (root is not None or more_roots or memory or cut is not Cut.WHOLE or language is not None):
        raise ValueError(f"format {name!r} declares how to read reviewed files, but has no reader")
    if join is None:
        if files is None:
            raise ValueError(f"format {name!r} has neither a joiner nor a files writer")
        join = functools.partial(_one_stream_refused, name)
    FORMATS[name] = Format(
        name, suffixes, summary, render, join, by_suffix, read, root, notes, memory, cut, more_roots, files, language
    )
    return FORMATS[name]


def format_for_path(path: str) -> Format:
    """Pick the format chosen by the suffix of ``path``."""
    suffix = PurePath(path).suffix.lower()
    for candidate in FORMATS.values():
        if candidate.by_suffix and suffix in candidate.suffixes:
            return candidate
    known = ", ".join(s for f in FORMATS.values() if f.by_suffix for s in f.suffixes)
    raise UsageError(f"cannot tell the format of {path!r} from its suffix (known: {known}); pass --format")


def reviewed_suffixes() -> tuple[str, ...]:
    """The suffixes of the files that the formats with a reader write."""
    return tuple(dict.fromkeys(suffix for f in FORMATS.values() if f.read is not None for suffix in f.suffixes))


def format_of_reviewed(path: str | Path) -> Format:
    """Pick the format that reads the reviewed file ``path``: by its suffix where the format has
    no root element (PO), else by the file's root element (TMX, XLIFF 1.2 and XLIFF 2, which
    share ``.xlf``); raise InputError if no format reads it."""
    readers = [f for f in FORMATS.values() if f.read is not None]
    suffix = PurePath(path).suffix.lower()
    for candidate in readers:
        if candidate.root is None and suffix in candidate.suffixes:
            return candidate
    root = root_element(str(path))
    for candidate in readers:
        if root == candidate.root or root in candidate.more_roots:
            return candidate
    raise InputError(_not_reviewed(root, [f.root for f in readers if f.root]), path=str(path), line=1, column=1)


def read_reviewed(path: str | Path, chosen: Format | None = None) -> Iterator[ReviewedUnit]:
    """Yield the units of the reviewed file ``path``, read by ``chosen`` or else by the format
    that recognises it; raise InputError, maybe after some units, where it cannot be read."""
    reader = (chosen or format_of_reviewed(path)).read
    if reader is None:
        raise ValueError(f"format {chosen.name if chosen else path!r} has no reader of reviewed files")
    yield from reader(str(path))


def _not_reviewed(root: str, roots: list[str]) -> str:
    """Say that ``root`` is none of the known ``roots``, and that it lacks their namespace if
    only that differs (``not TMX or XLIFF: the root element is <xliff> (without the XLIFF 1.2
    or 2.0 namespace)``)."""
    local = root.rpartition("}")[2]
    names = " or ".join(dict.fromkeys(known.rpartition("}")[2].upper() for known in roots))
    versions = sorted(
        known[1:].partition("}")[0].rpartition(":")[2]
        for known in roots
        if known.startswith("{") and known.rpartition("}")[2] == local
    )
    namespace = f" (without the {local.upper()} {' or '.join(versions)} namespace)" if versions else ""
    return f"not {names}: the root element is <{root}>{namespace}"


def join_records(chunks: Iterable[Chunk], out: BinaryIO, report: ExportReport) -> None:
    """Write every record's text in order (for formats whose records need no joining work)."""
    for chunk in chunks:
        for _, text in chunk.records:
            out.write(text)
        report.findings.extend(chunk.findings)
        report.records += chunk.units
