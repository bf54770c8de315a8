"""The reporter registry, and the rule descriptions SARIF carries."""

from __future__ import annotations

import io
import json

import pytest

from sxstm.checks import CHECKS
from sxstm.checks.registry import first_sentence
from sxstm.reports import REPORTERS
from sxstm.reports.registry import Report, reporter
from sxstm.reports.sarif import report_sarif
from sxstm.sxs.problems import Problem


def test_registering_a_reporter_name_twice_is_an_error() -> None:
    with pytest.raises(ValueError, match="text is registered twice"):
        reporter("text", "Again.", suffix="txt")(REPORTERS["text"].write)
    assert REPORTERS["text"].write.__name__ == "report_text"


def test_every_reporter_has_a_one_sentence_summary_and_a_documented_writer() -> None:
    for registered in REPORTERS.values():
        assert first_sentence(registered.summary) == registered.summary.strip()
        assert registered.summary.endswith(".") and registered.write.__doc__
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
