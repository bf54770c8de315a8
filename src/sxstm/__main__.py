"""Run the command line: ``python -m sxstm``, and the ``sxstm`` script."""

import sys


def run() -> int:
    """Run the command line; Ctrl-C while it is still loading ends it quietly too."""
    try:
        from sxstm.cli import main
    except KeyboardInterrupt:
        print("sxstm: interrupted; no output file was written or changed", file=sys.stderr)
        return 130
    return main()


if __name__ == "__main__":
    raise SystemExit(run())
