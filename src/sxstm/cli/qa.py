"""sxstm qa: QA checks and reports for CI."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import functools
import gc
import io
import itertools
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Collection, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sxstm.checks import CHECKS, Checked, Profile, across, check_document, resolve, select
from sxstm.checks.glossary import read_glossary
from sxstm.checks.rows import Row, moved, moved_rows
from sxstm.checks.scratch import FindingFile, SeenFile
from sxstm.cli.changed import ChangedSince
from sxstm.cli.command import Command
from sxstm.cli.options import add_docs_options
from sxstm.cli.paths import ReportPaths, report_paths
from sxstm.cli.run import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Run, locales_of, process_documents
from sxstm.errors import InputError, NotTextError, UsageError
from sxstm.formats import format_of_reviewed, read_reviewed, reviewed_suffixes
from sxstm.model import Document, Finding, Pair, Segment, Severity, TranslationType
from sxstm.output import STDOUT, atomic_output, protect_inputs, scratch_space
from sxstm.reports import REPORTERS, Report
from sxstm.reports.baseline import Key, read_baseline, report_key, write_baseline
from sxstm.reports.registry import SEVERITY_RANK, Writer
from sxstm.roundtrip.merge import not_document_text
from sxstm.sxs.locales import normalize_locale
from sxstm.sxs.names import path_text, text_path
from sxstm.sxs.problems import Problem
from sxstm.sxs.sources import input_root
from sxstm.workers import run_in_background


def handle(args: argparse.Namespace, run: Run) -> int:
    """Run ``sxstm qa`` with the parsed ``args``; return the exit code."""
    with _collector_paused():
        return _handle(args, run)


def _handle(args: argparse.Namespace, run: Run) -> int:
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
            baseline = read_baseline(Path(args.baseline))
        except InputError as error:
            raise UsageError(error.message, path=error.path, line=error.line, column=error.column) from error
    changed = (
        ChangedSince.open(_split_docs(args.docs)[1], args.changed_since, exclude=args.exclude)
        if args.changed_since
        else None
    )
    with contextlib.ExitStack() as files:
        with scratch_space():
            report, found = _report(args, run, profile, changed, files)
        kept: RunFindings | FindingFile = found
        if args.write_baseline:
            _write_text(args.write_baseline, write_baseline, report)
            run.note(f"sxstm: {len(report.findings):,} findings recorded in {args.write_baseline}")
            return EXIT_OK
        if baseline is not None:
            new = files.enter_context(FindingFile())
            with scratch_space():
                report, stale = _apply_baseline(report, baseline, new)
            kept = new
            for code, path, pair_id, _ in sorted(stale.elements()):
                run.note(f"{args.baseline}: stale entry: {code} in {path} pair {pair_id} is no longer found")
        _write_text(args.output, REPORTERS[args.report].write, report)
        counts = kept.counts()  # after the report, which waited for the run-level checks
    failing = sum(
        count for severity, count in counts.items() if SEVERITY_RANK[severity] >= SEVERITY_RANK[report.fail_on]
    )
    run.note(
        f"sxstm: {counts[Severity.ERROR]:,} errors, {counts[Severity.WARNING]:,} warnings, "
        f"{counts[Severity.INFO]:,} infos in {run.documents:,} documents; {failing:,} at or above {args.fail_on}"
    )
    if args.exit_zero:
        return EXIT_OK if run.status != EXIT_USAGE else EXIT_USAGE
    return max(run.status, EXIT_FINDINGS if failing else EXIT_OK)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a run: the findings, what the run-level checks
    keep of 411,162 pairs (the bench) and the reports made of them hold no reference cycles, yet
    each collection walked them all again, a tenth of the main process's CPU (0.64 s of 6.7).
    The workers run without it from the start (``sxstm.workers``)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def profile_of(args: argparse.Namespace) -> Profile:
    """The QA profile the options (and settings) of ``args`` ask for."""
    extended = frozenset(resolve(args.extend_select))
    chosen = select(resolve(args.select), resolve(args.ignore), extended)
    severity = {
        code: _level(levels[-1])
        for checks, levels in _assignments(args.severity, "--severity")
        for code in resolve([checks])
    }
    per_path = tuple(
        (_glob(glob), frozenset(resolve(codes)))
        for glob, codes in _assignments(args.per_path_ignores, "--per-path-ignores")
    )
    per_locale = {
        (normalize_locale(locale) or locale).lower(): frozenset(resolve(codes))
        for locale, codes in _assignments(args.per_locale_ignores, "--per-locale-ignores")
    }
    glossary = Path(args.glossary) if args.glossary else None
    if glossary is not None:
        if not glossary.is_file():
            raise UsageError(f"no glossary file {args.glossary}")
        try:
            read_glossary(glossary)  # read here once, so that a broken file stops the run with one message
        except InputError as error:
            raise UsageError(error.message, path=error.path, line=error.line, column=error.column) from error
    by_default = frozenset() if args.select else frozenset(c.code for c in chosen) - extended
    forms = PathForms.of(args) if per_path else None
    return Profile(chosen, severity, per_path, per_locale, glossary, not args.no_built_in_terms, by_default, forms)


@dataclass(frozen=True, slots=True)
class PathForms:
    """The names of a document that a ``--per-path-ignores`` glob matches beside its path below
    the folder named: as reports name it (relative to the working folder) and from the
    repository root, both by :class:`ReportNames`, and from the folder of the settings file that
    holds the glob. A glob copied from a report, or written in settings at the repository root
    while qa runs on a folder below it, matches."""

    names: ReportNames
    settings: str | None  # the folder of the settings file, if any

    @classmethod
    def of(cls, args: argparse.Namespace) -> PathForms:
        return cls(ReportNames.of(args), getattr(args, "settings_folder", None))

    def __call__(self, name: str) -> tuple[str, ...]:
        shown = self.names.shown(name)
        forms = [shown, self.names.in_repository[shown]]
        if self.settings is not None:
            below = os.path.relpath(os.path.abspath(text_path(shown)), self.settings)
            if not below.startswith(os.pardir):
                forms.append(path_text(below))
        return tuple(form.replace(os.sep, "/") for form in forms)


def _glob(glob: str) -> str:
    """``glob`` as paths are matched: ``./docs/`` is ``docs/*``."""
    glob = glob.removeprefix("./")
    return f"{glob}*" if glob.endswith("/") else glob


def _level(level: str) -> Severity:
    try:
        return Severity(level)
    except ValueError:
        raise UsageError(f"--severity takes a level of error, warning or info, not {level!r}") from None


def _named_checks(value: str) -> str:
    """``value``, if it names checks by code or name (``SX406,inconsistent-source``): the type of
    the options that name checks, which the settings of such an option are checked with too
    (an unknown check is then said with the settings file's path)."""
    try:
        list(resolve([value]))
    except UsageError as error:
        raise argparse.ArgumentTypeError(error.message) from None
    return value


def _checks_assigned(value: str) -> str:
    """``value`` (``CHECK=…``), if the checks before its ``=`` are known (see :func:`_named_checks`)."""
    if checks := value.partition("=")[0].strip():
        _named_checks(checks)
    return value


def _assigned_checks(value: str) -> str:
    """``value`` (``…=CHECK,…``), if the checks after its ``=`` are known (see :func:`_named_checks`)."""
    for check in value.partition("=")[2].split(","):
        if check.strip():
            _named_checks(check)
    return value


def _assignments(values: Sequence[str], option: str) -> Iterator[tuple[str, list[str]]]:
    """Split ``KEY=VALUE[,VALUE...]`` options into the key and its values."""
    for value in values:
        key, equals, rest = value.partition("=")
        items = [item.strip() for item in rest.split(",") if item.strip()]
        if not equals or not key.strip() or not items:
            raise UsageError(f"{option} takes KEY=VALUE, not {value!r}")
        yield key.strip(), items


def _check_all(args: argparse.Namespace, run: Run, profile: Profile) -> Generator[Checked, None, None]:
    """Check the markdown documents of DOCS in parallel, then the reviewed files named."""
    reviewed, markdown = _split_docs(args.docs)
    protect_inputs(reviewed)
    target_locale = locales_of(args)[1] if reviewed else None
    if markdown:
        work = functools.partial(check_document, profile=profile)
        yield from process_documents(
            argparse.Namespace(**{**vars(args), "docs": markdown}), run, work, show_findings=False
        )
    for name in reviewed:
        try:
            document, contexts = reviewed_document(Path(name), target_locale)
        except InputError as error:  # a file that cannot be read whole (a bad <cp hex>, broken XML)
            path = path_text(name)
            problem = Problem.TARGET_NOT_TEXT if isinstance(error, NotTextError) else Problem.UNREADABLE
            yield Checked(path, (problem.at(path, error.line or 1, error.column or 1, error.message),))
            continue
        refused = tuple(_not_text_findings(document, contexts))
        run.documents += 1
        run.pairs += len(document.pairs)
        checked = check_document(document, profile)
        yield dataclasses.replace(checked, findings=refused + checked.findings) if refused else checked


def _not_text_findings(document: Document, contexts: Sequence[str]) -> Iterator[Finding]:
    """SX010 for each target of a reviewed file that merge would refuse wherever it lands (in
    the block context the file gives its pair, such as a table cell)."""
    for pair, context in zip(document.pairs, contexts, strict=True):
        if reason := not_document_text(pair.target.text, pair.source.text, context):
            unit = pair.id or "this unit"
            yield Problem.TARGET_NOT_TEXT.at(document.path, pair.line, 1, f"{unit}: {reason}", pair.id or None)


def _split_docs(docs: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split DOCS into reviewed files (a format with a reader) and markdown files or folders."""
    suffixes = reviewed_suffixes()
    reviewed = [name for name in docs if name.lower().endswith(suffixes) and Path(name).is_file()]
    return reviewed, [name for name in docs if name not in reviewed]


def reviewed_document(path: Path, target_locale: str | None = None) -> tuple[Document, tuple[str, ...]]:
    """The translated units of a reviewed file (a format with a reader) as the pairs of one
    document, of the locale the first unit names, or else the file (a PO's header), or else
    ``target_locale``; each pair at its line in that file, and the block context the file
    gives each pair ("" where none). The pairs keep an empty context, so that the checks find
    on a reviewed file what they found before (SX402 pair-in-code reports the markdown, not the
    file)."""
    units = list(read_reviewed(path))
    pairs = tuple(
        Pair(unit.pair_id or "", Segment(unit.source, 0, 0), Segment(unit.target, 0, 0), 0, 0, unit.line, 1, "")
        for unit in units
        if unit.target is not None
    )
    locale = next((unit.locale for unit in units if unit.locale), "") or _declared_locale(path) or target_locale or ""
    document = Document(path_text(str(path)), "", locale, TranslationType.UNKNOWN, {}, pairs)
    return document, tuple(unit.context for unit in units if unit.target is not None)


_HEAD = 65536  # bytes read for a declared locale: a PO's header, after its comments


def _declared_locale(path: Path) -> str:
    """The target locale the reviewed file ``path`` declares for all its units (a PO's header),
    "" if none."""
    declared = format_of_reviewed(path).language
    try:
        with path.open("rb") as file:
            return declared(file.read(_HEAD)) if declared is not None else ""
    except OSError:
        return ""  # read whole a moment ago: the locale is all that is lost


def _report(
    args: argparse.Namespace, run: Run, profile: Profile, changed: ChangedSince | None, files: contextlib.ExitStack
) -> tuple[Report, RunFindings]:
    """Check the DOCS of ``args`` and make the report of the run (``changed``: of what changed
    only); return it with its findings, whose scratch files and process ``files`` closes.

    Each document is named, and its findings moved to that name, as its result comes (in the
    main process, while the workers check the next ones), and what the run-level checks need of
    it is kept in a scratch file (in memory, the bench's took 150 MB). Once the last result is in
    and the workers have ended, they count the pairs in a process of their own, while this one
    writes the documents' findings into the report: one after the other, each took a tenth of
    a second per 2,500 documents (the bench: 0.5 s each, a twentieth of the run).
    """
    names = ReportNames.of(args)
    documents: list[str] = []
    kept = files.enter_context(FindingFile())  # the documents' findings, on disk
    checked = _check_all(args, run, profile)
    # Closed on leaving, an error included, so that the workers end then, not when the generator
    # is collected at exit (where Python 3.11's pool then failed with a traceback of EBADF).
    with SeenFile() as seen, contextlib.closing(checked):
        for result in checked:
            documents.append(names.shown(result.path))
            kept.extend_rows(
                names.moved_rows(changed.keep(result.findings) if changed is not None else result.findings)
            )
            if result.seen is not None:
                seen.append(result.seen)
        seen.flush()  # the process forked reads it through the same file
        later = files.enter_context(
            run_in_background(functools.partial(_run_level, seen, profile), fork=_fork_run_level(args, profile, seen))
        )

    def found() -> list[Finding]:
        findings = later()
        return names.moved(changed.keep(findings) if changed is not None else findings)

    findings = RunFindings(kept, found)
    return Report(findings, documents, names.paths.root_uri, names.in_repository, Severity(args.fail_on)), findings


# Documents from which the run-level checks run in a process of their own: on fewer, they take
# less time (under 40 ms) than starting it.
_RUN_LEVEL_FORKED_FROM = 1000


def _fork_run_level(args: argparse.Namespace, profile: Profile, seen: SeenFile) -> bool:
    """Tell whether the run-level checks are worth a process of their own: with a core of their
    own (more than one job), some run-level check selected, and enough documents."""
    jobs = args.jobs or os.cpu_count() or 1
    selected = any(registered.across is not None for registered in profile.checks)
    return jobs > 1 and selected and len(seen) >= _RUN_LEVEL_FORKED_FROM


def _run_level(seen: SeenFile, profile: Profile) -> list[Finding]:
    """The findings of the run-level checks of ``profile`` on the pairs ``seen``. Their errors are
    the scratch files' (in the temporary folder, where their bucket files go), never the
    report's, which is being written when they reach it."""
    with scratch_space(tempfile.gettempdir()):
        return list(across(seen, profile))


class RunFindings(Collection[Finding]):
    """The findings of a run: the documents' (kept on disk), then the run-level checks', asked
    for from ``later`` only when they are needed, so that a report can start with the others."""

    __slots__ = ("_documents", "_later", "_run_level")

    def __init__(self, documents: FindingFile, later: Callable[[], list[Finding]]) -> None:
        self._documents = documents
        self._later = later
        self._run_level: list[Finding] | None = None

    def _last(self) -> list[Finding]:
        if self._run_level is None:
            self._run_level = self._later()
        return self._run_level

    def counts(self) -> dict[Severity, int]:
        """How many findings there are of each severity."""
        counts = self._documents.counts()
        for finding in self._last():
            counts[finding.severity] += 1
        return counts

    def __len__(self) -> int:
        return len(self._documents) + len(self._last())

    def __bool__(self) -> bool:
        return bool(len(self._documents)) or bool(self._last())

    def __iter__(self) -> Iterator[Finding]:
        yield from self._documents
        yield from self._last()

    def __contains__(self, finding: object) -> bool:
        return finding in self._last() or finding in self._documents


@dataclass(frozen=True, slots=True)
class ReportNames:
    """The names a report gives the files of a run: relative to the working folder (absolute
    outside it), and their paths in the repository for baselines and SARIF."""

    root: Path  # what the names of the markdown documents are relative to
    paths: ReportPaths
    reviewed: frozenset[str]  # the names of the reviewed files checked
    names: dict[str, str] = field(default_factory=dict)  # a document's name: its name in the report
    in_repository: dict[str, str] = field(default_factory=dict)  # a name in the report: its path in the repository

    @classmethod
    def of(cls, args: argparse.Namespace) -> ReportNames:
        """The names of the files of a run on the DOCS of ``args``."""
        reviewed, markdown = _split_docs(args.docs)
        root = input_root(markdown) if markdown else Path.cwd()
        return cls(root, report_paths(root), frozenset(path_text(str(name)) for name in reviewed))

    def shown(self, name: str) -> str:
        """The name in the report of the document (or reviewed file) ``name``."""
        shown = self.names.get(name)
        if shown is None:
            file = text_path(name) if name in self.reviewed else os.path.join(self.root, text_path(name))
            shown = self.names[name] = path_text(self.paths.shown(file))
            self.in_repository[shown] = path_text(self.paths.in_repository(file))
        return shown

    def moved(self, findings: Sequence[Finding]) -> list[Finding]:
        """``findings``, each at the name in the report of its file."""
        self._name(findings)
        return moved(list(findings), self.names)

    def moved_rows(self, findings: Sequence[Finding]) -> list[Row]:
        """The rows of ``findings`` (see :mod:`~sxstm.checks.rows`), each at the name in the report of its file."""
        self._name(findings)
        return moved_rows(findings, self.names)

    def _name(self, findings: Sequence[Finding]) -> None:
        for finding in findings:
            if finding.path not in self.names:
                self.shown(finding.path)


def _write_text(target: str, write: Writer, report: Report) -> None:
    """Write a text report atomically (``-``: stdout) in UTF-8."""
    with atomic_output(target) as out:
        text = io.TextIOWrapper(out, encoding="utf-8", newline="")
        try:
            write(report, text)
            text.flush()
        finally:
            text.detach()  # never close ``out`` (stdout) when the wrapper is collected


def _apply_baseline(report: Report, baseline: Counter[Key], new: FindingFile) -> tuple[Report, Counter[Key]]:
    """Drop the findings the baseline records; return the report of the new ones (kept in
    ``new``) and the stale entries of the documents checked (a run on some files says nothing
    of the others')."""
    checked = {report.repository_path(path) for path in report.documents}
    left = Counter({key: count for key, count in baseline.items() if key[1] in checked})

    def recorded(finding: Finding) -> bool:
        key = report_key(report, finding)
        if left[key]:
            left[key] -= 1
            return True
        return False

    new.extend(itertools.filterfalse(recorded, report.findings))
    return dataclasses.replace(report, findings=new), +left


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``sxstm qa`` to ``parser``."""
    add_docs_options(parser, docs="*")
    parser.add_argument("--format", dest="report", choices=sorted(REPORTERS), default="text", help="report format")
    parser.add_argument(
        "-o", "--output", metavar="FILE", default=STDOUT, help="write the report to FILE (default: stdout)"
    )
    parser.add_argument(
        "--fail-on", choices=[s.value for s in Severity], default="error", help="lowest failing severity"
    )
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    parser.add_argument("--list-checks", action="store_true", help="list the checks and exit")
    # The options that name checks, each repeatable; their type knows the checks, and checks the
    # items of their settings too (see sxstm.cli.config).
    naming: list[tuple[str, Callable[[str], str], str, str]] = [
        ("--select", _named_checks, "CHECK", "run only these checks (code or name), in every language"),
        (
            "--extend-select",
            _named_checks,
            "CHECK",
            "run these checks too, beside the others chosen (or the default ones), in every language",
        ),
        ("--ignore", _named_checks, "CHECK", "skip these checks (code or name)"),
        ("--severity", _checks_assigned, "CHECK=LEVEL", "change a check's severity"),
        (
            "--per-path-ignores",
            _assigned_checks,
            "GLOB=CHECK,...",
            "skip checks for documents whose path matches GLOB (below the folder named, as reported, or in the repo)",
        ),
        (
            "--per-locale-ignores",
            _assigned_checks,
            "LOCALE=CHECK,...",
            "skip checks for documents of LOCALE (de: every German locale)",
        ),
    ]
    for flag, kind, metavar, text in naming:
        parser.add_argument(flag, action="append", default=[], type=kind, metavar=metavar, help=text)
    parser.add_argument("--glossary", metavar="FILE", help="protected terms and approved translations (CSV or TBX)")
    parser.add_argument("--no-built-in-terms", action="store_true", help="do not protect the built-in product names")
    parser.add_argument("--write-baseline", metavar="FILE", help="record today's findings in FILE (and exit 0)")
    parser.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in FILE")
    parser.add_argument(
        "--changed-since",
        metavar="REV",
        help="report only findings on pairs added or changed since the git revision REV (for pull requests)",
    )


COMMAND = Command(
    "qa",
    help="check the translations for defects, for CI",
    description="Run the QA checks on every pair and report findings. Exit 1 if any finding is at or above "
    "--fail-on (and for input errors), 2 for usage errors.",
    epilog="checks (sxstm qa --list-checks; SX0xx are the reader's problems with spans):\n"
    + "\n".join(f"  {c.code} {c.name:<38} {c.severity.value:<8}" for c in CHECKS.values())
    + "\n\nreports (--format):\n"
    + "\n".join(f"  {r.name:<7} {r.summary}" for r in REPORTERS.values())
    + "\n\nsettings ([tool.sxstm.qa] in pyproject.toml), for example:\n"
    '  extend-select = ["SX407"]\n  ignore = ["SX404"]\n  severity = { SX302 = "error" }\n  glossary = "terms.csv"\n'
    '  per-path-ignores = { "docs/includes/*" = ["SX212"] }\n  per-locale-ignores = { "ja-JP" = ["SX303"] }\n'
    "\nexamples:\n  sxstm qa docs.pl-pl/ --format sarif --output qa.sarif\n"
    "  sxstm qa review.xlf                 # a reviewed export, before merging it",
    add_arguments=add_arguments,
    handle=handle,
)
