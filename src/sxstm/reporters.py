"""Reporters for QA findings: a registry of writers, one per output format."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TextIO

from sxstm.model import Finding

Reporter = Callable[[Sequence[Finding], TextIO], None]
REPORTERS: dict[str, Reporter] = {}
JSON_VERSION = 1


def reporter(name: str) -> Callable[[Reporter], Reporter]:
    """Register a reporter under ``name``."""

    def register(function: Reporter) -> Reporter:
        REPORTERS[name] = function
        return function

    return register


@reporter("text")
def report_text(findings: Sequence[Finding], out: TextIO) -> None:
    """One line per finding: ``path:line:col: severity CODE name: message``."""
    for finding in findings:
        out.write(
            f"{finding.path}:{finding.line}:{finding.column}: {finding.severity.value} "
            f"{finding.code} {finding.name}: {finding.message}\n"
        )


@reporter("json")
def report_json(findings: Sequence[Finding], out: TextIO) -> None:
    """A JSON object: ``version``, ``findings`` (every field) and ``summary`` counts per severity."""
    payload = {
        "version": JSON_VERSION,
        "findings": [
            {
                "path": f.path,
                "line": f.line,
                "column": f.column,
                "severity": f.severity.value,
                "code": f.code,
                "name": f.name,
                "message": f.message,
                "pair_id": f.pair_id,
            }
            for f in findings
        ],
        "summary": dict(Counter(f.severity.value for f in findings)),
    }
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")
