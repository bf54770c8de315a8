"""JSONL: UTF-8 text, a line per document with its metadata, then its pairs without it."""

from __future__ import annotations

import json
from pathlib import Path

from sxstm.cli import main

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_jsonl_is_utf8_text_and_states_the_metadata_once_per_document(tmp_path: Path) -> None:
    out = tmp_path / "c.jsonl"
    assert main(["extract", str(CORPUS), "-q", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "\\u" not in text and "Übersicht" in text  # no escapes for non-ASCII
    records = [json.loads(line) for line in text.splitlines()]
    heads = [r for r in records if "document" in r]
    pairs = [r for r in records if "document" not in r]
    assert len({h["document"] for h in heads}) == len(heads) > 1 and len(pairs) == 42
    assert all("metadata" not in pair for pair in pairs) and all("metadata" in head for head in heads)
    current = None
    for record in records:  # a document's line comes before its pairs
        if "document" in record:
            current = record
        else:
            assert current is not None and record["path"] == current["document"]
            assert record["target_locale"] == current["target_locale"]
