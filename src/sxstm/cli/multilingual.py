"""sxstm extract --multilingual: align locale trees on the English segment and write one unit
per English source segment with every locale's translation (see :mod:`sxstm.sxs.pivot`)."""

from __future__ import annotations

import argparse
import functools
import json
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sxstm.cli.run import Run
from sxstm.errors import SxstmError, UnreadableDocumentError, UsageError
from sxstm.formats import format_for_path
from sxstm.formats.multilingual import (
    MULTILINGUAL,
    MultilingualFormat,
    MultilingualOptions,
    MultilingualRenderer,
    Rendered,
)
from sxstm.model import Finding
from sxstm.output import STDOUT, atomic_output
from sxstm.sxs.locales import locale_from_folders, normalize_locale
from sxstm.sxs.pivot import UNMATCHED, DocumentGroup, group_documents, read_group
from sxstm.sxs.reader import ReadOptions, read_document
from sxstm.workers import parallel_map


@dataclass(frozen=True, slots=True)
class _Result:
    """One document group, read, aligned and rendered in a worker."""

    rendered: Rendered
    counts: Counter[tuple[str, str]]
    findings: tuple[Finding, ...]
    errors: tuple[SxstmError, ...]
    documents: int
    pairs: int


def extract_multilingual(args: argparse.Namespace, run: Run) -> int:
    """Run ``sxstm extract --multilingual`` with the parsed ``args``; return the exit code."""
    writer = _writer(args)
    source_locale = normalize_locale(args.source_lang)
    if source_locale is None:
        raise UsageError(f"not a locale: {args.source_lang!r} (expected e.g. en-US)")
    if args.target_lang:
        raise UsageError("--multilingual takes each tree's locale from its documents or its folder; drop --target-lang")
    started = time.monotonic()
    groups = group_documents(args.docs, exclude=args.exclude)
    read_options = ReadOptions(source_locale=source_locale)
    locales = _tree_locales(args.docs, groups, read_options)
    for locale, count in Counter(locales).items():
        if count > 1:
            run.note(f"sxstm: {count} trees hold {locale}: their translations are counted together")
    options = MultilingualOptions(source_locale, tuple(dict.fromkeys(locales)), tags=args.inline == "tags")
    work = functools.partial(_work, options=read_options, locales=tuple(locales), render=writer.render, out=options)
    counts: Counter[tuple[str, str]] = Counter()
    records = left_out = 0
    with atomic_output(args.output) as out:
        out.write(writer.head(options))
        state = 0
        for done, result in enumerate(parallel_map(work, groups, jobs=args.jobs, chunk=4), 1):
            run.tick(done, len(groups), f"{run.pairs:,} pairs")
            for error in result.errors:
                run.problem(str(error.finding) if isinstance(error, UnreadableDocumentError) else str(error))
            for finding in (*result.findings, *result.rendered.findings):
                run.finding(finding)
            run.documents += result.documents
            run.pairs += result.pairs
            counts.update(result.counts)
            records += result.rendered.records
            left_out += result.rendered.left_out
            data = result.rendered.data
            if writer.finish is not None:
                data, state = writer.finish(data, state)
            out.write(data)
        run.done()
        if not run.pairs:
            raise UsageError(f"no sxs span pairs found in {' '.join(args.docs)}; nothing was written")
        out.write(writer.tail)
    if left_out:
        counts["translations in a locale without a column left out", "?"] += left_out
    where = "stdout" if args.output == STDOUT else args.output
    run.note(
        f"sxstm: {run.pairs:,} pairs from {run.documents:,} documents in {len(locales)} trees"
        f" ({', '.join(options.locales)}) -> {records:,} multilingual {writer.name} records in {where}"
        f" ({time.monotonic() - started:.1f} s)"
    )
    for line in summary_lines(counts):
        run.note(f"sxstm: {line}")
    if args.alignment_report:
        with atomic_output(args.alignment_report) as out:
            totals = {"documents": run.documents, "pairs": run.pairs, "units": records}
            out.write(alignment_report(args.docs, locales, totals, counts).encode())
    return run.status


def _writer(args: argparse.Namespace) -> MultilingualFormat:
    if args.split or args.qa:
        raise UsageError(f"--multilingual writes one file; {'--split' if args.split else '--qa'} is not for it")
    unsupported = [
        option
        for option, given in (
            ("--only", args.only),
            ("--drop-findings", args.drop_findings),
            ("--min-words", args.min_words),
            ("--dedupe", args.dedupe_pairs),
            ("--text", args.text != "markdown"),
        )
        if given
    ]
    if unsupported:
        raise UsageError(
            f"{', '.join(unsupported)} filter or rewrite bilingual exports; --multilingual does not take them yet"
        )
    if args.format:
        name = args.format
    elif args.output == STDOUT:
        raise UsageError("name the format with --format when writing to stdout")
    else:
        name = format_for_path(args.output).name
    if name not in MULTILINGUAL:
        raise UsageError(f"--multilingual writes {', '.join(MULTILINGUAL)}, not {name}")
    return MULTILINGUAL[name]


def _tree_locales(trees: list[str], groups: list[DocumentGroup], options: ReadOptions) -> list[str]:
    """Return the locale of each tree: that of its first readable document, else of its folder."""
    locales = []
    for index, tree in enumerate(trees):
        locale = None
        for group in groups:
            source = group.sources[index]
            if source is None:
                continue
            try:
                locale = read_document(source.path, name=source.name, options=options).target_locale
                break
            except SxstmError:
                continue  # reported when the group is read
        locales.append(locale or locale_from_folders(Path(tree).absolute() / "x") or f"tree {index + 1}")
    return locales


def _work(
    group: DocumentGroup,
    *,
    options: ReadOptions,
    locales: tuple[str, ...],
    render: MultilingualRenderer,
    out: MultilingualOptions,
) -> _Result:
    outcome = read_group(group, options, locales)
    rendered = render(outcome.alignment.pairs, out)
    return _Result(
        rendered, outcome.alignment.counts, outcome.findings, outcome.errors, outcome.documents, outcome.pairs
    )


def summary_lines(counts: Counter[tuple[str, str]]) -> list[str]:
    """Describe the counts by reason: ``reason: N (de-DE 3, ja-JP 1)``, the unmatched first."""
    totals: dict[str, Counter[str]] = {}
    for (reason, locale), count in counts.items():
        if count:
            totals.setdefault(reason, Counter())[locale] += count
    order = [*UNMATCHED, *sorted(set(totals) - set(UNMATCHED))]
    lines = []
    for reason in order:
        if reason in totals:
            by_locale = totals[reason]
            shown = ", ".join(f"{locale} {count:,}" for locale, count in sorted(by_locale.items()))
            kind = "not matched, " if reason in UNMATCHED else ""
            unit = "documents" if reason in UNMATCHED[:2] else "segments" if kind else "pairs"
            lines.append(f"{kind}{reason}: {sum(by_locale.values()):,} {unit} ({shown})")
    return lines


def alignment_report(
    trees: list[str], locales: list[str], totals: dict[str, int], counts: Counter[tuple[str, str]]
) -> str:
    """Return the counts as JSON: the trees and their locales, the ``totals`` (documents and
    pairs read, units written), and for each reason (``unmatched`` and ``left_out``) the count
    per locale."""
    unmatched: dict[str, dict[str, int]] = {}
    left_out: dict[str, dict[str, int]] = {}
    for (reason, locale), count in sorted(counts.items()):
        if count:
            (unmatched if reason in UNMATCHED else left_out).setdefault(reason, {})[locale] = count
    report = {
        "trees": [{"path": tree, "locale": locale} for tree, locale in zip(trees, locales, strict=True)],
        **totals,
        "unmatched": unmatched,
        "left_out": left_out,
    }
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
