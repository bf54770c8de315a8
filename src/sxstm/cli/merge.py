"""sxstm merge: reviewed translations back into the documents."""

from __future__ import annotations

import argparse
import difflib
import itertools
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from sxstm.cli.command import Command
from sxstm.cli.options import add_run_options
from sxstm.cli.run import Run, refuse_inside
from sxstm.errors import InputError, SxstmError, UsageError, read_error
from sxstm.formats import Format, format_of_reviewed, read_reviewed
from sxstm.model import ReviewedUnit
from sxstm.output import LEDGER, atomic_output, protect_inputs, write_all
from sxstm.roundtrip.merge import (
    FileMerge,
    MergeSetup,
    MergeTask,
    Plan,
    Planner,
    Rules,
    UnitResult,
    Verdict,
    count_verdicts,
    merge_in_worker,
    merge_slice,
    nothing_applied,
    plan_merge,
    stream_groups,
)
from sxstm.roundtrip.reviewed import Slice, UnsafeCutError, slices
from sxstm.sxs.files import read_regular
from sxstm.sxs.locales import normalize_locale
from sxstm.sxs.names import text_path
from sxstm.sxs.reader import ReadOptions
from sxstm.sxs.sources import find_sources
from sxstm.workers import parallel_map

Outcome = tuple[list[FileMerge], list[UnitResult], list[SxstmError]]


def handle(args: argparse.Namespace, run: Run) -> int:
    """Run ``sxstm merge`` with the parsed ``args``; return the exit code."""
    reviewed = Path(args.reviewed)
    if not reviewed.is_file():
        raise UsageError(f"{args.reviewed} is not a file: name the reviewed .xlf, .po or .tmx")
    if args.output:
        refuse_inside(Path(args.output), [args.into])
        LEDGER.folders.append(args.output)
    try:
        chosen: Format | None = format_of_reviewed(reviewed)
    except InputError:
        chosen = None  # reading it whole reports why
    sources = find_sources([args.into], every_file=True)
    protect_inputs([reviewed, *(source.path for source in sources)])
    # Each document's path as text (a Path per document cost the run's start a tenth of a second
    # on the bench, before any worker began); a Path only for those written in place.
    markdown = {s.name: s.path for s in sources if s.name.lower().endswith(".md") or s.explicit}
    target_locale = normalize_locale(args.target_lang) if args.target_lang else None
    folder = Path(args.output) if args.output else None
    rules = Rules(include_fuzzy=args.include_fuzzy, accept_source_copies=args.accept_source_copies)
    setup = MergeSetup(markdown, ReadOptions(target_locale=target_locale or "und"), rules, folder)
    pieces = slices(reviewed, chosen) if chosen else None
    outcome = _sliced(pieces, setup, run, args.jobs) if pieces else None
    if outcome is None:  # a file read whole, or slices that met a problem: the whole file in order
        outcome = _whole(reviewed, chosen, setup, run, args.jobs)
    merges, results, failures = outcome
    if folder is not None:
        merges.extend(_copy(setup, {merged.name for merged in merges}, args.jobs))
    run.done()
    changed: dict[str, bytes] = {}
    applied = unchanged = propagated = documents = 0
    for merged in merges:
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
    for error in failures:
        run.problem(f"{error}; {'the output tree is incomplete' if folder else 'no document was changed'}")
    if failures and args.in_place:
        changed.clear()
    reported = sorted((r for r in results if r.verdict is not Verdict.APPLIED), key=lambda r: r.line)
    columns = _columns(reviewed, {result.line for result in reported})
    for result in reported:
        where = f"{reviewed}:{result.line}:{columns.get(result.line, 1)}"
        run.problem(f"{where}: error: {result.verdict.value}: {result.reason}")
    if args.in_place and changed:
        originals = {Path(markdown[merged.name]): merged.original for merged in merges if merged.merged is not None}
        write_all({Path(markdown[name]): data for name, data in changed.items()}, originals=originals)
    elif folder is not None:
        for source in sources:
            if source.name not in markdown:
                try:  # a FIFO or device named otherwise would hang open() or never end
                    data = read_regular(source.path)
                except OSError as error:
                    run.problem(f"{read_error(error, source.path)}; it is not copied to {folder}")
                    continue
                with atomic_output(folder / text_path(source.name), within=folder) as out:
                    out.write(data)
    counts = ", ".join(
        f"{count:,} {name}" for name, count in count_verdicts(results, applied=applied, unchanged=unchanged).items()
    )
    extra = f", {propagated:,} more pairs by source text" if propagated else ""
    if not applied and not unchanged and not propagated:
        for line in nothing_applied(results):
            run.problem(f"sxstm: {line}")
    action = "would change" if args.dry_run else "changed"
    run.note(f"sxstm: units: {counts}{extra}; {action} {documents:,} of {len(markdown):,} documents")
    return run.status


def _sliced(pieces: Iterator[Slice], setup: MergeSetup, run: Run, jobs: int | None) -> Outcome | None:
    """Merge with every worker reading slices of the reviewed file; None if the file did not cut
    safely, a slice could not be read or a document's units lie in two slices (the whole file,
    read in order, then says why)."""
    merges: list[FileMerge] = []
    results: list[UnitResult] = []
    named: set[str] = set()
    unsafe = False

    def cut() -> Iterator[Slice]:
        nonlocal unsafe
        try:
            yield from pieces
        except UnsafeCutError:
            unsafe = True

    cuts = cut()
    first = list(itertools.islice(cuts, 2))
    if len(first) < 2:
        jobs = 1  # a file of one slice (a few documents) is merged here: starting workers costs more
    for merged in parallel_map(merge_slice, itertools.chain(first, cuts), jobs=jobs, shared=setup, chunk=1):
        run.tick(len(merges) + len(merged.merges), len(setup.documents), "merging")
        names = {file.name for file in merged.merges}
        if merged.error is not None or names & named:
            return None
        named |= names
        merges.extend(merged.merges)
        results.extend(merged.results)
    return None if unsafe else (merges, results, [])


def _whole(reviewed: Path, chosen: Format | None, setup: MergeSetup, run: Run, jobs: int | None) -> Outcome:
    """Merge while this process reads the whole reviewed file in order and workers merge."""
    plan = Plan()
    memory = chosen is not None and chosen.memory
    planner = Planner(plan, setup.documents.keys(), rules=setup.rules, by_source=memory)
    failures: list[SxstmError] = []

    def units() -> Iterator[ReviewedUnit]:
        try:
            yield from read_reviewed(reviewed, chosen)
        except InputError as error:
            failures.append(error)

    if memory:  # every unit first, as any may apply to any document
        plan_merge(units(), planner)
        tasks: Iterable[MergeTask] = [setup.task(name, plan.by_document.get(name, ())) for name in setup.documents]
    else:
        tasks = (setup.task(name, group) for name, group in stream_groups(units(), planner))
    merges = []
    for done, merged in enumerate(parallel_map(merge_in_worker, tasks, jobs=jobs, shared=plan.by_source or None), 1):
        run.tick(done, len(setup.documents), f"{done:,} documents")
        merges.append(merged)
    return merges, plan.results, failures


def _copy(setup: MergeSetup, merged: set[str], jobs: int | None) -> Iterator[FileMerge]:
    """Write the documents no unit named to the output tree, as they are."""
    tasks = [setup.task(name, ()) for name in setup.documents if name not in merged]
    yield from parallel_map(merge_in_worker, tasks, jobs=jobs)


def _columns(path: Path, lines: set[int]) -> dict[int, int]:
    """The column where each of ``lines`` of the reviewed file starts its unit (its first
    character that is not a space), read in one pass and only if there are lines to place."""
    columns: dict[int, int] = {}
    if not lines:
        return columns
    with path.open("rb") as handle:
        for number, line in enumerate(handle, 1):
            if number in lines:
                text = line.decode("utf-8", "replace")
                columns[number] = len(text) - len(text.lstrip()) + 1
                if len(columns) == len(lines):
                    break
    return columns


def _diff(name: str, before: bytes, after: bytes) -> Iterator[str]:
    old = before.decode("utf-8", "replace").splitlines(keepends=True)
    new = after.decode("utf-8", "replace").splitlines(keepends=True)
    return difflib.unified_diff(old, new, f"a/{name}", f"b/{name}")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``sxstm merge`` to ``parser``."""
    parser.add_argument("reviewed", metavar="REVIEWED", help="the reviewed .xlf/.xliff, .po or .tmx file")
    parser.add_argument(
        "--into", required=True, metavar="DOCS", help="the sxs files or folder the file was exported from"
    )
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("-o", "--output", metavar="OUTDIR", help="write the whole tree of DOCS into OUTDIR")
    where.add_argument("--in-place", action="store_true", help="rewrite the changed documents of DOCS")
    where.add_argument("--dry-run", action="store_true", help="print a unified diff of the changes; write nothing")
    parser.add_argument("--include-fuzzy", action="store_true", help="also apply PO entries still marked #, fuzzy")
    parser.add_argument("--include-mt", dest="include_fuzzy", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--accept-source-copies", action="store_true", help="also apply targets that copy their English source"
    )
    parser.add_argument("--target-lang", metavar="LOCALE", help="target locale of documents without ms.contentlocale")
    add_run_options(parser, exclude=False)


COMMAND = Command(
    "merge",
    help="write reviewed translations back into the documents",
    description="Apply the targets of a reviewed XLIFF, PO or TMX file (exported by sxstm extract) to the "
    "pairs of DOCS, by document and pair id (TMX, and PO without msgctxt: also by source text). Only the "
    "TARGET text of each pair changes. A target that differs from the document's is applied, whatever its "
    "XLIFF state, unless it is empty, a copy of the source, still fuzzy, holds a CAT tool's tag as text, or "
    "would break the markdown; those, stale units and unknown documents or pairs are listed, and the exit "
    "status is then 1.",
    add_arguments=add_arguments,
    handle=handle,
)
