"""The SARIF 2.1.0 reporter, for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

import json
from itertools import islice
from json.encoder import encode_basestring
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
_BATCH = 512  # results written at once


def rules() -> list[dict[str, object]]:
    """Every check and reader problem as a SARIF rule, in a fixed order: a one-sentence short
    description and the whole documentation as the full one, with where the check is off by
    default."""
    described = [
        *((c.code, c.name, c.severity, c.sentence, f"{c.doc} {c.off_by_default}") for c in CHECKS.values()),
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
    run: dict[str, object] = {"tool": {"driver": {"name": "sxstm", "version": __version__, "rules": registered}}}
    if report.root:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": report.root}}
    run["results"] = []
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    # The frame through json, the results (64,645 on the bench) through a template of the same
    # layout: json.dump with an indent walks every value in Python, 6.7 s for the bench's results.
    head, tail = json.dumps(log, ensure_ascii=False, indent=2).rsplit('"results": []', 1)
    out.write(head)
    if report.findings:
        out.write('"results": [\n')
        files: dict[str, str] = {}  # a file's artifact location as written, once per file
        # Written 512 results at a time: the results of a run joined at once were a string of
        # 100 MB on the bench, held with the findings.
        results = (_result(report, f, index[f.code], files) for f in report.findings)
        out.write(",\n".join(islice(results, _BATCH)))
        while batch := ",\n".join(islice(results, _BATCH)):
            out.write(",\n" + batch)
        out.write("\n      ]")
    else:
        out.write('"results": []')
    out.write(tail + "\n")


# A result as json.dump(..., indent=2) lays it out in the list of results of the first run.
_RESULT = """        {{
          "ruleId": {rule},
          "ruleIndex": {index},
          "level": "{level}",
          "message": {{
            "text": {message}
          }},
          "locations": [
            {{
              "physicalLocation": {{
                "artifactLocation": {{
                  "uri": {file}
                }},
                "region": {{
                  "startLine": {line},
                  "startColumn": {column}{end}
                }}
              }}
            }}
          ],
          "partialFingerprints": {{
            "sxstmFinding/v2": {fingerprint}
          }}
        }}"""
_BASE = f',\n                  "uriBaseId": {encode_basestring(SRCROOT)}'


def _result(report: Report, finding: Finding, index: int, files: dict[str, str]) -> str:
    """The SARIF result of ``finding``, laid out as in the file (``files``: the artifact
    locations written so far, by path)."""
    file = files.get(finding.path)
    if file is None:
        location = artifact_location(report.repository_path(finding.path), report.root)
        file = files[finding.path] = encode_basestring(location["uri"]) + (_BASE if "uriBaseId" in location else "")
    found = region(finding)
    end = found.get("endColumn")
    return _RESULT.format(
        rule=encode_basestring(finding.code),
        index=index,
        level=_SARIF_LEVELS[finding.severity.value],
        message=encode_basestring(finding.message),
        file=file,
        line=found["startLine"],
        column=found["startColumn"],
        end=f',\n                  "endColumn": {end}' if end is not None else "",
        fingerprint=encode_basestring("#".join(report_key(report, finding))),
    )


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
