"""TMX 1.4b: one ``<tu>`` per pair, or per distinct (source, target, locale) when deduplicating.

Deduplicated units keep the properties of their first occurrence and an ``x-occurrences``
count. Counts are known only at the end, so units wait in a temporary file, not in memory.
"""

from __future__ import annotations

import hashlib
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from typing import IO, BinaryIO

from sxstm import __version__
from sxstm.formats.registry import Chunk, ExportOptions, ExportReport, register
from sxstm.formats.segments import xml_pair
from sxstm.formats.xmltext import escape_attr, escape_clean, escape_text
from sxstm.model import Document, Finding

# Front-matter fields copied to every unit, as x- properties.
_METADATA_PROPS = ("ms.sourcegitcommit", "ms.openlocfilehash", "ms.locfileid")
# Neither can occur in escaped XML 1.0 text: they split a unit's head from its tail, and units.
_SPLIT, _END = b"\x00", b"\x01"
_BLOCK = 1 << 20
_KEY = 16


def render_tmx(document: Document, options: ExportOptions) -> Chunk:
    """Render the ``<tu>`` of every pair as one record: the units joined by ``\\x01``, and their
    16-character keys (identifying source, target and locale) joined in order."""
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
    records = ((b"".join(keys).decode("latin-1"), _END.join(units)),)
    return Chunk(document.path, document.source_locale, document.target_locale, records, len(units), tuple(findings))


def join_tmx(chunks: Iterable[Chunk], out: BinaryIO, options: ExportOptions) -> ExportReport:
    """Write the header and the units; with ``options.dedupe``, each distinct unit once."""
    report = ExportReport()
    header_written = False
    with tempfile.TemporaryFile("w+b") as spill:
        index: dict[str, int] = {}
        counts = array("L")
        for chunk in chunks:
            if not header_written:
                out.write(_header(chunk.source_locale).encode())
                header_written = True
            report.findings.extend(chunk.findings)
            if not chunk.units:
                continue
            keys, blob = chunk.records[0]
            if not options.dedupe:
                out.write(blob.replace(_SPLIT, b"").replace(_END, b""))
                report.records += chunk.units
                continue
            for start, text in enumerate(blob.split(_END)):
                key = keys[start * _KEY : start * _KEY + _KEY]
                number = index.get(key)
                if number is None:
                    index[key] = len(counts)
                    counts.append(1)
                    spill.write(text)
                    spill.write(_END)
                else:
                    counts[number] += 1
        if not header_written:
            out.write(_header("en-US").encode())
        spill.seek(0)
        for number, text in enumerate(_spilled(spill)):
            head, tail = text.split(_SPLIT, 1)
            out.write(head)
            if counts[number] > 1:
                out.write(b'      <prop type="x-occurrences">%d</prop>\n' % counts[number])
            out.write(tail)
            report.records += 1
    out.write(b"  </body>\n</tmx>\n")
    return report


def _spilled(spill: IO[bytes]) -> Iterator[bytes]:
    rest = b""
    while block := spill.read(_BLOCK):
        *whole, rest = (rest + block).split(_END)
        yield from whole


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


FORMAT = register(
    "tmx",
    (".tmx",),
    "TMX 1.4b translation memory for CAT tools (identical pairs once, unless --no-dedupe)",
    render=render_tmx,
    join=join_tmx,
)
