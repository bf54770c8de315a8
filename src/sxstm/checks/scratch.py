"""Scratch files of qa: what the run-level checks keep of a run's documents, and the run's
findings, on disk.

The run-level checks see every pair of the run; what they keep of it grew with the corpus in
the main process (a :class:`~sxstm.checks.registry.Seen` of every document: 150 MB of the
bench's 411,162 pairs, issue #16). :class:`SeenFile` keeps the Seens in a scratch file and
:class:`Buckets` the pairs' records, partitioned by key, in another, so that memory stays flat;
:class:`FindingFile` keeps the findings a report is made of, which grew with the corpus too.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from array import array
from collections import OrderedDict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from types import TracebackType
from typing import Self, overload

from sxstm.checks.registry import Seen
from sxstm.checks.rows import Row, from_rows, to_rows
from sxstm.model import Finding, Severity

_CACHED = 8  # documents kept unpickled: the checks ask for them in the order of the run, mostly
_READ = 1 << 20  # bytes read at a time when the documents are read in order
# Bytes written at a time: a write of each document (8 KB at a time) took 3 times as long.
_BUFFER = 1 << 20
_FINDINGS_HELD = 4096  # findings written to the file at once (a few MB with their pairs' texts)


# A document's sources, targets and written sources, and the run-level checks that compare it.
Sides = tuple["array[int]", "array[int]", "array[int]", tuple[str, ...] | None]


@dataclass(frozen=True, slots=True)
class PickledSeen:
    """A Seen pickled as a :class:`SeenFile` keeps it: its keys, then the rest. A worker sends
    each document's so, which the main process writes to its file as it comes, without
    unpickling it and pickling it again (0.6 s of its time on the bench's 12,510 documents)."""

    sides: bytes
    rest: bytes

    @classmethod
    def of(cls, seen: Seen) -> PickledSeen:
        """``seen``, pickled."""
        return cls(
            pickle.dumps((seen.sources, seen.targets, seen.written_sources, seen.compared_by), pickle.HIGHEST_PROTOCOL),
            pickle.dumps(
                (
                    seen.path,
                    seen.ids,
                    seen.lines,
                    seen.columns,
                    seen.folded,
                    seen.folded_ends,
                    seen.locale_key,
                    seen.locale,
                ),
                pickle.HIGHEST_PROTOCOL,
            ),
        )

    def unpickled(self) -> Seen:
        """The Seen pickled."""
        return _unpickled(self.sides, self.rest)


def _unpickled(sides: bytes | memoryview, rest: bytes | memoryview) -> Seen:
    sources, targets, written, compared_by = pickle.loads(sides)
    path, ids, lines, columns, folded, folded_ends, locale_key, locale = pickle.loads(rest)
    return Seen(
        path, ids, lines, columns, sources, targets, folded, folded_ends, written, locale_key, locale, compared_by
    )


class _Scratch:
    """The owner of a scratch file, which leaving a ``with`` block removes (:meth:`close`)."""

    __slots__ = ()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        raise NotImplementedError


class SeenFile(_Scratch, Sequence[Seen]):
    """The Seens of a run, each pickled into a scratch file as it comes, read back by its number
    (a few kept unpickled) or all in order; or only their keys, in order (:meth:`sides`).

    Each document is kept as two pickles of plain values, its keys first, so that the keys of
    every document are read without the rest (ids, lines and texts: most of the bytes and of the
    time to unpickle)."""

    __slots__ = ("_cache", "_file", "_offsets", "_rests", "_written")

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(buffering=_BUFFER, prefix="sxstm-seen-")  # noqa: SIM115 - closed by close()
        self._offsets = array("Q", [0])  # where each document starts, and where the last ends
        self._rests = array("Q")  # where the rest of each document starts, after its keys
        self._written = True  # all that was appended is in the file (not in its buffer)
        self._cache: OrderedDict[int, Seen] = OrderedDict()

    def close(self) -> None:
        """Remove the scratch file."""
        self._file.close()
        self._cache.clear()

    def append(self, seen: Seen | PickledSeen) -> None:
        """Keep ``seen``, the next document of the run."""
        pickled = seen if isinstance(seen, PickledSeen) else PickledSeen.of(seen)
        self._file.write(pickled.sides)
        self._file.write(pickled.rest)
        start = self._offsets[-1]
        self._rests.append(start + len(pickled.sides))
        self._offsets.append(start + len(pickled.sides) + len(pickled.rest))
        self._written = False

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, number: int) -> Seen: ...

    @overload
    def __getitem__(self, number: slice) -> list[Seen]: ...

    def __getitem__(self, number: int | slice) -> Seen | list[Seen]:
        if isinstance(number, slice):
            return [self[each] for each in range(*number.indices(len(self)))]
        if number < 0:
            number += len(self)
        if not 0 <= number < len(self):
            raise IndexError(f"no document {number} of {len(self)}")
        cache = self._cache
        document = cache.get(number)
        if document is not None:
            cache.move_to_end(number)
            return document
        start = self._offsets[number]
        document = cache[number] = self._seen(self._read(start, self._offsets[number + 1] - start), number, start)
        if len(cache) > _CACHED:
            cache.popitem(last=False)
        return document

    def __iter__(self) -> Iterator[Seen]:
        """Every document in the order of the run."""
        for number, data, start in self._in_order():
            yield self._seen(data, number, start)

    def sides(self) -> Iterator[Sides]:
        """The sources, targets and written sources of every document, and the run-level checks
        that compare it, in the order of the run."""
        offsets, rests = self._offsets, self._rests
        for number, data, start in self._in_order():
            sides: Sides = pickle.loads(data[offsets[number] - start : rests[number] - start])
            yield sides

    def _seen(self, data: bytes | memoryview, number: int, start: int) -> Seen:
        """The document ``number`` from ``data``, the bytes of the file from ``start`` on."""
        middle = self._rests[number] - start
        return _unpickled(
            data[self._offsets[number] - start : middle], data[middle : self._offsets[number + 1] - start]
        )

    def _in_order(self) -> Iterator[tuple[int, memoryview, int]]:
        """Each document's number, and bytes of the file that hold it, from ``start`` on (a
        megabyte read at a time)."""
        offsets, number = self._offsets, 0
        while number < len(self):
            start = offsets[number]
            last = number + 1  # as many whole documents as fit in a read, and at least one
            while last < len(self) and offsets[last + 1] - start <= _READ:
                last += 1
            data = memoryview(self._read(start, offsets[last] - start))
            for each in range(number, last):
                yield each, data, start
            number = last

    def flush(self) -> None:
        """Write what is appended but still buffered to the file (before another process reads it)."""
        if not self._written:
            self._file.flush()
            self._written = True

    def _read(self, start: int, size: int) -> bytes:
        self.flush()
        return os.pread(self._file.fileno(), size, start)


class Buckets(_Scratch):
    """Records of fixed width (unsigned 64-bit values) partitioned into buckets, kept in one
    scratch file in chunks: appended to a bucket's buffer, written out when the buffers hold
    ``buffered`` values in all, and read back bucket by bucket."""

    __slots__ = ("_buffered", "_chunks", "_file", "_held", "buffers")

    def __init__(self, count: int, *, buffered: int = 1 << 18) -> None:
        self._file = tempfile.TemporaryFile(buffering=_BUFFER, prefix="sxstm-buckets-")  # noqa: SIM115 - closed by close()
        self.buffers = [
            array("Q") for _ in range(count)
        ]  # filled by the caller, then written out as :meth:`added` says
        self._chunks: list[list[tuple[int, int]]] = [[] for _ in range(count)]  # (offset, size) of each chunk
        self._buffered = buffered
        self._held = 0

    def close(self) -> None:
        """Remove the scratch file."""
        self._file.close()

    def added(self, values: int) -> None:
        """Note that ``values`` were appended to the buffers; write them out when they hold enough."""
        self._held += values
        if self._held >= self._buffered:
            self._spill()

    def _spill(self) -> None:
        for buffer, chunks in zip(self.buffers, self._chunks, strict=True):
            if buffer:
                data = buffer.tobytes()
                chunks.append((self._file.tell(), len(data)))
                self._file.write(data)
                del buffer[:]
        self._held = 0

    def __iter__(self) -> Iterator[array[int]]:
        """The values of each bucket in turn, in the order appended."""
        self._spill()
        self._file.flush()
        descriptor = self._file.fileno()
        for chunks in self._chunks:
            values = array("Q")
            for offset, size in chunks:
                values.frombytes(os.pread(descriptor, size, offset))
            yield values


class FindingFile(_Scratch, Collection[Finding]):
    """The findings of a run, in the order added, kept in a scratch file a few thousand at a
    time (as rows, :mod:`~sxstm.checks.rows`), and read back in order as often as asked: held
    in memory, the bench's 64,645 findings took 45 MB of the main process, each holding its
    pair's texts. Counts by severity are kept as they come."""

    __slots__ = ("_chunks", "_counts", "_file", "_held", "_size")

    def __init__(self, findings: Iterable[Finding] = ()) -> None:
        self._file = tempfile.TemporaryFile(prefix="sxstm-findings-")  # noqa: SIM115 - closed by close()
        self._chunks = array("Q", [0])  # where each chunk written starts, and where the last ends
        self._held: list[Row] = []  # the rows of the findings added since the last chunk was written
        self._size = 0
        self._counts = dict.fromkeys(Severity, 0)
        self.extend(findings)

    def close(self) -> None:
        """Remove the scratch file."""
        self._file.close()
        self._held.clear()

    def extend(self, findings: Iterable[Finding]) -> None:
        """Keep ``findings``, after those kept before (taken a chunk at a time from an iterator)."""
        taken = iter(findings)
        while chunk := tuple(islice(taken, _FINDINGS_HELD)):
            self.extend_rows(to_rows(chunk))

    def extend_rows(self, rows: Iterable[Row]) -> None:
        """Keep the findings of ``rows`` (see :func:`~sxstm.checks.rows.to_rows`), after those kept before."""
        self._held.extend(rows)
        if len(self._held) >= _FINDINGS_HELD:
            self._write()

    def _write(self) -> None:
        held = self._held
        # Counted per chunk in C (list.count), not by asking each finding's severity for its hash.
        severities = [row[3] for row in held]
        for severity in self._counts:
            self._counts[severity] += severities.count(severity)
        data = pickle.dumps(tuple(held), pickle.HIGHEST_PROTOCOL)
        self._file.write(data)
        self._chunks.append(self._chunks[-1] + len(data))
        self._size += len(held)
        held.clear()

    def counts(self) -> dict[Severity, int]:
        """How many findings there are of each severity."""
        counts = dict(self._counts)
        for row in self._held:
            counts[row[3]] += 1
        return counts

    def __len__(self) -> int:
        return self._size + len(self._held)

    def __iter__(self) -> Iterator[Finding]:
        """Every finding, in the order added."""
        self._file.flush()
        descriptor, chunks = self._file.fileno(), self._chunks
        for number in range(len(chunks) - 1):
            rows = pickle.loads(os.pread(descriptor, chunks[number + 1] - chunks[number], chunks[number]))
            yield from from_rows(rows)
        yield from from_rows(tuple(self._held))

    def __contains__(self, finding: object) -> bool:
        return any(finding == each for each in self)
