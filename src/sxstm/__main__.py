"""Run the command line: ``python -m sxstm``, and the ``sxstm`` script."""

try:
    import signal
    import sys

    # A Ctrl-C while Python loads sxstm is held, not lost: blocked here, it is delivered when
    # run() unblocks it, inside its try, once the command line is loaded (an interrupt landing in
    # an import was a traceback, or a RuntimeError where it hit a class being made).
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

        if hasattr(signal, "pthread_sigmask"):
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # a held Ctrl-C is raised here
    except KeyboardInterrupt:
        print("sxstm: interrupted; no output file was written or changed", file=sys.stderr)
        return 130
    code = main()
    # What is left is the interpreter's exit: the run has said what it wrote, and a Ctrl-C now
    # must not turn that into a traceback or a death by signal.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    return code


if __name__ == "__main__":
    raise SystemExit(run())
