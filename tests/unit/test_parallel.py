"""Parallel text (``-f parallel``): a file per language, line-aligned, round-tripping to the pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sxstm.cli import main
from sxstm.formats.parallel import one_line

REAL = ("kaizala.de-de", "kaizala.fr-fr", "aspnetcore.pl-pl")  # a tree of each, 3 language pairs


def _pairs(jsonl: Path) -> dict[tuple[str, str], dict[str, object]]:
    records = (json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines())
    return {(r["path"], r["id"]): r for r in records if "document" not in r}


def test_one_language_pair_writes_out_source_out_target_and_out_ids(tmp_path: Path) -> None:
    corpus = Path(__file__).resolve().parents[2] / "corpus" / "docs.pl-pl"
    assert main(["extract", str(corpus), "-q", "-f", "parallel", "-o", str(tmp_path / "corpus")]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.en-US", "corpus.ids", "corpus.pl-PL"]


def test_a_line_break_inside_a_segment_becomes_a_space() -> None:
    assert one_line("[Previous](a.md)\n[Next](b.md)\r\nend\u2028x") == "[Previous](a.md) [Next](b.md)  end x"


def test_real_pairs_round_trip_through_line_aligned_files(shared: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(shared / "corpus")
    assert main(["extract", *REAL, "-q", "-f", "parallel", "-o", str(tmp_path / "c")]) == 0
    assert main(["extract", *REAL, "-q", "-o", str(tmp_path / "c.jsonl")]) == 0
    pairs = _pairs(tmp_path / "c.jsonl")
    seen = 0
    for ids in sorted(tmp_path.glob("c.*.ids")):
        stem = str(ids)[: -len(".ids")]
        source_locale, target_locale = stem.rpartition(".")[2].split("_")
        sources = Path(f"{stem}.{source_locale}").read_text(encoding="utf-8").split("\n")
        targets = Path(f"{stem}.{target_locale}").read_text(encoding="utf-8").split("\n")
        names = ids.read_text(encoding="utf-8").split("\n")
        assert len(sources) == len(targets) == len(names) > 1  # equal line counts (and a final newline)
        for source, target, name in zip(sources[:-1], targets[:-1], names[:-1], strict=True):
            path, pair_id, line = name.split("\t")
            pair = pairs[(path, pair_id)]
            assert (pair["target_locale"], pair["line"]) == (target_locale, int(line))
            assert (source, target) == (one_line(str(pair["source"])), one_line(str(pair["target"])))
            seen += 1
    empty = sum(1 for p in pairs.values() if not str(p["source"]).strip() or not str(p["target"]).strip())
    assert seen == len(pairs) - empty and seen > 1000  # every pair but those with an empty side
    assert len(list(tmp_path.glob("c.*.ids"))) == 3


def test_parallel_text_refuses_stdout_and_split(tmp_path: Path) -> None:
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    assert main(["extract", str(corpus), "-q", "-f", "parallel", "-o", "-"]) == 2
    assert main(["extract", str(corpus), "-q", "-f", "parallel", "--split", "-o", str(tmp_path)]) == 2


@pytest.mark.parametrize("text", ["plain", "placeholders"])
def test_text_modes_keep_one_segment_a_line(text: str, tmp_path: Path) -> None:
    corpus = Path(__file__).resolve().parents[2] / "corpus" / "docs.pl-pl"
    assert main(["extract", str(corpus), "-q", "-f", "parallel", "--text", text, "-o", str(tmp_path / "c")]) == 0
    lines = [len((tmp_path / f"c.{name}").read_text(encoding="utf-8").splitlines()) for name in ("en-US", "pl-PL")]
    assert lines[0] == lines[1] > 0
