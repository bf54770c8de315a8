"""Run the command line: ``python -m sxstm``, and the ``sxstm`` script."""

try:
    import signal
    import sys

    # A Ctrl-C from here on while Python loads sxstm is held, not lost: blocked here, it is
    # delivered when main() unblocks it, once its handler counts it and inside its try (an
    # interrupt landing in an import was a traceback, or a RuntimeError where it hit a class
    # being made).
    if hasattr(signal, "pthread_sigmask"):  # not on Windows
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
except KeyboardInterrupt:
    import sys  # loaded before any module of ours: the import only names it

    print("sxstm: interrupted; no output file was written or changed", file=sys.stderr)
    raise SystemExit(130) from None


def run() -> int:
    """Run the command line; Ctrl-C while it is still loading ends it quietly too."""
    try:
        from sxstm.cli import main

        code = main()  # it hands Ctrl-C back held, as it found it
    except KeyboardInterrupt:  # only where Ctrl-C cannot be held (Windows), before main() counts it
        print("sxstm: interrupted; no output file was written or changed", file=sys.stderr)
        code = 130
    # What is left is the interpreter's exit: the run has said what it wrote, and a Ctrl-C now
    # must not turn that into a traceback or a death by signal.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Python 3.11 marks a KeyboardInterrupt that left any exec() of a string as never handled,
    # even where main() caught it later (dataclasses make their methods so, and a Ctrl-C may
    # land in one a lazy import makes), and `python -m` then ends by killing itself with
    # SIGINT, after the run said it ended with 130: the exec of a string clears that mark first.
    exec("")
    return code


if __name__ == "__main__":
    raise SystemExit(run())
