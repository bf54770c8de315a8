"""The ``sxstm`` command line: the parser built from the registered commands, settings, and
the turning of errors into messages and exit codes (the commands' modules print the rest).

Exit codes: 0 ok, 1 findings or input errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sxstm.cli import extract, merge, qa, restore, stats
from sxstm.cli.command import Command
from sxstm.cli.config import apply_settings, find_settings, load_settings
from sxstm.cli.run import EXIT_OK, EXIT_USAGE, Run
from sxstm.errors import SxstmError, UsageError
from sxstm.version import __version__

# The commands, in the order ``sxstm --help`` lists them. A new command is a module exporting
# ``COMMAND``, and one entry here.
COMMANDS: tuple[Command, ...] = (extract.COMMAND, stats.COMMAND, restore.COMMAND, merge.COMMAND, qa.COMMAND)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    parser, commands = _parser()
    try:
        args = parser.parse_args(argv)
        path = find_settings(getattr(args, "docs", None) or [], Path.cwd())
        if path is not None:
            apply_settings(commands, args.command, load_settings(path, args.command, commands))
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
    except SxstmError as error:
        print(f"sxstm: error: {error}", file=sys.stderr)
        return error.exit_code
    except BrokenPipeError:  # stdout closed early (| head): no more output, and no traceback at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        newline = "\n" if sys.stderr.isatty() else ""
        print(f"{newline}sxstm: interrupted; no output file was written or changed", file=sys.stderr)
        return 130


def _parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """Build the parser of every command in :data:`COMMANDS`; return it and each command's subparser."""
    parser = argparse.ArgumentParser(
        prog="sxstm",
        description="Turn Microsoft Docs side-by-side (sxs) markdown into translation memories and review files.",
        epilog="Settings may also come from [tool.sxstm] in pyproject.toml or sxstm.toml.\n"
        "Exit codes: 0 ok, 1 findings or input errors, 2 usage errors.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"sxstm {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands = {}
    for command in COMMANDS:
        subparser = subparsers.add_parser(
            command.name,
            help=command.help,
            description=command.description,
            epilog=command.epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter if command.epilog else argparse.HelpFormatter,
        )
        command.add_arguments(subparser)
        subparser.set_defaults(handler=command.handle)
        commands[command.name] = subparser
    return parser, commands


if __name__ == "__main__":
    raise SystemExit(main())
