"""The ``sxstm`` command line: the parser built from the registered commands, settings, and
the turning of errors into messages and exit codes (the commands' modules print the rest).

Exit codes: 0 ok, 1 findings or input errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import io
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sxstm.cli.command import Command
from sxstm.cli.config import apply_settings, find_settings, load_settings
from sxstm.cli.run import EXIT_OK, EXIT_USAGE, Run
from sxstm.errors import SxstmError, UsageError
from sxstm.output import HOLD, INTERRUPTS, LEDGER, start_run
from sxstm.version import __version__, build
from sxstm.workers import stop_workers

# The commands, in the order ``sxstm --help`` lists them. A new command is a module of
# ``sxstm.cli`` exporting ``COMMAND``, and its name here. A run imports its own command's module
# only: extract never loads the checks, nor qa the merge (see :func:`_parser`).
COMMAND_NAMES: tuple[str, ...] = ("extract", "stats", "restore", "merge", "qa")


def command(name: str) -> Command:
    """The command ``name`` of :data:`COMMAND_NAMES`, its module imported."""
    found: Command = importlib.import_module(f"sxstm.cli.{name}").COMMAND
    return found


def commands() -> tuple[Command, ...]:
    """Every command, in the order ``sxstm --help`` lists them."""
    return tuple(command(name) for name in COMMAND_NAMES)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code.

    Ctrl-C ends the run with exit code 130 and one line saying what was written; an interrupt
    that something swallowed on the way ends it so too, once the command returns. One held
    (blocked) when the run starts, as ``python -m sxstm`` holds it while it loads, is taken as
    the run's; the run leaves the signal mask, and the handler of Ctrl-C, as it found them.
    """
    start_run()
    ending = [False]  # set as the run ends: a Ctrl-C is then counted, never raised
    # Python runs signal handlers in the main thread only; and where one was installed from C
    # (an embedding program's), the run leaves Ctrl-C to it, as where it is ignored (a command
    # started in the background by a script: Ctrl-C at the terminal is not for it).
    previous = signal.getsignal(signal.SIGINT) if threading.current_thread() is threading.main_thread() else None
    ours = previous is not None and previous != signal.SIG_IGN
    held = ours and _held()
    hook = sys.unraisablehook
    try:
        if ours:
            signal.signal(signal.SIGINT, _counting(INTERRUPTS, ending))
            sys.unraisablehook = _unraisable(hook)
        if held:  # a Ctrl-C held is raised here, counted and caught below
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        code = _main(argv)
        if INTERRUPTS and code != EXIT_INTERRUPTED:
            ending[0] = True
            code = _interrupted()
        return _flush_stdout(code)
    except KeyboardInterrupt:
        ending[0] = True  # first, before any call: a second Ctrl-C must not cut the message
        return _interrupted()
    except Exception as error:
        ending[0] = True
        if _from_interrupt(error):
            return _interrupted()
        raise
    finally:
        # The run has ended and said what it wrote: an interrupt now would only cut the clean-up.
        ending[0] = True
        stop_workers()  # a pool left open by an interrupt would hang the interpreter's exit
        INTERRUPTS.clear()  # for a caller that runs main again, and for the library's own use
        if ours:
            sys.unraisablehook = hook
            if held:
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            signal.signal(signal.SIGINT, previous)


EXIT_INTERRUPTED = 130


def _main(argv: Sequence[str] | None) -> int:
    if sys.stdout is None:  # started with stdout closed (>&-): writing to it fails with a message
        sys.stdout = _Closed()
    parser, parsers = _parser(_named(sys.argv[1:] if argv is None else argv))
    try:
        args = parser.parse_args(argv)
        path = find_settings(getattr(args, "docs", None) or [], Path.cwd())
        if path is not None:
            settings = load_settings(path, args.command, COMMAND_NAMES)
            apply_settings(parsers[args.command], args.command, settings, lambda: _parser(None)[1].values())
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
        _silence_stdout()
        return 1
    except OSError as error:
        if error.filename is not None or error.errno not in _STDOUT_ERRORS:
            raise
        return _stdout_failed(error)


# What writing to standard output may meet: closed, full, a failing device.
_STDOUT_ERRORS = (errno.EBADF, errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG)


class _Closed(io.RawIOBase):
    """Standard output when the process started without one: written to as text, as bytes or
    through a text wrapper (qa's reports), it fails as a closed file does."""

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    @property
    def buffer(self) -> _Closed:
        return self


def _counting(interrupts: list[int], ending: list[bool]) -> Any:
    """A handler of Ctrl-C that remembers it happened and raises KeyboardInterrupt, as Python's
    does, except once ``ending[0]`` is set or while an output is renamed (:data:`~sxstm.output.HOLD`)."""

    def interrupt(signum: int, frame: object) -> None:
        interrupts.append(signum)
        if not ending[0] and not HOLD[0]:
            raise KeyboardInterrupt

    return interrupt


def _held() -> bool:
    """Tell whether Ctrl-C is held (blocked) in this thread, where it can be."""
    return hasattr(signal, "pthread_sigmask") and signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, ())


def _unraisable(hook: Any) -> Any:
    """``hook`` but for a KeyboardInterrupt, which a finalizer or a weak reference's callback
    cannot raise (Python prints it as "Exception ignored"): it was counted, and ends the run."""

    def unraisable(what: Any) -> None:
        if not isinstance(what.exc_value, KeyboardInterrupt):
            hook(what)

    return unraisable


def _from_interrupt(error: BaseException) -> bool:
    """Tell whether ``error`` was raised from a KeyboardInterrupt: Python 3.11 raises a
    RuntimeError from one that lands in a class being made (``__set_name__``)."""
    cause = error.__cause__
    while cause is not None:
        if isinstance(cause, KeyboardInterrupt):
            return True
        cause = cause.__cause__
    return False


def _interrupted() -> int:
    newline = "\n" if sys.stderr.isatty() else ""
    print(f"{newline}sxstm: interrupted; {LEDGER.say()}", file=sys.stderr)
    return EXIT_INTERRUPTED


def _flush_stdout(code: int) -> int:
    """Flush standard output now, so a full or closed one is reported, not met at exit."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        return max(code, 1)
    except OSError as error:
        return _stdout_failed(error)
    except ValueError:  # closed already, after a failed write that was reported
        pass
    return code


def _stdout_failed(error: OSError) -> int:
    _silence_stdout()
    print(f"sxstm: error: cannot write to standard output: {error.strerror or error}", file=sys.stderr)
    return 1


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that nothing fails at exit on what is left in it."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - it stays open until the process ends


class _Version(argparse.Action):
    """``--version``: the version and which build runs, looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        sys.stdout.write(f"sxstm {__version__} ({build()})\n")
        parser.exit()


def _named(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs, None where it asks for help or the version, or names none."""
    return argv[0] if argv and argv[0] in COMMAND_NAMES else None


def _parser(named: str | None) -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """Build the parser of the command ``named`` (None: of every command, for ``--help``, the
    version or a name that is no command's); return it and each command's subparser built.

    The other commands are only names to it: their modules, and what those import (the checks,
    the merge, the reports: a fifth of a second of every start), are not loaded.
    """
    parser = argparse.ArgumentParser(
        prog="sxstm",
        description="Turn Microsoft Docs side-by-side (sxs) markdown into translation memories and review files.",
        epilog="Settings may also come from [tool.sxstm] in pyproject.toml or sxstm.toml.\n"
        "Exit codes: 0 ok, 1 findings or input errors, 2 usage errors.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_Version, help="show the version and the build (compiled or pure Python)")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    built = {}
    for name in COMMAND_NAMES:
        if named is not None and name != named:
            subparsers.add_parser(name)  # never parsed
            continue
        chosen = command(name)
        subparser = subparsers.add_parser(
            name,
            help=chosen.help,
            description=chosen.description,
            epilog=chosen.epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter if chosen.epilog else argparse.HelpFormatter,
        )
        chosen.add_arguments(subparser)
        subparser.set_defaults(handler=chosen.handle)
        built[name] = subparser
    return parser, built


if __name__ == "__main__":
    raise SystemExit(main())
