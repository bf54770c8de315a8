"""Reviewed files (XLIFF, PO, TMX): their kind, and slices of them that workers read alone.

Reading a 300 MB reviewed file takes longer than merging it, so merge cuts the file into
slices at document boundaries (XLIFF ``<file>`` elements, PO entries whose ``#:`` document
changes) and each worker reads its own slices. A file that cannot be cut safely (text between
``<file>`` elements, a TMX, whose units may apply to any document) is read whole, and so is a
file whose slices meet a problem: the reader then reports it as it would anyway.
"""

from __future__ import annotations

import enum
import mmap
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sxstm.errors import read_error
from sxstm.formats.poread import iter_po_units, po_charset
from sxstm.formats.xmlread import iter_units
from sxstm.model import ReviewedUnit

_SLICE_BYTES = 1 << 21
_PO_BOUNDARY_RE = re.compile(rb"\n\n(?=[#m])")
_FILE_TAG_RE = re.compile(rb"<(/?)file[\s>]")


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
        raise read_error(error, piece.path) from error
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
        raise read_error(error, str(path)) from error
    yield from iter_po_units(data, str(path), charset=po_charset(data[:4096]))


class UnsafeCutError(Exception):
    """Raised by the slices of :func:`slices` when the file turns out not to cut safely."""


def slices(path: Path, kind: Kind, *, size: int | None = None) -> Iterator[Slice] | None:
    """Cut the reviewed file into slices of about ``size`` bytes (default 2 MiB) that end where
    a document's units end, made as they are asked for so that workers start at once; None if
    the file is not to be cut (a TMX, an empty or unreadable file: reading it whole says why).
    The slices raise :class:`UnsafeCutError` where the file turns out not to cut safely."""
    try:
        if kind is Kind.TMX or not path.stat().st_size:
            return None
    except OSError:
        return None
    return _slices(path, kind, size or _SLICE_BYTES)


def _slices(path: Path, kind: Kind, size: int) -> Iterator[Slice]:
    try:
        handle = path.open("rb")
        data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError) as error:
        raise UnsafeCutError from error
    with handle, data:
        if kind is Kind.PO:
            cuts, head, tail, charset = _po_cuts(data, size), b"", b"", po_charset(data[:4096])
        else:
            first, last = data.find(b"<file"), data.rfind(b"</file")
            last_end = data.find(b">", last) + 1 if last >= 0 else 0
            if first < 0 or last_end <= first:
                raise UnsafeCutError
            cuts, head, tail, charset = _xml_cuts(data, size, last_end), data[:first], data[last_end:], "utf-8"
        start = next(cuts)
        line = 1 + data[:start].count(b"\n")
        for end in cuts:
            yield Slice(str(path), kind, start, end, line, head, tail, charset)
            line += data[start:end].count(b"\n")
            start = end


def _xml_cuts(data: mmap.mmap, size: int, last_end: int) -> Iterator[int]:
    """Offsets of ``<file>`` start tags about ``size`` apart, then ``last_end`` (the end of the
    last ``</file>``); :class:`UnsafeCutError` where the elements nest, do not pair up, or have text
    between them (the file is then read whole, which reports it).

    A ``<file`` inside a comment, CDATA section or processing instruction cannot fool it: a cut
    there leaves that construct open in its slice, which then fails to parse, and the file is
    read whole.
    """
    cut = opened = ended = -1
    for tag in _FILE_TAG_RE.finditer(data):
        if tag.group(1):
            if opened < 0:
                raise UnsafeCutError
            opened, ended = -1, data.find(b">", tag.start()) + 1
            continue
        if opened >= 0 or (ended >= 0 and data[ended : tag.start()].strip()):
            raise UnsafeCutError
        opened = tag.start()
        if cut < 0 or opened - cut >= size:
            cut = opened
            yield cut
    if opened >= 0 or ended != last_end:
        raise UnsafeCutError
    yield last_end


def _po_cuts(data: mmap.mmap, size: int) -> Iterator[int]:
    """Offsets of entry starts, about ``size`` apart, where the entry's document differs from
    the one before it: 0 first, the end of the file last."""
    yield 0
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
            yield start
            at = start + size
        else:
            at = start
    yield len(data)


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
