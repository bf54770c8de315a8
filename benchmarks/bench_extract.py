"""Time ``sxstm extract``, ``stats`` and ``qa`` on the bench corpus; print wall time, rates and peak RSS.

Usage: python benchmarks/bench_extract.py [--corpus DIR] [--runs N]

Without --corpus it unpacks ../shared/bench/docs.pl-pl.sxs.tar.xz into a temporary folder
outside the repository. Peak RSS is the largest sum of the resident memory of sxstm and its
worker processes, sampled every 50 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _corpus import bench_corpus

PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(root: int) -> int:
    """Sum the resident memory, in bytes, of ``root`` and every process below it."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
            for task in Path(f"/proc/{pid}/task").iterdir():
                stack.extend(int(child) for child in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return total


def measure(argv: list[str]) -> tuple[float, int]:
    """Run ``argv``; return its wall time and the peak RSS of its process tree."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited with {process.returncode}")
    return elapsed, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="an unpacked bench corpus (default: unpack the archive)")
    parser.add_argument("--runs", type=int, default=3, help="runs per command; the median is shown")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sxstm-bench-") as scratch, bench_corpus(args.corpus) as corpus:
        size = sum(p.stat().st_size for p in corpus.rglob("*.md"))
        sxstm = [sys.executable, "-m", "sxstm"]
        counted = subprocess.run(
            [*sxstm, "stats", str(corpus), "-q", "--json"], capture_output=True, text=True, check=True
        )
        pairs = json.loads(counted.stdout)["total"]["pairs"]
        commands = {
            "extract -> TMX": [*sxstm, "extract", str(corpus), "-q", "-o", f"{scratch}/out.tmx"],
            "extract -> JSONL": [*sxstm, "extract", str(corpus), "-q", "-o", f"{scratch}/out.jsonl"],
            "extract -> Parquet": [*sxstm, "extract", str(corpus), "-q", "-o", f"{scratch}/out.parquet"],
            "extract -> parallel": [*sxstm, "extract", str(corpus), "-q", "-f", "parallel", "-o", f"{scratch}/out"],
            "stats": [*sxstm, "stats", str(corpus), "-q"],
            "qa, every check": [*sxstm, "qa", str(corpus), "-q", "--exit-zero", "--output", f"{scratch}/qa.txt"],
        }
        print(f"corpus: {corpus} ({size / 1e6:.0f} MB of markdown, {pairs:,} pairs), {os.cpu_count()} cores")
        print(f"{'command':<20} {'wall s':>8} {'pairs/s':>10} {'MB/s':>7} {'peak RSS MB':>12}")
        for name, argv in commands.items():
            runs = [measure(argv) for _ in range(args.runs)]
            wall = statistics.median(r[0] for r in runs)
            peak = max(r[1] for r in runs)
            print(f"{name:<20} {wall:>8.2f} {pairs / wall:>10,.0f} {size / 1e6 / wall:>7.1f} {peak / 2**20:>12.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
