"""JSON Lines writer: a line per document with its metadata, then a line per pair.

UTF-8 text, non-ASCII characters as they are (no ``\\u`` escapes). A document's line comes
before its pairs' and is told by its ``document`` key (its path)::

    {"document": "docs.pl-pl/a.md", "source_locale": "en-US", "target_locale": "pl-PL",
     "translation_type": "MT", "metadata": {"title": "…", "ms.translationtype": "MT", …}}
    {"id": "a1", "source": "…", "target": "…", "source_locale": "en-US", "target_locale": "pl-PL",
     "translation_type": "MT", "path": "docs.pl-pl/a.md", "line": 7, "column": 1, "context": "heading"}

A pair's line is self-contained but for the front matter, stated once in its document's line
(``path`` joins them). To read only the pairs: ``[r for r in records if "document" not in r]``.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable
from typing import BinaryIO

from sxstm.formats.records import record
from sxstm.formats.registry import Chunk, ExportOptions, ExportReport, join_records, register, streamed_chunk
from sxstm.model import Document

_encode = json.JSONEncoder(ensure_ascii=False).encode


def render_jsonl(document: Document, options: ExportOptions) -> Chunk:
    """Render the document's line, then one JSON object per pair, keys in a fixed order."""
    head = {
        "document": document.path,
        "source_locale": document.source_locale,
        "target_locale": document.target_locale,
        "translation_type": document.translation_type.value,
        "metadata": document.metadata,
    }
    records = itertools.chain((head,), (record(document, pair) for pair in document.pairs))
    lines = (_encode(line) + "\n" for line in records)
    return streamed_chunk(document, lines)


def join_jsonl(chunks: Iterable[Chunk], out: BinaryIO, options: ExportOptions) -> ExportReport:
    """Write the lines."""
    report = ExportReport()
    join_records(chunks, out, report)
    return report


FORMAT = register(
    "jsonl",
    (".jsonl", ".ndjson"),
    "JSON Lines, UTF-8: a record per document (its metadata), then one per pair",
    render=render_jsonl,
    join=join_jsonl,
)
