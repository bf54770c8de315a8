"""The filters of every export, on real pairs of ../shared/corpus (skipped when absent)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from sxstm.cli import main
from sxstm.formats.filters import count_words

TREES = ("kaizala.de-de", "kaizala.fr-fr", "aspnetcore.pl-pl", "osd.ja-jp", "osd.zh-cn")


def _export(tmp_path: Path, name: str, *options: str) -> list[dict[str, object]]:
    out = tmp_path / f"{name}.jsonl"
    assert main(["extract", *TREES, "-q", *options, "-o", str(out)]) == 0
    records = (json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    return [record for record in records if "document" not in record]


@pytest.fixture
def corpus(shared: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(shared / "corpus")  # paths as qa reports them, relative to the working folder
    return shared / "corpus"


@pytest.fixture
def everything(corpus: Path, tmp_path: Path) -> list[dict[str, object]]:
    return _export(tmp_path, "all")


@pytest.mark.parametrize("kind", ["ht", "mt"])
def test_only_keeps_the_pairs_of_that_translation_type(
    kind: str, everything: list[dict[str, object]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kept = _export(tmp_path, kind, "--only", kind)
    assert kept == [r for r in everything if r["translation_type"] == kind.upper()] and kept


@pytest.mark.parametrize("severity", ["error", "warning"])
def test_a_qa_clean_export_holds_no_pair_qa_flags_at_that_severity(
    severity: str, everything: list[dict[str, object]], tmp_path: Path
) -> None:
    report = tmp_path / "qa.json"
    assert main(["qa", *TREES, "-q", "--exit-zero", "--format", "json", "--output", str(report)]) == 0
    ranks = {"error": 0, "warning": 1, "info": 2}
    flagged = {
        (f["path"], f["pair_id"])
        for f in json.loads(report.read_text(encoding="utf-8"))["findings"]
        if ranks[f["severity"]] <= ranks[severity] and f["pair_id"]
    }
    kept = _export(tmp_path, severity, "--drop-findings", severity)
    assert flagged and not flagged & {(r["path"], r["id"]) for r in kept}
    assert kept == [r for r in everything if (r["path"], r["id"]) not in flagged]  # nothing else removed


def test_min_words_drops_the_pairs_with_a_short_side(everything: list[dict[str, object]], tmp_path: Path) -> None:
    kept = _export(tmp_path, "long", "--min-words", "4")
    assert kept == [r for r in everything if count_words(str(r["source"])) >= 4 and count_words(str(r["target"])) >= 4]
    assert 0 < len(kept) < len(everything)


def test_words_are_counted_between_spaces_and_per_chinese_or_japanese_character() -> None:
    assert count_words("Select **Save** to continue.") == 4
    assert count_words("選択して保存します") == 9 and count_words("クリック OK") == 5


def test_dedupe_keeps_the_first_of_identical_pairs_of_a_language_pair(
    everything: list[dict[str, object]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kept = _export(tmp_path, "unique", "--dedupe")
    key = lambda r: (r["target_locale"], r["source"], r["target"])  # noqa: E731
    assert len({key(r) for r in kept}) == len(kept) == len({key(r) for r in everything}) < len(everything)
    first: dict[object, dict[str, object]] = {}
    for record in everything:
        first.setdefault(key(record), record)
    assert kept == list(first.values())


def test_dedupe_source_keeps_an_english_segment_once_across_languages(
    everything: list[dict[str, object]], tmp_path: Path
) -> None:
    kept = _export(tmp_path, "sources", "--dedupe", "source")
    sources = Counter(str(r["source"]) for r in kept)
    assert sources.most_common(1)[0][1] == 1 and len(sources) == len({r["source"] for r in everything})
    # kaizala.fr-fr shares its English with kaizala.de-de, osd.zh-cn with osd.ja-jp: those come after
    assert {r["target_locale"] for r in kept} == {"de-DE", "pl-PL", "ja-JP"}


def test_the_summary_says_what_each_filter_removed(corpus: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "c.tsv"
    argv = ["extract", *TREES, "--only", "mt", "--drop-findings", "error", "--min-words", "3", "--dedupe"]
    assert main([*argv, "-o", str(out)]) == 0
    summary = capsys.readouterr().err.splitlines()[-1]
    assert summary.startswith("sxstm: filters removed ")
    for reason in ("not MT (--only)", "QA error or worse", "under 3 words", "duplicates"):
        assert reason in summary
    rows = len(out.read_text(encoding="utf-8").splitlines()) - 1
    removed = sum(int(part.split()[0].replace(",", "")) for part in summary.partition("removed ")[2].split(", "))
    assert rows + removed == len(_export(tmp_path, "all"))  # every pair is kept or counted once


def test_filters_apply_to_every_format(corpus: Path, tmp_path: Path) -> None:
    for name in ("x.tmx", "x.xlf", "x.po", "x.tsv", "x.parquet"):
        assert main(["extract", "osd.de-de", "-q", "--only", "ht", "-o", str(tmp_path / name)]) == 0
    text = (tmp_path / "x.po").read_text(encoding="utf-8")
    assert "msgid" in text and "#, fuzzy" not in text  # osd.de-de has HT and MT; only HT left, never fuzzy
    rows = (tmp_path / "x.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert rows and {row.split("\t")[5] for row in rows} == {"HT"}


def test_min_words_counts_the_text_as_exported(corpus: Path, tmp_path: Path) -> None:
    plain = _export(tmp_path, "plain", "--text", "plain")
    kept = _export(tmp_path, "plain-long", "--text", "plain", "--min-words", "4")
    assert kept == [r for r in plain if count_words(str(r["source"])) >= 4 and count_words(str(r["target"])) >= 4]


def test_a_negative_word_count_is_a_usage_error(tmp_path: Path) -> None:
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    assert main(["extract", str(corpus), "-q", "--min-words", "-1", "-o", str(tmp_path / "x.tsv")]) == 2
