"""sxstm qa: QA checks and reports for CI."""

from __future__ import annotations

import argparse
import functools
import io
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from sxstm.checks import CHECKS, Checked, Profile, across, check_document, resolve, select
from sxstm.checks.glossary import read_glossary
from sxstm.cli.run import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Run, process_documents
from sxstm.errors import InputError, UsageError
from sxstm.model import Document, Finding, Pair, Segment, Severity, TranslationType
from sxstm.output import atomic_output
from sxstm.reports import REPORTERS, baseline_key, read_baseline, write_baseline
from sxstm.roundtrip.reviewed import kind_of, read_whole
from sxstm.sxs.locales import normalize_locale
from sxstm.sxs.problems import Problem

_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
REVIEWED_SUFFIXES = (".xlf", ".xliff", ".po", ".tmx")


def handle(args: argparse.Namespace, run: Run) -> int:
    """Run ``sxstm qa`` with the parsed ``args``; return the exit code."""
    if args.list_checks:
        width = max(len(c.name) for c in CHECKS.values())
        for registered in CHECKS.values():
            print(
                f"{registered.code}  {registered.name:<{width}}  {registered.severity.value:<7}  {registered.summary}"
            )
        print("\nreported by the reader, in every command (not selectable):")
        for problem in Problem:
            print(f"{problem.code}  {problem.label:<{width}}  {problem.severity.value}")
        return EXIT_OK
    if not args.docs:
        raise UsageError("name the sxs files or folders to check (or --list-checks)")
    profile = profile_of(args)
    baseline = None
    if args.baseline:
        try:
            baseline = read_baseline(Path(args.baseline).read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise UsageError(f"cannot read the baseline: {error}", path=args.baseline) from error
    checked = list(_check_all(args, run, profile))
    findings = [finding for result in checked for finding in result.findings]
    findings += across([result.seen for result in checked if result.seen is not None], profile)
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
    counts = Counter(f.severity.value for f in findings)
    run.note(
        f"sxstm: {counts['error']:,} errors, {counts['warning']:,} warnings, {counts['info']:,} infos "
        f"in {run.documents:,} documents; {failing:,} at or above {args.fail_on}"
    )
    if args.exit_zero:
        return EXIT_OK if run.status != EXIT_USAGE else EXIT_USAGE
    return max(run.status, EXIT_FINDINGS if failing else EXIT_OK)


def profile_of(args: argparse.Namespace) -> Profile:
    """The QA profile the options (and settings) of ``args`` ask for."""
    try:
        chosen = select(resolve(args.select), resolve(args.ignore))
        severity = {
            next(resolve([check])): _level(levels[-1]) for check, levels in _assignments(args.severity, "--severity")
        }
        per_path = tuple(
            (glob, frozenset(resolve(codes)))
            for glob, codes in _assignments(args.per_path_ignores, "--per-path-ignores")
        )
        per_locale = {
            (normalize_locale(locale) or locale).lower(): frozenset(resolve(codes))
            for locale, codes in _assignments(args.per_locale_ignores, "--per-locale-ignores")
        }
    except KeyError as error:
        raise UsageError(f"unknown check {error.args[0]!r}; see sxstm qa --list-checks") from error
    except ValueError as error:
        raise UsageError(str(error)) from error
    glossary = Path(args.glossary) if args.glossary else None
    if glossary is not None:
        if not glossary.is_file():
            raise UsageError(f"no glossary file {args.glossary}")
        try:
            read_glossary(glossary)  # read here once, so that a broken file stops the run with one message
        except InputError as error:
            raise UsageError(error.message, path=error.path, line=error.line, column=error.column) from error
    return Profile(chosen, severity, per_path, per_locale, glossary, not args.no_built_in_terms)


def _level(level: str) -> Severity:
    try:
        return Severity(level)
    except ValueError:
        raise ValueError(f"--severity takes a level of error, warning or info, not {level!r}") from None


def _assignments(values: Sequence[str], option: str) -> Iterator[tuple[str, list[str]]]:
    """Split ``KEY=VALUE[,VALUE...]`` options into the key and its values."""
    for value in values:
        key, equals, rest = value.partition("=")
        items = [item.strip() for item in rest.split(",") if item.strip()]
        if not equals or not key.strip() or not items:
            raise ValueError(f"{option} takes KEY=VALUE, not {value!r}")
        yield key.strip(), items


def _check_all(args: argparse.Namespace, run: Run, profile: Profile) -> Iterator[Checked]:
    """Check the markdown documents of DOCS in parallel, then the reviewed files named."""
    reviewed = [name for name in args.docs if name.lower().endswith(REVIEWED_SUFFIXES) and Path(name).is_file()]
    markdown = [name for name in args.docs if name not in reviewed]
    if markdown:
        work = functools.partial(check_document, profile=profile)
        yield from process_documents(
            argparse.Namespace(**{**vars(args), "docs": markdown}), run, work, show_findings=False
        )
    for name in reviewed:
        try:
            document = reviewed_document(Path(name))
        except InputError as error:
            run.problem(str(error))
            continue
        run.documents += 1
        run.pairs += len(document.pairs)
        yield check_document(document, profile)


def reviewed_document(path: Path) -> Document:
    """The translated units of a reviewed XLIFF, PO or TMX as the pairs of one document, each at
    its line in that file."""
    units = list(read_whole(path, kind_of(path)))
    pairs = tuple(
        Pair(unit.pair_id or "", Segment(unit.source, 0, 0), Segment(unit.target, 0, 0), 0, 0, unit.line, 1, "")
        for unit in units
        if unit.target is not None
    )
    locale = next((unit.locale for unit in units if unit.locale), "")
    return Document(str(path), "", locale, TranslationType.UNKNOWN, {}, pairs)


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
