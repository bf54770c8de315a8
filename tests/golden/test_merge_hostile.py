"""Hostile reviewed files meet a clear refusal, never a crash nor a document that reads back
otherwise than intended (issue 13, "Hostile reviewed files (merge and qa)")."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sxstm import read_document
from sxstm.cli import main
from sxstm.model import Pair
from sxstm.roundtrip.merge import Rules, Verdict, _with_prefixes, judge
from sxstm.sxs.reader import parse_document

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "docs.pl-pl" / "guide" / "sample.md"
SENTENCE = "To jest pierwsze zdanie."  # the target of a1b2c-104, a paragraph
CELL = "Nazwa"  # the target of a1b2c-108, a table cell


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copyfile(SAMPLE, folder / "sample.md")
    return folder


def reviewed(docs: Path, suffix: str, edits: dict[str, str], *options: str) -> Path:
    """Export DOCS, then put each raw ``edits`` text in place of a target (file syntax as is)."""
    path = docs.parent / f"r.{suffix}"
    assert main(["extract", str(docs), "-q", "--no-fuzzy", "-o", str(path), *options]) == 0
    text = path.read_text(encoding="utf-8")
    for old, new in edits.items():
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return path


def merge(review: Path, docs: Path, capsys) -> tuple[int, str]:
    code = main(["merge", str(review), "--into", str(docs), "--in-place"])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


@pytest.mark.parametrize("value", ["zz", "110000", "-1", ""])
def test_an_xliff2_cp_that_names_no_character_is_an_error_at_its_line_not_a_crash(
    docs: Path, value: str, capsys
) -> None:
    review = reviewed(
        docs, "xlf", {f"<target>{SENTENCE}</target>": f'<target>A<cp hex="{value}"/>B</target>'}, "-f", "xliff2"
    )
    before = (docs / "sample.md").read_bytes()
    code, err = merge(review, docs, capsys)
    assert code == 1 and re.search(rf'r\.xlf:\d+:1: <cp hex="{re.escape(value)}"> names no Unicode code point', err)
    assert (docs / "sample.md").read_bytes() == before
    assert main(["qa", str(review)]) == 1
    assert "SX010 target-not-text" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("value", "shown"), [("0", "U+0000"), ("D800", "U+D800"), ("DC80", "U+DC80"), ("1B", "U+001B")]
)
def test_an_xliff2_cp_of_a_control_or_surrogate_is_refused_never_written(
    docs: Path, value: str, shown: str, capsys
) -> None:
    review = reviewed(
        docs, "xlf", {f"<target>{SENTENCE}</target>": f'<target>A<cp hex="{value}"/>B</target>'}, "-f", "xliff2"
    )
    before = (docs / "sample.md").read_bytes()
    code, err = merge(review, docs, capsys)
    assert code == 1 and f"refused: the target holds the character {shown}, which is not text" in err
    assert (docs / "sample.md").read_bytes() == before
    assert main(["qa", str(review), "-q"]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in err and f"SX010 target-not-text: a1b2c-104: the target holds the character {shown}" in out


def test_a_po_nul_escape_is_refused(docs: Path, capsys) -> None:
    review = reviewed(docs, "po", {f'msgstr "{SENTENCE}"': 'msgstr "A \\0 B"'})
    code, err = merge(review, docs, capsys)
    assert code == 1 and "the character U+0000, which is not text" in err
    assert b"\0" not in (docs / "sample.md").read_bytes()


@pytest.mark.parametrize(
    ("pair_target", "new", "reason"),
    [
        (SENTENCE, "A\\r```\\rB", "a carriage return (CR)"),
        (CELL, "A\\rB", "a carriage return (CR)"),
        (SENTENCE, "A\\n# H", "a line break where the pair has none"),
        (SENTENCE, "A\\n- item", "a line break where the pair has none"),
        (CELL, "A | B | C", "a | in a table cell would split the cell"),
        (SENTENCE, "A </span><span> B", "adds or removes <span> tags"),
        (SENTENCE, '<SPAN DATA-TTU-ID=\\"a1b2c-999\\">A</SPAN>', "sxs span markup"),
        (SENTENCE, "A <Span>B</Span>", "adds or removes <span> tags"),
    ],
)
def test_targets_that_change_the_documents_structure_are_refused(
    docs: Path, pair_target: str, new: str, reason: str, capsys
) -> None:
    review = reviewed(docs, "po", {f'msgstr "{pair_target}"': f'msgstr "{new}"'})
    before = (docs / "sample.md").read_bytes()
    code, err = merge(review, docs, capsys)
    assert code == 1 and reason in err, err
    assert (docs / "sample.md").read_bytes() == before


@pytest.mark.parametrize("line", ["# H", "- item", "> q", "<div>", "1. one", "***", "| a |"])
def test_a_line_that_starts_a_block_is_refused_where_the_pair_has_lines(line: str) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    pair = next(p for p in read_document(str(SAMPLE)).pairs if p.id == "a1b2c-p101")  # two lines in a quote
    verdict, reason, _ = judge(text, pair, f"[Poprzedni](a.md)\n{line}", fuzzy=False, rules=Rules(), context=ctx)
    assert verdict is Verdict.REFUSED and "would start a block of its own" in reason


def ctx(pair: Pair) -> str:
    return pair.context


def test_duplicate_units_with_different_targets_are_reported_and_neither_applied(docs: Path, capsys) -> None:
    review = reviewed(docs, "po", {})
    text = review.read_text(encoding="utf-8")
    entry = re.search(r'(#[^\n]*\n)*msgctxt "a1b2c-104"\nmsgid "[^"]*"\nmsgstr "[^"]*"\n', text)
    assert entry is not None
    twice = entry.group().replace(SENTENCE, "Pierwsze.") + "\n" + entry.group().replace(SENTENCE, "Drugie.")
    review.write_text(text.replace(entry.group(), twice), encoding="utf-8")
    code, err = merge(review, docs, capsys)
    assert code == 1 and err.count("give a1b2c-104 different targets: none is applied") == 2
    assert SENTENCE in (docs / "sample.md").read_text(encoding="utf-8")


def test_units_of_another_language_are_reported_not_applied(docs: Path, capsys) -> None:
    review = reviewed(docs, "tmx", {f"<seg>{SENTENCE}</seg>": "<seg>Der erste Satz.</seg>"})
    review.write_text(review.read_text(encoding="utf-8").replace('xml:lang="pl-PL"', 'xml:lang="de-DE"'), "utf-8")
    code, err = merge(review, docs, capsys)
    assert code == 1 and "the unit is in de-DE and sample.md in pl-PL: not applied" in err
    assert SENTENCE in (docs / "sample.md").read_text(encoding="utf-8")


def test_a_tmx_unit_refused_for_its_path_is_not_applied_by_source_text(docs: Path, capsys) -> None:
    review = reviewed(docs, "tmx", {f"<seg>{SENTENCE}</seg>": "<seg>Wstrzyknięte.</seg>"})
    text = review.read_text(encoding="utf-8").replace(
        '<tu tuid="sample.md#a1b2c-104">\n      <prop type="x-file">sample.md</prop>',
        '<tu tuid="sample.md#a1b2c-104">\n      <prop type="x-file">../../etc/x.md</prop>',
    )
    review.write_text(text, encoding="utf-8")
    code, err = merge(review, docs, capsys)
    assert code == 1 and "unsafe document path '../../etc/x.md'" in err
    assert "Wstrzyknięte" not in (docs / "sample.md").read_text(encoding="utf-8")


def test_an_internal_entity_is_not_expanded_in_an_attribute(docs: Path, capsys) -> None:
    review = reviewed(docs, "xlf", {'original="sample.md"': 'original="&p;"'})
    text = review.read_text(encoding="utf-8")
    head, rest = text.split("\n", 1)
    review.write_text(f'{head}\n<!DOCTYPE xliff [<!ENTITY p "sample.md">]>\n{rest}', encoding="utf-8")
    code, err = merge(review, docs, capsys)
    assert code == 1 and re.search(r"r\.xlf:\d+: an attribute uses the entity &p;, which would be expanded", err)


PIECES = ["a", "b ", " ", "\n", "\r", "#", "- ", ">", "|", "<span>", "</SPAN>", "`", "```", "\0", "\ud800", "1. ", "*"]
text_strategy = st.text(st.characters(codec="utf-8"), max_size=40) | st.lists(st.sampled_from(PIECES), max_size=12).map(
    "".join
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=text_strategy, pair_id=st.sampled_from(["a1b2c-104", "a1b2c-108", "a1b2c-113", "a1b2c-p101"]))
@example(target="\n0", pair_id="a1b2c-p101")  # the span tag alone on the quote's first line: an HTML block
def test_an_applied_target_reads_back_as_that_target_and_nothing_else_moves(target: str, pair_id: str) -> None:
    """Whatever the reviewed text, a target merge applies re-reads as exactly that target, and
    every other pair of the document reads as before."""
    text = SAMPLE.read_text(encoding="utf-8")
    document = read_document(str(SAMPLE))
    pair = next(p for p in document.pairs if p.id == pair_id)
    verdict, _, _ = judge(text, pair, target, fuzzy=False, rules=Rules(accept_source_copies=True), context=ctx)
    if verdict is not Verdict.APPLIED:
        return
    merged = text[: pair.target.start] + _with_prefixes(text, pair, target) + text[pair.target.end :]
    again = parse_document(merged.encode("utf-8"), "sample.md")
    assert [p.id for p in again.pairs] == [p.id for p in document.pairs]
    for old, new in zip(document.pairs, again.pairs, strict=True):
        assert new.target.text == (target if old.id == pair_id else old.target.text)
        assert new.source.text == old.source.text and new.context == old.context


def test_a_target_that_takes_the_sources_inline_span_is_applied() -> None:
    # a1b2c-119: the source ends in <span style="color:red">red</span>; a reviewer (or OmegaT's
    # copy of the source) keeps that span in the translation: no sxs span is opened or closed.
    text = SAMPLE.read_text(encoding="utf-8")
    pair = next(p for p in read_document(str(SAMPLE)).pairs if p.id == "a1b2c-119")
    new = 'Źródło kończące się na <span style="color:red">czerwono</span>'
    verdict, reason, _ = judge(text, pair, new, fuzzy=False, rules=Rules(), context=ctx)
    assert verdict is not Verdict.REFUSED, reason
    closing_first = 'Źródło </span><span style="color:red"> czerwone'
    verdict, reason, _ = judge(text, pair, closing_first, fuzzy=False, rules=Rules(), context=ctx)
    assert verdict is Verdict.REFUSED and "adds or removes <span> tags" in reason


QA_REFUSED = [
    ("xliff2", f"<target>{SENTENCE}</target>", '<target>A<cp hex="0"/>B</target>', "the character U+0000"),
    ("xliff2", f"<target>{SENTENCE}</target>", '<target>A<cp hex="DC80"/>B</target>', "the character U+DC80"),
    ("xliff2", f"<target>{SENTENCE}</target>", '<target>A<cp hex="zz"/>B</target>', '<cp hex="zz">'),
    ("po", f'msgstr "{SENTENCE}"', 'msgstr "A \\0 B"', "the character U+0000"),
    ("po", f'msgstr "{SENTENCE}"', 'msgstr "A \\x07 B"', "the character U+0007"),
    ("po", f'msgstr "{SENTENCE}"', 'msgstr "A\\r```\\rB"', "a carriage return (CR)"),
    ("po", f'msgstr "{SENTENCE}"', 'msgstr "A\\n# H"', "a line break where the pair has none"),
    ("po", f'msgstr "{SENTENCE}"', 'msgstr "A </span><span> B"', "adds <span> tags"),
    ("po", f'msgstr "{SENTENCE}"', 'msgstr "<SPAN DATA-TTU-ID=\\"a1b2c-999\\">A</SPAN>"', "sxs span markup"),
]


@pytest.mark.parametrize(("fmt", "old", "new", "reason"), QA_REFUSED)
def test_qa_of_a_reviewed_file_reports_targets_merge_would_refuse_as_sx010_in_json_and_sarif(
    docs: Path, fmt: str, old: str, new: str, reason: str, capsys
) -> None:
    review = reviewed(docs, "xlf" if fmt == "xliff2" else fmt, {old: new}, "-f", fmt)
    capsys.readouterr()
    assert main(["qa", str(review), "-q", "--format", "json"]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    (finding,) = [f for f in json.loads(out)["findings"] if f["code"] == "SX010"]
    assert finding["name"] == "target-not-text" and finding["severity"] == "error"
    assert reason in finding["message"] and finding["path"].endswith(review.name) and finding["line"] > 1
    assert main(["qa", str(review), "-q", "--format", "sarif"]) == 1
    (run,) = json.loads(capsys.readouterr().out)["runs"]
    results = [r for r in run["results"] if r["ruleId"] == "SX010"]
    assert len(results) == 1 and reason in results[0]["message"]["text"]
    assert "SX010" in [rule["id"] for rule in run["tool"]["driver"]["rules"]]


def test_qa_reports_no_sx010_for_a_clean_reviewed_file(docs: Path, capsys) -> None:
    review = reviewed(docs, "po", {})
    main(["qa", str(review), "-q", "--format", "json", "--exit-zero"])
    assert "SX010" not in capsys.readouterr().out
