"""Golden outputs of every registered reporter, from the findings of one hostile document.

``tests/golden/reports/findings.md`` holds ``<script>``, quotes, ``%``, ``:`` and ``,``, a pair
over two lines, Polish, Japanese and Arabic text, and a damaged span. Every reporter writes its
findings to ``tests/golden/reports/<name>.<suffix>``; ``pytest --regen`` rewrites them (review the diff).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import sxstm.reports.sarif
from sxstm.checks import CHECKS, across, check_document, default_profile
from sxstm.model import Finding
from sxstm.reports import REPORTERS, Report
from sxstm.sxs.problems import Problem
from sxstm.sxs.reader import parse_document

HERE = Path(__file__).resolve().parent / "reports"
PATH = "docs.pl-pl/raport,wersja:1.md"  # a comma and a colon, which GitHub's commands escape
CLEAN = "docs.pl-pl/czysty #1 ż.md"  # a document checked without findings: a passing JUnit case
ROOT = "file:///repo/"  # SARIF's %SRCROOT%: the run's file paths are under articles/ in it


def findings() -> list[Finding]:
    """The findings of findings.md, the run-level checks' included, and one of the whole file."""
    document = parse_document((HERE / "findings.md").read_bytes(), PATH)
    profile = default_profile()
    checked = check_document(document, profile)
    found = [*checked.findings, *across([checked.seen] if checked.seen else [], profile)]
    return [*found, Problem.UNREADABLE.at(PATH, 0, 0, 'cannot read: 100% "gone"\nat the second read')]


def render(name: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The report ``name`` writes of :func:`findings`; in SARIF, only the rules of checks found
    (a check documented anew does not change this file) and a fixed version."""
    found = findings()
    codes = {finding.code for finding in found}
    monkeypatch.setattr(sxstm.reports.sarif, "CHECKS", {code: c for code, c in CHECKS.items() if code in codes})
    monkeypatch.setattr(sxstm.reports.sarif, "__version__", "0.0.0")
    out = io.StringIO(newline="")
    report = Report(found, [PATH, CLEAN], ROOT, {PATH: f"articles/{PATH}", CLEAN: f"articles/{CLEAN}"})
    REPORTERS[name].write(report, out)
    return out.getvalue()


def golden(name: str) -> Path:
    return HERE / f"{name}.{REPORTERS[name].suffix}"


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_reporter_output_matches_its_golden_file(name: str, regen: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    text = render(name, monkeypatch)
    if regen:
        golden(name).write_bytes(text.encode("utf-8"))
    assert golden(name).is_file(), f"reporter {name} has no golden file {golden(name).name}; run pytest --regen"
    assert text == golden(name).read_bytes().decode("utf-8")


def test_every_golden_file_belongs_to_a_registered_reporter() -> None:
    expected = {golden(name).name for name in REPORTERS}
    assert {path.name for path in HERE.iterdir() if path.name != "findings.md"} == expected


def test_the_findings_hold_the_hostile_text() -> None:
    found = findings()
    texts = " ".join(f"{f.path} {f.message} {f.source} {f.target}" for f in found)
    for hostile in ("<script>", '"', "%", ":", ",", "\n", "ż", "日本語", "مرحبا"):
        assert hostile in texts
    assert {f.severity.value for f in found} == {"error", "warning", "info"}
    assert {"SX002", "SX005"} <= {f.code for f in found}


def test_golden_sarif_and_junit_validate_against_their_schemas(validator) -> None:
    assert validator(golden("sarif"), golden("junit")) == []


def test_golden_gitlab_report_is_code_quality_json_with_unique_fingerprints() -> None:
    issues = json.loads(golden("gitlab").read_text(encoding="utf-8"))
    assert len(issues) == len(findings())
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] == PATH and issue["location"]["lines"]["begin"] >= 1
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
    repeated = [issue for issue in issues if issue["check_name"] == "SX201"]
    assert len(repeated) == 2  # one pair, one check, two findings: told apart by their occurrence


def test_gitlab_fingerprints_survive_a_line_move() -> None:
    from dataclasses import replace

    from sxstm.reports.baseline import baseline_key
    from sxstm.reports.gitlab import fingerprint

    finding = findings()[1]
    moved = replace(finding, line=finding.line + 7)
    assert fingerprint(baseline_key(moved, PATH), 0) == fingerprint(baseline_key(finding, PATH), 0)
    assert fingerprint(baseline_key(finding, PATH), 1) != fingerprint(baseline_key(finding, PATH), 0)
