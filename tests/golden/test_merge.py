"""sxstm merge: identity on real documents, exact edits, refusals, and hostile input."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest

from sxstm.cli import main
from sxstm.roundtrip import merge as merge_module

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SAMPLE = "docs.pl-pl/guide/sample.md"


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("suffix", ["xlf", "po", "tmx"])
def test_merging_an_unchanged_export_gives_back_every_file_of_shared_corpus(
    suffix: str, shared: Path, tmp_path: Path
) -> None:
    corpus = shared / "corpus"
    exported = tmp_path / f"c.{suffix}"
    # A TMX keeps one target per source unless --all-targets: merged as a memory, that target
    # would replace the other variants of the source.
    every_target = ["--all-targets"] if suffix == "tmx" else []
    main(["extract", str(corpus), "--exclude", "README.md", "-q", *every_target, "-o", str(exported)])
    assert main(["merge", str(exported), "--into", str(corpus), "--include-mt", "-q", "-o", str(tmp_path / "out")]) == 0
    assert files(tmp_path / "out") == files(corpus)


def test_merging_unchanged_xliff2_exports_changes_nothing(shared: Path, tmp_path: Path, capsys) -> None:
    corpus = shared / "corpus"
    main(["extract", str(corpus), "--exclude", "README.md", "-q", "--split", "-f", "xliff2", "-o", str(tmp_path)])
    capsys.readouterr()
    exports = sorted(tmp_path.rglob("*.xlf"))
    assert len(exports) == 106  # every file with pairs, the truncated one too
    for export in exports:
        assert main(["merge", str(export), "--into", str(corpus), "--include-mt", "--dry-run", "-q"]) == 0
    assert capsys.readouterr().out == ""  # no diff


@pytest.mark.parametrize("suffix", ["xlf", "po"])
def test_a_review_file_read_in_slices_merges_as_the_whole_file(
    suffix: str, shared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sxstm.roundtrip.reviewed._SLICE_BYTES", 1)  # a slice per document
    corpus = shared / "corpus"
    exported = tmp_path / f"c.{suffix}"
    # A TMX keeps one target per source unless --all-targets: merged as a memory, that target
    # would replace the other variants of the source.
    every_target = ["--all-targets"] if suffix == "tmx" else []
    main(["extract", str(corpus), "--exclude", "README.md", "-q", *every_target, "-o", str(exported)])
    assert main(["merge", str(exported), "--into", str(corpus), "--include-mt", "-q", "-o", str(tmp_path / "out")]) == 0
    assert files(tmp_path / "out") == files(corpus)


@pytest.mark.parametrize("suffix", ["xlf", "po"])
def test_documents_told_unchanged_by_their_spans_get_the_verdicts_of_the_whole_reading(
    suffix: str, shared: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = shared / "corpus"
    exported = tmp_path / f"c.{suffix}"
    main(["extract", str(corpus), "--exclude", "README.md", "-q", "-o", str(exported)])
    capsys.readouterr()
    text = exported.read_text(encoding="utf-8")
    ends = "</target>" if suffix == "xlf" else '"\n\n#'
    pieces = text.split(ends)
    exported.write_text(
        "".join(p + (" x" if n % 7 == 3 else "") + ends for n, p in enumerate(pieces[:-1])) + pieces[-1]
    )
    calls: list[bool] = []
    spans_alone = merge_module._unchanged

    def counted(data: bytes, task: merge_module.MergeTask) -> bool:
        calls.append(spans_alone(data, task))
        return calls[-1]

    def merged() -> tuple[int, str, str]:
        status = main(["merge", str(exported), "--into", str(corpus), "--include-mt", "--dry-run", "-j", "1"])
        out, err = capsys.readouterr()
        return status, out, err

    monkeypatch.setattr(merge_module, "_unchanged", counted)
    told = merged()
    assert 0 < calls.count(True) < len(calls)  # some documents told unchanged, some read whole
    monkeypatch.setattr(merge_module, "_unchanged", lambda data, task: False)
    assert merged() == told


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    shutil.copytree(CORPUS, folder)
    return folder


def reviewed_po(docs: Path, tmp_path: Path, edits: dict[str, str]) -> Path:
    path = tmp_path / "review.po"
    assert main(["extract", str(docs), "-q", "-o", str(path)]) == 0
    catalogue = polib.pofile(str(path))
    for entry in catalogue:
        if entry.msgctxt in edits:
            entry.msgstr = edits[entry.msgctxt]
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    catalogue.save(str(path))
    return path


def test_changed_targets_change_exactly_those_spans(docs: Path, tmp_path: Path, capsys) -> None:
    before = (docs / SAMPLE).read_text(encoding="utf-8")
    review = reviewed_po(
        docs, tmp_path, {"a1b2c-104": "Pierwsze zdanie, poprawione.", "a1b2c-p101": "[Wstecz](a.md)\n[Dalej](b.md)"}
    )
    assert main(["merge", str(review), "--into", str(docs), "--dry-run", "-q"]) == 0
    diff = capsys.readouterr().out
    lines = diff.splitlines()
    removed = [line for line in lines if line.startswith("-") and not line.startswith("---")]
    added = [line for line in lines if line.startswith("+") and not line.startswith("+++")]
    assert len(removed) == len(added) == 2  # the paragraph line, and the first line of the multi-line pair
    assert main(["merge", str(review), "--into", str(docs), "--in-place", "-q"]) == 0
    after = (docs / SAMPLE).read_text(encoding="utf-8")
    assert after == before.replace(
        '<span data-ttu-id="a1b2c-104">To jest pierwsze zdanie.</span>',
        '<span data-ttu-id="a1b2c-104">Pierwsze zdanie, poprawione.</span>',
    ).replace(
        '<span data-ttu-id="a1b2c-p101">[Poprzedni](a.md)\n> [Dalej](b.md)</span>',
        '<span data-ttu-id="a1b2c-p101">[Wstecz](a.md)\n> [Dalej](b.md)</span>',
    )


def test_an_edited_po_entry_still_marked_fuzzy_is_listed_and_applied_only_with_include_fuzzy(
    docs: Path, tmp_path: Path, capsys
) -> None:
    review = tmp_path / "mt.po"
    assert main(["extract", str(docs), "-q", "-o", str(review)]) == 0
    catalogue = polib.pofile(str(review))
    entry = next(entry for entry in catalogue if entry.msgctxt == "a1b2c-104")
    assert "fuzzy" in entry.flags  # still marked as machine translation
    entry.msgstr = "Zdanie poprawione, wciąż MT."
    catalogue.save(str(review))
    before = files(docs)
    assert main(["merge", str(review), "--into", str(docs), "--in-place"]) == 1
    err = capsys.readouterr().err
    assert re.search(r"mt\.po:\d+:1: error: skipped: still marked fuzzy: .*--include-fuzzy", err)
    assert re.search(r"0 applied, [1-9]\d* unchanged, .* 1 skipped", err)
    assert files(docs) == before
    assert main(["merge", str(review), "--into", str(docs), "--in-place", "--include-fuzzy"]) == 0
    assert " 1 applied, " in capsys.readouterr().err
    assert '<span data-ttu-id="a1b2c-104">Zdanie poprawione, wciąż MT.</span>' in (docs / SAMPLE).read_text(
        encoding="utf-8"
    )


def test_include_mt_still_works_as_a_hidden_alias_of_include_fuzzy(docs: Path, tmp_path: Path, capsys) -> None:
    review = tmp_path / "mt.po"
    assert main(["extract", str(docs), "-q", "-o", str(review)]) == 0
    text = review.read_text(encoding="utf-8")
    review.write_text(text.replace('msgstr "To jest pierwsze zdanie."', 'msgstr "Zmienione."'), encoding="utf-8")
    assert main(["merge", str(review), "--into", str(docs), "--in-place", "--include-mt"]) == 0
    assert " 1 applied, " in capsys.readouterr().err


def test_targets_that_would_break_the_document_are_refused(docs: Path, tmp_path: Path, capsys) -> None:
    review = reviewed_po(
        docs, tmp_path, {"a1b2c-104": "Zepsute</span> zdanie", "a1b2c-108": "Dwie\nlinie", "a1b2c-105": "a\n```\nb"}
    )
    before = files(docs)
    assert main(["merge", str(review), "--into", str(docs), "--in-place"]) == 1
    err = capsys.readouterr().err
    assert err.count("refused") >= 3 and "table cell" in err and "code fence" in err and "<span>" in err
    assert files(docs) == before


def test_stale_and_unknown_units_are_reported_not_applied(docs: Path, tmp_path: Path, capsys) -> None:
    review = reviewed_po(docs, tmp_path, {"a1b2c-104": "Nowe"})
    text = review.read_text(encoding="utf-8").replace('msgid "This is the first sentence."', 'msgid "Changed source."')
    text = text.replace('msgctxt "a1b2c-105"', 'msgctxt "zzzzz-999"')
    review.write_text(text, encoding="utf-8")
    before = files(docs)
    assert main(["merge", str(review), "--into", str(docs), "--in-place", "--include-mt"]) == 1
    err = capsys.readouterr().err
    assert "stale" in err and "no pair zzzzz-999" in err
    assert re.search(r"review\.po:\d+:1: error: missing: no pair zzzzz-999", err)
    assert files(docs) == before


XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE xliff [
  <!ENTITY secret SYSTEM "file:///etc/passwd">
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="{original}" source-language="en-US" target-language="pl-PL" datatype="x-markdown">
    <body>
      <trans-unit id="a1b2c-104" resname="a1b2c-104">
        <source>This is the first sentence.</source>
        <target state="translated">{target}</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_an_entity_reference_is_kept_as_written_never_expanded(docs: Path, tmp_path: Path) -> None:
    review = tmp_path / "hostile.xlf"
    review.write_text(XLIFF.format(original=SAMPLE, target="&secret;"), encoding="utf-8")
    assert main(["merge", str(review), "--into", str(docs), "--in-place", "-q", "--include-mt"]) == 0
    text = (docs / SAMPLE).read_text(encoding="utf-8")
    assert '<span data-ttu-id="a1b2c-104">&secret;</span>' in text and "root:" not in text


def test_an_entity_bomb_is_refused_as_not_well_formed_and_changes_nothing(docs: Path, tmp_path: Path, capsys) -> None:
    # Not expanding &d; is not enough: libxml2 measures the entity's size where it is referenced
    # and stops the parse ("Maximum entity amplification factor exceeded").
    review = tmp_path / "hostile.xlf"
    review.write_text(XLIFF.format(original=SAMPLE, target="&d;&d;&d;&d;&d;"), encoding="utf-8")
    before = files(docs)
    assert main(["merge", str(review), "--into", str(docs), "--in-place", "-q", "--include-mt"]) == 1
    err = capsys.readouterr().err
    assert "hostile.xlf:14:" in err and "not well-formed XML" in err and "no document was changed" in err
    assert files(docs) == before


@pytest.mark.parametrize("original", ["../outside.md", "/tmp/outside.md", "docs.pl-pl/../../outside.md"])
def test_paths_leaving_the_documents_are_refused(original: str, docs: Path, tmp_path: Path, capsys) -> None:
    review = tmp_path / "escape.xlf"
    review.write_text(XLIFF.format(original=original, target="x"), encoding="utf-8")
    assert main(["merge", str(review), "--into", str(docs), "-o", str(tmp_path / "out")]) == 1
    assert "unsafe document path" in capsys.readouterr().err
    assert not (tmp_path / "outside.md").exists() and not Path("/tmp/outside.md").exists()


def test_units_of_a_document_split_across_the_file_are_refused_in_slices_too(
    docs: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sxstm.roundtrip.reviewed._SLICE_BYTES", 1)
    review = reviewed_po(docs, tmp_path, {"a1b2c-104": "Pierwsze", "a1b2c-105": "Drugie"})
    entries = review.read_text(encoding="utf-8").split("\n\n")
    moved = next(index for index, entry in enumerate(entries) if 'msgctxt "a1b2c-105"' in entry)
    entries.append(entries.pop(moved))  # after the other documents' entries
    review.write_text("\n\n".join(entries), encoding="utf-8")
    assert main(["merge", str(review), "--into", str(docs), "--dry-run", "--include-mt", "-q"]) == 1
    captured = capsys.readouterr()
    assert "are not together in the file" in captured.err
    assert "Pierwsze" in captured.out and "Drugie" not in captured.out


def test_a_file_tag_inside_cdata_does_not_cut_the_review_file(
    docs: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sxstm.roundtrip.reviewed._SLICE_BYTES", 1)
    review = tmp_path / "cdata.xlf"
    assert main(["extract", str(docs), "-q", "-o", str(review)]) == 0
    text = review.read_text(encoding="utf-8")
    first = text.index("</target>")
    trick = '<![CDATA[ </file> <file original="x.md"> ]]>'
    review.write_text(text[:first] + trick + text[first:], encoding="utf-8")
    assert main(["merge", str(review), "--into", str(docs), "--dry-run", "--include-mt", "-q"]) == 0
    assert "</file> <file" in capsys.readouterr().out  # applied as text, the file read whole


def test_not_well_formed_review_file_is_an_input_error(docs: Path, tmp_path: Path, capsys) -> None:
    review = tmp_path / "broken.xlf"
    review.write_text("<xliff><file>", encoding="utf-8")
    assert main(["merge", str(review), "--into", str(docs), "--dry-run"]) == 1
    assert "broken.xlf:1:" in capsys.readouterr().err
