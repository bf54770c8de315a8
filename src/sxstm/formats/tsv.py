"""TSV writer: a header row, then one row per pair; ``\\``, tab, LF and CR are escaped reversibly."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from sxstm.formats.records import FIELDS, record
from sxstm.formats.registry import Chunk, ExportOptions, ExportReport, join_records, register, streamed_chunk
from sxstm.model import Document

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def escape_field(value: str) -> str:
    """Escape a TSV field: ``\\`` → ``\\\\``, tab → ``\\t``, LF → ``\\n``, CR → ``\\r``."""
    return value.translate(_ESCAPES)


def unescape_field(value: str) -> str:
    """Undo :func:`escape_field`."""
    out = []
    index = 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(value[index + 1], value[index : index + 2]))
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def render_tsv(document: Document, options: ExportOptions) -> Chunk:
    """Render one row per pair; ``metadata`` is a JSON object."""
    return streamed_chunk(document, _rows(document))


def _rows(document: Document) -> Iterator[str]:
    metadata = escape_field(json.dumps(document.metadata, ensure_ascii=False, sort_keys=True))
    for pair in document.pairs:
        fields = record(document, pair)
        yield "\t".join([*(escape_field(str(fields[name])) for name in FIELDS[:-1]), metadata]) + "\n"


def join_tsv(chunks: Iterable[Chunk], out: BinaryIO, options: ExportOptions) -> ExportReport:
    """Write the header row, then the rows."""
    report = ExportReport()
    out.write(("\t".join(FIELDS) + "\n").encode())
    join_records(chunks, out, report)
    return report


FORMAT = register(
    "tsv",
    (".tsv",),
    "tab-separated records, one per pair, every field (tab, newline and backslash escaped)",
    render=render_tsv,
    join=join_tsv,
)
