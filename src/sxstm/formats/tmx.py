"""TMX 1.4b: one ``<tu>`` per source and locale with its most frequent target; or per distinct
(source, target, locale) with ``--all-targets``; or per pair with ``--no-dedupe``.

A pair with an empty side is left out: a CAT tool would offer the empty side as a match.
Deduplicated units keep the properties of their first occurrence and an ``x-occurrences`` count.
The target of a source is its most frequent one; a tie goes to a target a human translated
(found in an HT document), then to the first met. Distinct units wait on disk, not in memory,
until every count is known (see :mod:`.distinct`).

Inline tags carry no ``type`` and their ``i`` is unique in the file (see :mod:`.tags`): OmegaT
names a tag from ``type`` and takes a letter from an earlier ``<bpt>`` with the same ``i``.
A reviewed TMX is read back as a translation memory: a unit stands for every pair with its source.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from io import BytesIO
from typing import BinaryIO, Final

from sxstm.formats.distinct import KEY, DistinctUnits, spill
from sxstm.formats.pairs import export_text, xml_pair
from sxstm.formats.registry import Chunk, ExportOptions, ExportReport, register
from sxstm.formats.xmlread import XML_LANG, ended, line_of, markup, read_xml
from sxstm.formats.xmltext import escape_attr, escape_clean, escape_text
from sxstm.model import Document, Finding, Pair, ReviewedUnit
from sxstm.output import scratch_space
from sxstm.version import __version__

# The constants are Final: mypyc compiles them into the code, where it looks any other global
# up in the module's dictionary at every use (four times a unit in the former in-memory count of
# the units, the joiner's per-unit work during the run, which Final cut by a fifth).

# Front-matter fields copied to every unit, as x- properties.
_METADATA_PROPS: Final = ("ms.sourcegitcommit", "ms.openlocfilehash", "ms.locfileid")
# It cannot occur in escaped XML 1.0 text: it splits a record into the parts between which the
# parent puts what a unit's document or its count adds.
_SPLIT: Final = b"\x00"
# The record key: whether the document is a human translation.
_HUMAN: Final = "ht"
_MACHINE: Final = "mt"
_BATCH: Final = 256  # units written at once
_UNIT_END: Final = b"</seg></tuv>\n    </tu>\n"
_TAG_I: Final = b'pt i="'  # the ``i`` of a ``<bpt>`` or ``<ept>`` follows
# The hash of a unit's keys, empty: a copy of it is made at less cost than a hash made by keywords
# (as checks.keys makes its keys).
_EMPTY_KEY_HASH: Final = hashlib.blake2b(digest_size=KEY)
# The bytes renumber_tags reads, as the integers indexing bytes gives.
_LESS: Final = 0x3C  # <
_B: Final = 0x62  # b
_E: Final = 0x65  # e
_QUOTE: Final = 0x22  # "
_ZERO: Final = 0x30  # 0
_NINE: Final = 0x39  # 9
EMPTY_SIDE = "pairs with an empty side left out"
OTHER_TARGETS = "other targets of a source left out (--all-targets keeps them)"


def render_tmx(document: Document, options: ExportOptions) -> Chunk:
    """Render the document's record, then the ``<tu>`` of every pair without an empty side as a
    record, one at a time.

    What every unit of a document shares crosses to the parent once, in the document's record: its
    key tells whether a human translated the document (``ht``) or not (``mt``); its text is the
    opening of a ``<tu>`` up to the pair's id, and the document's properties, split by ``\x00``. A
    unit's record (key ``""``) is the rest of its ``<tu>`` in three parts split by ``\x00``: the
    end of the ``tuid`` line, where the document's properties follow; the pair's properties,
    where ``x-occurrences`` follows; the ``<tuv>``s. With ``options.dedupe`` two 16-byte keys come
    first, one for the source and locale, one for the source, target and locale; and with
    ``options.scratch`` the texts are written to this process's file there, and the records say
    where (see :func:`.distinct.spill`)."""
    findings: list[Finding] = []
    kept = [
        pair
        for pair in document.pairs
        if _holds_text(export_text(pair.source)) and _holds_text(export_text(pair.target))
    ]
    records = _units(document, kept, options, findings)
    return Chunk(
        document.path,
        document.source_locale,
        document.target_locale,
        spill(records, options.scratch) if options.dedupe and options.scratch else records,
        len(kept),
        findings,
        left_out=len(document.pairs) - len(kept),
    )


def _holds_text(text: str) -> bool:
    """Tell whether ``text`` holds more than whitespace (as ``text.strip()`` would, without a copy)."""
    return bool(text) and not text.isspace()


def _units(
    document: Document, pairs: list[Pair], options: ExportOptions, findings: list[Finding]
) -> Iterator[tuple[str, bytes]]:
    kind = _MACHINE if document.machine_translated else _HUMAN
    source_lang = escape_attr(document.source_locale)
    target_lang = escape_attr(document.target_locale)
    # Sent once, not with each unit: its properties were two fifths of the bytes of a unit that
    # the worker pickled, the parent unpickled, and wrote to and read from its scratch file.
    yield (
        kind,
        b"".join(
            (b'    <tu tuid="', escape_attr(document.path).encode(), b"#", _SPLIT, _document_props(document).encode())
        ),
    )
    source_open = f'      <tuv xml:lang="{source_lang}"><seg>'.encode()
    target_open = f'</seg></tuv>\n      <tuv xml:lang="{target_lang}"><seg>'.encode()
    locale = b"\0" + target_lang.encode()
    for pair in pairs:
        source, target = xml_pair(document, pair, findings, style="tmx", tags=options.tags)
        # Each side encoded once, for the unit and for its keys.
        source_bytes, target_bytes = source.encode(), target.encode()
        tuid = escape_attr(pair.id)
        # An id escape_attr leaves alone holds nothing escape_clean changes: most ids.
        shown_id = tuid if tuid is pair.id else escape_clean(pair.id)
        parts = (
            (
                f'{tuid}">\n\0'
                f'      <prop type="x-id">{shown_id}</prop>\n'
                f'      <prop type="x-line">{pair.line}</prop>\n'
                f'      <prop type="x-column">{pair.column}</prop>\n'
                f'      <prop type="x-context">{pair.context}</prop>\n'
                "\0"
            ).encode(),
            source_open,
            source_bytes,
            target_open,
            target_bytes,
            _UNIT_END,
        )
        if options.dedupe:
            # One hash for both keys: the source and locale's, then on through the target. Neither
            # side nor the locale holds a NUL (XML cannot), so NULs keep the fields apart.
            hasher = _EMPTY_KEY_HASH.copy()
            hasher.update(source_bytes)
            hasher.update(locale)
            source_key = hasher.digest()
            hasher.update(b"\0")
            hasher.update(target_bytes)
            yield "", b"".join((source_key, hasher.digest(), *parts))
        else:
            yield "", b"".join(parts)


def join_tmx(chunks: Iterable[Chunk], out: BinaryIO, options: ExportOptions) -> ExportReport:
    """Write the header and the units: with ``options.dedupe``, a unit per source and locale
    (per distinct target with ``options.all_targets``), in the order the sources are first met,
    the targets of a source most frequent first; otherwise every unit as it comes."""
    report = ExportReport()
    if options.dedupe:
        with DistinctUnits(options.scratch) as memory:
            for chunk in _headed(chunks, out, report):
                records = iter(chunk.records)
                kind, document = next(records)
                # Its errors are the scratch files', not the output's (also a file of texts that
                # cannot be opened: a cleaner removed it, no descriptors left).
                with scratch_space(options.scratch):
                    if options.scratch:  # the texts are written: the records say where
                        memory.add(document, next(records)[1], human=kind == _HUMAN)
                    else:
                        memory.add_texts(document, records, human=kind == _HUMAN)
            report.records += _write_chosen(memory, out, all_targets=options.all_targets, processes=options.processes)
            report.leave_out(OTHER_TARGETS, memory.distinct - report.records)
    else:
        base = 0
        for chunk in _headed(chunks, out, report):
            records = iter(chunk.records)
            opening, shared = _opening_and_props(next(records)[1])
            for _, text in records:
                tuid, props, tail = text.split(_SPLIT)
                tail, base = renumber_tags(tail, base)
                out.write(b"".join((opening, tuid, shared, props, tail)))
            report.records += chunk.units
    out.write(b"  </body>\n</tmx>\n")
    return report


def _headed(chunks: Iterable[Chunk], out: BinaryIO, report: ExportReport) -> Iterator[Chunk]:
    """Yield the chunks after writing the header (in the first one's source locale); count each
    one's findings and left-out pairs once its records are read."""
    header_written = False
    for chunk in chunks:
        if not header_written:
            out.write(tmx_header(chunk.source_locale).encode())
            header_written = True
        yield chunk
        report.findings.extend(chunk.findings)
        report.leave_out(EMPTY_SIDE, chunk.left_out)
    if not header_written:
        out.write(tmx_header("en-US").encode())


def _write_chosen(memory: DistinctUnits, out: BinaryIO, *, all_targets: bool, processes: int) -> int:
    """Write the chosen units with their ``x-occurrences``; return how many. ``processes``: how
    many the count may use."""
    written = base = 0
    batch: list[bytes] = []  # units joined before a write: a write a unit is dear
    last = opening = shared = b""
    out.flush()  # the header: a process forked to count (see DistinctUnits.chosen) must find nothing buffered
    for document, text, count in memory.chosen(all_targets=all_targets, processes=processes):
        if document is not last:
            opening, shared = _opening_and_props(document)
            last = document
        # One split, not two searches for the separators and three slices (an eighth of the
        # bench, compiled: 5.6 % fewer instructions here, the output the same).
        tuid, props, tail = text.split(_SPLIT, 2)
        # Tags are only in the tail (the <seg>s): the head's text is escaped, it holds no "<bpt".
        tail, base = renumber_tags(tail, base)
        batch.append(opening)
        batch.append(tuid)
        batch.append(shared)
        batch.append(props)
        batch.append(_occurrences(count))
        batch.append(tail)
        written += 1
        if len(batch) >= 6 * _BATCH:
            out.write(b"".join(batch))
            batch.clear()
    out.write(b"".join(batch))
    return written


def renumber_tags(text: bytes, base: int) -> tuple[bytes, int]:
    """Add ``base`` to the ``i`` of every ``<bpt>`` and ``<ept>`` of a unit; return the unit and
    the largest ``i`` it then holds (``base`` if none), the next unit's base."""
    # find, not ``in``: bytes.__contains__ first tries its argument as an integer, and makes and
    # clears a TypeError (its message formatted) for every unit; most units have no tag.
    if text.find(_TAG_I) < 0:
        return text, base
    # Split and join, not a regular expression with a function per match: a third of the
    # joiner's time went to that. A part is an ``i`` where the part before ends in "<b" or "<e" and its
    # digits run up to a quote, as the expression ``<[be]pt i="(\d+)"`` said. The bytes are read
    # one by one as integers, which mypyc compiles to C, not by find, isdigit and int on slices:
    # three calls of about 900 instructions each per tag, and the end phase's largest cost.
    parts = text.split(_TAG_I)
    top = base
    before = parts[0]
    for index in range(1, len(parts)):
        part = parts[index]
        after_opening = len(before) >= 2 and before[-2] == _LESS and (before[-1] == _B or before[-1] == _E)
        before = part
        if not after_opening:
            continue
        end = value = 0
        while end < len(part) and _ZERO <= part[end] <= _NINE:
            value = value * 10 + part[end] - _ZERO
            end += 1
        if end == 0 or end == len(part) or part[end] != _QUOTE:
            continue
        number = base + value
        if number > top:
            top = number
        parts[index] = b"%d%s" % (number, part[end:])
    return _TAG_I.join(parts), top


def _opening_and_props(document: bytes) -> tuple[bytes, bytes]:
    """A document's record: the opening of its units' ``<tu>`` and its properties."""
    opening, props = document.split(_SPLIT)
    return opening, props


def _occurrences(count: int) -> bytes:
    if count < len(_FEW_OCCURRENCES):
        return _FEW_OCCURRENCES[count]
    return b'      <prop type="x-occurrences">%d</prop>\n' % count


# Made once, not formatted for each of the hundreds of thousands of units, most of which occur
# a few times.
_FEW_OCCURRENCES: Final = tuple(b'      <prop type="x-occurrences">%d</prop>\n' % count for count in range(64))


def tmx_header(source_locale: str) -> str:
    """Return the XML declaration, the TMX header and the opening of the body."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<tmx version="1.4">\n'
        f'  <header creationtool="sxstm" creationtoolversion="{__version__}" datatype="markdown"'
        f' segtype="sentence" adminlang="en-US" srclang="{escape_attr(source_locale)}" o-tmf="sxs-markdown"/>\n'
        "  <body>\n"
    )


def _document_props(document: Document) -> str:
    props = [
        f'      <prop type="x-file">{escape_text(document.path)}</prop>\n',
        f'      <prop type="x-translation-type">{document.translation_type.value}</prop>\n',
    ]
    props += [
        f'      <prop type="x-{key}">{escape_text(document.metadata[key])}</prop>\n'
        for key in _METADATA_PROPS
        if document.metadata.get(key)
    ]
    return "".join(props)


def read_tmx(
    path: str, data: bytes | None = None, *, line: int = 1, charset: str | None = None
) -> Iterator[ReviewedUnit]:
    """Yield a unit per ``<tu>`` of a reviewed TMX (see :class:`~sxstm.formats.registry.Reader`):
    the variant in the header's ``srclang`` is the source, the other one the target."""
    return read_xml(_tmx_units, path, data, line)


def _tmx_units(name: str | BytesIO, shift: int) -> Iterator[ReviewedUnit]:
    source_lang = None
    for unit in ended(name, "tu"):
        if source_lang is None:
            header = unit.getroottree().getroot().find("header")
            source_lang = (header.get("srclang") or "").lower() if header is not None else ""
        props = {prop.get("type"): prop.text or "" for prop in unit.iterchildren("prop")}
        source = target = None
        locale = ""
        for variant in unit.iterchildren("tuv"):
            seg = variant.find("seg")
            text = markup(seg) if seg is not None else ""
            if source is None and variant.get(XML_LANG, "").lower() == source_lang:
                source = text
            else:
                target, locale = text, variant.get(XML_LANG, "")
        path, pair_id = props.get("x-file"), props.get("x-id")
        line = line_of(unit) + shift
        context = props.get("x-context", "")
        yield ReviewedUnit(path, pair_id, source or "", target, line, fuzzy=False, locale=locale, context=context)


FORMAT = register(
    "tmx",
    (".tmx",),
    "TMX 1.4b translation memory: a source once, its most frequent target (--all-targets, --no-dedupe)",
    render=render_tmx,
    join=join_tmx,
    read=read_tmx,
    root="tmx",
    memory=True,
)
