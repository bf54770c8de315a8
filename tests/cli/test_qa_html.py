"""sxstm qa --format html of a reviewed export (XLIFF, PO): the same page, its findings at the unit's line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sxstm.cli import main

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.mark.parametrize("suffix", ["xlf", "po"])
def test_qa_of_a_reviewed_file_writes_the_html_page(tmp_path: Path, suffix: str) -> None:
    reviewed = tmp_path / f"review.{suffix}"
    assert (
        main(["extract", str(CORPUS), "-q", "--format", "po" if suffix == "po" else "xliff", "-o", str(reviewed)]) == 0
    )
    assert (
        main(["qa", str(reviewed), "-q", "--exit-zero", "--format", "json", "--output", str(tmp_path / "qa.json")]) == 0
    )
    assert (
        main(["qa", str(reviewed), "-q", "--exit-zero", "--format", "html", "--output", str(tmp_path / "qa.html")]) == 0
    )
    expected = json.loads((tmp_path / "qa.json").read_text(encoding="utf-8"))["findings"]
    page = (tmp_path / "qa.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="sxstm-data">(.*?)</script>', page).group(1))
    assert expected and len(data["findings"]) == len(expected)
    assert [[path.endswith(f"review.{suffix}"), language] for path, language in data["documents"]] == [
        [True, "unknown"]
    ]
    assert sorted(f[1] for f in data["findings"]) == sorted(f["line"] for f in expected)
