"""sxstm merge decides by content: one test per rule of the README's merge table, and the files
translate-toolkit writes back (po2xliff, xliff2po) merged with its own commands."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from sxstm.cli import main

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "docs.pl-pl"
SAMPLE = "guide/sample.md"
TOOLKIT = Path(sys.executable).parent

# A pair whose English source is empty and whose target is "{" (OmegaT writes msgstr "" for it).
BRACE = """---
ms.translationtype: MT
ms.contentlocale: pl-PL
---
# <span data-ttu-id="e0e0e-101">Tytuł</span><span class="sxs-lookup"><span data-stu-id="e0e0e-101">Title</span></span>

<span data-ttu-id="e0e0e-102">{</span><span class="sxs-lookup"><span data-stu-id="e0e0e-102"></span></span>
"""

# The same source twice with different targets, and once more with one target.
TWICE = """---
ms.translationtype: HT
ms.contentlocale: pl-PL
---
<span data-ttu-id="f0f0f-101">Uwaga</span><span class="sxs-lookup"><span data-stu-id="f0f0f-101">Note</span></span>

<span data-ttu-id="f0f0f-102">Notatka</span><span class="sxs-lookup"><span data-stu-id="f0f0f-102">Note</span></span>

<span data-ttu-id="f0f0f-103">Raz</span><span class="sxs-lookup"><span data-stu-id="f0f0f-103">Once</span></span>
"""


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    shutil.copytree(CORPUS, folder)
    return folder


def export(docs: Path, path: Path, *options: str) -> Path:
    assert main(["extract", str(docs), "-q", "-o", str(path), *options]) == 0
    return path


def edit_po(path: Path, edits: dict[str, str], *, fuzzy: bool = False) -> Path:
    catalogue = polib.pofile(str(path), wrapwidth=0)
    for entry in catalogue:
        if entry.msgctxt in edits:
            entry.msgstr = edits[entry.msgctxt]
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy" or fuzzy]
    catalogue.save(str(path))
    return path


def sample_span(docs: Path, pair_id: str) -> str:
    match = re.search(rf'<span data-ttu-id="{pair_id}">(.*?)</span><span class="sxs-lookup">', read(docs / SAMPLE))
    assert match is not None
    return match.group(1)


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_an_empty_target_never_empties_a_document_the_omegat_brace_case(tmp_path: Path, capsys) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "brace.md").write_text(BRACE, encoding="utf-8")
    review = export(docs, tmp_path / "r.po", "--no-fuzzy")
    text = read(review)
    assert 'msgid ""\nmsgstr "{"' in text
    review.write_text(text.replace('msgid ""\nmsgstr "{"', 'msgid ""\nmsgstr ""'), encoding="utf-8")
    assert main(["merge", str(review), "--into", str(docs), "--in-place"]) == 1
    assert "error: skipped: empty in the reviewed file; an empty target never replaces a translation" in (
        capsys.readouterr().err
    )
    assert read(docs / "brace.md") == BRACE
    for force in ("--include-fuzzy", "--accept-source-copies"):  # no option applies it
        assert main(["merge", str(review), "--into", str(docs), "--in-place", force, "-q"]) == 1
        assert read(docs / "brace.md") == BRACE


def test_a_blank_target_is_empty_too(docs: Path, tmp_path: Path, capsys) -> None:
    review = edit_po(export(docs, tmp_path / "r.po"), {"a1b2c-104": "   "})
    assert main(["merge", str(review), "--into", str(docs), "--in-place"]) == 1
    assert "empty in the reviewed file" in capsys.readouterr().err
    assert sample_span(docs, "a1b2c-104") == "To jest pierwsze zdanie."


def test_a_copy_of_the_english_source_is_listed_not_applied_unless_accepted(docs: Path, tmp_path: Path, capsys) -> None:
    review = edit_po(export(docs, tmp_path / "r.po"), {"a1b2c-104": "This is the first sentence."})
    assert main(["merge", str(review), "--into", str(docs), "--in-place"]) == 1
    err = capsys.readouterr().err
    assert re.search(r"r\.po:\d+:1: error: skipped: a copy of the English source, not a translation "
                     r"\(use --accept-source-copies to apply it\)", err)  # fmt: skip
    assert sample_span(docs, "a1b2c-104") == "To jest pierwsze zdanie."
    assert main(["merge", str(review), "--into", str(docs), "--in-place", "--accept-source-copies", "-q"]) == 0
    assert sample_span(docs, "a1b2c-104") == "This is the first sentence."


def test_an_omegat_tag_left_as_text_is_refused(docs: Path, tmp_path: Path, capsys) -> None:
    review = edit_po(export(docs, tmp_path / "r.po"), {"a1b2c-113": "<g0/>Element listy z <f1>łączem</f1>."})
    before = files(docs)
    assert main(["merge", str(review), "--into", str(docs), "--in-place", "--include-fuzzy"]) == 1
    assert "error: refused: CAT tool tag <g0/> left as text" in capsys.readouterr().err
    assert files(docs) == before


def test_an_edited_xliff_unit_still_marked_mt_suggestion_is_applied(docs: Path, tmp_path: Path, capsys) -> None:
    review = export(docs, tmp_path / "r.xlf")
    text = read(review)
    old = '<target state="needs-review-translation" state-qualifier="mt-suggestion">To jest pierwsze zdanie.</target>'
    assert old in text  # OmegaT saves the state it found
    review.write_text(text.replace(old, old.replace("To jest", "Oto")), encoding="utf-8")
    assert main(["merge", str(review), "--into", str(docs), "--in-place"]) == 0
    assert " 1 applied, " in capsys.readouterr().err
    assert sample_span(docs, "a1b2c-104") == "Oto pierwsze zdanie."


def test_an_xliff_target_in_state_new_is_judged_by_its_content(docs: Path, tmp_path: Path, capsys) -> None:
    review = export(docs, tmp_path / "r.xlf")
    text = read(review).replace('state="needs-review-translation" state-qualifier="mt-suggestion"', 'state="new"')
    review.write_text(text, encoding="utf-8")  # every target as it is in the document: unchanged
    assert main(["merge", str(review), "--into", str(docs), "--dry-run"]) == 0
    assert capsys.readouterr().out == ""


def test_a_file_whose_every_unit_is_skipped_says_why_and_exits_1(docs: Path, tmp_path: Path, capsys) -> None:
    review = export(docs / "guide", tmp_path / "r.po")
    catalogue = polib.pofile(str(review), wrapwidth=0)
    for entry in catalogue:
        assert "fuzzy" in entry.flags
        entry.msgstr = f"[{entry.msgstr}]"
    catalogue.save(str(review))
    count = len(catalogue)
    assert main(["merge", str(review), "--into", str(docs / "guide"), "--in-place"]) == 1
    err = capsys.readouterr().err
    assert err.count("error: skipped: still marked fuzzy") == count
    assert f"sxstm: no unit applied: {count:,} units still marked fuzzy" in err
    assert (
        f"all {count:,} units are marked fuzzy: export with --no-fuzzy for OmegaT, or merge with --include-fuzzy" in err
    )


def test_unchanged_units_alone_exit_0(docs: Path, tmp_path: Path, capsys) -> None:
    review = export(docs, tmp_path / "r.po")
    assert main(["merge", str(review), "--into", str(docs), "--dry-run"]) == 0
    assert " 0 applied, " in capsys.readouterr().err


def test_a_po_without_msgctxt_finds_pairs_by_document_and_source(tmp_path: Path, capsys) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "twice.md").write_text(TWICE, encoding="utf-8")
    review = export(docs, tmp_path / "r.po")
    text = re.sub(r'msgctxt "[^"]*"\n', "", read(review))
    text = text.replace('msgstr "Uwaga"', 'msgstr "Uwaga!"').replace('msgstr "Raz"', 'msgstr "Jeden raz"')
    review.write_text(text, encoding="utf-8")
    assert main(["merge", str(review), "--into", str(docs), "--in-place"]) == 1
    err = capsys.readouterr().err
    assert "its source occurs 2 times in twice.md with different targets: applied to none" in err
    assert read(docs / "twice.md") == TWICE.replace(">Raz<", ">Jeden raz<")


@pytest.mark.parametrize(
    ("ours", "command", "theirs"), [("po", "po2xliff", "xlf"), ("xlf", "xliff2po", "po")], ids=["po2xliff", "xliff2po"]
)
def test_what_translate_toolkit_writes_back_merges(
    ours: str, command: str, theirs: str, docs: Path, tmp_path: Path, capsys
) -> None:
    exported = export(docs, tmp_path / f"ours.{ours}")
    converted = tmp_path / f"theirs.{theirs}"
    subprocess.run([str(TOOLKIT / command), str(exported), str(converted)], check=True, capture_output=True)
    before = files(docs)
    assert main(["merge", str(converted), "--into", str(docs), "--in-place", "--include-fuzzy"]) == 0
    assert " 0 applied, " in capsys.readouterr().err
    assert files(docs) == before  # byte for byte
    text = read(converted)
    assert text.count("To jest pierwsze zdanie.") == 1
    converted.write_text(text.replace("To jest pierwsze zdanie.", "Oto pierwsze zdanie."), encoding="utf-8")
    assert main(["merge", str(converted), "--into", str(docs), "--in-place", "--include-fuzzy"]) == 0
    assert " 1 applied, " in capsys.readouterr().err
    assert files(docs) == {
        name: data.replace(b"To jest pierwsze zdanie.", b"Oto pierwsze zdanie.") for name, data in before.items()
    }
