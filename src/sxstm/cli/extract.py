"""sxstm extract: export the pairs in one of the registered formats."""

from __future__ import annotations

import argparse
import functools
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sxstm.checks import run_checks
from sxstm.cli.command import Command
from sxstm.cli.options import add_docs_options
from sxstm.cli.run import Run, process_documents
from sxstm.errors import UsageError
from sxstm.formats import FORMATS, ExportOptions, ExportReport, Targets, format_for_path
from sxstm.formats.registry import Chunk
from sxstm.model import Document, Severity
from sxstm.output import STDOUT, atomic_output


def handle(args: argparse.Namespace, run: Run) -> int:
    """Run ``sxstm extract`` with the parsed ``args``; return the exit code."""
    if not args.split and args.output != STDOUT and Path(args.output).is_dir():
        raise UsageError(f"{args.output} is a folder; name a file (or use --split to write into a folder)")
    if args.format:
        chosen = FORMATS[args.format]
    elif args.output == STDOUT or args.split:
        raise UsageError("name the format with --format when writing to stdout or with --split")
    else:
        chosen = format_for_path(args.output)
    options = ExportOptions(
        dedupe=args.dedupe,
        fuzzy=args.fuzzy,
        tags=args.inline == "tags",
        all_targets=args.all_targets,
        targets=Targets(args.targets),
        template=not args.split and args.output.lower().endswith(".pot"),
    )
    if args.qa and not chosen.notes:
        noted = ", ".join(name for name, candidate in FORMATS.items() if candidate.notes)
        raise UsageError(f"--qa attaches findings to the units of {noted}; {chosen.name} has no place for them")
    started = time.monotonic()
    work: Callable[[Document], Chunk] = functools.partial(chosen.render, options=options)
    if args.qa:
        work = functools.partial(render_with_findings, render=chosen.render, options=options)
    chunks = process_documents(args, run, work)
    if args.split:
        folder = Path(args.output)
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"--split writes into a folder, and {args.output} is a file")
        total = ExportReport()
        files = 0
        for chunk in chunks:
            with atomic_output(folder / f"{chunk.path}{chosen.suffixes[0]}", within=folder) as out:
                _report(chosen.join([chunk], out, options), run, total)
            files += 1
        where = f"{files} files in {folder}"
    else:
        total = ExportReport()
        with atomic_output(args.output) as out:
            _report(chosen.join(chunks, out, options), run, total)
        where = "stdout" if args.output == STDOUT else args.output
    left_out = "".join(f", {count:,} {reason}" for reason, count in total.left_out.items())
    run.note(
        f"sxstm: {run.pairs:,} pairs from {run.documents:,} documents -> {total.records:,} {chosen.name} records"
        f" in {where}{left_out} ({time.monotonic() - started:.1f} s)"
    )
    return run.status


_PRIORITY = {Severity.ERROR: 1, Severity.WARNING: 5, Severity.INFO: 9}


def render_with_findings(
    document: Document, *, render: Callable[[Document, ExportOptions], Chunk], options: ExportOptions
) -> Chunk:
    """Render ``document`` with the QA findings of each pair as notes for reviewers."""
    notes: dict[str, list[tuple[int, str]]] = {}
    for finding in run_checks(document):
        if finding.pair_id:
            text = f"{finding.severity.value} {finding.code} {finding.name}: {finding.message}"
            notes.setdefault(finding.pair_id, []).append((_PRIORITY[finding.severity], text))
    return render(document, replace(options, notes={key: tuple(value) for key, value in notes.items()}))


def _report(report: ExportReport, run: Run, total: ExportReport) -> None:
    """Pass the findings of ``report`` to ``run`` and add its counts to ``total``."""
    for finding in report.findings:
        run.finding(finding)
    total.records += report.records
    for reason, count in report.left_out.items():
        total.leave_out(reason, count)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``sxstm extract`` to ``parser``."""
    add_docs_options(parser)
    parser.add_argument(
        "--qa", action="store_true", help="XLIFF and PO: attach each pair's QA findings as notes for reviewers"
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="output file, '-' for stdout, or a folder with --split"
    )
    parser.add_argument(
        "-f", "--format", choices=sorted(FORMATS), help="output format (default: from the suffix of OUT)"
    )
    parser.add_argument("--split", action="store_true", help="write one file per document into the folder OUT")
    parser.add_argument(
        "--no-dedupe", dest="dedupe", action="store_false", help="TMX: keep every pair, identical ones included"
    )
    parser.add_argument(
        "--all-targets",
        action="store_true",
        help="TMX: keep every distinct target of a source, most frequent first"
        " (default: only the most frequent, a human translation winning a tie)",
    )
    parser.add_argument(
        "--targets",
        choices=[targets.value for targets in Targets],
        default=Targets.MT.value,
        help="XLIFF: what <target> holds: mt, the translation to review (default; Trados, memoQ, Phrase);"
        " source, a copy of the source to translate (OmegaT); empty, none. With source or empty,"
        " XLIFF 1.2 offers the translation as an <alt-trans>, and the units are needs-translation",
    )
    parser.add_argument(
        "--no-fuzzy",
        dest="fuzzy",
        action="store_false",
        help="PO: do not mark machine-translated entries fuzzy (needed for OmegaT, which ignores and"
        " drops a fuzzy msgstr); a .pot has every msgstr empty",
    )
    parser.add_argument(
        "--inline",
        choices=("tags", "text"),
        default="tags",
        help="TMX and XLIFF: inline markup as protected tags (default), or markdown as plain text",
    )


COMMAND = Command(
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
    add_arguments=add_arguments,
    handle=handle,
)
