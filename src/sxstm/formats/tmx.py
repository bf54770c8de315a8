"""TMX 1.4b: one ``<tu>`` per pair, or per distinct (source, target, locale) when deduplicating.

Deduplicated units keep the properties of their first occurrence and an ``x-occurrences``
count. Counts are known only at the end: each is patched in place, so units never wait in memory.
A reviewed TMX is read back as a translation memory: a unit stands for every pair with its source.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from io import BytesIO
from typing import BinaryIO

from sxstm.formats.pairs import xml_pair
from sxstm.formats.registry import Chunk, ExportOptions, ExportReport, register
from sxstm.formats.xmlread import XML_LANG, ended, line_of, markup, read_xml
from sxstm.formats.xmltext import escape_attr, escape_clean, escape_text
from sxstm.model import Document, Finding, ReviewedUnit
from sxstm.version import __version__

# Front-matter fields copied to every unit, as x- properties.
_METADATA_PROPS = ("ms.sourcegitcommit", "ms.openlocfilehash", "ms.locfileid")
# Neither can occur in escaped XML 1.0 text: they split a unit's head from its tail, and units.
_SPLIT, _END = b"\x00", b"\x01"
_KEY = 16
_OCCURRENCES_WIDTH = 50  # room for a count of 10 digits


def render_tmx(document: Document, options: ExportOptions) -> Chunk:
    """Render the ``<tu>`` of every pair as one record, the units joined by ``\\x01``; with
    ``options.dedupe``, the chunk's keys are their 16-byte keys (identifying source, target and
    locale) joined in order."""
    findings: list[Finding] = []
    shared = _document_props(document)
    source_lang = escape_attr(document.source_locale)
    target_lang = escape_attr(document.target_locale)
    path = escape_attr(document.path)
    keys, units = [], []
    for pair in document.pairs:
        source, target = xml_pair(document, pair, findings, style="tmx", tags=options.tags)
        if options.dedupe:
            keys.append(hashlib.blake2b(f"{source}\0{target}\0{target_lang}".encode(), digest_size=16).digest())
        units.append(
            (
                f'    <tu tuid="{path}#{escape_attr(pair.id)}">\n'
                f"{shared}"
                f'      <prop type="x-id">{escape_clean(pair.id)}</prop>\n'
                f'      <prop type="x-line">{pair.line}</prop>\n'
                f'      <prop type="x-column">{pair.column}</prop>\n'
                f'      <prop type="x-context">{pair.context}</prop>\n'
                "\0"
                f'      <tuv xml:lang="{source_lang}"><seg>{source}</seg></tuv>\n'
                f'      <tuv xml:lang="{target_lang}"><seg>{target}</seg></tuv>\n'
                "    </tu>\n"
            ).encode()
        )
    records = (("", _END.join(units)),)
    return Chunk(
        document.path,
        document.source_locale,
        document.target_locale,
        records,
        len(units),
        tuple(findings),
        b"".join(keys),
    )


def join_tmx(chunks: Iterable[Chunk], out: BinaryIO, options: ExportOptions) -> ExportReport:
    """Write the header and the units; with ``options.dedupe``, each distinct unit once.

    A deduplicated unit is written where it first occurs, with an ``x-occurrences`` property of
    fixed width that is patched in place once the count is known: the output must be seekable,
    so a pipe gets a temporary file first.
    """
    if not out.seekable():
        with tempfile.TemporaryFile() as scratch:
            report = join_tmx(chunks, scratch, options)
            scratch.seek(0)
            shutil.copyfileobj(scratch, out)
            return report
    report = ExportReport()
    header_written = False
    index: dict[bytes, int] = {}
    counts = array("L")
    places = array("Q")
    written = out.tell()
    for chunk in chunks:
        if not header_written:
            written += out.write(_header(chunk.source_locale).encode())
            header_written = True
        report.findings.extend(chunk.findings)
        if not chunk.units:
            continue
        keys, (_, blob) = chunk.keys, chunk.records[0]
        if not options.dedupe:
            out.write(blob.replace(_SPLIT, b"").replace(_END, b""))
            report.records += chunk.units
            continue
        for start, text in enumerate(blob.split(_END)):
            key = keys[start * _KEY : start * _KEY + _KEY]
            number = index.get(key)
            if number is not None:
                counts[number] += 1
                continue
            index[key] = len(counts)
            counts.append(1)
            split = text.index(_SPLIT)
            places.append(written + split)
            written += out.write(text[:split] + _occurrences(1) + text[split + 1 :])
    if not header_written:
        out.write(_header("en-US").encode())
    out.write(b"  </body>\n</tmx>\n")
    report.records += len(counts)
    for number, count in enumerate(counts):
        if count > 1:
            out.seek(places[number])
            out.write(_occurrences(count))
    out.seek(0, os.SEEK_END)
    return report


def _occurrences(count: int) -> bytes:
    """The ``x-occurrences`` line, padded to one width so that a count can be patched in place."""
    return (b'      <prop type="x-occurrences">%d</prop>' % count).ljust(_OCCURRENCES_WIDTH) + b"\n"


def _header(source_locale: str) -> str:
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
        yield ReviewedUnit(path, pair_id, source or "", target, line_of(unit) + shift, fuzzy=False, locale=locale)


FORMAT = register(
    "tmx",
    (".tmx",),
    "TMX 1.4b translation memory for CAT tools (identical pairs once, unless --no-dedupe)",
    render=render_tmx,
    join=join_tmx,
    read=read_tmx,
    root="tmx",
    memory=True,
)
