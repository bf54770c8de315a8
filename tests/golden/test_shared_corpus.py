"""The real documents of ../shared/corpus: exact pair counts, clean text, valid exports."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import polib
import pytest
from translate.storage import tmx as tt_tmx
from translate.storage import xliff as tt_xliff
from translate.storage import xliff2 as tt_xliff2

from sxstm.cli import main
from sxstm.formats import read_reviewed
from sxstm.sxs.reader import read_document

TRUNCATED = "osd.ru-ru/docs/tutorials/excel-tutorial.md"
SPAN_TAGS = ("data-ttu-id", "data-stu-id", "sxs-lookup")


@pytest.fixture(scope="module")
def documents(shared: Path, manifest: dict[str, dict[str, object]]):
    return {name: read_document(shared / "corpus" / name, name=name) for name in manifest}


def test_pair_count_and_locale_match_the_manifest_for_every_file(documents, manifest) -> None:
    assert len(manifest) == 108
    for name, entry in manifest.items():
        assert (len(documents[name].pairs), documents[name].target_locale) == (entry["pairs"], entry["locale"]), name


def test_no_pair_text_holds_a_span_tag_or_a_container_prefix(documents) -> None:
    for name, document in documents.items():
        for pair in document.pairs:
            for text in (pair.source.text, pair.target.text):
                assert not any(tag in text for tag in SPAN_TAGS), (name, pair.id)
                continuation = text.split("\n")[1:]
                assert not any(line.startswith(">") for line in continuation), (name, pair.id)


def test_truncated_file_keeps_its_good_pairs_and_reports_the_damage(documents, manifest) -> None:
    document = documents[TRUNCATED]
    assert len(document.pairs) == manifest[TRUNCATED]["pairs"] == 61
    assert {f.code for f in document.findings} == {"SX001", "SX002"}
    assert all(f.line == 105 for f in document.findings)
    assert all(not f.findings for name, f in documents.items() if name != TRUNCATED)


def test_nested_span_pair_of_grpc_configuration_is_exact(documents) -> None:
    document = documents["aspnetcore.pl-pl/aspnetcore/grpc/configuration.md"]
    nested = [pair for pair in document.pairs if pair.source.text.endswith("</span>")]
    assert nested and all(pair.source.text.count("<span") == pair.source.text.count("</span>") for pair in nested)


@pytest.fixture(scope="module", params=["tags", "text"])
def exports(request: pytest.FixtureRequest, shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every format of ../shared/corpus, with inline markup as tags and as text."""
    out = tmp_path_factory.mktemp(f"exports-{request.param}")
    corpus, common = str(shared / "corpus"), ["--exclude", "README.md", "-q", "--inline", request.param]
    for name in ("c.tmx", "c.xlf", "c.po", "c.tsv", "c.jsonl"):
        assert main(["extract", corpus, *common, "-o", str(out / name)]) == 1  # 1: the truncated file
    assert main(["extract", corpus, *common, "--no-dedupe", "-o", str(out / "all.tmx")]) == 1
    assert main(["extract", corpus, *common, "--split", "-f", "xliff2", "-o", str(out / "x2")]) == 1
    return out


def test_tmx_and_xliff_validate_against_the_official_schemas(exports: Path, validator) -> None:
    files = [exports / "c.tmx", exports / "all.tmx", exports / "c.xlf", *sorted((exports / "x2").rglob("*.xlf"))]
    assert validator(*files) == []


@pytest.mark.parametrize("targets", ["source", "empty"])
def test_xliff_with_targets_source_or_empty_validates(shared: Path, tmp_path: Path, validator, targets: str) -> None:
    corpus, common = str(shared / "corpus"), ["--exclude", "README.md", "-q", "--targets", targets]
    assert main(["extract", corpus, *common, "-o", str(tmp_path / "c.xlf")]) == 1
    assert main(["extract", corpus, *common, "--split", "-f", "xliff2", "-o", str(tmp_path / "x2")]) == 1
    assert validator(tmp_path / "c.xlf", *sorted((tmp_path / "x2").rglob("*.xlf"))) == []
    store = tt_xliff.xlifffile.parsefile(str(tmp_path / "c.xlf"))
    offered = sum(1 for unit in store.units if unit.getalttrans())
    assert offered == len(store.units)  # every unit offers its translation as an alt-trans


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
def test_po_passes_msgfmt_check(exports: Path) -> None:
    result = subprocess.run(
        ["msgfmt", "--check-format", "-c", "-o", "/dev/null", str(exports / "c.po")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def expected_pairs(documents) -> Counter[tuple[str, str, str, str]]:
    return Counter(
        (name, pair.id, pair.source.text, pair.target.text) for name, d in documents.items() for pair in d.pairs
    )


def with_both_sides(pairs: Counter[tuple[str, str, str, str]]) -> Counter[tuple[str, str, str, str]]:
    """The pairs a TMX holds: those without an empty side."""
    return Counter({key: count for key, count in pairs.items() if key[2].strip() and key[3].strip()})


def read_back(*paths: Path) -> Counter[tuple[str | None, str | None, str, str | None]]:
    return Counter((u.path, u.pair_id, u.source, u.target) for path in paths for u in read_reviewed(path))


def test_writing_then_reading_gives_back_every_segment_exactly(exports: Path, documents) -> None:
    expected = expected_pairs(documents)
    assert read_back(exports / "all.tmx") == with_both_sides(expected)
    assert read_back(exports / "c.xlf") == expected
    assert read_back(*sorted((exports / "x2").rglob("*.xlf"))) == expected


def test_translate_toolkit_reads_every_export(exports: Path, documents) -> None:
    pairs = sum(len(d.pairs) for d in documents.values())
    assert (
        len(tt_tmx.tmxfile.parsefile(str(exports / "all.tmx")).units)
        == with_both_sides(expected_pairs(documents)).total()
    )
    assert len(tt_xliff.xlifffile.parsefile(str(exports / "c.xlf")).units) == pairs
    units = sum(len(tt_xliff2.Xliff2File.parsefile(str(f)).units) for f in (exports / "x2").rglob("*.xlf"))
    assert units == pairs


def test_translate_toolkit_reads_text_exports_with_the_same_pairs(exports: Path, documents) -> None:
    if exports.name.startswith("exports-tags"):
        pytest.skip("with tags, translate-toolkit shows codes its own way")
    expected = {(text[2], text[3]) for text in expected_pairs(documents)}
    in_tmx = {(u.source, u.target) for u in tt_tmx.tmxfile.parsefile(str(exports / "c.tmx")).units}
    assert in_tmx <= expected  # one target of each source, pairs with an empty side left out
    assert {source for source, _ in in_tmx} == {s for s, t in expected if s.strip() and t.strip()}
    assert {(u.source, u.target) for u in tt_xliff.xlifffile.parsefile(str(exports / "c.xlf")).units} == expected
    for name, document in documents.items():
        if document.pairs:
            store = tt_xliff2.Xliff2File.parsefile(str(exports / "x2" / f"{name}.xlf"))
            assert [(u.source, u.target) for u in store.units] == [
                (p.source.text, p.target.text) for p in document.pairs
            ]


def test_polib_reads_po_back_with_the_same_pairs(exports: Path, documents) -> None:
    catalogue = polib.pofile(str(exports / "c.po"))
    assert Counter((e.occurrences[0][0], e.msgid, e.msgstr) for e in catalogue) == Counter(
        (name, source, target) for name, _, source, target in expected_pairs(documents)
    )
    assert len({entry.msgctxt for entry in catalogue}) == len(catalogue)


def test_qa_reports_validate_and_include_reader_errors(shared: Path, tmp_path: Path, validator) -> None:
    corpus = str(shared / "corpus")
    for report, name in (("sarif", "qa.sarif"), ("junit", "qa-junit.xml"), ("json", "qa.json")):
        assert (
            main(["qa", corpus, "--exclude", "README.md", "-q", "--format", report, "--output", str(tmp_path / name)])
            == 1
        )
    assert validator(tmp_path / "qa.sarif", tmp_path / "qa-junit.xml") == []
    import json

    codes = {finding["code"] for finding in json.loads((tmp_path / "qa.json").read_text(encoding="utf-8"))["findings"]}
    assert {"SX001", "SX002"} <= codes
