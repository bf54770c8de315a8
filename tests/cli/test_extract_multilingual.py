"""extract --multilingual: locale trees aligned on the English segment, on small trees and on the study corpus."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from sxstm.cli import main
from sxstm.sxs.pivot import normalize_source
from sxstm.sxs.reader import read_document
from sxstm.sxs.sources import find_sources

REPO = Path(__file__).resolve().parents[2]
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _study() -> Path | None:
    if "SXSTM_STUDY" in os.environ:
        return Path(os.environ["SXSTM_STUDY"])
    for folder in (REPO.parent, *REPO.parents):
        if (folder / "data" / "study").is_dir():
            return folder / "data" / "study"
    return None


STUDY = _study()


def write_tree(root: Path, locale: str, documents: dict[str, list[tuple[str, str]]]) -> Path:
    tree = root / f"docs.{locale.lower()}"
    for name, pairs in documents.items():
        spans = "".join(
            f'<span data-ttu-id="{locale}-{n}">{target}</span>'
            f'<span class="sxs-lookup"><span data-stu-id="{locale}-{n}">{source}</span></span>\n\n'
            for n, (source, target) in enumerate(pairs)
        )
        path = tree / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\nms.translationtype: MT\nms.contentlocale: {locale}\n---\n{spans}", encoding="utf-8")
    return tree


@pytest.fixture
def trees(tmp_path: Path) -> list[str]:
    de = write_tree(tmp_path, "de-DE", {"a.md": [("Open `x`.", "Öffne `x`."), ("Only here.", "Nur hier.")]})
    ja = write_tree(tmp_path, "ja-JP", {"a.md": [("Open `x`.", "`x` を開く。")], "b.md": [("Bye.", "さようなら。")]})
    return [str(de), str(ja)]


def units(path: Path) -> list[list[tuple[str, str]]]:
    root = etree.parse(str(path)).getroot()
    return [
        [(tuv.get(XML_LANG), "".join(tuv.find("seg").itertext())) for tuv in tu.findall("tuv")]
        for tu in root.iter("tu")
    ]


def test_two_trees_give_one_tmx_unit_per_english_segment(
    trees: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], validator
) -> None:
    out, report = tmp_path / "all.tmx", tmp_path / "report.json"
    assert main(["extract", *trees, "--multilingual", "-o", str(out), "--alignment-report", str(report)]) == 0
    assert units(out) == [
        [("en-US", "Open `x`."), ("de-DE", "Öffne `x`."), ("ja-JP", "`x` を開く。")],
        [("en-US", "Only here."), ("de-DE", "Nur hier.")],
        [("en-US", "Bye."), ("ja-JP", "さようなら。")],
    ]
    assert validator(out) == []
    err = capsys.readouterr().err
    assert "not matched, document absent from the tree: 1 documents (de-DE 1)" in err
    assert "not matched, English text differs: 1 segments (ja-JP 1)" in err
    assert json.loads(report.read_text(encoding="utf-8"))["unmatched"] == {
        "English text differs": {"ja-JP": 1},
        "document absent from the tree": {"de-DE": 1},
    }


def test_jsonl_and_tsv_have_a_multilingual_form(trees: list[str], tmp_path: Path) -> None:
    assert main(["extract", *trees, "--multilingual", "-q", "-o", str(tmp_path / "all.jsonl")]) == 0
    lines = (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()
    assert [sorted(json.loads(line)["translations"]) for line in lines] == [["de-DE", "ja-JP"], ["de-DE"], ["ja-JP"]]
    assert main(["extract", *trees, "--multilingual", "-q", "-o", str(tmp_path / "all.tsv")]) == 0
    rows = (tmp_path / "all.tsv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "path\tcontext\ten-US\tde-DE\tja-JP" and rows[3] == "b.md\tparagraph\tBye.\t\tさようなら。"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--format", "po"], "--multilingual writes tmx, jsonl, tsv, not po"),
        (["--split"], "--split is not for it"),
        (["--target-lang", "de-DE"], "drop --target-lang"),
    ],
)
def test_multilingual_refuses_what_it_cannot_write(
    trees: list[str], tmp_path: Path, extra: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", *trees, "--multilingual", "-o", str(tmp_path / "out.tmx"), *extra]) == 2
    assert message in capsys.readouterr().err


def test_a_file_is_not_a_locale_tree(trees: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["extract", trees[0], f"{trees[1]}/b.md", "--multilingual", "-o", str(tmp_path / "o.tmx")]
    assert main(args) == 2
    assert "is not a folder" in capsys.readouterr().err


def test_an_unreadable_document_is_reported_and_the_rest_written(
    trees: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (Path(trees[1]) / "c.md").write_bytes(b"\0binary")
    assert main(["extract", *trees, "--multilingual", "-o", str(tmp_path / "o.tmx")]) == 1
    assert "docs.ja-jp/c.md:1:1" in capsys.readouterr().err
    assert len(units(tmp_path / "o.tmx")) == 3


def expected_units(trees: list[Path]) -> dict[tuple[str, str], set[str]]:
    """Independently of the aligner: the locales that have each (path, English segment)."""
    found: dict[tuple[str, str], set[str]] = {}
    for tree in trees:
        for source in find_sources([tree]):
            document = read_document(source.path, name=source.name)
            for pair in document.pairs:
                if pair.source.text.strip() and pair.target.text.strip():
                    found.setdefault((source.name, normalize_source(pair.source.text)), set()).add(
                        document.target_locale
                    )
    return found


@pytest.mark.parametrize(
    "names",
    [("osd.de-de", "osd.ja-jp", "osd.zh-cn", "osd.ru-ru"), ("kaizala.de-de", "kaizala.fr-fr")],
    ids=["osd", "kaizala"],
)
def test_study_trees_give_a_valid_tmx_with_a_unit_per_english_segment_and_every_language_that_has_it(
    names: tuple[str, ...], tmp_path: Path, validator, capsys: pytest.CaptureFixture[str]
) -> None:
    if STUDY is None:
        pytest.skip("the study corpus (data/study) is not here")
    trees = [STUDY / name for name in names]
    out, report = tmp_path / "all.tmx", tmp_path / "report.json"
    args = ["extract", *map(str, trees), "--multilingual", "-o", str(out), "--alignment-report", str(report)]
    assert main(args) == 0
    assert validator(out) == []
    root = etree.parse(str(out)).getroot()
    written: Counter[tuple[str, str]] = Counter()
    languages: dict[tuple[str, str], set[str]] = {}
    for tu in root.iter("tu"):
        path = tu.findtext("prop[@type='x-file']")
        tuvs = tu.findall("tuv")
        assert tuvs[0].get(XML_LANG) == "en-US"
        key = (path, normalize_source("".join(tuvs[0].find("seg").itertext())))
        written[key] += 1
        languages[key] = {tuv.get(XML_LANG) for tuv in tuvs[1:]}
    expected = expected_units(trees)
    assert [key for key, count in written.items() if count > 1] == []
    assert languages == expected
    # every (path, English segment) some locales lack is counted once per locale lacking it
    counted = json.loads(report.read_text(encoding="utf-8"))
    locales = {tree["locale"] for tree in counted["trees"]}
    segments_unmatched = sum(
        count
        for reason, by_locale in counted["unmatched"].items()
        if reason != "document absent from the tree"
        for count in by_locale.values()
    )
    have_document = {
        (path, locale) for (path, _), found in expected.items() for locale in found
    }  # a locale whose tree holds the document
    lacking = sum(
        1 for (path, _), found in expected.items() for locale in locales - found if (path, locale) in have_document
    )
    assert segments_unmatched == lacking
    assert "not matched" in capsys.readouterr().err or lacking == 0
