"""Sample the error findings of `sxstm qa` on the bench corpus for the precision study.

Usage: python benchmarks/qa_sample.py [--corpus DIR] [--per-check 20] [--seed 4] > samples.md

Runs `sxstm qa` (JSON report) and prints, for every error-level check, up to --per-check
findings drawn at random (fixed seed), each with its message, source and target, as a markdown
table with an empty verdict column for a reviewer to fill (benchmarks/qa-precision.md).
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from _corpus import bench_corpus


def cell(text: str, width: int = 160) -> str:
    flat = " ".join(text.split()).replace("|", "\\|")
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="an unpacked bench corpus (default: unpack the archive)")
    parser.add_argument("--per-check", type=int, default=20)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()
    with bench_corpus(args.corpus) as corpus, tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "qa.json"
        command = [sys.executable, "-m", "sxstm", "qa", str(corpus), "-q", "--exit-zero", "--format", "json"]
        subprocess.run([*command, "--output", str(report)], check=True)
        findings = json.loads(report.read_text(encoding="utf-8"))["findings"]
    by_code = collections.defaultdict(list)
    for finding in findings:
        if finding["severity"] == "error":
            by_code[(finding["code"], finding["name"])].append(finding)
    rng = random.Random(args.seed)
    for (code, name), found in sorted(by_code.items()):
        sample = rng.sample(found, min(args.per_check, len(found)))
        print(f"\n### {code} {name}: {len(found):,} findings, {len(sample)} sampled\n")
        print("| # | where | message | source | target | verdict |\n|---|---|---|---|---|---|")
        for number, f in enumerate(sample, 1):
            where = f"{f['path']}:{f['line']}"
            print(
                f"| {number} | {cell(where, 80)} | {cell(f['message'])} | {cell(f['source'])} | {cell(f['target'])} | |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
