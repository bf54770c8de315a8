"""Reviewed files (XLIFF, PO, TMX): their kind, and slices of them that workers read alone.

Reading a 300 MB reviewed file takes longer than merging it, so merge cuts the file into
slices at document boundaries (XLIFF ``<file>`` elements, PO entries whose ``#:`` document
changes) and each worker reads its own slices. A file that cannot be cut safely (text between
``<file>`` elements, a TMX, whose units may apply to any document) is read whole, and so is a
file whose slices meet a problem: the reader then reports it as it would anyway.
"""

from __future__ import annotations

import enum
import itertools
import mmap
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sxstm.errors import InputError
from sxstm.formats.poread import iter_po_units, po_charset
from sxstm.formats.xmlread import iter_units
from sxstm.model import ReviewedUnit

_SLICE_BYTES = 1 << 21
_PO_BOUNDARY_RE = re.compile(rb"\n\n(?=[#m])")


class Kind(enum.Enum):
    """What a reviewed file is."""

    PO = "po"
    TMX = "tmx"
    XLIFF = "xliff"


def kind_of(path: Path) -> Kind:
    """Tell a PO (by its suffix) from a TMX and an XLIFF (by their first bytes)."""
    if path.suffix.lower() in (".po", ".pot"):
        return Kind.PO
    try:
        with path.open("rb") as handle:
            return Kind.TMX if b"<tmx" in handle.read(4096) else Kind.XLIFF
    except OSError:
        return Kind.XLIFF  # reading the units reports why


@dataclass(frozen=True, slots=True)
class Slice:
    """Bytes ``start`` to ``end`` of a reviewed file, starting at its line ``line``; an XML
    slice is read as ``head`` + slice + ``tail``, a whole document."""

    path: str
    kind: Kind
    start: int
    end: int
    line: int
    head: bytes = b""
    tail: bytes = b""
    charset: str = "utf-8"


def read_slice(piece: Slice) -> Iterator[ReviewedUnit]:
    """Yield the units of ``piece``, with the reviewed file's line numbers."""
    try:
        with open(piece.path, "rb") as handle:
            handle.seek(piece.start)
            data = handle.read(piece.end - piece.start)
    except OSError as error:
        raise InputError(f"cannot read: {error}", path=piece.path) from error
    if piece.kind is Kind.PO:
        yield from iter_po_units(data, piece.path, first_line=piece.line, charset=piece.charset)
    else:
        shift = piece.line - 1 - piece.head.count(b"\n")
        yield from iter_units(piece.path, data=piece.head + data + piece.tail, shift=shift)


def read_whole(path: Path, kind: Kind) -> Iterator[ReviewedUnit]:
    """Yield the units of the whole reviewed file."""
    if kind is not Kind.PO:
        yield from iter_units(path)
        return
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read: {error}", path=str(path)) from error
    yield from iter_po_units(data, str(path), charset=po_charset(data[:4096]))


def slices(path: Path, kind: Kind, *, size: int | None = None) -> list[Slice] | None:
    """Cut the reviewed file into slices of about ``size`` bytes (default 2 MiB) that end where
    a document's units end; None if the file cannot be cut safely (then read it whole)."""
    size = size or _SLICE_BYTES
    if kind is Kind.TMX:
        return None
    try:
        with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            cuts = _po_cuts(data, size) if kind is Kind.PO else _xml_cuts(data, size)
            if cuts is None or len(cuts) < 3:
                return None
            head, tail = (b"", b"") if kind is Kind.PO else (data[: cuts[0]], data[cuts[-1] :])
            charset = po_charset(data[:4096]) if kind is Kind.PO else "utf-8"
            pieces, line = [], 1 + data[: cuts[0]].count(b"\n") if cuts[0] else 1
            for start, end in itertools.pairwise(cuts):
                pieces.append(Slice(str(path), kind, start, end, line, head, tail, charset))
                line += data[start:end].count(b"\n")
            return pieces
    except (OSError, ValueError):  # an empty file cannot be mapped; reading it whole says why
        return None


def _xml_cuts(data: mmap.mmap, size: int) -> list[int] | None:
    """Offsets of ``<file>`` starts (and the end of the last) that cut only between elements.

    A ``<file`` inside a comment, CDATA section or processing instruction cannot fool it: a cut
    there leaves that construct open in its slice, which then fails to parse, and the file is
    read whole.
    """
    starts = _tags(data, b"<file", b" \t\r\n>")
    ends = [data.find(b">", at) + 1 for at in _tags(data, b"</file", b" \t\r\n>")]
    if not starts or len(starts) != len(ends) or 0 in ends:
        return None
    cuts = [starts[0]]
    for index, start in enumerate(starts[1:], 1):
        if ends[index - 1] > start or data[ends[index - 1] : start].strip():
            return None  # nested, or text between the elements: read whole, which reports it
        if start - cuts[-1] >= size:
            cuts.append(start)
    return [*cuts, ends[-1]]


def _tags(data: mmap.mmap, name: bytes, follow: bytes) -> list[int]:
    """Where the tags opening with ``name`` (then a byte of ``follow``) start."""
    found, at = [], data.find(name)
    while at >= 0:
        after = data[at + len(name) : at + len(name) + 1]
        if after and after in follow:
            found.append(at)
        at = data.find(name, at + len(name))
    return found


def _po_cuts(data: mmap.mmap, size: int) -> list[int]:
    """Offsets of entry starts, about ``size`` apart, where the entry's document differs from
    the one before it; the last is the end of the file."""
    cuts = [0]
    at = size
    while at < len(data):
        boundary = _PO_BOUNDARY_RE.search(data, at)
        if boundary is None:
            break
        start = boundary.start() + 2
        previous = data.rfind(b"\n\n", 0, boundary.start())
        if _po_document(data, previous + 2 if previous >= 0 else 0, start) != _po_document(
            data, start, data.find(b"\n\n", start)
        ):
            cuts.append(start)
            at = start + size
        else:
            at = start
    return [*cuts, len(data)]


def _po_document(data: mmap.mmap, start: int, end: int) -> bytes | None:
    """The raw first ``#:`` reference of the entry between ``start`` and ``end``."""
    end = len(data) if end < 0 else end
    at = data.find(b"#:", start, end)
    while at > start and data[at - 1 : at] != b"\n":
        at = data.find(b"#:", at + 2, end)
    if at < 0:
        return None
    line_end = data.find(b"\n", at, end)
    line = data[at + 2 : end if line_end < 0 else line_end].split()
    return line[0].rsplit(b":", 1)[0] if line else None
