"""sxstm extract: export the pairs in one of the registered formats."""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib
import os
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from sxstm.cli.command import Command
from sxstm.cli.options import add_docs_options
from sxstm.cli.run import Run, process_documents
from sxstm.errors import UsageError
from sxstm.formats import FORMATS, ExportOptions, ExportReport, Targets, format_for_path
from sxstm.formats.filters import Dedupe, Deduper, Filters, drop_short, filter_document
from sxstm.formats.registry import Chunk, Format
from sxstm.formats.training import TextMode, training_document
from sxstm.model import Document, Severity, TranslationType
from sxstm.output import STDOUT, atomic_output, scratch_folder


def handle(args: argparse.Namespace, run: Run) -> int:
    """Run ``sxstm extract`` with the parsed ``args``; return the exit code."""
    if args.multilingual:
        # Imported here, for this run only: its modules (locale trees, alignment) took 4 % of the
        # instructions of an extract of one file.
        from sxstm.cli.multilingual import extract_multilingual

        return extract_multilingual(args, run)
    if args.alignment_report:
        raise UsageError("--alignment-report describes an --multilingual run")
    if args.format:
        chosen = FORMATS[args.format]
    elif args.output == STDOUT or args.split:
        raise UsageError("name the format with --format when writing to stdout or with --split")
    else:
        chosen = format_for_path(args.output)
    if chosen.files is not None and (args.output == STDOUT or args.split):
        raise UsageError(f"{chosen.name} writes files named from OUT: name them (-o corpus), without --split")
    if chosen.files is None and not args.split and args.output != STDOUT and Path(args.output).is_dir():
        raise UsageError(f"{args.output} is a folder; name a file (or use --split to write into a folder)")
    if args.qa and not chosen.notes:
        noted = ", ".join(name for name, candidate in FORMATS.items() if candidate.notes)
        raise UsageError(f"--qa attaches findings to the units of {noted}; {chosen.name} has no place for them")
    if args.min_words < 0:
        raise UsageError(f"--min-words takes a count of words, 0 or more, not {args.min_words}")
    text = TextMode(args.text)
    options = ExportOptions(
        dedupe=args.dedupe,
        fuzzy=args.fuzzy,
        tags=args.inline == "tags" and text is TextMode.MARKDOWN,
        all_targets=args.all_targets,
        targets=Targets(args.targets),
        template=not args.split and args.output.lower().endswith(".pot"),
        checked=args.qa,
        processes=args.jobs or os.cpu_count() or 1,
    )
    if not (chosen.memory and args.dedupe):
        return _export(args, run, chosen, options, text)
    # A translation memory (TMX) counts its distinct units on disk: each worker writes their
    # texts in this folder, which the main process reads at the end.
    with scratch_folder() as scratch:
        return _export(args, run, chosen, replace(options, scratch=scratch), text)


def _export(args: argparse.Namespace, run: Run, chosen: Format, options: ExportOptions, text: TextMode) -> int:
    """Export the documents of ``args`` in the format ``chosen``; return the exit code."""
    filters = Filters(
        only=TranslationType(args.only.upper()) if args.only else None,
        drop_findings=Severity(args.drop_findings) if args.drop_findings else None,
        min_words=args.min_words,
        dedupe=Dedupe(args.dedupe_pairs) if args.dedupe_pairs else None,
    )
    if args.qa or filters.drop_findings is not None:
        importlib.import_module("sxstm.checks")  # here, once, not in each worker forked below
    started = time.monotonic()
    prepare = functools.partial(prepare_document, filters=filters, text=text, qa=args.qa)
    removed: Counter[str] = Counter()
    total = ExportReport()
    # Closed on leaving, an error included, so that the workers end before the scratch folder
    # they write in is removed.
    with contextlib.closing(_chunks(args, run, chosen.render, options, prepare, removed)) as chunks:
        if chosen.files is not None:
            report, where = chosen.files(chunks, args.output, options)
            _report(report, run, total)
        elif args.split:
            folder = Path(args.output)
            if folder.exists() and not folder.is_dir():
                raise UsageError(f"--split writes into a folder, and {args.output} is a file")
            files = 0
            for chunk in chunks:
                with atomic_output(folder / f"{chunk.path}{chosen.suffixes[0]}", within=folder) as out:
                    _report(chosen.join([chunk], out, options), run, total)
                files += 1
            where = f"{files} files in {folder}"
        else:
            with atomic_output(args.output) as out:
                _report(chosen.join(chunks, out, options), run, total)
            where = "stdout" if args.output == STDOUT else args.output
    left_out = "".join(f", {count:,} {reason}" for reason, count in total.left_out.items())
    run.note(
        f"sxstm: {run.pairs:,} pairs from {run.documents:,} documents -> {total.records:,} {chosen.name} records"
        f" in {where}{left_out} ({time.monotonic() - started:.1f} s)"
    )
    if filters.active:
        summary = ", ".join(f"{count:,} {reason}" for reason, count in removed.items() if count) or "nothing"
        run.note(f"sxstm: filters removed {summary}")
    return run.status


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document as the filters and ``--text`` leave it, with what the filters removed and the
    QA notes of its pairs (``--qa``)."""

    document: Document
    removed: Counter[str]
    notes: dict[str, tuple[tuple[int, str], ...]] | None


def prepare_document(document: Document, *, filters: Filters, text: TextMode, qa: bool) -> Prepared:
    """Filter ``document`` by type and findings, note its QA findings if ``qa``, rewrite its text
    as ``text`` asks, then drop its short pairs (dedupe comes later, in order)."""
    removed: Counter[str] = Counter()
    if filters.active:
        document, removed = filter_document(document, filters)
    notes = qa_notes(document) if qa else None
    document = training_document(document, text)
    if filters.min_words:
        document, short = drop_short(document, filters.min_words)
        removed.update(short)
    return Prepared(document, removed, notes)


def export_document(
    document: Document,
    *,
    prepare: Callable[[Document], Prepared],
    render: Callable[[Document, ExportOptions], Chunk],
    options: ExportOptions,
) -> tuple[Chunk | None, Counter[str]]:
    """Prepare and render ``document`` (in a worker); None where the filters removed every pair."""
    prepared = prepare(document)
    return _render(prepared, render, options), prepared.removed


def _render(
    prepared: Prepared, render: Callable[[Document, ExportOptions], Chunk], options: ExportOptions
) -> Chunk | None:
    if not prepared.document.pairs and prepared.removed:
        return None
    return render(prepared.document, options if prepared.notes is None else replace(options, notes=prepared.notes))


def _chunks(
    args: argparse.Namespace,
    run: Run,
    render: Callable[[Document, ExportOptions], Chunk],
    options: ExportOptions,
    prepare: Callable[[Document], Prepared],
    removed: Counter[str],
) -> Generator[Chunk, None, None]:
    """The rendered documents in order, counting in ``removed`` what the filters removed.

    The documents are found now, before any output is opened, so that an output naming one of
    them is refused. Dedupe needs every pair before, so with ``--dedupe`` the workers only
    prepare the documents and this process dedupes and renders them."""
    if args.dedupe_pairs:
        return _deduped(
            process_documents(args, run, prepare), Deduper(Dedupe(args.dedupe_pairs)), render, options, removed
        )
    work = functools.partial(export_document, prepare=prepare, render=render, options=options)
    return _rendered(process_documents(args, run, work), removed)


def _deduped(
    prepared_documents: Iterator[Prepared],
    deduper: Deduper,
    render: Callable[[Document, ExportOptions], Chunk],
    options: ExportOptions,
    removed: Counter[str],
) -> Generator[Chunk, None, None]:
    for prepared in prepared_documents:
        removed.update(prepared.removed)
        document = deduper(prepared.document)
        if document.pairs:
            notes = prepared.notes
            yield render(document, options if notes is None else replace(options, notes=notes))
    removed[deduper.reason] = deduper.removed


def _rendered(
    results: Iterator[tuple[Chunk | None, Counter[str]]], removed: Counter[str]
) -> Generator[Chunk, None, None]:
    for chunk, counts in results:
        removed.update(counts)
        if chunk is not None:
            yield chunk


_PRIORITY = {Severity.ERROR: 1, Severity.WARNING: 5, Severity.INFO: 9}


def qa_notes(document: Document) -> dict[str, tuple[tuple[int, str], ...]]:
    """The QA findings of each pair of ``document``, as notes for reviewers by pair id."""
    from sxstm.checks import run_checks  # here: an export without --qa never loads the checks

    notes: dict[str, list[tuple[int, str]]] = {}
    for finding in run_checks(document):
        if finding.pair_id:
            text = f"{finding.severity.value} {finding.code} {finding.name}: {finding.message}"
            notes.setdefault(finding.pair_id, []).append((_PRIORITY[finding.severity], text))
    return {key: tuple(value) for key, value in notes.items()}


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
    parser.add_argument(
        "--multilingual",
        action="store_true",
        help="DOCS are locale trees of the same English documents (osd.de-de/ osd.ja-jp/ …): write one unit"
        " per English segment with every locale's translation (TMX, JSONL, TSV)",
    )
    parser.add_argument(
        "--alignment-report",
        metavar="FILE",
        help="--multilingual: write what could not be matched, by reason and locale, as JSON to FILE",
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
        help="TMX and XLIFF, with --text markdown: inline markup as protected tags (default), or markdown as text",
    )
    training = parser.add_argument_group("text for training, and filters (every format)")
    training.add_argument(
        "--text",
        choices=[mode.value for mode in TextMode],
        default=TextMode.MARKDOWN.value,
        help="the segments as markdown (default); as plain text: markup removed, link text and code kept,"
        " images and HTML dropped; or with inline codes as numbered placeholders <1>…</1>, <2/>,"
        " numbered alike on both sides",
    )
    training.add_argument(
        "--only", choices=("ht", "mt"), help="keep only human (ht) or machine (mt) translated documents"
    )
    training.add_argument(
        "--drop-findings",
        choices=(Severity.ERROR.value, Severity.WARNING.value),
        metavar="{error,warning}",
        help="leave out the pairs the pair checks of qa flag at this severity or above (a QA-clean corpus)",
    )
    training.add_argument(
        "--min-words",
        type=int,
        default=0,
        metavar="N",
        help="leave out pairs with a side under N words (a Chinese or Japanese character counts as a word)",
    )
    training.add_argument(
        "--dedupe",
        dest="dedupe_pairs",
        nargs="?",
        const=Dedupe.PAIR.value,
        choices=[dedupe.value for dedupe in Dedupe],
        help="keep the first of identical pairs: 'pair' (default): the same source and target in a language"
        " pair; 'source': the same source in any language pair, across every tree given",
    )


COMMAND = Command(
    "extract",
    help="export the pairs as TMX, XLIFF, PO, TSV, JSONL, Parquet or text",
    description="Export every source/target span pair of the documents. "
    "The format comes from the output suffix or --format.",
    epilog="formats (chosen by the suffix of OUT, or by --format):\n"
    + "\n".join(
        f"  {f.name:<8} {', '.join(f.suffixes) if f.by_suffix else '':<14} {f.summary}" for f in FORMATS.values()
    )
    + "\n\nexamples:\n  sxstm extract docs.pl-pl/ -o pl.tmx\n  sxstm extract docs.pl-pl/ -o - --format xliff2\n"
    "  sxstm extract docs.pl-pl/ --split -o review/ --format po\n"
    "  sxstm extract docs.pl-pl/ -f parallel --text plain --only ht --dedupe -o corpus\n"
    "  sxstm extract docs.pl-pl/ docs.de-de/ -o pairs/ -f parquet  # a file per language pair",
    add_arguments=add_arguments,
    handle=handle,
)
