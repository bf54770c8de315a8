"""The ground truth inside the repository, no ../shared needed: restore and merge identity.

``documents/`` holds sxs documents written for these tests, with the variants of
../shared/corpus/README.md (containers, tables, lists, alerts, code fences, CRLF, multi-line
pairs, escaped stars, heading anchors, link reference definitions). They hold the MT defects of
real documents, so they live here and not in corpus/, whose documents the QA tests expect clean.
The expected restore outputs under ``expected/restore/{target,source}/`` were checked by hand;
regenerate them only on purpose and review the diff: ``pytest tests/golden --regen``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sxstm.cli import main

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[1] / "corpus"
DOCUMENTS = HERE / "documents"
EXPECTED = HERE / "expected" / "restore"


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_documents_hold_the_variants_the_round_trips_must_keep() -> None:
    documents = files(DOCUMENTS)
    assert b"\r\n" in documents["docs.de-de/guide/crlf.md"]
    assert not files(CORPUS)["samples.fr-fr/no-final-newline.md"].endswith(b"\n")
    text = b"".join(documents.values()).decode("utf-8")
    for variant in ("> [!TIP]", "> > <span", "\n|:--|--:|", "\n```console", '> ## <a name="', "\\*", "]: https://"):
        assert variant in text, variant


@pytest.mark.parametrize("side", ["target", "source"])
def test_restore_gives_the_expected_files_byte_for_byte(side: str, tmp_path: Path, regen: bool) -> None:
    out = tmp_path / side
    assert main(["restore", str(DOCUMENTS), "--side", side, "-q", "-o", str(out)]) == 0
    if regen:
        shutil.rmtree(EXPECTED / side, ignore_errors=True)
        shutil.copytree(out, EXPECTED / side)
    assert files(out) == files(EXPECTED / side)


def test_restore_target_unescapes_mt_stars_and_keeps_the_translated_link_definition() -> None:
    text = (EXPECTED / "target" / "docs.pl-pl" / "guide" / "containers.md").read_text(encoding="utf-8")
    assert "Znak * oznacza" in text and "Dosłowna gwiazdka \\* zostaje." in text  # the source has \* there
    assert "[dokumentacja]: https://" in text and "[docs]: https://" not in text
    assert '# <a name="containers"></a>Pary w kontenerach' in text  # the live branch keeps the anchors


def test_restore_source_drops_every_injected_anchor_and_keeps_crlf() -> None:
    source = EXPECTED / "source"
    assert not any(b'<a name="' in data for data in files(source).values())
    crlf = (source / "docs.de-de" / "guide" / "crlf.md").read_bytes()
    assert b"\r\nUnderlined\r\n=============\r\n" in crlf and crlf.count(b"\n") == crlf.count(b"\r\n")


def merged_trees(docs: Path, fmt: str, tmp_path: Path) -> list[Path]:
    """Export ``docs`` as ``fmt``, merge every export back unchanged, return the output trees."""
    exports = tmp_path / "exports"
    if fmt == "xliff2":  # one target locale per file: one export per document
        assert main(["extract", str(docs), "-q", "--split", "-f", fmt, "-o", str(exports)]) == 0
        reviewed = sorted(exports.rglob("*.xlf"))
    else:
        exports.mkdir()
        reviewed = [exports / f"corpus.{fmt}"]
        assert main(["extract", str(docs), "-q", "-o", str(reviewed[0])]) == 0
    trees = []
    for number, export in enumerate(reviewed):
        out = tmp_path / f"out{number}"
        assert main(["merge", str(export), "--into", str(docs), "--include-mt", "-q", "-o", str(out)]) == 0
        trees.append(out)
    return trees


@pytest.mark.parametrize("docs", [CORPUS, DOCUMENTS], ids=["corpus", "documents"])
@pytest.mark.parametrize("fmt", ["xlf", "xliff2", "po", "tmx"])
def test_merging_an_unchanged_export_gives_back_every_document_byte_for_byte(
    fmt: str, docs: Path, tmp_path: Path
) -> None:
    with_pairs = [path for path in docs.rglob("*.md") if b"data-ttu-id" in path.read_bytes()]
    trees = merged_trees(docs, fmt, tmp_path)
    assert len(trees) == (len(with_pairs) if fmt == "xliff2" else 1)
    for tree in trees:
        assert files(tree) == files(docs)
