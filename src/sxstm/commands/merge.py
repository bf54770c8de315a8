"""sxstm merge: reviewed translations back into the documents."""

from __future__ import annotations

import argparse
import difflib
import shutil
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from sxstm.commands.run import Run, refuse_inside
from sxstm.corpus import find_sources, parallel_map
from sxstm.errors import InputError, UsageError
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
    plan_merge,
    stream_groups,
    task_units,
)
from sxstm.model import ReviewedUnit
from sxstm.output import atomic_output, write_all
from sxstm.reader import ReadOptions


def handle(args: argparse.Namespace, run: Run) -> int:
    """Run ``sxstm merge`` with the parsed ``args``; return the exit code."""
    reviewed = Path(args.reviewed)
    if not reviewed.is_file():
        raise UsageError(f"{args.reviewed} is not a file: name the reviewed .xlf, .po or .tmx")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs takes a number of processes, 1 or more")
    if args.output:
        refuse_inside(Path(args.output), [args.into])
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
        plan_merge(units(), planner)
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
    try:
        with path.open("rb") as handle:
            return b"<tmx" in handle.read(4096)
    except OSError:
        return False  # reading the units reports why


def _diff(name: str, before: bytes, after: bytes) -> Iterator[str]:
    old = before.decode("utf-8", "replace").splitlines(keepends=True)
    new = after.decode("utf-8", "replace").splitlines(keepends=True)
    return difflib.unified_diff(old, new, f"a/{name}", f"b/{name}")
