"""Time ``sxstm extract``, ``stats`` and ``qa`` on the bench corpus; print wall time, CPU, rates and peak RSS.

Usage: python benchmarks/bench_extract.py [--corpus DIR] [--runs N] [--only NAME] [--fractions]

Without --corpus it unpacks ../shared/bench/docs.pl-pl.sxs.tar.xz into a temporary folder
outside the repository. Each command runs N times (default 5) and the median is shown:

- wall time, and CPU seconds (user + system) of the command and every worker it started;
- peak RSS, the largest sum of the resident memory of sxstm and its workers, sampled every 50 ms;
  peak main, the largest resident memory of the sxstm process alone (what a whole run keeps, such
  as TMX's deduplication or qa's run-level checks, lives there: flat memory keeps it flat as the
  corpus grows; a worker's memory is that of the documents it holds at once); and peak PSS, the
  same as peak RSS with each page shared by several processes counted once (divided among them):
  forked workers share the parent's pages, which the sum of RSS counts once per process;
- ``floor``: a bare regular-expression scan of the span pairs of the same files in one process,
  what reading the corpus costs at the least; the other rows are given as multiples of it, so
  that figures from machines of different speed can be compared;
- ``qa, one file``: qa of one document of the corpus, start of the process included (a single
  changed file checked in CI or by pre-commit).

``--fractions`` runs each command again on ¼ and ½ of the documents (every 4th and every 2nd
file, copied into a scratch folder) to show that time grows linearly with the corpus and the
main process's memory stays flat.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from _corpus import bench_corpus

PAGE = os.sysconf("SC_PAGE_SIZE")
# The span pair, as plainly as a regular expression can say it: the floor of reading.
FLOOR = r"""
import os, re, sys
pair = re.compile(
    rb'<span data-ttu-id="[^"]*">(.*?)</span><span class="sxs-lookup"><span data-stu-id="[^"]*">(.*?)</span></span>',
    re.S,
)
count = 0
for root, _, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith(".md"):
            with open(os.path.join(root, name), "rb") as handle:
                count += sum(1 for _ in pair.finditer(handle.read()))
print(count)
"""


class Run(NamedTuple):
    wall: float
    cpu: float
    peak: int
    peak_pss: int = 0
    peak_main: int = 0


def tree_rss(root: int) -> tuple[int, int, int]:
    """Sum the resident memory and the proportional set size, in bytes, of ``root`` and every
    process below it (PSS is 0 where the kernel has no ``smaps_rollup``); and the resident memory
    of ``root`` alone."""
    total, pss, main, stack = 0, 0, 0, [root]
    while stack:
        pid = stack.pop()
        try:
            rss = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
            total += rss
            main = rss if pid == root else main
            pss += _pss(pid)
            for task in Path(f"/proc/{pid}/task").iterdir():
                stack.extend(int(child) for child in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return total, pss, main


def _pss(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) * 1024 for line in rollup.splitlines() if line.startswith("Pss:")), 0)


def measure(argv: list[str]) -> Run:
    """Run ``argv``; return its wall time, the CPU time of its process tree and its peak RSS."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    peak = peak_pss = peak_main = 0
    while True:
        # wait4 reaps the child and gives its CPU time with that of the workers it waited for
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        rss, pss, main = tree_rss(process.pid)
        peak, peak_pss, peak_main = max(peak, rss), max(peak_pss, pss), max(peak_main, main)
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited with {process.returncode}")
    return Run(elapsed, usage.ru_utime + usage.ru_stime, peak, peak_pss, peak_main)


def sample(corpus: Path, every: int, scratch: Path) -> Path:
    """Copy every ``every``-th document of ``corpus`` (in path order) into ``scratch``."""
    for index, path in enumerate(sorted(corpus.rglob("*.md"))):
        if index % every == 0:
            copy = scratch / path.relative_to(corpus)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy)
    return scratch


def commands(corpus: Path, scratch: str) -> dict[str, list[str]]:
    """The commands timed, by name."""
    sxstm = [sys.executable, "-m", "sxstm"]
    one = max(corpus.rglob("*.md"), key=lambda path: path.stat().st_size)  # the largest document
    return {
        "floor (regex scan)": [sys.executable, "-c", FLOOR, str(corpus)],
        "extract -> TMX": [*sxstm, "extract", str(corpus), "-q", "-o", f"{scratch}/out.tmx"],
        "extract -> JSONL": [*sxstm, "extract", str(corpus), "-q", "-o", f"{scratch}/out.jsonl"],
        "extract -> Parquet": [*sxstm, "extract", str(corpus), "-q", "-o", f"{scratch}/out.parquet"],
        "extract -> parallel": [*sxstm, "extract", str(corpus), "-q", "-f", "parallel", "-o", f"{scratch}/out"],
        "stats": [*sxstm, "stats", str(corpus), "-q"],
        "qa, every check": [*sxstm, "qa", str(corpus), "-q", "--exit-zero", "--output", f"{scratch}/qa.txt"],
        "qa, one file": [*sxstm, "qa", str(one), "-q", "--exit-zero", "--output", f"{scratch}/one.txt"],
    }


def interpreter() -> str:
    """The Python that runs the commands timed, and how it reaches libpython: linked in (Debian's,
    Ubuntu's) or as a shared library (pyenv's default build): the same sxstm runs at different
    speeds on each (benchmarks/README.md, "Which Python")."""
    shared = "?"
    with contextlib.suppress(OSError), open("/proc/self/maps", encoding="utf-8") as maps:
        library = next((line.split()[-1] for line in maps if "/libpython3" in line), "")
        shared = f"libpython shared ({library})" if library else "libpython linked in"
    return f"Python {platform.python_version()} ({sys.executable}), {shared}"


def table(corpus: Path, runs: int, only: list[str]) -> dict[str, Run]:
    """Time every command (or those named in ``only``) on ``corpus``; print and return the medians."""
    size = sum(p.stat().st_size for p in corpus.rglob("*.md"))
    counted = subprocess.run(
        [sys.executable, "-m", "sxstm", "stats", str(corpus), "-q", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    pairs = json.loads(counted.stdout)["total"]["pairs"]
    # Which build runs (compiled with mypyc, or pure Python): the one the timed commands start.
    version = subprocess.run([sys.executable, "-m", "sxstm", "--version"], capture_output=True, text=True, check=True)
    print(f"\n{version.stdout.strip()}, {interpreter()}")
    print(f"corpus: {corpus} ({size / 1e6:.0f} MB of markdown, {pairs:,} pairs), {os.cpu_count()} cores")
    print(
        f"{'command':<20} {'wall s':>7} {'CPU s':>7} {'× floor':>8} {'pairs/s':>9} "
        f"{'peak RSS MB':>12} {'peak main MB':>13} {'peak PSS MB':>12}"
    )
    medians: dict[str, Run] = {}
    with tempfile.TemporaryDirectory(prefix="sxstm-bench-out-") as scratch:
        for name, argv in commands(corpus, scratch).items():
            if only and name not in only and not name.startswith("floor"):
                continue
            timed = [measure(argv) for _ in range(runs)]
            run = medians[name] = Run(
                statistics.median(r.wall for r in timed),
                statistics.median(r.cpu for r in timed),
                max(r.peak for r in timed),
                max(r.peak_pss for r in timed),
                max(r.peak_main for r in timed),
            )
            floor = medians[next(iter(medians))].cpu
            rate = "" if name.endswith("one file") else f"{pairs / run.wall:,.0f}"
            print(
                f"{name:<20} {run.wall:>7.2f} {run.cpu:>7.2f} {run.cpu / floor:>8.1f} "
                f"{rate:>9} {run.peak / 2**20:>12.0f} {run.peak_main / 2**20:>13.0f} {run.peak_pss / 2**20:>12.0f}",
                flush=True,
            )
    return medians


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="an unpacked bench corpus (default: unpack the archive)")
    parser.add_argument("--runs", type=int, default=5, help="runs per command; the median is shown (default: 5)")
    parser.add_argument("--only", action="append", default=[], help="time only this command (repeatable)")
    parser.add_argument("--fractions", action="store_true", help="also time ¼ and ½ of the corpus")
    args = parser.parse_args()
    with bench_corpus(args.corpus) as corpus:
        if args.fractions:
            for every in (4, 2):
                with tempfile.TemporaryDirectory(prefix="sxstm-bench-part-") as scratch:
                    table(sample(corpus, every, Path(scratch)), args.runs, args.only)
        table(corpus, args.runs, args.only)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
