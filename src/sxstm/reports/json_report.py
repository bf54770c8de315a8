"""The JSON reporter: every field of every finding, versioned, for scripts."""

from __future__ import annotations

import json
from collections import Counter
from typing import TextIO

from sxstm.reports.registry import Report, reporter

JSON_VERSION = 1
# One encoder for every finding: json.dumps with an option makes a new one per call.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


@reporter(
    "json",
    "A versioned JSON object with every field of every finding, one finding a line, and counts per severity.",
    suffix="json",
)
def report_json(report: Report, out: TextIO) -> None:
    """Write a JSON object: ``version``, ``findings`` (every field, one finding a line;
    ``offset`` and ``source_offset``: where the defect is in ``target`` and the matching place
    in ``source``, null when unknown) and ``summary`` counts per severity."""
    findings = report.findings
    out.write(f'{{"version": {JSON_VERSION},\n"findings": [')
    for index, f in enumerate(findings):
        record = {
            "path": f.path,
            "line": f.line,
            "column": f.column,
            "end_column": f.end_column or None,
            "severity": f.severity.value,
            "code": f.code,
            "name": f.name,
            "message": f.message,
            "pair_id": f.pair_id,
            "source": f.source,
            "target": f.target,
            "offset": f.offset if f.offset >= 0 else None,
            "source_offset": f.source_offset if f.source_offset >= 0 else None,
        }
        out.write(("\n" if not index else ",\n") + _ENCODE(record))
    summary = json.dumps(dict(Counter(f.severity.value for f in findings)))
    out.write(f'\n],\n"summary": {summary}}}\n')
