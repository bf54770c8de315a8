"""sxstm stats: count documents, pairs, words and characters."""

from __future__ import annotations

import argparse
import io
import json
import sys
from typing import TextIO

from sxstm.cli.command import Command
from sxstm.cli.options import add_docs_options
from sxstm.cli.run import Run, process_documents
from sxstm.output import STDOUT, atomic_output
from sxstm.reports.html import write_stats_html
from sxstm.reports.stats import Counts, document_counts, summarize


def handle(args: argparse.Namespace, run: Run) -> int:
    """Run ``sxstm stats`` with the parsed ``args``; return the exit code."""
    summary = summarize(process_documents(args, run, document_counts))
    if args.format == "html":
        with atomic_output(args.output) as out:
            text = io.TextIOWrapper(out, encoding="utf-8", newline="")
            write_stats_html(summary, text, by_file=args.by_file)
            text.flush()
            text.detach()
        return run.status
    if args.json or args.format == "json":
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


def _counts_json(counts: Counts) -> dict[str, int]:
    return {name: getattr(counts, name) for name in counts.__slots__}


_COLUMNS = ("documents", "pairs", "source_words", "target_words", "identical", "multiline", "in_code")


def _print_table(rows: list[tuple[str, Counts]], out: TextIO) -> None:
    width = max(len(name) for name, _ in rows)
    headers = [name.replace("_", " ") for name in _COLUMNS]
    out.write(f"{'':<{width}}  " + "  ".join(f"{h:>12}" for h in headers) + "\n")
    for name, counts in rows:
        out.write(f"{name:<{width}}  " + "  ".join(f"{getattr(counts, c):>12,}" for c in _COLUMNS) + "\n")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``sxstm stats`` to ``parser``."""
    add_docs_options(parser)
    parser.add_argument("--by-file", action="store_true", help="also list each document")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table (--format json)")
    parser.add_argument(
        "--format",
        choices=("table", "json", "html"),
        default="table",
        help="a table, JSON, or an HTML page with charts",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", default=STDOUT, help="write the HTML page to FILE (default: stdout)"
    )


COMMAND = Command(
    "stats",
    help="count documents, pairs, words and characters",
    description="Count pairs, words and characters per target locale (and per file with --by-file).",
    add_arguments=add_arguments,
    handle=handle,
)
