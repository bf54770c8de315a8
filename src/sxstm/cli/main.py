"""The ``sxstm`` command line: parsing, settings and wiring of the commands in
:mod:`sxstm.commands`. With them, the only code that prints and turns errors into exit codes.

Exit codes: 0 ok, 1 findings or input errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sxstm.checks import CHECKS
from sxstm.cli import extract as extract_command
from sxstm.cli import merge as merge_command
from sxstm.cli import qa as qa_command
from sxstm.cli import restore as restore_command
from sxstm.cli import stats as stats_command
from sxstm.cli.config import find_config, load_settings
from sxstm.cli.run import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Run
from sxstm.errors import SxstmError, UsageError
from sxstm.formats import FORMATS
from sxstm.model import Severity
from sxstm.output import STDOUT
from sxstm.reports import REPORTERS
from sxstm.roundtrip.restore import SIDES
from sxstm.version import __version__


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
        if getattr(args, "jobs", None) is not None and args.jobs < 1:
            raise UsageError("--jobs takes a number of processes, 1 or more")
        run = Run(quiet=args.quiet)
        code: int = args.handler(args, run)
        return code
    except UsageError as error:
        print(f"sxstm: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except SxstmError as error:  # e.g. a worker process died: the run cannot go on
        print(f"sxstm: error: {error}", file=sys.stderr)
        return EXIT_FINDINGS
    except BrokenPipeError:  # stdout closed early (| head): no more output, and no traceback at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
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
        "--qa", action="store_true", help="XLIFF and PO: attach each pair's QA findings as notes for reviewers"
    )
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
    extract.set_defaults(handler=extract_command.handle)

    stats = commands.add_parser(
        "stats",
        help="count documents, pairs, words and characters",
        description="Count pairs, words and characters per target locale (and per file with --by-file).",
    )
    _common(stats)
    stats.add_argument("--by-file", action="store_true", help="also list each document")
    stats.add_argument("--json", action="store_true", help="print JSON instead of a table")
    stats.set_defaults(handler=stats_command.handle)

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
    restore.set_defaults(handler=restore_command.handle)

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
    merge.set_defaults(handler=merge_command.handle)
    qa = commands.add_parser(
        "qa",
        help="check the translations for defects, for CI",
        description="Run the QA checks on every pair and report findings. Exit 1 if any finding is at or above "
        "--fail-on (and for input errors), 2 for usage errors.",
        epilog="checks (sxstm qa --list-checks; SX0xx are the reader's problems with spans):\n"
        + "\n".join(f"  {c.code} {c.name:<38} {c.severity.value:<8}" for c in CHECKS.values())
        + "\n\nsettings ([tool.sxstm.qa] in pyproject.toml), for example:\n"
        '  ignore = ["SX404"]\n  severity = { SX302 = "error" }\n  glossary = "terms.csv"\n'
        '  per-path-ignores = { "docs/includes/*" = ["SX212"] }\n  per-locale-ignores = { "ja-JP" = ["SX303"] }\n'
        "\nexamples:\n  sxstm qa docs.pl-pl/ --format sarif --output qa.sarif\n"
        "  sxstm qa review.xlf                 # a reviewed export, before merging it",
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
    qa.add_argument("--severity", action="append", default=[], metavar="CHECK=LEVEL", help="change a check's severity")
    qa.add_argument(
        "--per-path-ignores",
        action="append",
        default=[],
        metavar="GLOB=CHECK,...",
        help="skip checks for documents whose path matches GLOB",
    )
    qa.add_argument(
        "--per-locale-ignores",
        action="append",
        default=[],
        metavar="LOCALE=CHECK,...",
        help="skip checks for documents of LOCALE",
    )
    qa.add_argument("--glossary", metavar="FILE", help="protected terms and approved translations (CSV or TBX)")
    qa.add_argument("--no-built-in-terms", action="store_true", help="do not protect the built-in product names")
    qa.add_argument("--write-baseline", metavar="FILE", help="record today's findings in FILE (and exit 0)")
    qa.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in FILE")
    qa.set_defaults(handler=qa_command.handle)
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
    for key, value in list(settings.items()):
        action = actions.get(key)
        if isinstance(value, dict) and isinstance(action, argparse._AppendAction):
            value = settings[key] = [f"{name}={_joined(item)}" for name, item in value.items()]
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
    for key in _PATH_SETTINGS & settings.keys():  # a file named in settings is found beside them
        settings[key] = str(path.parent / str(settings[key]))
    command.set_defaults(**settings)


_PATH_SETTINGS = {"glossary", "baseline"}


def _joined(value: object) -> str:
    """A table value of a setting as an option value: a list joined with commas."""
    return ",".join(map(str, value)) if isinstance(value, list) else str(value)


_KINDS = {bool: "true or false", list: "a list of strings", int: "a whole number", str: "a string"}


if __name__ == "__main__":
    raise SystemExit(main())
