"""The JUnit XML reporter, for CI systems that show test results."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from sxstm.formats.xmltext import escape_attr, escape_text
from sxstm.model import Finding
from sxstm.reports.registry import reporter


@reporter("junit", "JUnit XML with a testsuite per document and a failing testcase per finding.", suffix="xml")
def report_junit(findings: Sequence[Finding], out: TextIO) -> None:
    """Write JUnit XML: one testsuite per document, one failing testcase per finding."""
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(f'<testsuites name="sxstm qa" tests="{len(findings)}" failures="{len(findings)}" errors="0" time="0">\n')
    for path, found in by_path.items():
        out.write(
            f'  <testsuite name="{escape_attr(path)}" tests="{len(found)}" failures="{len(found)}" errors="0"'
            ' skipped="0" time="0">\n'
        )
        for f in found:
            name = escape_attr(f"{f.code} {f.name} {f.pair_id or ''} line {f.line}")
            out.write(f'    <testcase classname="{escape_attr(path)}" name="{name}" time="0">\n')
            out.write(
                f'      <failure type="{f.severity.value}" message="{escape_attr(f.message)}">'
                f"{escape_text(f'{f.path}:{f.line}:{f.column}: {f.message}')}</failure>\n"
            )
            out.write("    </testcase>\n")
        out.write("  </testsuite>\n")
    out.write("</testsuites>\n")
