"""The precision study's scripts: sampling per language, and tallying a round whose verdicts are pending."""

from __future__ import annotations

import importlib
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def _script(name: str, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(BENCHMARKS))  # the scripts import their neighbours by name
    sys.modules.pop(name, None)
    return importlib.import_module(name)


def test_sampling_per_language_takes_up_to_n_of_each_language_and_all_of_a_small_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    qa_sample = _script("qa_sample", monkeypatch)
    found = [{"language": "pl-pl", "n": n} for n in range(30)] + [{"language": "ja-jp", "n": n} for n in range(2)]
    sample = qa_sample.per_language(found, 8, random.Random(6))
    languages = [finding["language"] for finding in sample]
    assert languages.count("pl-pl") == 8
    assert languages.count("ja-jp") == 2
    assert len({(f["language"], f["n"]) for f in sample}) == 10  # no finding twice


def test_tally_counts_rows_without_a_verdict_as_unread_and_says_how_many_are_pending(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tally = _script("precision_tally", monkeypatch)
    rows = [f"| {n} | {language} | a.md:1:1 | msg | src | tgt | | |" for n, language in enumerate(["de-de"] * 3, 1)]
    table = ["# SX406 inconsistent-translation: 3 findings, 3 sampled", "", "| # |", "|---|", *rows]
    (tmp_path / "SX406.md").write_text("\n".join(table) + "\n", encoding="utf-8")
    (tmp_path / "verdicts").mkdir()
    (tmp_path / "verdicts" / "de.tsv").write_text("SX406\t2\treal\ta term two ways\n", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["precision_tally.py", "--study", str(tmp_path)])
    assert tally.main() == 0
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "| SX406 inconsistent-translation | info | 1/1 (2 unread) | 1/1 |" in summary
    assert "Verdicts pending: 2 sampled rows" in summary
    assert "| 2 | de-de | a.md:1:1 | msg | src | tgt | real | a term two ways |" in (tmp_path / "SX406.md").read_text(
        encoding="utf-8"
    )
