"""What every command shares: messages, progress, exit status, and reading DOCS in parallel."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from sxstm.errors import LocaleError, UnreadableDocumentError, UsageError
from sxstm.model import Document, Finding, Severity
from sxstm.output import protect_inputs
from sxstm.sxs.documents import Outcome, map_documents
from sxstm.sxs.locales import normalize_locale
from sxstm.sxs.reader import ReadOptions
from sxstm.sxs.sources import Source, find_sources

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
T = TypeVar("T")


class Run:
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


def locales_of(args: argparse.Namespace) -> tuple[str, str | None]:
    """The source locale of ``args`` and its target locale (None: each document's own); raise
    UsageError for one that is no locale."""
    source_locale = normalize_locale(args.source_lang)
    target_locale = normalize_locale(args.target_lang) if args.target_lang else None
    if source_locale is None or (args.target_lang and target_locale is None):
        raise UsageError(
            f"not a locale: {args.source_lang if source_locale is None else args.target_lang!r} (expected e.g. pl-PL)"
        )
    return source_locale, target_locale


def process_documents(
    args: argparse.Namespace, run: Run, work: Callable[[Document], T], *, show_findings: bool = True
) -> Iterator[T]:
    """Read the DOCS of ``args`` and apply ``work`` to each document with pairs, in parallel.

    Problems are reported through ``run`` (the reader's findings too, unless ``work`` reports
    them itself); results come back in input order. A document that names no locale of its own
    takes the one all the others declare (with a note) and comes back last; if they declare
    none or several, its :class:`LocaleError` stops the run.
    """
    source_locale, target_locale = locales_of(args)
    sources = find_sources(args.docs, exclude=args.exclude)
    protect_inputs(source.path for source in sources)  # now, before any output is opened
    options = ReadOptions(source_locale=source_locale, target_locale=target_locale)
    return _process(args, run, work, sources, options, show_findings=show_findings)


def _process(
    args: argparse.Namespace,
    run: Run,
    work: Callable[[Document], T],
    sources: list[Source],
    options: ReadOptions,
    *,
    show_findings: bool,
) -> Iterator[T]:
    unplaced: list[tuple[Source, LocaleError]] = []
    declared: set[str] = set()
    for done, outcome in enumerate(map_documents(sources, work, options=options, jobs=args.jobs), 1):
        run.tick(done, len(sources), f"{run.pairs:,} pairs")
        if isinstance(outcome.error, LocaleError):
            unplaced.append((outcome.source, outcome.error))
            continue
        if outcome.locale:
            declared.add(outcome.locale)
        yield from _take(outcome, run, show_findings=show_findings)
    if unplaced:
        # Few documents lack a locale (a repository's README): they are read again, after the
        # others, with the one locale the run's documents agree on.
        if len(declared) != 1:
            raise unplaced[0][1]
        (locale,) = declared
        for source, _ in unplaced:
            run.note(f"{source.name}: no locale of its own; read as {locale}, the locale of the run's other documents")
        again = [source for source, _ in unplaced]
        for outcome in map_documents(again, work, options=replace(options, target_locale=locale), jobs=args.jobs):
            yield from _take(outcome, run, show_findings=show_findings)
    run.done()
    if not run.pairs:
        reason = "no readable" if run.status != EXIT_OK else "no"
        raise UsageError(
            f"{reason} sxs span pairs found in {' '.join(args.docs)}; nothing was written"
            + ("" if run.status != EXIT_OK else ": are these files from a live-sxs branch?")
        )


def _take(outcome: Outcome[T], run: Run, *, show_findings: bool) -> Iterator[T]:
    """Report the problems of one outcome; yield its result if its document has pairs."""
    if isinstance(outcome.error, UnreadableDocumentError):
        run.problem(str(outcome.error.finding), usage=outcome.source.explicit)
        return
    if outcome.error is not None:
        run.problem(str(outcome.error), usage=outcome.source.explicit)
        return
    result = outcome.result if outcome.pairs else None
    # A document without pairs reaches no report: its findings are printed here.
    for finding in outcome.findings if show_findings or result is None else ():
        run.finding(finding)
    if result is not None:
        run.documents += 1
        run.pairs += outcome.pairs
        yield result


def refuse_inside(folder: Path, docs: Sequence[str]) -> None:
    target = folder.resolve()
    for given in docs:
        path = Path(given).resolve()
        if path.is_dir() and (target == path or path in target.parents):
            raise UsageError(f"the output folder {folder} lies inside DOCS ({given}); choose another")
