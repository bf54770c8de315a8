"""The text reporter: one line per finding, for people at a terminal."""

from __future__ import annotations

from typing import TextIO

from sxstm.reports.registry import Report, reporter


@reporter(
    "text",
    "One line per finding (path:line:col: severity CODE name: message), then its pair's source and target, shortened.",
    suffix="txt",
)
def report_text(report: Report, out: TextIO) -> None:
    """Write one line per finding, ``path:line:col: severity CODE name: message``, then the
    source and target of its pair, shortened."""
    findings = report.findings
    for finding in findings:
        out.write(
            f"{finding.path}:{finding.line}:{finding.column}: {finding.severity.value} "
            f"{finding.code} {finding.name}: {finding.message}\n"
        )
        if finding.source or finding.target:
            out.write(f"    source: {_excerpt(finding.source)}\n    target: {_excerpt(finding.target)}\n")


def _excerpt(text: str, width: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
