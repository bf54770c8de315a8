"""Parquet (``-f parquet``): typed rows that datasets, DuckDB and polars read as the JSONL export's pairs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from sxstm.cli import main
from sxstm.formats.records import FIELDS

pyarrow = pytest.importorskip("pyarrow")
REAL = ("kaizala.de-de", "kaizala.fr-fr", "osd.ja-jp")
COLUMNS = tuple(name for name in FIELDS if name != "metadata")  # the fields every row has, typed alike
CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _jsonl_rows(path: Path) -> list[tuple[object, ...]]:
    records = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
    return sorted(tuple(r[name] for name in COLUMNS) for r in records if "document" not in r)


def _rows(records: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return sorted(tuple(r[name] for name in COLUMNS) for r in records)


@pytest.fixture(scope="module")
def exports(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real pairs of three trees as JSONL, as one Parquet file and as a folder of one file per language pair."""
    out = tmp_path_factory.mktemp("parquet")
    trees = [str(shared / "corpus" / tree) for tree in REAL]
    assert main(["extract", *trees, "-q", "-o", str(out / "all.jsonl")]) == 0
    assert main(["extract", *trees, "-q", "--qa", "-o", str(out / "all.parquet")]) == 0
    assert main(["extract", *trees, "-q", "-f", "parquet", "-o", str(out / "pairs")]) == 0
    return out


def test_a_folder_holds_one_file_per_language_pair(exports: Path) -> None:
    names = sorted(p.name for p in (exports / "pairs").iterdir())
    assert names == ["en-US_de-DE.parquet", "en-US_fr-FR.parquet", "en-US_ja-JP.parquet"]


def test_duckdb_reads_the_same_rows_as_the_jsonl_export(exports: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    expected = _jsonl_rows(exports / "all.jsonl")
    for files in (exports / "all.parquet", exports / "pairs" / "*.parquet"):
        relation = duckdb.sql(f"select * from read_parquet('{files}')")
        records = [dict(zip(relation.columns, row, strict=True)) for row in relation.fetchall()]
        assert _rows(records) == expected and len(expected) > 1000
    described = duckdb.sql(f"describe select * from read_parquet('{exports / 'all.parquet'}')").fetchall()
    types = {row[0]: row[1] for row in described}
    assert (types["line"], types["column"], types["qa_codes"], types["source"]) == (
        "INTEGER",
        "INTEGER",
        "VARCHAR[]",
        "VARCHAR",
    )


def test_datasets_loads_the_same_rows_as_the_jsonl_export(exports: Path) -> None:
    datasets = pytest.importorskip("datasets")
    expected = _jsonl_rows(exports / "all.jsonl")
    files = sorted(str(p) for p in (exports / "pairs").glob("*.parquet"))
    cache = str(exports / "hf-cache")  # not the user's ~/.cache
    loaded = datasets.load_dataset("parquet", data_files={"train": files}, split="train", cache_dir=cache)
    assert _rows(list(loaded)) == expected
    single = datasets.Dataset.from_parquet(str(exports / "all.parquet"), cache_dir=cache)
    assert _rows(list(single)) == expected


def test_polars_reads_the_folder_as_it_is(exports: Path) -> None:
    polars = pytest.importorskip("polars")
    frame = polars.read_parquet(str(exports / "pairs" / "*.parquet"))
    assert _rows(frame.to_dicts()) == _jsonl_rows(exports / "all.jsonl")


def test_qa_codes_hold_the_codes_of_the_pairs_findings_with_qa_and_are_null_without(exports: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    noted = parquet.read_table(exports / "all.parquet").column("qa_codes").to_pylist()
    assert any(codes for codes in noted) and all(code.startswith("SX") for codes in noted for code in codes)
    assert set(parquet.read_table(exports / "pairs").column("qa_codes").to_pylist()) == {None}


def test_metadata_is_the_documents_front_matter(exports: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    table = parquet.read_table(exports / "all.parquet", columns=["path", "metadata"]).to_pylist()
    heads = {}
    for line in (exports / "all.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if "document" in record:
            heads[record["document"]] = record["metadata"]
    assert all(json.loads(row["metadata"]) == heads[row["path"]] for row in table)


def test_parquet_refuses_stdout(tmp_path: Path) -> None:
    assert main(["extract", str(CORPUS), "-q", "-f", "parquet", "-o", "-"]) == 2


def test_without_pyarrow_the_command_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a))
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow raises ImportError
    assert main(["extract", str(CORPUS), "-q", "-o", str(tmp_path / "x.parquet")]) == 2
    assert "pip install 'sxstm[parquet]'" in capsys.readouterr().err and not (tmp_path / "x.parquet").exists()
