"""sxstm restore: clean target or English markdown."""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from sxstm.cli.command import Command
from sxstm.cli.options import add_run_options
from sxstm.cli.run import Run, refuse_inside
from sxstm.errors import UsageError
from sxstm.output import LEDGER, protect_inputs
from sxstm.roundtrip.restore import SIDES, RestoreTask, restore_file
from sxstm.sxs.names import text_path
from sxstm.sxs.sources import find_sources
from sxstm.workers import parallel_map


def handle(args: argparse.Namespace, run: Run) -> int:
    """Run ``sxstm restore`` with the parsed ``args``; return the exit code."""
    folder = Path(args.output)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--output names a folder to write into, and {args.output} is a file")
    refuse_inside(folder, args.docs)
    sources = find_sources(args.docs, exclude=args.exclude, every_file=True)
    protect_inputs(source.path for source in sources)
    LEDGER.folders.append(str(folder))
    within = str(folder)
    tasks = [RestoreTask(s.path, s.name, os.path.join(within, text_path(s.name)), args.side, within) for s in sources]
    started = time.monotonic()
    restored = copied = pairs = 0
    # 64 files a batch: restoring one takes well under a millisecond, and the parent's CPU per
    # batch (1.8 CPU-s for the bench at 16 a batch, 1.3 s at 64) is taken from the workers' cores.
    for done, outcome in enumerate(parallel_map(restore_file, tasks, jobs=args.jobs, chunk=64), 1):
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


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``sxstm restore`` to ``parser``."""
    parser.add_argument("docs", nargs="+", metavar="DOCS", help="sxs files, or folders to restore whole")
    parser.add_argument("--side", choices=SIDES, required=True, help="target: the translation; source: the English")
    parser.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="folder to write into")
    add_run_options(parser, exclude=True)


COMMAND = Command(
    "restore",
    help="write clean target-language or English markdown",
    description="Write every file of DOCS into OUTDIR, the same layout: sxs files with each pair replaced "
    "by its target (as the live branch publishes it) or its English source (with the injected heading "
    "anchors removed); other files are copied unchanged.",
    add_arguments=add_arguments,
    handle=handle,
)
