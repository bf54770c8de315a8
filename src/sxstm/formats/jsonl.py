"""JSON Lines writer: one JSON object per pair, every field."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import BinaryIO

from sxstm.formats.records import record
from sxstm.formats.registry import Chunk, ExportOptions, ExportReport, join_records, register, whole_chunk
from sxstm.model import Document

_encode = json.JSONEncoder(ensure_ascii=False).encode


def render_jsonl(document: Document, options: ExportOptions) -> Chunk:
    """Render one JSON object per pair, keys in a fixed order."""
    metadata = f', "metadata": {_encode(document.metadata)}}}\n'
    return whole_chunk(document, "".join(_encode(record(document, pair))[:-1] + metadata for pair in document.pairs))


def join_jsonl(chunks: Iterable[Chunk], out: BinaryIO, options: ExportOptions) -> ExportReport:
    """Write the lines."""
    report = ExportReport()
    join_records(chunks, out, report)
    return report


FORMAT = register(
    "jsonl",
    (".jsonl", ".ndjson"),
    "JSON Lines records, one per pair, every field",
    render=render_jsonl,
    join=join_jsonl,
)
