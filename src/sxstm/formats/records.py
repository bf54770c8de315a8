"""The flat record of a pair that the TSV and JSONL writers share."""

from __future__ import annotations

from sxstm.formats.pairs import export_text
from sxstm.model import Document, Pair

FIELDS = (
    "id",
    "source",
    "target",
    "source_locale",
    "target_locale",
    "translation_type",
    "path",
    "line",
    "column",
    "context",
    "metadata",
)


def record(document: Document, pair: Pair) -> dict[str, object]:
    """Return the fields of ``pair`` in :data:`FIELDS` order, but ``metadata`` (the front matter).

    Writers add the metadata themselves, encoded once per document.
    """
    return {
        "id": pair.id,
        "source": export_text(pair.source),
        "target": export_text(pair.target),
        "source_locale": document.source_locale,
        "target_locale": document.target_locale,
        "translation_type": document.translation_type.value,
        "path": document.path,
        "line": pair.line,
        "column": pair.column,
        "context": pair.context,
    }
