"""The GitLab reporter: a Code Quality report, shown in merge requests."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from sxstm.model import Finding
from sxstm.reports.baseline import baseline_key
from sxstm.reports.registry import reporter

_SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def fingerprint(finding: Finding, occurrence: int) -> str:
    """Hash what identifies ``finding`` across runs (check, document, pair and the pair's own
    fingerprint) and, for its repeats, which ``occurrence`` it is: stable and unique per finding."""
    key = "\0".join((*baseline_key(finding), str(occurrence) if occurrence else ""))
    return hashlib.sha256(key.encode()).hexdigest()[:32]


@reporter(
    "gitlab",
    "A GitLab Code Quality report, a JSON array of issues for merge requests.",
    suffix="json",
)
def report_gitlab(findings: Sequence[Finding], out: TextIO) -> None:
    """Write GitLab's Code Quality JSON: per finding its ``description``, ``check_name``, a
    ``fingerprint``, the ``severity`` (error major, warning minor, info info) and its
    ``location`` (path and first line)."""
    seen: Counter[tuple[str, str, str, str]] = Counter()
    issues = []
    for f in findings:
        occurrence = seen[baseline_key(f)]
        seen[baseline_key(f)] += 1
        issues.append(
            {
                "description": f"{f.code} {f.name}: {f.message}",
                "check_name": f.code,
                "fingerprint": fingerprint(f, occurrence),
                "severity": _SEVERITIES[f.severity.value],
                "location": {"path": f.path, "lines": {"begin": max(f.line, 1)}},
            }
        )
    json.dump(issues, out, ensure_ascii=False, indent=2)
    out.write("\n")
