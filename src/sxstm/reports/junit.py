"""The JUnit XML reporter, for CI systems that show test results."""

from __future__ import annotations

from typing import TextIO

from sxstm.formats.xmltext import escape_attr, escape_text
from sxstm.model import Finding
from sxstm.reports.registry import Report, reporter


@reporter(
    "junit",
    "JUnit XML with a testcase per document checked, failing for findings at or above --fail-on.",
    suffix="xml",
)
def report_junit(report: Report, out: TextIO) -> None:
    """Write JUnit XML: one testsuite, one testcase per document checked (passing ones too); a
    document's findings at or above ``--fail-on`` make its failure, the lower ones its output."""
    by_path: dict[str, list[Finding]] = {path: [] for path in report.documents}
    for f in report.findings:
        by_path.setdefault(f.path, []).append(f)
    failed = sum(any(report.failing(f) for f in found) for found in by_path.values())
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(f'<testsuites name="sxstm qa" tests="{len(by_path)}" failures="{failed}" errors="0" time="0">\n')
    out.write(
        f'  <testsuite name="sxstm qa" tests="{len(by_path)}" failures="{failed}" errors="0" skipped="0" time="0">\n'
    )
    for path, found in by_path.items():
        failing = [f for f in found if report.failing(f)]
        lower = [f for f in found if not report.failing(f)]
        out.write(f'    <testcase classname="sxstm qa" name="{escape_attr(path)}" time="0"')
        if not found:
            out.write("/>\n")
            continue
        out.write(">\n")
        if failing:
            message = f"{len(failing)} finding{'s' * (len(failing) != 1)} at or above {report.fail_on.value}"
            out.write(
                f'      <failure type="{failing[0].severity.value}" message="{escape_attr(message)}">'
                f"{escape_text(''.join(_line(f) for f in failing))}</failure>\n"
            )
        if lower:
            out.write(f"      <system-out>{escape_text(''.join(_line(f) for f in lower))}</system-out>\n")
        out.write("    </testcase>\n")
    out.write("  </testsuite>\n</testsuites>\n")


def _line(finding: Finding) -> str:
    return (
        f"{finding.path}:{finding.line}:{finding.column}: {finding.severity.value} "
        f"{finding.code} {finding.name}: {finding.message}\n"
    )
