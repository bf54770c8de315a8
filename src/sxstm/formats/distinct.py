"""Count the distinct units of a deduplicated export in partitions on disk, so that the process
joining them needs the same few MB for any number of pairs (issue #16: the units of the bench's
411,162 pairs held in memory took the joining process from 62 to 138 MB between a quarter of it
and all of it).

During the run, each document's record and its units' texts go to a scratch file, and a
fixed-width index record per unit to one of the bucket files, chosen by the unit's source key:
all the targets of a source meet in one bucket. A unit met again soon after its last occurrence
is only counted in memory, and written as a record of repeats when forgotten. At the end, one
bucket at a time is read whole and its units counted; its chosen units go to a file of runs, in
the order their sources were first met; the buckets' runs are then merged, one record of each in
a heap, and each unit's text read back from the scratch file.

Memory: counting a bucket takes about 370 bytes per index record in it (dicts, lists, the chosen
units' records), and a bucket holds a 64th of the units met for the first time since their keys
left the memory of units met lately, plus the records of repeats: 4,600 to 5,000 records, 1.8 MB,
on the bench's 411,162 pairs. That grows by about 0.45 MB per 100,000 pairs, passing 10 MB from
about 2.3 million pairs, where more buckets would keep it down. The rest is fixed: a write buffer
per bucket (64 x 8 KB), a merge block per bucket (64 x 128 chosen units as numbers: 2 MB), the
units met lately (8,192 keys: 1 MB), the scratch file's read buffer (256 KB), 64 documents.
"""

from __future__ import annotations

import os
import struct
import sys
import tempfile
from array import array
from collections.abc import Iterator
from contextlib import ExitStack
from heapq import heapify, heappop, heapreplace
from types import TracebackType
from typing import Final

from sxstm.output import scratch_space

KEY: Final = 16  # a key: a 16-byte digest; a unit's record starts with two, its source's then its pair's
_KEYS: Final = 32
_BUCKETS: Final = 64
# An index record: the two keys, then as 8-byte numbers where the unit's text is in the scratch
# file and its size, where its document's record is, and its size plus 2**40 if a human
# translated the document (its byte 61 is then 1). A record of repeats holds, after the keys, how
# many there were, 0, 0, and 2**41 plus 2**40 if a human translated one (its byte 61 is 2 or 3).
_INDEX: Final = struct.Struct("<32sQQQQ")
_INDEX_SIZE: Final = 64
_HUMAN: Final = 1 << 40
_REPEATS: Final = 1 << 41
_HUMAN_AT: Final = 61
_SIZE: Final = _HUMAN - 1
# A chosen unit, six 8-byte numbers: the place of its source's first unit (the order of the
# output), then the index record's four numbers, then its count.
_CHOSEN_SIZE: Final = 48
_SEEN: Final = 8192  # units' keys kept in seen (about 110 bytes each)
_BUFFER: Final = 8192  # bytes of index records a bucket gathers before they are written
# Bytes of a bucket's run read at once by the merge, as a list of numbers (40 bytes each: 2 MB
# for 64 buckets).
_MERGE_BLOCK: Final = 128 * _CHOSEN_SIZE
_READ_BUFFER: Final = 1 << 18  # bytes the scratch file is read ahead by
_DOCUMENTS_KEPT: Final = 64  # documents' records kept read at the end: a unit's is nearly always one of the last


class DistinctUnits:
    """The distinct units of an export and how often each occurs, on disk until every count is known."""

    def __init__(self, *, buckets: int = _BUCKETS, recent: int = _SEEN) -> None:
        if not 1 <= buckets <= 256:
            raise ValueError("a bucket is chosen by a key's first byte: 1 to 256 buckets")
        self.files = ExitStack()  # the scratch and bucket files, closed by __exit__
        self.scratch = self.files.enter_context(tempfile.TemporaryFile())  # noqa: SIM115
        self.buckets = [
            self.files.enter_context(tempfile.TemporaryFile(buffering=0))  # noqa: SIM115
            for _ in range(buckets)
        ]
        self.buffers = [bytearray() for _ in range(buckets)]
        self.size = 0  # bytes in the scratch file
        # The keys of the units met lately, each with how often it was met again since, times 2,
        # plus 1 if once in a document a human translated. Nine in ten of the bench's repeated
        # units are met again within 8,192 distinct units: their texts are not written (46 of its
        # 51 MB of repeated texts), and a record of the count of repeats takes the place of their
        # index records (133,000 of 411,162), which the end then need not count one by one.
        self.seen: dict[bytes, int] = {}
        self.recent = recent
        self.distinct = 0  # distinct units, known once chosen has run

    def __enter__(self) -> DistinctUnits:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.files.close()

    def add(self, document: bytes, records: Iterator[tuple[str, bytes]], *, human: bool) -> None:
        """Keep a document's record and its units' ``records`` (each: its source key, its pair key,
        its text): the texts in the scratch file, an index record per unit in its source's bucket.
        ``human`` says a human translated the document."""
        texts: list[bytes | memoryview] = [document]
        document_place = self.size
        document_size = len(document)
        place = document_place + document_size
        document_tail = document_size | (_HUMAN if human else 0)
        flag = 1 if human else 0
        count = len(self.buffers)
        seen = self.seen
        for _, record in records:
            keys = record[:_KEYS]
            repeats = seen.get(keys, -1)
            if repeats >= 0:  # met lately: its text and place are known, only its count is wanted
                seen[keys] = (repeats + 2) | flag
                continue
            if len(seen) >= self.recent:
                self._write_repeats()
            seen[keys] = 0
            text = memoryview(record)[_KEYS:]
            size = len(text)
            bucket = record[0] % count
            buffer = self.buffers[bucket]
            buffer.extend(_INDEX.pack(keys, place, size, document_place, document_tail))
            if len(buffer) >= _BUFFER:
                self.buckets[bucket].write(buffer)
                buffer.clear()
            texts.append(text)
            place += size
        if len(texts) > 1:  # the document's record is kept only with a unit
            self.scratch.write(b"".join(texts))
            self.size = place

    def _write_repeats(self) -> None:
        """Write a record of the units met again lately, with how often, and forget them."""
        count = len(self.buffers)
        for keys, repeats in self.seen.items():
            if repeats:
                bucket = keys[0] % count
                buffer = self.buffers[bucket]
                buffer.extend(_INDEX.pack(keys, repeats >> 1, 0, 0, _REPEATS | (_HUMAN if repeats & 1 else 0)))
                if len(buffer) >= _BUFFER:
                    self.buckets[bucket].write(buffer)
                    buffer.clear()
        self.seen.clear()

    def chosen(self, *, all_targets: bool) -> Iterator[tuple[bytes, bytes, int]]:
        """Yield the record of the document, the text and the count of each unit to write, in
        order: per source, its most frequent unit (a tie goes to one met in a document a human
        translated, then to the first met), or with ``all_targets`` every unit, most frequent
        first; the sources in the order they were first met."""
        if not self.size:
            return
        # A failed write here is the scratch files', which the output's errors would be taken for.
        with scratch_space(), tempfile.TemporaryFile() as runs:
            self._write_repeats()
            segments: list[tuple[int, int]] = []
            start = 0
            for number, bucket in enumerate(self.buckets):
                bucket.write(self.buffers[number])
                self.buffers[number].clear()
                bucket.seek(0)
                chosen = self._count(bucket.readall(), all_targets=all_targets)
                runs.write(chosen)
                segments.append((start, start + len(chosen)))
                start += len(chosen)
            runs.flush()
            self.scratch.flush()
            yield from self._merged(runs.fileno(), segments)

    def _count(self, data: bytes, *, all_targets: bool) -> bytes:
        """Count the units of a bucket's index records; return its chosen units' records in order."""
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
        self.distinct += len(counts)
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
            at = first[number] + _KEYS
            head = first[first_unit[source[number]]] + _KEYS  # the place of its source's first unit
            parts.append(data[head : head + 8])
            parts.append(data[at : at + _INDEX_SIZE - _KEYS])
            parts.append(counts[number].to_bytes(8, "little"))
            if len(parts) >= 768:
                chosen.append(b"".join(parts))
                parts.clear()
        chosen.append(b"".join(parts))
        return b"".join(chosen)

    def _merged(self, runs: int, segments: list[tuple[int, int]]) -> Iterator[tuple[bytes, bytes, int]]:
        """Merge the buckets' runs of chosen units; yield each unit's document record, text and count."""
        width = len(segments)
        blocks: list[list[int]] = []  # by bucket: the numbers of the chosen units of its run read
        at_in: list[int] = []  # by bucket: where its next unit's numbers are in its block
        places: list[int] = []  # by bucket: where its run goes on in the file of runs
        ends: list[int] = []
        heap: list[int] = []  # by bucket with units left: its next unit's order, then the bucket
        for bucket, (start, end) in enumerate(segments):
            block = _numbers(os.pread(runs, min(_MERGE_BLOCK, end - start), start))
            blocks.append(block)
            at_in.append(0)
            places.append(start + len(block) * 8)
            ends.append(end)
            if block:
                heap.append(block[0] * width + bucket)
        heapify(heap)
        at = -1  # the descriptor is at the end of the last write: seek first
        documents: dict[int, bytes] = {}
        with open(self.scratch.fileno(), "rb", buffering=_READ_BUFFER, closefd=False) as kept:
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
                            os.pread(runs, min(_MERGE_BLOCK, ends[bucket] - places[bucket]), places[bucket])
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
                # A buffered reader, not a pread a unit: the chosen units come nearly all in the
                # order they were kept, each after its document's record, so a unit is read on from
                # where the last one ended and seeks are few (a memory map would count the scratch
                # file's pages as the process's memory).
                document = documents.get(document_place)
                if document is None:
                    if len(documents) >= _DOCUMENTS_KEPT:
                        documents.clear()
                    if document_place != at:
                        kept.seek(document_place)
                    document = kept.read(document_size)
                    documents[document_place] = document
                    at = document_place + document_size
                if place != at:
                    kept.seek(place)
                text = kept.read(size)
                at = place + size
                yield document, text, count


def _numbers(data: bytes) -> list[int]:
    """Read little-endian 8-byte numbers."""
    numbers = array("Q", data)
    if sys.byteorder != "little":
        numbers.byteswap()
    return numbers.tolist()
