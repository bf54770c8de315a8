"""sxstm stats --format html: the counts per language as a page with MT/HT bars."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sxstm.cli import main

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_stats_html_shows_the_pairs_per_language_of_the_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", str(CORPUS), "--json", "-q"]) == 0
    locales = json.loads(capsys.readouterr().out)["locales"]
    page = tmp_path / "stats.html"
    assert main(["stats", str(CORPUS), "--format", "html", "--output", str(page), "--by-file", "-q"]) == 0
    html = page.read_text(encoding="utf-8")
    shown = {locale: int(count) for locale, count in re.findall(r'data-pairs="([^"]+)">(\d+)<', html)}
    assert shown == {locale: counts["pairs"] for locale, counts in locales.items()}
    assert "<script" not in html and 'id="per-document"' in html


def test_stats_format_json_is_the_json_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(CORPUS), "--format", "json", "-q"]) == 0
    via_format = capsys.readouterr().out
    assert main(["stats", str(CORPUS), "--json", "-q"]) == 0
    assert via_format == capsys.readouterr().out
