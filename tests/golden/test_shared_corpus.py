"""The real documents of ../shared/corpus: exact pair counts, clean text, valid exports."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from translate.storage import tmx as tt_tmx
from translate.storage import xliff as tt_xliff
from translate.storage import xliff2 as tt_xliff2

from sxstm.cli import main
from sxstm.reader import read_document

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


@pytest.fixture(scope="module")
def exports(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("exports")
    corpus = str(shared / "corpus")
    for name in ("c.tmx", "c.xlf", "c.po", "c.tsv", "c.jsonl"):
        assert (
            main(["extract", corpus, "--exclude", "README.md", "-q", "-o", str(out / name)]) == 1
        )  # the truncated file
    assert (
        main(["extract", corpus, "--exclude", "README.md", "-q", "--split", "-f", "xliff2", "-o", str(out / "x2")]) == 1
    )
    return out


def test_tmx_and_xliff_validate_against_the_official_schemas(exports: Path, validator) -> None:
    assert validator(exports / "c.tmx", exports / "c.xlf", *sorted((exports / "x2").rglob("*.xlf"))) == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
def test_po_passes_msgfmt_check(exports: Path) -> None:
    result = subprocess.run(
        ["msgfmt", "--check-format", "-c", "-o", "/dev/null", str(exports / "c.po")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def expected_pairs(documents) -> set[tuple[str, str]]:
    return {(pair.source.text, pair.target.text) for document in documents.values() for pair in document.pairs}


def test_translate_toolkit_reads_tmx_back_with_the_same_pairs(exports: Path, documents) -> None:
    store = tt_tmx.tmxfile.parsefile(str(exports / "c.tmx"))
    assert {(unit.source, unit.target) for unit in store.units} == expected_pairs(documents)


def test_translate_toolkit_reads_xliff12_back_with_the_same_pairs(exports: Path, documents) -> None:
    store = tt_xliff.xlifffile.parsefile(str(exports / "c.xlf"))
    units = [(unit.source, unit.target) for unit in store.units]
    assert len(units) == sum(len(d.pairs) for d in documents.values())
    assert set(units) == expected_pairs(documents)


def test_translate_toolkit_reads_xliff2_back_with_the_same_pairs(exports: Path, documents) -> None:
    for name, document in documents.items():
        if not document.pairs:
            continue
        store = tt_xliff2.Xliff2File.parsefile(str(exports / "x2" / f"{name}.xlf"))
        assert [(u.source, u.target) for u in store.units] == [(p.source.text, p.target.text) for p in document.pairs]


def test_polib_reads_po_back_with_the_same_pairs(exports: Path, documents) -> None:
    catalogue = polib.pofile(str(exports / "c.po"))
    assert len(catalogue) == sum(len(d.pairs) for d in documents.values())
    assert {(entry.msgid, entry.msgstr) for entry in catalogue} == expected_pairs(documents)
    assert len({entry.msgctxt for entry in catalogue}) == len(catalogue)
