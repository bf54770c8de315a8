"""Slices of reviewed files (XLIFF, PO) that workers read alone.

Reading a 300 MB reviewed file takes longer than merging it, so merge cuts the file into
slices where its format allows (:class:`~sxstm.formats.Cut`: before XLIFF ``<file>`` elements,
before PO entries whose ``#:`` document changes) and each worker reads its own slices with the
format's reader. A file that cannot be cut safely (text between ``<file>`` elements, a TMX,
whose units may apply to any document) is read whole, and so is a file whose slices meet a
problem: the reader then reports it as it would anyway.
"""

from __future__ import annotations

import mmap
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path

from sxstm.errors import SxstmError, read_error
from sxstm.formats import FORMATS, Cut, Format
from sxstm.formats.po import po_charset
from sxstm.model import ReviewedUnit

_SLICE_BYTES = 1 << 21
_PO_BOUNDARY_RE = re.compile(rb"\n\n(?=[#m])")
# No group: a group's bookkeeping, at every "<" of the file tried, cost about a third of the search.
_FILE_TAG_RE = re.compile(rb"</?file[\s>]")
_SLASH = ord("/")
_DONTNEED = getattr(mmap, "MADV_DONTNEED", None)  # not on Windows


@dataclass(frozen=True, slots=True)
class Slice:
    """Bytes ``start`` to ``end`` of a reviewed file in the format named ``format``, starting at
    its line ``line``; it is read as ``head`` + slice + ``tail`` (an XML slice: a whole document)."""

    path: str
    format: str
    start: int
    end: int
    line: int
    head: bytes = b""
    tail: bytes = b""
    charset: str | None = None


def read_slice(piece: Slice) -> Iterator[ReviewedUnit]:
    """Return the units of ``piece``, with the reviewed file's line numbers (the slice is read
    now; its units as they are asked for, by the format's reader itself, not through a
    generator of this function: one layer less per unit)."""
    try:
        with open(piece.path, "rb") as handle:
            handle.seek(piece.start)
            data = handle.read(piece.end - piece.start)
    except OSError as error:
        raise read_error(error, piece.path) from error
    read = FORMATS[piece.format].read
    assert read is not None, "slices are cut only of formats with a reader"
    line = piece.line - piece.head.count(b"\n")
    return read(piece.path, piece.head + data + piece.tail, line=line, charset=piece.charset)


class UnsafeCutError(SxstmError):
    """Raised by the slices of :func:`slices` when the file turns out not to cut safely (merge
    then reads the file whole, and its reader says what is wrong)."""

    def __init__(
        self, message: str = "the reviewed file does not cut at document boundaries", **where: int | str
    ) -> None:
        super().__init__(message, **where)  # type: ignore[arg-type]


def slices(path: Path, chosen: Format, *, size: int | None = None) -> Iterator[Slice] | None:
    """Cut the reviewed file, in the format ``chosen``, into slices of about ``size`` bytes
    (default 2 MiB) that end where a document's units end, made as they are asked for so that
    workers start at once; None if the file is not to be cut (its format reads it whole, an
    empty or unreadable file: reading it whole says why). The slices raise
    :class:`UnsafeCutError` where the file turns out not to cut safely."""
    try:
        if chosen.cut is Cut.WHOLE or chosen.read is None or not path.stat().st_size:
            return None
    except OSError:
        return None
    return _slices(path, chosen, size or _SLICE_BYTES)


def _slices(path: Path, chosen: Format, size: int) -> Iterator[Slice]:
    try:
        handle = path.open("rb")
        data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError) as error:
        raise UnsafeCutError from error
    with handle, data:
        charset: str | None = None
        if chosen.cut is Cut.PO_DOCUMENTS:
            cuts, head, tail, charset = _po_cuts(data, size), b"", b"", po_charset(data[:4096])
        else:  # Cut.XML_FILES
            first, last = data.find(b"<file"), data.rfind(b"</file")
            last_end = data.find(b">", last) + 1 if last >= 0 else 0
            if first < 0 or last_end <= first:
                raise UnsafeCutError
            cuts, head, tail = _xml_cuts(data, size, last_end), data[:first], data[last_end:]
        try:
            start = next(cuts)
            line = 1 + data[:start].count(b"\n")
            dropped = 0
            for end in cuts:
                yield Slice(str(path), chosen.name, start, end, line, head, tail, charset)
                line += data[start:end].count(b"\n")
                start = end
                dropped = _drop(data, dropped, start)
        finally:
            # The cuts' pattern iterates over the map: left suspended (merge stopped at a damaged
            # slice), it would keep the map from closing ("BufferError: cannot close exported
            # pointers exist", printed as a traceback).
            cuts.close()


def _drop(data: mmap.mmap, dropped: int, upto: int) -> int:
    """Let go of the map's pages from ``dropped`` to ``upto``, read for the last time: each page
    of the file read stays in this process's memory until the map closes (the size of the file
    at the end, 328 MB of the bench's XLIFF), though the workers read their slices themselves.
    The pages stay in the page cache. Returns the offset up to which pages are let go."""
    upto -= upto % mmap.PAGESIZE
    if upto > dropped and _DONTNEED is not None:
        data.madvise(_DONTNEED, dropped, upto - dropped)
        return upto
    return dropped


def _xml_cuts(data: mmap.mmap, size: int, last_end: int) -> Generator[int, None, None]:
    """Offsets of ``<file>`` start tags about ``size`` apart, then ``last_end`` (the end of the
    last ``</file>``); :class:`UnsafeCutError` where the elements nest, do not pair up, or have text
    between them (the file is then read whole, which reports it).

    A ``<file`` inside a comment, CDATA section or processing instruction cannot fool it: a cut
    there leaves that construct open in its slice, which then fails to parse, and the file is
    read whole.
    """
    cut = opened = ended = -1
    for tag in _FILE_TAG_RE.finditer(data):
        if data[tag.start() + 1] == _SLASH:
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


def _po_cuts(data: mmap.mmap, size: int) -> Generator[int, None, None]:
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
