"""The SARIF results written through a template are the bytes json.dump writes of them."""

from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from sxstm.model import Finding, Severity
from sxstm.reports import sarif
from sxstm.reports.baseline import report_key
from sxstm.reports.registry import Report

RULES = sarif.rules()
INDEX = {rule["id"]: number for number, rule in enumerate(RULES)}


def by_json_dump(report: Report) -> str:
    """The log as the reporter wrote it before the template: every value through json.dump."""
    results = [
        {
            "ruleId": f.code,
            "ruleIndex": INDEX[f.code],
            "level": sarif._SARIF_LEVELS[f.severity.value],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": sarif.artifact_location(report.repository_path(f.path), report.root),
                        "region": sarif.region(f),
                    }
                }
            ],
            "partialFingerprints": {"sxstmFinding/v2": "#".join(report_key(report, f))},
        }
        for f in report.findings
    ]
    run: dict[str, object] = {"tool": {"driver": {"name": "sxstm", "version": sarif.__version__, "rules": RULES}}}
    if report.root:
        run["originalUriBaseIds"] = {sarif.SRCROOT: {"uri": report.root}}
    run["results"] = results
    out = io.StringIO()
    json.dump({"$schema": sarif.SCHEMA, "version": "2.1.0", "runs": [run]}, out, ensure_ascii=False, indent=2)
    return out.getvalue() + "\n"


# Text json escapes or does not (controls, quotes, backslashes, U+2028, non-ASCII, the text the
# template splits the frame at), paths of every kind (Windows, absolute, percent signs).
ODD = st.sampled_from(
    [
        "",
        "\\",
        '"',
        "\x00\x1f\x7f",
        "\u2028\u2029",
        "\ufeff",
        "\n\r\t",
        "żółć 漢字 \U0001f600",
        '"results": []',
        "C:\\docs\\a b.md",
        "/outside/x.md",
        "%SRCROOT%/a%20b.md",
        "../up.md",
        "a" * 3000,
    ]
)
TEXT = st.lists(st.one_of(ODD, st.text(max_size=10)), max_size=3).map("".join)
NUMBER = st.one_of(st.integers(-2, 3), st.integers(-(2**64), 2**64))
FINDING = st.builds(
    Finding,
    path=TEXT,
    line=NUMBER,
    column=NUMBER,
    severity=st.sampled_from(list(Severity)),
    code=st.sampled_from(sorted(INDEX)),
    name=TEXT,
    message=TEXT,
    pair_id=st.one_of(st.none(), TEXT),
    target=TEXT,
    offset=NUMBER,
    length=NUMBER,
)


@settings(max_examples=300)
@given(st.lists(FINDING, max_size=4), st.sampled_from(["", "file:///work/repo/", 'file:///C:/a%20"b/']), st.data())
def test_sarif_is_what_json_dump_writes(findings: list[Finding], root: str, data: st.DataObject) -> None:
    # Findings of one file (its location is written once, then reused) and files known by
    # another repository path.
    findings += [Finding(f.path, 1, 1, Severity.INFO, f.code, "n", "again") for f in findings[:1]]
    paths = {f.path: data.draw(TEXT) for f in findings if data.draw(st.booleans())}
    report = Report(findings, root=root, repository_paths=paths)
    out = io.StringIO()
    sarif.report_sarif(report, out)
    assert out.getvalue() == by_json_dump(report)
