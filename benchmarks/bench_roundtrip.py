"""Time the round trip on the bench corpus: restore both sides, and merge unchanged exports back.

Usage: python benchmarks/bench_roundtrip.py [--corpus DIR] [--runs N]

For XLIFF 1.2, XLIFF 2.1 and PO, the corpus is exported, the unchanged export is merged back with
--include-mt into a new tree, and the tree is compared with the corpus byte for byte (the
identity property). Prints the median wall time of N runs (default 3), each into a new folder,
and whether every file came back identical. Outputs are deleted only at the end: on ext4, files
created within minutes after a tree was deleted cost several times more system time (see
benchmarks/README.md), so leave five minutes between two runs of this script.
"""

from __future__ import annotations

import argparse
import filecmp
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _corpus import bench_corpus


def run(*argv: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sxstm", *argv, "-q"], check=False)
    return time.perf_counter() - started


def median_run(runs: int, output: Path, *argv: str) -> float:
    """The median wall time of ``runs`` runs writing to ``output``, ``output``-2, …"""
    return statistics.median(
        run(*argv, "-o", str(output.with_name(f"{output.name}-{n}" if n else output.name))) for n in range(runs)
    )


def identical(left: Path, right: Path) -> bool:
    comparison = filecmp.dircmp(left, right)
    if comparison.left_only or comparison.right_only or comparison.diff_files or comparison.funny_files:
        return False
    return all(identical(left / name, right / name) for name in comparison.common_dirs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="an unpacked bench corpus (default: unpack the archive)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each timed command (default: 3)")
    args = parser.parse_args()
    with bench_corpus(args.corpus) as corpus, tempfile.TemporaryDirectory(prefix="sxstm-rt-") as scratch:
        out = Path(scratch)
        for side in ("target", "source"):
            seconds = median_run(args.runs, out / side, "restore", str(corpus), "--side", side)
            print(f"restore --side {side:<7} {seconds:6.2f} s")
        for fmt, name in (("xliff", "x.xlf"), ("xliff2", "x2.xlf"), ("po", "x.po")):
            run("extract", str(corpus), "-f", fmt, "-o", str(out / name))
            seconds = median_run(args.runs, out / fmt, "merge", str(out / name), "--into", str(corpus), "--include-mt")
            same = identical(corpus, out / fmt)
            print(f"merge {fmt:<7} (unchanged) {seconds:6.2f} s; every file identical: {same}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
