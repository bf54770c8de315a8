"""The ``sxstm`` command line: the only place that prints and turns errors into exit codes.

Exit codes: 0 ok, 1 findings or input errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import difflib
import functools
import io
import json
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO, TypeVar

from sxstm import __version__
from sxstm.checks import CHECKS, run_checks
from sxstm.config import find_config, load_settings
from sxstm.corpus import find_sources, map_documents, parallel_map
from sxstm.errors import InputError, LocaleError, UsageError
from sxstm.formats import FORMATS, ExportOptions, ExportReport, format_for_path
from sxstm.formats.po import read_po_units
from sxstm.formats.xmlread import iter_units
from sxstm.locales import normalize_locale
from sxstm.merge import (
    MergeTask,
    Plan,
    Planner,
    UnitResult,
    Verdict,
    count_verdicts,
    merge_in_worker,
    stream_groups,
    task_units,
)
from sxstm.model import Document, Finding, ReviewedUnit, Severity
from sxstm.output import STDOUT, atomic_output, write_all
from sxstm.reader import ReadOptions
from sxstm.reporters import REPORTERS, baseline_key, read_baseline, write_baseline
from sxstm.restore import SIDES, RestoreTask, restore_file
from sxstm.stats import Counts, document_counts, summarize

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
T = TypeVar("T")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    parser, commands = _parser()
    try:
        args = parser.parse_args(argv)
        path = find_config(Path.cwd())
        if path is not None:
            _apply_settings(commands[args.command], load_settings(path, args.command), path)
            args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_OK if exit_.code in (0, None) else EXIT_USAGE
    except UsageError as error:
        print(f"sxstm: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        run = _Run(quiet=args.quiet)
        code: int = args.handler(args, run)
        return code
    except UsageError as error:
        print(f"sxstm: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        newline = "\n" if sys.stderr.isatty() else ""
        print(f"{newline}sxstm: interrupted; no output file was written or changed", file=sys.stderr)
        return 130


def _parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    parser = argparse.ArgumentParser(
        prog="sxstm",
        description="Turn Microsoft Docs side-by-side (sxs) markdown into translation memories and review files.",
        epilog="Settings may also come from [tool.sxstm] in pyproject.toml or sxstm.toml.\n"
        "Exit codes: 0 ok, 1 findings or input errors, 2 usage errors.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"sxstm {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    extract = commands.add_parser(
        "extract",
        help="export the span pairs as TMX, XLIFF, PO, TSV or JSONL",
        description="Export every source/target span pair of the documents. "
        "The format comes from the output suffix or --format.",
        epilog="formats (chosen by the suffix of OUT, or by --format):\n"
        + "\n".join(
            f"  {f.name:<8} {', '.join(f.suffixes) if f.by_suffix else '':<14} {f.summary}" for f in FORMATS.values()
        )
        + "\n\nexamples:\n  sxstm extract docs.pl-pl/ -o pl.tmx\n  sxstm extract docs.pl-pl/ -o - --format xliff2\n"
        "  sxstm extract docs.pl-pl/ --split -o review/ --format po",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(extract)
    extract.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="output file, '-' for stdout, or a folder with --split"
    )
    extract.add_argument(
        "-f", "--format", choices=sorted(FORMATS), help="output format (default: from the suffix of OUT)"
    )
    extract.add_argument("--split", action="store_true", help="write one file per document into the folder OUT")
    extract.add_argument(
        "--no-dedupe", dest="dedupe", action="store_false", help="TMX: keep every occurrence of identical pairs"
    )
    extract.add_argument(
        "--no-fuzzy", dest="fuzzy", action="store_false", help="PO: do not mark machine-translated entries fuzzy"
    )
    extract.add_argument(
        "--inline",
        choices=("tags", "text"),
        default="tags",
        help="TMX and XLIFF: inline markup as protected tags (default), or markdown as plain text",
    )
    extract.set_defaults(handler=_extract)

    stats = commands.add_parser(
        "stats",
        help="count documents, pairs, words and characters",
        description="Count pairs, words and characters per target locale (and per file with --by-file).",
    )
    _common(stats)
    stats.add_argument("--by-file", action="store_true", help="also list each document")
    stats.add_argument("--json", action="store_true", help="print JSON instead of a table")
    stats.set_defaults(handler=_stats)

    restore = commands.add_parser(
        "restore",
        help="write clean target-language or English markdown",
        description="Write every file of DOCS into OUTDIR, the same layout: sxs files with each pair replaced "
        "by its target (as the live branch publishes it) or its English source (with the injected heading "
        "anchors removed); other files are copied unchanged.",
    )
    restore.add_argument("docs", nargs="+", metavar="DOCS", help="sxs files, or folders to restore whole")
    restore.add_argument("--side", choices=SIDES, required=True, help="target: the translation; source: the English")
    restore.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="folder to write into")
    _run_options(restore, exclude=True)
    restore.set_defaults(handler=_restore)

    merge = commands.add_parser(
        "merge",
        help="write reviewed translations back into the documents",
        description="Apply the targets of a reviewed XLIFF, PO or TMX file (exported by sxstm extract) to the "
        "pairs of DOCS, by document and pair id (TMX: also by source text). Only the TARGET text of each pair "
        "changes. Stale units (the source changed), unknown documents or pairs, and targets that would break "
        "the markdown are reported and not applied; untranslated and still-MT units are skipped.",
    )
    merge.add_argument("reviewed", metavar="REVIEWED", help="the reviewed .xlf/.xliff, .po or .tmx file")
    merge.add_argument(
        "--into", required=True, metavar="DOCS", help="the sxs files or folder the file was exported from"
    )
    where = merge.add_mutually_exclusive_group(required=True)
    where.add_argument("-o", "--output", metavar="OUTDIR", help="write the whole tree of DOCS into OUTDIR")
    where.add_argument("--in-place", action="store_true", help="rewrite the changed documents of DOCS")
    where.add_argument("--dry-run", action="store_true", help="print a unified diff of the changes; write nothing")
    merge.add_argument("--include-mt", action="store_true", help="also apply units still marked as machine translation")
    merge.add_argument("--target-lang", metavar="LOCALE", help="target locale of documents without ms.contentlocale")
    _run_options(merge, exclude=False)
    merge.set_defaults(handler=_merge)
    qa = commands.add_parser(
        "qa",
        help="check the translations for defects, for CI",
        description="Run the QA checks on every pair and report findings. Exit 1 if any finding is at or above "
        "--fail-on (and for input errors), 2 for usage errors.",
        epilog="checks:\n"
        + "\n".join(f"  {c.code} {c.name:<22} {c.severity.value:<8} {c.summary}" for c in CHECKS.values()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(qa, docs="*")
    qa.add_argument("--format", dest="report", choices=sorted(REPORTERS), default="text", help="report format")
    qa.add_argument("--output", metavar="FILE", default=STDOUT, help="write the report to FILE (default: stdout)")
    qa.add_argument("--fail-on", choices=[s.value for s in Severity], default="error", help="lowest failing severity")
    qa.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    qa.add_argument("--list-checks", action="store_true", help="list the checks and exit")
    qa.add_argument(
        "--select", action="append", default=[], metavar="CHECK", help="run only these checks (code or name)"
    )
    qa.add_argument("--ignore", action="append", default=[], metavar="CHECK", help="skip these checks (code or name)")
    qa.add_argument("--write-baseline", metavar="FILE", help="record today's findings in FILE (and exit 0)")
    qa.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in FILE")
    qa.set_defaults(handler=_qa)
    return parser, {"extract": extract, "stats": stats, "restore": restore, "merge": merge, "qa": qa}


def _common(parser: argparse.ArgumentParser, *, docs: str = "+") -> None:
    parser.add_argument("docs", nargs=docs, metavar="DOCS", help="sxs markdown files, or folders to search for *.md")
    parser.add_argument("--source-lang", default="en-US", metavar="LOCALE", help="source locale (default: en-US)")
    parser.add_argument(
        "--target-lang",
        metavar="LOCALE",
        help="target locale of documents without ms.contentlocale (default: from a folder such as docs.pl-pl)",
    )
    _run_options(parser, exclude=True)


def _run_options(parser: argparse.ArgumentParser, *, exclude: bool) -> None:
    """Add the options every command that walks DOCS shares."""
    if exclude:
        parser.add_argument(
            "--exclude",
            action="append",
            default=[],
            metavar="GLOB",
            help="skip files found in folders whose path below the root matches GLOB (repeatable; * matches /)",
        )
    parser.add_argument("-j", "--jobs", type=int, metavar="N", help="processes to use (default: one per core)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems, no progress or summary")


def _apply_settings(command: argparse.ArgumentParser, settings: dict[str, object], path: Path) -> None:
    """Make ``settings`` the defaults of ``command``'s options, checking names and types."""
    actions = {action.dest: action for action in command._actions if action.option_strings}
    for key, value in settings.items():
        action = actions.get(key)
        name = key.replace("_", "-")
        if action is None or key == "help":
            raise UsageError(f"unknown setting {name!r} for sxstm {command.prog.split()[-1]}", path=str(path))
        if isinstance(action, argparse._StoreConstAction):
            expected: type = bool
        elif isinstance(action, argparse._AppendAction):
            expected = list
        else:
            expected = action.type if isinstance(action.type, type) else str
        wrong = not isinstance(value, expected) or (expected is int and isinstance(value, bool))
        if wrong or (expected is list and not all(isinstance(item, str) for item in value)):  # type: ignore[attr-defined]
            raise UsageError(f"setting {name!r} takes {_KINDS[expected]}, not {value!r}", path=str(path))
        if action.choices is not None and value not in action.choices:
            raise UsageError(f"setting {name!r} takes one of {', '.join(map(str, action.choices))}", path=str(path))
    command.set_defaults(**settings)


_KINDS = {bool: "true or false", list: "a list of strings", int: "a whole number", str: "a string"}


class _Run:
    """Messages, progress and the exit status of one command."""

    def __init__(self, *, quiet: bool) -> None:
        self.quiet = quiet
        self.status = EXIT_OK
        self.progress = not quiet and sys.stderr.isatty()
        self._last = 0.0
        self.documents = 0
        self.pairs = 0

    def problem(self, message: str, *, usage: bool = False) -> None:
        self._clear()
        print(message, file=sys.stderr)
        self.status = max(self.status, EXIT_USAGE if usage else EXIT_FINDINGS)

    def finding(self, finding: Finding) -> None:
        if finding.severity is Severity.ERROR:
            self.problem(str(finding))
        else:
            self.note(str(finding))

    def note(self, message: str) -> None:
        if not self.quiet:
            self._clear()
            print(message, file=sys.stderr)

    def tick(self, done: int, total: int, detail: str) -> None:
        now = time.monotonic()
        if self.progress and (now - self._last > 0.2 or done == total):
            self._last = now
            sys.stderr.write(f"\rsxstm: {done}/{total} files, {detail}")
            sys.stderr.flush()

    def done(self) -> None:
        self._clear()

    def _clear(self) -> None:
        if self.progress and self._last:
            sys.stderr.write("\r\033[K")
            self._last = 0.0


def _process(
    args: argparse.Namespace, run: _Run, work: Callable[[Document], T], *, show_findings: bool = True
) -> Iterator[T]:
    """Read the DOCS of ``args`` and apply ``work`` to each document with pairs, in parallel.

    Problems are reported through ``run`` (the reader's findings too, unless ``work`` reports
    them itself); results come back in input order.
    """
    source_locale = normalize_locale(args.source_lang)
    target_locale = normalize_locale(args.target_lang) if args.target_lang else None
    if source_locale is None or (args.target_lang and target_locale is None):
        raise UsageError(
            f"not a locale: {args.source_lang if source_locale is None else args.target_lang!r} (expected e.g. pl-PL)"
        )
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs takes a number of processes, 1 or more")
    sources = find_sources(args.docs, exclude=args.exclude)
    options = ReadOptions(source_locale=source_locale, target_locale=target_locale)
    for done, outcome in enumerate(map_documents(sources, work, options=options, jobs=args.jobs), 1):
        run.tick(done, len(sources), f"{run.pairs:,} pairs")
        if isinstance(outcome.error, LocaleError):
            raise outcome.error
        if outcome.error is not None:
            run.problem(str(outcome.error), usage=outcome.source.explicit)
            continue
        for finding in outcome.findings if show_findings else ():
            run.finding(finding)
        if outcome.pairs and outcome.result is not None:
            run.documents += 1
            run.pairs += outcome.pairs
            yield outcome.result
    run.done()
    if not run.pairs and run.status == EXIT_OK:
        raise UsageError(f"no sxs span pairs found in {' '.join(args.docs)}: are these files from a live-sxs branch?")


def _extract(args: argparse.Namespace, run: _Run) -> int:
    if args.format:
        chosen = FORMATS[args.format]
    elif args.output == STDOUT or args.split:
        raise UsageError("name the format with --format when writing to stdout or with --split")
    else:
        chosen = format_for_path(args.output)
    options = ExportOptions(dedupe=args.dedupe, fuzzy=args.fuzzy, tags=args.inline == "tags")
    started = time.monotonic()
    chunks = _process(args, run, functools.partial(chosen.render, options=options))
    if args.split:
        folder = Path(args.output)
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"--split writes into a folder, and {args.output} is a file")
        records = files = 0
        for chunk in chunks:
            with atomic_output(folder / f"{chunk.path}{chosen.suffixes[0]}") as out:
                records += _report(chosen.join([chunk], out, options), run)
            files += 1
        where = f"{files} files in {folder}"
    else:
        with atomic_output(args.output) as out:
            records = _report(chosen.join(chunks, out, options), run)
        where = "stdout" if args.output == STDOUT else args.output
    run.note(
        f"sxstm: {run.pairs:,} pairs from {run.documents:,} documents -> {records:,} {chosen.name} records"
        f" in {where} ({time.monotonic() - started:.1f} s)"
    )
    return run.status


def _report(report: ExportReport, run: _Run) -> int:
    for finding in report.findings:
        run.finding(finding)
    return report.records


def _stats(args: argparse.Namespace, run: _Run) -> int:
    summary = summarize(_process(args, run, document_counts))
    if args.json:
        payload = {
            "total": _counts_json(summary.total),
            "locales": {locale: _counts_json(counts) for locale, counts in summary.by_locale.items()},
        }
        if args.by_file:
            payload["files"] = {path: _counts_json(counts) for path, counts in summary.by_document.items()}
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return run.status
    rows = []
    if args.by_file:
        rows += [(path, counts) for path, counts in summary.by_document.items()]
    rows += [(f"locale {locale}", counts) for locale, counts in sorted(summary.by_locale.items())]
    rows.append(("TOTAL", summary.total))
    _print_table(rows, sys.stdout)
    return run.status


def _restore(args: argparse.Namespace, run: _Run) -> int:
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs takes a number of processes, 1 or more")
    folder = Path(args.output)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--output names a folder to write into, and {args.output} is a file")
    _refuse_inside(folder, args.docs)
    sources = find_sources(args.docs, exclude=args.exclude, every_file=True)
    tasks = [RestoreTask(s.path, s.name, folder / s.name, args.side) for s in sources]
    started = time.monotonic()
    restored = copied = pairs = 0
    for done, outcome in enumerate(parallel_map(restore_file, tasks, jobs=args.jobs), 1):
        run.tick(done, len(tasks), f"{pairs:,} pairs")
        for finding in outcome.findings:
            run.finding(finding)
        if outcome.error is not None:
            run.problem(str(outcome.error), usage=isinstance(outcome.error, UsageError))
        elif not outcome.findings:
            restored += not outcome.copied
            copied += outcome.copied
            pairs += outcome.pairs
    run.done()
    run.note(
        f"sxstm: {restored:,} files restored ({pairs:,} pairs -> {args.side}), {copied:,} copied unchanged,"
        f" into {folder} ({time.monotonic() - started:.1f} s)"
    )
    return run.status


def _merge(args: argparse.Namespace, run: _Run) -> int:
    reviewed = Path(args.reviewed)
    if not reviewed.is_file():
        raise UsageError(f"no such file: {args.reviewed}")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs takes a number of processes, 1 or more")
    if args.output:
        _refuse_inside(Path(args.output), [args.into])
    is_po = reviewed.suffix.lower() in (".po", ".pot")
    by_source = not is_po and _is_tmx(reviewed)
    sources = find_sources([args.into], every_file=True)
    markdown = {s.name: s for s in sources if s.name.lower().endswith(".md") or s.explicit}
    target_locale = normalize_locale(args.target_lang) if args.target_lang else None
    options = ReadOptions(target_locale=target_locale or "und")
    folder = Path(args.output) if args.output else None
    plan = Plan()
    planner = Planner(plan, set(markdown), include_mt=args.include_mt, by_source=by_source)
    failures: list[InputError] = []

    def units() -> Iterator[ReviewedUnit]:
        try:
            yield from read_po_units(str(reviewed)) if is_po else iter_units(reviewed)
        except InputError as error:
            failures.append(error)

    def task(name: str, group: Sequence[ReviewedUnit]) -> MergeTask:
        output = folder / name if folder else None
        return MergeTask(markdown[name].path, name, task_units(group), options, output=output, keep=not folder)

    def streamed() -> Iterator[MergeTask]:
        seen = set()
        for name, group in stream_groups(units(), planner):
            seen.add(name)
            yield task(name, group)
        yield from (task(name, ()) for name in markdown if folder and name not in seen)

    if by_source:  # a TMX: every unit first, as any may apply to any document
        for unit in units():
            if planner.decide(unit):
                plan.by_document.setdefault(unit.path or "", []).append(unit)
        tasks: Iterable[MergeTask] = [task(name, plan.by_document.get(name, ())) for name in markdown]
    else:
        tasks = streamed()
    results: list[UnitResult] = []
    changed: dict[str, bytes] = {}
    applied = unchanged = propagated = documents = 0
    for done, merged in enumerate(
        parallel_map(merge_in_worker, tasks, jobs=args.jobs, shared=plan.by_source or None), 1
    ):
        run.tick(done, len(markdown), f"{documents:,} changed")
        if merged.error is not None:
            run.problem(str(merged.error))
        results.extend(merged.results)
        applied, unchanged = applied + merged.applied, unchanged + merged.unchanged
        propagated += merged.by_source
        documents += merged.changed
        if merged.merged is not None:
            changed[merged.name] = merged.merged
            if args.dry_run:
                sys.stdout.writelines(_diff(merged.name, merged.original, merged.merged))
    run.done()
    results = plan.results + results
    for error in failures:
        run.problem(f"{error}; {'the output tree is incomplete' if folder else 'no document was changed'}")
    if failures and args.in_place:
        changed.clear()
    for result in results:
        if result.verdict in (Verdict.STALE, Verdict.MISSING, Verdict.REFUSED):
            run.problem(f"{reviewed}:{result.line}: error: {result.verdict.value}: {result.reason}")
    if args.in_place and changed:
        write_all({markdown[name].path: data for name, data in changed.items()})
    elif folder is not None:
        for source in sources:
            if source.name not in markdown:
                with atomic_output(folder / source.name) as out, source.path.open("rb") as original:
                    shutil.copyfileobj(original, out)
    counts = ", ".join(
        f"{count:,} {name}" for name, count in count_verdicts(results, applied=applied, unchanged=unchanged).items()
    )
    extra = f", {propagated:,} more pairs by source text" if propagated else ""
    action = "would change" if args.dry_run else "changed"
    run.note(f"sxstm: units: {counts}{extra}; {action} {documents:,} of {len(markdown):,} documents")
    return run.status


def _is_tmx(path: Path) -> bool:
    with path.open("rb") as handle:
        return b"<tmx" in handle.read(4096)


def _diff(name: str, before: bytes, after: bytes) -> Iterator[str]:
    old = before.decode("utf-8", "replace").splitlines(keepends=True)
    new = after.decode("utf-8", "replace").splitlines(keepends=True)
    return difflib.unified_diff(old, new, f"a/{name}", f"b/{name}")


def _refuse_inside(folder: Path, docs: Sequence[str]) -> None:
    target = folder.resolve()
    for given in docs:
        path = Path(given).resolve()
        if path.is_dir() and (target == path or path in target.parents):
            raise UsageError(f"the output folder {folder} lies inside DOCS ({given}); choose another")


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


def _qa(args: argparse.Namespace, run: _Run) -> int:
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
    findings = [finding for found in _process(args, run, work, show_findings=False) for finding in found]
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


def _counts_json(counts: Counts) -> dict[str, int]:
    return {name: getattr(counts, name) for name in counts.__slots__}


_COLUMNS = ("documents", "pairs", "source_words", "target_words", "identical", "multiline", "in_code", "findings")


def _print_table(rows: list[tuple[str, Counts]], out: TextIO) -> None:
    width = max(len(name) for name, _ in rows)
    headers = [name.replace("_", " ") for name in _COLUMNS]
    out.write(f"{'':<{width}}  " + "  ".join(f"{h:>12}" for h in headers) + "\n")
    for name, counts in rows:
        out.write(f"{name:<{width}}  " + "  ".join(f"{getattr(counts, c):>12,}" for c in _COLUMNS) + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
