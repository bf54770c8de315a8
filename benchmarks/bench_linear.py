"""Time one generated file at size n and 4n: the cost of every command must grow linearly.

Usage: python benchmarks/bench_linear.py [--scale S] [--runs N]
       python benchmarks/bench_linear.py --big [N ...]

Four shapes of one document, each at n and 4n (issue 13): many pairs (one per paragraph), one
long line of pairs, one pair of many words, and many pairs whose target holds an unbalanced
``<span``. For each, ``extract`` (JSONL), ``qa`` (JSON report), ``stats`` and ``restore`` run on
the file; the best of N runs (default 2) of each is timed, process start included. Prints a
markdown table with the ratio of the 4n time to the n time: linear cost keeps it within 5.

``--big`` writes one file of many pairs for each N (default 1,000,000; issue 13) and runs
``extract`` to TMX and to JSONL, ``qa``, ``stats`` and ``restore`` on it once each, printing the
time and the peak RSS of each: the memory of one file must stay a small multiple of its size.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

FRONT = "---\nms.contentlocale: pl-PL\nms.translationtype: MT\n---\n\n"
WORDS = [
    "Otwórz",
    "plik",
    "*Index.cshtml*",
    "i",
    "dodaj",
    "znaczniki",
    "`<div>`",
    "do",
    "formularza",
    "w",
    "wersji",
    "4.5",
]
SOURCE_WORDS = [
    "Open",
    "the",
    "*Index.cshtml*",
    "file",
    "and",
    "add",
    "the",
    "`<div>`",
    "markup",
    "to",
    "the",
    "form",
    "in",
    "version",
    "4.5",
]


def pair(number: int, target: str, source: str) -> str:
    return (
        f'<span data-ttu-id="a{number}">{target}</span>'
        f'<span class="sxs-lookup"><span data-stu-id="a{number}">{source}</span></span>'
    )


def many_pairs(n: int) -> str:
    return FRONT + "".join(pair(i, " ".join(WORDS), " ".join(SOURCE_WORDS)) + "\n\n" for i in range(n))


def one_line(n: int) -> str:
    return FRONT + " ".join(pair(i, " ".join(WORDS), " ".join(SOURCE_WORDS)) for i in range(n)) + "\n"


def one_pair(n: int) -> str:
    target = " ".join(WORDS[i % len(WORDS)] for i in range(n))
    source = " ".join(SOURCE_WORDS[i % len(SOURCE_WORDS)] for i in range(n))
    return FRONT + pair(1, target, source) + "\n"


def unbalanced(n: int) -> str:
    return FRONT + "".join(pair(i, "Dodaj <span znacznik", "Add the tag") + "\n\n" for i in range(n))


SHAPES: dict[str, tuple[Callable[[int], str], int, str]] = {
    "pairs": (many_pairs, 25_000, "pairs"),
    "one line": (one_line, 25_000, "pairs on the line"),
    "one pair": (one_pair, 25_000, "words"),
    "unbalanced <span": (unbalanced, 25_000, "pairs"),
}
BIG_COMMANDS: dict[str, Callable[[Path, Path], list[str]]] = {
    "extract TMX": lambda doc, out: ["extract", str(doc), "-o", str(out / "out.tmx")],
    "extract JSONL": lambda doc, out: ["extract", str(doc), "-o", str(out / "out.jsonl")],
    "qa": lambda doc, out: ["qa", str(doc), "--format", "json", "--output", str(out / "qa.json"), "--exit-zero"],
    "stats": lambda doc, out: ["stats", str(doc)],
    "restore": lambda doc, out: ["restore", str(doc), "--side", "target", "-o", str(out / "restored")],
}
COMMANDS: dict[str, Callable[[Path, Path], list[str]]] = {
    "extract": lambda doc, out: ["extract", str(doc), "-f", "jsonl", "-o", str(out / "out.jsonl")],
    "qa": lambda doc, out: ["qa", str(doc), "--format", "json", "--output", str(out / "qa.json")],
    "stats": lambda doc, out: ["stats", str(doc)],
    "restore": lambda doc, out: ["restore", str(doc), "--side", "target", "-o", str(out / "restored")],
}


def best_time(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "sxstm", *argv, "-q", "-j", "1"], check=False, capture_output=True)
        times.append(time.perf_counter() - started)
    return min(times)


def time_and_memory(argv: list[str]) -> tuple[float, int]:
    """Run sxstm once; return its wall time and its peak RSS in bytes (Linux reports KiB)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "sxstm", *argv, "-q", "-j", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0  # reaped above
    return time.perf_counter() - started, usage.ru_maxrss * 1024


def big(sizes: list[int], commands: list[str]) -> int:
    """Print the time and peak RSS of each command on one file of each size."""
    print("| pairs | file | command | time | peak RSS | × file |")
    print("|---:|---:|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="sxstm-big-") as scratch:
        for size in sizes:
            folder = Path(scratch, str(size))
            folder.mkdir()
            document = folder / "doc.md"
            document.write_text(many_pairs(size), encoding="utf-8")
            megabytes = document.stat().st_size / 1e6
            for command in commands:
                seconds, peak = time_and_memory(BIG_COMMANDS[command](document, folder))
                print(
                    f"| {size:,} | {megabytes:.0f} MB | {command} | {seconds:.1f} s | {peak / 1e6:.0f} MB "
                    f"| {peak / 1e6 / megabytes:.1f} |",
                    flush=True,
                )
            for output in folder.iterdir():
                if output != document and output.is_file():
                    output.unlink()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every n by S (default: 1)")
    parser.add_argument("--runs", type=int, default=2, help="runs of each command; the best counts (default: 2)")
    parser.add_argument("--shape", action="append", choices=SHAPES, help="only these shapes (default: all)")
    parser.add_argument(
        "--big",
        type=int,
        nargs="*",
        metavar="N",
        help="instead: one file of N pairs (default 1,000,000), time and peak RSS of each command",
    )
    parser.add_argument("--command", action="append", choices=BIG_COMMANDS, help="with --big: only these commands")
    args = parser.parse_args()
    if args.big is not None:
        return big(args.big or [1_000_000], args.command or list(BIG_COMMANDS))
    print("| file | n | size n | command | time n | time 4n | ratio |")
    print("|---|---:|---:|---|---:|---:|---:|")
    worst = 0.0
    with tempfile.TemporaryDirectory(prefix="sxstm-linear-") as scratch:
        for shape in args.shape or SHAPES:
            make, base, unit = SHAPES[shape]
            n = max(1, int(base * args.scale))
            documents = []
            for size in (n, 4 * n):
                folder = Path(scratch, f"{shape.replace(' ', '-')}-{size}")
                folder.mkdir()
                (folder / "doc.md").write_text(make(size), encoding="utf-8")
                documents.append(folder / "doc.md")
            megabytes = documents[0].stat().st_size / 1e6
            for command, argv in COMMANDS.items():
                small, large = (best_time(argv(doc, doc.parent), args.runs) for doc in documents)
                worst = max(worst, large / small)
                print(
                    f"| {shape} | {n:,} {unit} | {megabytes:.1f} MB | {command} "
                    f"| {small:.2f} s | {large:.2f} s | {large / small:.2f} |",
                    flush=True,
                )
    print(f"\nworst ratio {worst:.2f} (linear: at most 5)")
    return 0 if worst <= 5 else 1


if __name__ == "__main__":
    sys.exit(main())
