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


BASELINE_VERSION = 1


def baseline_key(finding: Finding) -> tuple[str, str, str, str]:
    """What identifies a finding across runs: check, document, pair and the pair's fingerprint."""
    return finding.code, finding.path, finding.pair_id or "", finding.fingerprint


def write_baseline(findings: Sequence[Finding], out: TextIO) -> None:
    """Record today's findings, so that later runs report only new ones."""
    entries = [dict(zip(("code", "path", "pair_id", "fingerprint"), baseline_key(f), strict=True)) for f in findings]
    json.dump({"version": BASELINE_VERSION, "entries": entries}, out, ensure_ascii=False, indent=1)
    out.write("\n")


def read_baseline(text: str) -> Counter[tuple[str, str, str, str]]:
    """Read a baseline; raise ValueError if it is not one."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
        raise ValueError(f"not an sxstm baseline of version {BASELINE_VERSION}")
    return Counter((str(e["code"]), str(e["path"]), str(e["pair_id"]), str(e["fingerprint"])) for e in data["entries"])


@reporter("text")
def report_text(findings: Sequence[Finding], out: TextIO) -> None:
    """One line per finding, ``path:line:col: severity CODE name: message``, then the source
    and target of its pair, shortened."""
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


@reporter("json")
def report_json(findings: Sequence[Finding], out: TextIO) -> None:
    """A JSON object: ``version``, ``findings`` (every field, one finding a line) and
    ``summary`` counts per severity."""
    out.write(f'{{"version": {JSON_VERSION},\n"findings": [')
    for index, f in enumerate(findings):
        record = {
            "path": f.path,
            "line": f.line,
            "column": f.column,
            "severity": f.severity.value,
            "code": f.code,
            "name": f.name,
            "message": f.message,
            "pair_id": f.pair_id,
            "source": f.source,
            "target": f.target,
        }
        out.write(("\n" if not index else ",\n") + json.dumps(record, ensure_ascii=False))
    summary = json.dumps(dict(Counter(f.severity.value for f in findings)))
    out.write(f'\n],\n"summary": {summary}}}\n')


def _rules() -> list[dict[str, object]]:
    """Every check and reader problem as a SARIF rule, in a fixed order."""
    from sxstm.checks import CHECKS
    from sxstm.sxs.problems import Problem

    rules: list[dict[str, object]] = []
    for code, name, severity, doc in [
        *((c.code, c.name, c.severity, (c.function.__doc__ or "").strip()) for c in CHECKS.values()),
        *((p.code, p.label, p.severity, f"sxstm reader: {p.label.replace('-', ' ')}") for p in Problem),
    ]:
        summary = doc.partition("\n")[0]
        rules.append(
            {
                "id": code,
                "name": name,
                "shortDescription": {"text": summary.strip()},
                "fullDescription": {"text": " ".join(doc.split())},
                "defaultConfiguration": {"level": _SARIF_LEVELS[severity.value]},
            }
        )
    return rules


_SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


@reporter("sarif")
def report_sarif(findings: Sequence[Finding], out: TextIO) -> None:
    """SARIF 2.1.0 for GitHub code scanning: rules with descriptions, a result per finding with
    its start line and column, and a partial fingerprint from the pair id."""
    from sxstm.version import __version__

    rules = _rules()
    index = {rule["id"]: number for number, rule in enumerate(rules)}
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
        "$schema": "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "sxstm", "version": __version__, "rules": rules}}, "results": results}],
    }
    json.dump(log, out, ensure_ascii=False, indent=2)
    out.write("\n")


GITHUB_LIMIT = 10  # annotations GitHub shows per severity and step


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


@reporter("github")
def report_github(findings: Sequence[Finding], out: TextIO) -> None:
    """GitHub Actions workflow commands (``::error file=…,line=…,col=…::…``), escaped as the
    Actions toolkit does; past GitHub's limit of annotations per severity, a summary notice."""
    shown: Counter[str] = Counter()
    for f in findings:
        command = {"error": "error", "warning": "warning", "info": "notice"}[f.severity.value]
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


@reporter("junit")
def report_junit(findings: Sequence[Finding], out: TextIO) -> None:
    """JUnit XML: one testsuite per document, one failing testcase per finding."""
    from sxstm.formats.xmltext import escape_attr, escape_text

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
