"""The SARIF 2.1.0 reporter, for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from sxstm.checks import CHECKS
from sxstm.model import Finding
from sxstm.reports.registry import reporter
from sxstm.sxs.problems import Problem
from sxstm.version import __version__

SCHEMA = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
_SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


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
def report_sarif(findings: Sequence[Finding], out: TextIO) -> None:
    """Write SARIF 2.1.0: rules with descriptions, a result per finding with its start line and
    column, and a partial fingerprint from the pair id."""
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
                        "artifactLocation": {"uri": f.path},
                        "region": {"startLine": max(f.line, 1), "startColumn": max(f.column, 1)},
                    }
                }
            ],
            "partialFingerprints": {"sxstmPair/v1": f"{f.path}#{f.pair_id or ''}#{f.code}#{f.message}"},
        }
        for f in findings
    ]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {"tool": {"driver": {"name": "sxstm", "version": __version__, "rules": registered}}, "results": results}
        ],
    }
    json.dump(log, out, ensure_ascii=False, indent=2)
    out.write("\n")
