"""The GitHub Actions reporter: workflow commands that annotate the changed files."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from sxstm.reports.registry import Report, reporter

GITHUB_LIMIT = 10  # annotations GitHub shows per severity and step
_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


@reporter(
    "github",
    "GitHub Actions workflow commands, ten annotations per severity and a notice for the rest.",
    suffix="txt",
)
def report_github(report: Report, out: TextIO) -> None:
    """Write GitHub Actions workflow commands (``::error file=…,line=…,col=…::…``), escaped as the
    Actions toolkit does; past GitHub's limit of annotations per severity, a summary notice."""
    findings = report.findings
    shown: Counter[str] = Counter()
    for f in findings:
        command = _COMMANDS[f.severity.value]
        shown[command] += 1
        if shown[command] > GITHUB_LIMIT:
            continue
        properties = ",".join(
            f"{key}={_github_property(value)}"
            for key, value in (
                ("file", f.path),
                ("line", str(f.line)),
                ("col", str(f.column)),
                ("title", f"{f.code} {f.name}"),
            )
        )
        out.write(f"::{command} {properties}::{_github_data(f.message)}\n")
    hidden = {command: count - GITHUB_LIMIT for command, count in shown.items() if count > GITHUB_LIMIT}
    if hidden:
        listed = ", ".join(f"{count} more {command}s" for command, count in sorted(hidden.items()))
        out.write(f"::notice title=sxstm qa::{_github_data(f'{listed} not shown; see the full report')}\n")
