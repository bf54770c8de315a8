"""Run the command line: ``python -m sxstm``, and the ``sxstm`` script."""

try:
    import signal
    import sys

    # A Ctrl-C while Python loads sxstm is held, not lost: blocked here, it is delivered when
    # main() unblocks it, once its handler counts it and inside its try (an interrupt landing in
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
    except KeyboardInterrupt:  # only where Ctrl-C cannot be held (Windows)
        print("sxstm: interrupted; no output file was written or changed", file=sys.stderr)
        return 130
    # Before and after main(), which counts it, Ctrl-C is ignored: what follows the run is the
    # interpreter's exit, and the run has said what it wrote. A handler that does nothing, not
    # SIG_IGN, which would drop a Ctrl-C held while loading; SIG_IGN once main() has returned,
    # as Python hands its own handlers back to the system's default while it exits.
    signal.signal(signal.SIGINT, _ignore)
    code = main()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    return code


def _ignore(signum: int, frame: object) -> None:
    """Ctrl-C between main()'s end and SIG_IGN: nothing is left to stop."""


if __name__ == "__main__":
    raise SystemExit(run())
