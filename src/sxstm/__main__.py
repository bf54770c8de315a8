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

        # What main() puts back as it ends: a handler that does nothing, as a Ctrl-C after the
        # run has nothing left to stop (SIG_IGN would drop one held while loading; a thread of a
        # library, pyarrow's, may take one that the main thread holds).
        if signal.getsignal(signal.SIGINT) != signal.SIG_IGN:  # not started ignoring it (in the background)
            signal.signal(signal.SIGINT, _ignore)
        return main()
    except KeyboardInterrupt:  # before main() counts it, where Ctrl-C cannot be held (Windows)
        print("sxstm: interrupted; no output file was written or changed", file=sys.stderr)
        return 130
    finally:
        # What is left is the interpreter's exit, where Python hands its handlers back to the
        # system's default: a Ctrl-C now must not turn it into a traceback or a death by signal.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # Python (3.8 and later) marks a KeyboardInterrupt that left an exec() or eval() of a
        # string as never handled, even where main() caught it later (dataclasses and named
        # tuples make their methods so, and a Ctrl-C may land in one that a lazy import makes);
        # `python -m` then ends by SIGINT, or with 130 whatever the run returned. The exec of
        # a string clears that mark first.
        exec("")


def _ignore(signum: int, frame: object) -> None:
    """Ctrl-C once main() has ended: nothing is left to stop."""


if __name__ == "__main__":
    raise SystemExit(run())
