"""sxstm qa: QA checks and reports for CI."""

from __future__ import annotations

import argparse
import functools
import io
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from sxstm.checks import CHECKS, run_checks
from sxstm.commands.run import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Run, process_documents
from sxstm.errors import UsageError
from sxstm.model import Finding, Severity
from sxstm.output import atomic_output
from sxstm.reporters import REPORTERS, baseline_key, read_baseline, write_baseline

_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


def handle(args: argparse.Namespace, run: Run) -> int:
    """Run ``sxstm qa`` with the parsed ``args``; return the exit code."""
    if args.list_checks:
        for registered in CHECKS.values():
            print(f"{registered.code}  {registered.name:<22} {registered.severity.value:<8} {registered.summary}")
        return EXIT_OK
    if not args.docs:
        raise UsageError("name the sxs files or folders to check (or --list-checks)")
    known = {key for c in CHECKS.values() for key in (c.code, c.name)}
    unknown = [name for name in (*args.select, *args.ignore) if name not in known]
    if unknown:
        raise UsageError(f"unknown check {unknown[0]!r}; see sxstm qa --list-checks")
    chosen = tuple(
        c
        for c in CHECKS.values()
        if (not args.select or {c.code, c.name} & set(args.select)) and not {c.code, c.name} & set(args.ignore)
    )
    work = functools.partial(run_checks, checks=chosen)
    baseline = None
    if args.baseline:
        try:
            baseline = read_baseline(Path(args.baseline).read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise UsageError(f"cannot read the baseline: {error}", path=args.baseline) from error
    findings = [finding for found in process_documents(args, run, work, show_findings=False) for finding in found]
    if args.write_baseline:
        _write_text(args.write_baseline, write_baseline, findings)
        run.note(f"sxstm: {len(findings):,} findings recorded in {args.write_baseline}")
        return EXIT_OK
    if baseline is not None:
        findings, stale = _apply_baseline(findings, baseline)
        for code, path, pair_id, _ in sorted(stale.elements()):
            run.note(f"{args.baseline}: stale entry: {code} in {path} pair {pair_id} is no longer found")
    _write_text(args.output, REPORTERS[args.report], findings)
    threshold = _SEVERITY_RANK[Severity(args.fail_on)]
    failing = sum(_SEVERITY_RANK[f.severity] >= threshold for f in findings)
    run.note(
        f"sxstm: {len(findings):,} findings, {failing:,} at or above {args.fail_on}, in {run.documents:,} documents"
    )
    if args.exit_zero:
        return EXIT_OK if run.status != EXIT_USAGE else EXIT_USAGE
    return max(run.status, EXIT_FINDINGS if failing else EXIT_OK)


def _write_text(target: str, write: Callable[[Sequence[Finding], TextIO], None], findings: Sequence[Finding]) -> None:
    """Write a text report atomically (``-``: stdout) in UTF-8."""
    with atomic_output(target) as out:
        text = io.TextIOWrapper(out, encoding="utf-8", newline="")
        write(findings, text)
        text.flush()
        text.detach()


def _apply_baseline(
    findings: list[Finding], baseline: Counter[tuple[str, str, str, str]]
) -> tuple[list[Finding], Counter[tuple[str, str, str, str]]]:
    """Drop the findings the baseline records; return the new ones and the stale entries."""
    left = Counter(baseline)
    new = []
    for finding in findings:
        key = baseline_key(finding)
        if left[key]:
            left[key] -= 1
        else:
            new.append(finding)
    return new, +left
