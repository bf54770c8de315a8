"""The SARIF 2.1.0 reporter, for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import TextIO
from urllib.parse import quote

from sxstm.checks import CHECKS
from sxstm.model import Finding
from sxstm.reports.baseline import report_key
from sxstm.reports.registry import Report, reporter
from sxstm.sxs.problems import Problem
from sxstm.version import __version__

SCHEMA = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
_SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"


def rules() -> list[dict[str, object]]:
    """Every check and reader problem as a SARIF rule, in a fixed order: a one-sentence short
    description and the whole documentation as the full one."""
    described = [
        *((c.code, c.name, c.severity, c.sentence, c.doc) for c in CHECKS.values()),
        *((p.code, p.label, p.severity, p.description, p.description) for p in Problem),
    ]
    return [
        {
            "id": code,
            "name": name,
            "shortDescription": {"text": sentence},
            "fullDescription": {"text": " ".join(doc.split())},
            "defaultConfiguration": {"level": _SARIF_LEVELS[severity.value]},
        }
        for code, name, severity, sentence, doc in described
    ]


@reporter(
    "sarif",
    "SARIF 2.1.0 for GitHub code scanning, with a rule per check and a result per finding.",
    suffix="sarif",
)
def report_sarif(report: Report, out: TextIO) -> None:
    """Write SARIF 2.1.0: rules with descriptions, a result per finding with its start line and
    column (and end column where known), its file's URI relative to the repository root (``%SRCROOT%``), and a partial
    fingerprint from the check, repository path, pair id and message."""
    registered = rules()
    index = {rule["id"]: number for number, rule in enumerate(registered)}
    results = [
        {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _SARIF_LEVELS[f.severity.value],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact_location(report.repository_path(f.path), report.root),
                        "region": region(f),
                    }
                }
            ],
            "partialFingerprints": {"sxstmFinding/v2": "#".join(report_key(report, f))},
        }
        for f in report.findings
    ]
    run: dict[str, object] = {"tool": {"driver": {"name": "sxstm", "version": __version__, "rules": registered}}}
    if report.root:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": report.root}}
    run["results"] = results
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    json.dump(log, out, ensure_ascii=False, indent=2)
    out.write("\n")


def region(finding: Finding) -> dict[str, int]:
    """The SARIF region of a finding: its start, and its end column where it spans known
    characters on one line."""
    found = {"startLine": max(finding.line, 1), "startColumn": max(finding.column, 1)}
    if finding.end_column > found["startColumn"]:
        found["endColumn"] = finding.end_column
    return found


def artifact_location(path: str, root: str) -> dict[str, str]:
    """The SARIF location of the file at repository ``path``: a URI relative to ``%SRCROOT%``,
    percent-encoded (RFC 3986), or a ``file:`` URI for a file outside the repository."""
    if PurePosixPath(path).is_absolute():
        return {"uri": "file://" + quote(path, safe="/")}
    if not root:
        return {"uri": quote(path, safe="/")}
    return {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT}
