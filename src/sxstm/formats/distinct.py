"""Count the distinct units of a deduplicated export in partitions on disk, so that the process
joining them needs the same few MB for any number of pairs (issue #16: the units of the bench's
411,162 pairs held in memory took the joining process from 62 to 138 MB between a quarter of it
and all of it).

The texts of the units are written, as each document is rendered, to a file of the process that
renders it (:func:`spill`: a worker's, in a scratch folder of the run), and only their keys and
places cross to the joining process (the bench's texts, about 200 MB, were pickled by the
workers, unpickled by the parent and written again to its own scratch file).
There a fixed-width index record per unit goes to one of the bucket files, chosen by the unit's
source key: all the targets of a source meet in one bucket. A unit met again soon after its last
occurrence is only counted in memory, and written as a record of repeats when forgotten. At the
end, one bucket at a time is read whole and its units counted; its chosen units go to a file of
runs, in the order their sources were first met (half the buckets in a process forked for it,
beside the other half, in a file of runs of its own); the buckets' runs are then merged, one
record of each in a heap, and each unit's text read back from the file it was written to.

Memory: counting a bucket takes about 370 bytes per index record in it (dicts, lists, the chosen
units' records), and a bucket holds a 64th of the units met for the first time since their keys
left the memory of units met lately, plus the records of repeats: 4,600 to 5,000 records, 1.8 MB,
on the bench's 411,162 pairs. That grows by about 0.45 MB per 100,000 pairs, passing 10 MB from
about 2.3 million pairs, where more buckets would keep it down. The rest is fixed: a write buffer
per bucket (64 x 8 KB), a merge block per bucket (64 x 128 chosen units as numbers: 2 MB), the
units met lately (8,192 keys: 1 MB), a read buffer per file of texts (256 KB), 64 documents.
"""

from __future__ import annotations

import functools
import os
import struct
import sys
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, suppress
from heapq import heapify, heappop, heapreplace
from types import TracebackType
from typing import IO, Final

from sxstm.output import scratch_space
from sxstm.workers import run_in_background

KEY: Final = 16  # a key: a 16-byte digest; a unit's record starts with two, its source's then its pair's
_KEYS: Final = 32
_BUCKETS: Final = 64
# A unit as the process rendering it tells it: its two keys, then where its text is in that
# process's file of texts and its size, as 8-byte numbers.
_UNIT: Final = struct.Struct("<32sQQ")
# A document as the process rendering it tells it: where its record is in that process's file of
# texts and its size; the file's path follows (none: the joining process's own file).
_HEAD: Final = struct.Struct("<QQ")
SPILLED: Final = "units"  # the key of the record of a document's units, after the document's
# An index record: the two keys, then as 8-byte numbers the unit's order (index records written
# before it), where its text is and its size, where its document's record is, and its size plus
# 2**40 if a human translated the document (its byte 69 is then 1). A record of repeats holds,
# after the keys, how many there were, 0, 0, 0, and 2**41 plus 2**40 if a human translated one
# (its byte 69 is 2 or 3). A place is the file of texts' number times 2**48 plus where in that file.
_INDEX: Final = struct.Struct("<32sQQQQQ")
_INDEX_SIZE: Final = 72
_HUMAN: Final = 1 << 40
_REPEATS: Final = 1 << 41
_HUMAN_AT: Final = 69
_SIZE: Final = _HUMAN - 1
_FILE_AT: Final = 48
_PLACE: Final = (1 << _FILE_AT) - 1
# A chosen unit, six 8-byte numbers: the order of its source's first unit (the order of the
# output), then the index record's four numbers after its order, then its count.
_CHOSEN_SIZE: Final = 48
_SEEN: Final = 8192  # units' keys kept in seen (about 110 bytes each)
_BUFFER: Final = 8192  # bytes of index records a bucket gathers before they are written
# Bytes of a bucket's run read at once by the merge, as a list of numbers (40 bytes each: 2 MB
# for 64 buckets).
_MERGE_BLOCK: Final = 128 * _CHOSEN_SIZE
_READ_BUFFER: Final = 1 << 18  # bytes a file of texts is read ahead by
_WRITE_BUFFER: Final = 1 << 20  # bytes a file of texts gathers (it is written at every document's end)
# Index records from which half the buckets are counted in a process of their own: on fewer, the
# count takes less time than starting it (the bench's 300,000 took a tenth of a second).
_APART_FROM: Final = 100_000
_DOCUMENTS_KEPT: Final = 64  # documents' records kept read at the end: a unit's is nearly always one of the last


class _TextFile:
    """A file of the texts of documents' units, written by the process that renders them."""

    def __init__(self, file: IO[bytes], path: bytes) -> None:
        self.file = file
        self.path = path  # how the joining process finds it (b"": its own)
        self.size = 0

    def write(self, document: bytes, records: Iterable[tuple[str, bytes]]) -> tuple[bytes, bytes]:
        """Write a document's record and its units' texts (each record: the unit's keys, then its
        text); return the document's head and its units' records (see :data:`_UNIT`). A document
        without a unit writes nothing."""
        units = bytearray()
        file = self.file
        place = self.size + len(document)
        for _, record in records:
            if not units:
                file.write(document)
            text = memoryview(record)[_KEYS:]
            units += _UNIT.pack(record[:_KEYS], place, len(text))
            file.write(text)
            place += len(text)
        if not units:
            return _HEAD.pack(0, 0), b""
        file.flush()  # the joining process reads it, at the end, through a file of its own
        head = _HEAD.pack(self.size, len(document)) + self.path
        self.size = place
        return head, bytes(units)


# This process's files of texts, by scratch folder: a worker writes one for its run; a process
# that renders in itself may meet several runs one after another.
_text_files: dict[str, _TextFile] = {}
_owner = 0  # the process _text_files belongs to: a forked worker starts with none


def spill(records: Iterator[tuple[str, bytes]], folder: str) -> list[tuple[str, bytes]]:
    """Write a document's records (its own, then its units' with their keys) to this process's
    file of texts in the scratch folder ``folder``; return what crosses to the joining process
    instead: the document's kind with its head, then :data:`SPILLED` with its units' records."""
    global _owner
    if _owner != os.getpid():
        _text_files.clear()
        _owner = os.getpid()
    kind, document = next(records)
    with scratch_space(folder):
        text_file = _text_files.get(folder)
        if text_file is None:
            # A name of its own, never one to reuse: a process with a recycled pid, or the next
            # file of this process, must not truncate a file the joining process still reads.
            descriptor, path = tempfile.mkstemp(prefix="texts-", dir=folder)
            text_file = _TextFile(open(descriptor, "wb", buffering=_WRITE_BUFFER), os.fsencode(path))  # noqa: SIM115
            _text_files[folder] = text_file
        try:
            head, units = text_file.write(document, records)
        except BaseException:  # its size is no longer known: the next document starts a new file
            close_text_file(folder)
            raise
    return [(kind, head), (SPILLED, units)]


def close_text_file(folder: str) -> None:
    """Close this process's file of texts in the scratch folder ``folder``, if any: its run has ended."""
    text_file = _text_files.pop(folder, None) if _owner == os.getpid() else None
    if text_file is not None:
        with suppress(OSError):  # a write that failed is tried again (see DistinctUnits.__exit__)
            text_file.file.close()


class DistinctUnits:
    """The distinct units of an export and how often each occurs, on disk until every count is known."""

    def __init__(
        self, folder: str = "", *, buckets: int = _BUCKETS, recent: int = _SEEN, apart_from: int = _APART_FROM
    ) -> None:
        """``folder``: the run's scratch folder where the files of texts are (see :func:`spill`);
        ``apart_from``: the units (index records) from which :meth:`chosen` may count in two processes."""
        if not 1 <= buckets <= 256:
            raise ValueError("a bucket is chosen by a key's first byte: 1 to 256 buckets")
        self.files = ExitStack()  # the scratch and bucket files, closed by __exit__
        try:
            with scratch_space(tempfile.gettempdir()):  # 65 files: the limit of open files may be hit
                # Its own file of texts, for documents rendered and sent with their texts (add_texts).
                own = self.files.enter_context(tempfile.TemporaryFile(buffering=_WRITE_BUFFER))  # noqa: SIM115
                self.buckets = [
                    self.files.enter_context(tempfile.TemporaryFile(buffering=0))  # noqa: SIM115
                    for _ in range(buckets)
                ]
        except BaseException:
            self.files.close()
            raise
        self.own = _TextFile(own, b"")
        self.buffers = [bytearray() for _ in range(buckets)]
        # The files of texts by number, as descriptors, and the numbers by path.
        self.descriptors: list[int] = [self.own.file.fileno()]
        self.file_numbers: dict[bytes, int] = {b"": 0}
        self.folder = folder
        self.indexed = 0  # index records written: the next one's order
        # The keys of the units met lately, each with how often it was met again since, times 2,
        # plus 1 if once in a document a human translated. Nine in ten of the bench's repeated
        # units are met again within 8,192 distinct units, and a record of the count of repeats
        # takes the place of their index records (133,000 of 411,162), which the end then need not
        # count one by one.
        self.seen: dict[bytes, int] = {}
        self.recent = recent
        self.apart_from = apart_from
        self.distinct = 0  # distinct units, known once chosen has run

    def __enter__(self) -> DistinctUnits:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        for descriptor in self.descriptors[1:]:
            os.close(descriptor)
        # Closing a scratch file whose write failed (a full disk) tries the write again, and would
        # put its error in the place of the one reported; what they held is of no use any more.
        with suppress(OSError):
            self.files.close()
        close_text_file(self.folder)  # where this process rendered documents itself (-j 1)

    def add_texts(self, document: bytes, records: Iterable[tuple[str, bytes]], *, human: bool) -> None:
        """Keep a document's record and its units' records (each: its source key, its pair key,
        its text), writing the texts to this process's own file. ``human`` says a human
        translated the document."""
        head, units = self.own.write(document, records)
        self.add(head, units, human=human)

    def add(self, head: bytes, units: bytes, *, human: bool) -> None:
        """Keep a document's units, whose texts are written (see :func:`spill`): ``head`` says
        where its record is, ``units`` holds each unit's keys and where its text is; an index
        record per unit goes to its source's bucket. ``human`` says a human translated the document."""
        if not units:
            return
        document_place, document_size = _HEAD.unpack_from(head)
        path = head[_HEAD.size :]
        number = self.file_numbers.get(path, -1)
        if number < 0:
            number = len(self.descriptors)
            self.descriptors.append(os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)))
            self.file_numbers[path] = number
        base = number << _FILE_AT
        document_place |= base
        document_tail = document_size | (_HUMAN if human else 0)
        flag = 1 if human else 0
        count = len(self.buffers)
        seen = self.seen
        for keys, place, size in _UNIT.iter_unpack(units):
            repeats = seen.get(keys, -1)
            if repeats >= 0:  # met lately: its text and place are known, only its count is wanted
                seen[keys] = (repeats + 2) | flag
                continue
            if len(seen) >= self.recent:
                self._write_repeats()
            seen[keys] = 0
            bucket = keys[0] % count
            buffer = self.buffers[bucket]
            buffer.extend(_INDEX.pack(keys, self.indexed, place | base, size, document_place, document_tail))
            if len(buffer) >= _BUFFER:
                self.buckets[bucket].write(buffer)
                buffer.clear()
            self.indexed += 1

    def _write_repeats(self) -> None:
        """Write a record of the units met again lately, with how often, and forget them."""
        count = len(self.buffers)
        for keys, repeats in self.seen.items():
            if repeats:
                bucket = keys[0] % count
                buffer = self.buffers[bucket]
                buffer.extend(_INDEX.pack(keys, repeats >> 1, 0, 0, 0, _REPEATS | (_HUMAN if repeats & 1 else 0)))
                if len(buffer) >= _BUFFER:
                    self.buckets[bucket].write(buffer)
                    buffer.clear()
        self.seen.clear()

    def chosen(self, *, all_targets: bool, processes: int = 1) -> Iterator[tuple[bytes, bytes, int]]:
        """Yield the record of the document, the text and the count of each unit to write, in
        order: per source, its most frequent unit (a tie goes to one met in a document a human
        translated, then to the first met), or with ``all_targets`` every unit, most frequent
        first; the sources in the order they were first met. With ``processes`` above 1 and
        enough units, half the buckets are counted in a process forked for it, beside this one."""
        if not self.indexed:
            return
        # A failed write here is the scratch files', which the output's errors would be taken for.
        with scratch_space(), ExitStack() as files:
            self._write_repeats()
            for number, bucket in enumerate(self.buckets):
                bucket.write(self.buffers[number])
                self.buffers[number].clear()
            everyone = range(len(self.buckets))
            ours = files.enter_context(tempfile.TemporaryFile())
            if processes < 2 or len(everyone) < 2 or self.indexed < self.apart_from:
                segments, distinct = self._count_into(everyone, ours.fileno(), all_targets=all_targets)
            else:
                # The bench's count took a tenth of a second of the export's end, where the other core is idle.
                theirs = files.enter_context(tempfile.TemporaryFile())
                count = functools.partial(self._count_into, everyone[1::2], theirs.fileno(), all_targets=all_targets)
                later = files.enter_context(run_in_background(count))
                segments, distinct = self._count_into(everyone[0::2], ours.fileno(), all_targets=all_targets)
                their_segments, their_distinct = later()
                halves = (segments, their_segments)
                segments = [halves[number % 2][number // 2] for number in everyone]
                distinct += their_distinct
            self.distinct += distinct
            yield from self._merged(segments)

    def _count_into(self, numbers: range, runs: int, *, all_targets: bool) -> tuple[list[tuple[int, int, int]], int]:
        """Count the buckets ``numbers`` and write their chosen units' records to the file of
        runs ``runs`` (a descriptor), one bucket after the other; return where each bucket's run
        is, as (descriptor, start, end), and how many distinct units they hold."""
        segments: list[tuple[int, int, int]] = []
        start = distinct = 0
        for number in numbers:
            bucket = self.buckets[number]  # its offset is shared with a process forked, which reads other buckets
            bucket.seek(0)
            chosen, units = self._count(bucket.readall(), all_targets=all_targets)
            _write_all(runs, chosen)
            segments.append((runs, start, start + len(chosen)))
            start += len(chosen)
            distinct += units
        return segments, distinct

    def _count(self, data: bytes, *, all_targets: bool) -> tuple[bytes, int]:
        """Count the units of a bucket's index records; return its chosen units' records in order,
        and how many distinct units it holds."""
        units: dict[bytes, int] = {}  # pair key -> unit number
        sources: dict[bytes, int] = {}  # source key -> source number, in order first met
        # By unit number: its source's number, its count, 1 if met in a document a human
        # translated, where its first index record is in data.
        source: list[int] = []
        counts: list[int] = []
        human: list[int] = []
        first: list[int] = []
        first_unit: list[int] = []  # by source number: its first unit's number
        for at in range(0, len(data), _INDEX_SIZE):
            pair_key = data[at + KEY : at + _KEYS]
            number = units.get(pair_key, -1)
            flags = data[at + _HUMAN_AT]
            if number >= 0:
                if flags & 2:
                    counts[number] += int.from_bytes(data[at + _KEYS : at + _KEYS + 8], "little")
                else:
                    counts[number] += 1
                if flags & 1:
                    human[number] = 1
                continue
            number = len(counts)
            units[pair_key] = number
            source_key = data[at : at + KEY]
            of = sources.get(source_key, -1)
            if of < 0:
                of = len(first_unit)
                sources[source_key] = of
                first_unit.append(number)
            source.append(of)
            counts.append(1)
            human.append(flags)  # a unit's first record is no record of repeats
            first.append(at)
        if all_targets:
            order = sorted(range(len(counts)), key=lambda n: (source[n], -counts[n], -human[n], n))
        else:
            order = [-1] * len(first_unit)
            for number in range(len(counts)):
                of = source[number]
                held = order[of]
                if held < 0 or (counts[number], human[number]) > (counts[held], human[held]):
                    order[of] = number
        # Parts joined a few hundred at a time: += on a bytearray cost four times as much a part,
        # and a list of them all doubled the memory a bucket takes.
        chosen: list[bytes] = []
        parts: list[bytes] = []
        for number in order:
            at = first[number] + _KEYS + 8
            head = first[first_unit[source[number]]] + _KEYS  # the order of its source's first unit
            parts.append(data[head : head + 8])
            parts.append(data[at : at + _INDEX_SIZE - _KEYS - 8])  # its four numbers after the order
            parts.append(counts[number].to_bytes(8, "little"))
            if len(parts) >= 768:
                chosen.append(b"".join(parts))
                parts.clear()
        chosen.append(b"".join(parts))
        return b"".join(chosen), len(counts)

    def _merged(self, segments: list[tuple[int, int, int]]) -> Iterator[tuple[bytes, bytes, int]]:
        """Merge the buckets' runs of chosen units, each in a file of runs (its descriptor, start
        and end); yield each unit's document record, text and count."""
        width = len(segments)
        runs: list[int] = []  # by bucket: the file of runs its run is in
        blocks: list[list[int]] = []  # by bucket: the numbers of the chosen units of its run read
        at_in: list[int] = []  # by bucket: where its next unit's numbers are in its block
        places: list[int] = []  # by bucket: where its run goes on in the file of runs
        ends: list[int] = []
        heap: list[int] = []  # by bucket with units left: its next unit's order, then the bucket
        for bucket, (descriptor, start, end) in enumerate(segments):
            block = _numbers(os.pread(descriptor, min(_MERGE_BLOCK, end - start), start))
            runs.append(descriptor)
            blocks.append(block)
            at_in.append(0)
            places.append(start + len(block) * 8)
            ends.append(end)
            if block:
                heap.append(block[0] * width + bucket)
        heapify(heap)
        # A buffered reader per file of texts, not a pread a unit: the chosen units come nearly
        # all in the order they were kept, each after its document's record, so a unit is read on
        # from where the last one of its file ended and seeks are few (a memory map would count
        # the files' pages as the process's memory).
        with ExitStack() as readers:
            files = [
                readers.enter_context(open(descriptor, "rb", buffering=_READ_BUFFER, closefd=False))
                for descriptor in self.descriptors
            ]
            ats = [-1] * len(files)  # where each reader is: seek first
            documents: dict[int, bytes] = {}
            while heap:
                bucket = heap[0] % width
                block = blocks[bucket]
                next_at = at_in[bucket]
                place = block[next_at + 1]
                size = block[next_at + 2]
                document_place = block[next_at + 3]
                document_size = block[next_at + 4] & _SIZE
                count = block[next_at + 5]
                next_at += 6
                if next_at == len(block):
                    next_at = 0
                    if places[bucket] < ends[bucket]:
                        block = _numbers(
                            os.pread(runs[bucket], min(_MERGE_BLOCK, ends[bucket] - places[bucket]), places[bucket])
                        )
                        places[bucket] += len(block) * 8
                    else:
                        block = []
                    blocks[bucket] = block
                at_in[bucket] = next_at
                if block:
                    heapreplace(heap, block[next_at] * width + bucket)
                else:
                    heappop(heap)
                number = place >> _FILE_AT
                kept = files[number]
                at = ats[number]
                document = documents.get(document_place)
                if document is None:
                    if len(documents) >= _DOCUMENTS_KEPT:
                        documents.clear()
                    if document_place & _PLACE != at:
                        kept.seek(document_place & _PLACE)
                    document = kept.read(document_size)
                    documents[document_place] = document
                    at = (document_place & _PLACE) + document_size
                place &= _PLACE
                if place != at:
                    kept.seek(place)
                text = kept.read(size)
                ats[number] = place + size
                yield document, text, count


def _write_all(descriptor: int, data: bytes) -> None:
    """Write all of ``data`` to the file ``descriptor`` (a write may take only part of it)."""
    view = memoryview(data)
    while view:
        written = os.write(descriptor, view)  # not in the slice: compiled, mypyc evaluated it twice there
        view = view[written:]


def _numbers(data: bytes) -> list[int]:
    """Read little-endian 8-byte numbers."""
    numbers = array("Q", data)
    if sys.byteorder != "little":
        numbers.byteswap()
    return numbers.tolist()
