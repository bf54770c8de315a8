"""The reporter registry, and the rule descriptions SARIF carries."""

from __future__ import annotations

import io
import json
import time

import pytest

from sxstm.checks import CHECKS
from sxstm.checks.registry import first_sentence
from sxstm.model import Finding, Severity
from sxstm.reports import REPORTERS
from sxstm.reports.registry import Report, reporter
from sxstm.reports.sarif import report_sarif
from sxstm.reports.text import excerpt
from sxstm.sxs.problems import Problem
from sxstm.version import docstring


def test_registering_a_reporter_name_twice_is_an_error() -> None:
    with pytest.raises(ValueError, match="text is registered twice"):
        reporter("text", "Again.", suffix="txt")(REPORTERS["text"].write)
    assert REPORTERS["text"].write.__name__ == "report_text"


def test_every_reporter_has_a_one_sentence_summary_and_a_documented_writer() -> None:
    for registered in REPORTERS.values():
        assert first_sentence(registered.summary) == registered.summary.strip()
        assert registered.summary.endswith(".") and docstring(registered.write)  # compiled: from its source
        assert registered.suffix and "." not in registered.suffix


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("Keep it. Then more.", "Keep it."),
        ("Use a tool, e.g. a linter, first. Then.", "Use a tool, e.g. a linter, first."),
        ("Wait... and then go. More.", "Wait... and then go."),
        ("Wait… and go. More.", "Wait… and go."),
        ("``System.Exception`` stays. More.", "``System.Exception`` stays."),
        ("A literal ``end. Not here`` goes on. More.", "A literal ``end. Not here`` goes on."),
        ("Escaped ``\\`a\\` and \\`b\\```  are kept. More.", "Escaped ``\\`a\\` and \\`b\\```  are kept."),
        ("Version 3.0 keeps its dot. More.", "Version 3.0 keeps its dot."),
        ("No full stop at all", "No full stop at all"),
    ],
)
def test_first_sentence_ends_at_the_full_stop_that_ends_a_sentence(text: str, sentence: str) -> None:
    assert first_sentence(text) == sentence


def test_every_sarif_rule_has_a_whole_sentence_short_description() -> None:
    out = io.StringIO()
    report_sarif(Report([]), out)
    rules = json.loads(out.getvalue())["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [*CHECKS, *(problem.code for problem in Problem)]
    for rule in rules:
        short, full = rule["shortDescription"]["text"], rule["fullDescription"]["text"]
        assert short.endswith("."), rule["id"]
        assert full == short or full.startswith(short + " "), rule["id"]
        assert first_sentence(full) == short, rule["id"]


def _far_finding() -> Finding:
    source = "Intro words. " * 20 + "Call `Run` now."
    target = "Słowa wstępu. " * 20 + "Wywołaj `Run` ."
    return Finding(
        "a.md",
        3,
        300,
        Severity.WARNING,
        "SX301",
        "space-before-punctuation",
        "m",
        "a-1",
        "",
        source,
        target,
        target.rindex("`Run`"),
        len("`Run` ."),
        source.rindex("`Run`"),
    )


def test_the_text_report_shows_the_defect_beyond_the_first_hundred_characters_with_a_marker() -> None:
    out = io.StringIO()
    REPORTERS["text"].write(Report([_far_finding()]), out)
    source_line, target_line = out.getvalue().splitlines()[1:3]
    assert "▶`Run` .◀" in target_line and target_line.startswith("    target: …")
    assert "Call `Run` now." in source_line and len(target_line) < 120


def test_an_excerpt_of_a_huge_segment_costs_no_more_than_a_slice_around_the_spot() -> None:
    huge = "słowo " * 400_000 + "BŁĄD" + " koniec" * 400_000
    spot, started = huge.index("BŁĄD"), time.perf_counter()
    for _ in range(200):
        shown = excerpt(huge, spot, 4, mark=True)
    assert "▶BŁĄD◀" in shown and len(shown) <= 100 + 4  # the marks and an ellipsis at each end
    assert time.perf_counter() - started < 1.0  # folding the whole segment 200 times takes many seconds


def test_json_and_sarif_carry_the_column_and_end_column_of_the_defect() -> None:
    finding = _far_finding()
    out = io.StringIO()
    REPORTERS["json"].write(Report([finding]), out)
    (record,) = json.loads(out.getvalue())["findings"]
    assert (record["column"], record["end_column"], record["offset"]) == (300, 300 + len("`Run` ."), finding.offset)
    out = io.StringIO()
    report_sarif(Report([finding]), out)
    region = json.loads(out.getvalue())["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 300, "endColumn": 307}


@pytest.mark.parametrize("root", ["", "file:///work/repo/"])
def test_sarif_results_are_laid_out_as_json_indents_them(root: str) -> None:
    """The results are written through a template (for speed): the file must read as json.dump
    with an indent of 2 writes it, whatever the message, path or region holds."""
    findings = [
        Finding(
            "docs/a b,c.md", 3, 7, Severity.ERROR, "SX201", "code-span-changed", 'a "quoted"\nline\t\u2028ż', "p-1"
        ),
        Finding("/outside/x.md", 1, 1, Severity.WARNING, "SX301", "space-before-punctuation", "\\ \x01", None),
        Finding(
            "d.md", 0, 0, Severity.INFO, "SX406", "inconsistent-translation", "", "p-2", target="ab", offset=0, length=2
        ),
        Finding("d.md", 5, 9, Severity.ERROR, "SX002", "unpaired-span", "m", "p-3", target="a\nb", offset=0, length=3),
    ]
    out = io.StringIO()
    report_sarif(Report(findings, root=root), out)
    written = out.getvalue()
    assert written == json.dumps(json.loads(written), ensure_ascii=False, indent=2) + "\n"
    results = json.loads(written)["runs"][0]["results"]
    assert [result["message"]["text"] for result in results] == [finding.message for finding in findings]
