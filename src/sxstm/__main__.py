"""Run the command line: ``python -m sxstm``, and the ``sxstm`` script."""

import signal
import sys


def run() -> int:
    """Run the command line; Ctrl-C while it is still loading ends it quietly too."""
    try:
        from sxstm.cli import main
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
