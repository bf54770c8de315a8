"""The GitLab reporter: a Code Quality report, shown in merge requests."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import TextIO

from sxstm.reports.baseline import Key, report_key
from sxstm.reports.registry import Report, reporter

_SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def fingerprint(key: Key, occurrence: int) -> str:
    """Hash what identifies a finding across runs (its baseline ``key``: check, repository path,
    pair and message) and, for its repeats, which ``occurrence`` it is: stable and unique per finding."""
    key_text = "\0".join((*key, str(occurrence) if occurrence else ""))
    return hashlib.sha256(key_text.encode()).hexdigest()[:32]


@reporter(
    "gitlab",
    "A GitLab Code Quality report, a JSON array of issues for merge requests.",
    suffix="json",
)
def report_gitlab(report: Report, out: TextIO) -> None:
    """Write GitLab's Code Quality JSON: per finding its ``description``, ``check_name``, a
    ``fingerprint``, the ``severity`` (error major, warning minor, info info) and its
    ``location`` (path and first line)."""
    seen: Counter[Key] = Counter()
    # Each issue laid out as json.dump(..., indent=2) lays out the list of them, written as it is
    # made: the list of a run's issues was held whole, with the findings.
    separator = "[\n  "
    for f in report.findings:
        key = report_key(report, f)
        occurrence = seen[key]
        seen[key] += 1
        issue = {
            "description": f"{f.code} {f.name}: {f.message}",
            "check_name": f.code,
            "fingerprint": fingerprint(key, occurrence),
            "severity": _SEVERITIES[f.severity.value],
            "location": {"path": f.path, "lines": {"begin": max(f.line, 1)}},
        }
        out.write(separator + json.dumps(issue, ensure_ascii=False, indent=2).replace("\n", "\n  "))
        separator = ",\n  "
    out.write("[]" if separator == "[\n  " else "\n]")
    out.write("\n")
