"""Time ``sxstm extract --multilingual`` on the bench corpus taken as three locale trees.

Usage: python benchmarks/bench_multilingual.py [--corpus DIR] [--trees DIR] [--runs N]

The bench corpus (docs.pl-pl) is copied three times into ``--trees`` (default: a temporary
folder outside the repository) as ``docs.pl-pl``, ``docs.de-de`` and ``docs.fr-fr``, each copy's
``ms.contentlocale`` rewritten to its locale: the same English documents in three "locales",
about 1.2 million pairs. Copies already there are reused. It then times, on the three trees,
the bilingual TMX of the same pairs (the baseline) against the multilingual TMX and JSONL, the
Parquet export (a row per pair), and
the multilingual TMX of one tree (memory must not grow with the trees); it prints median wall
time and the peak RSS of sxstm and its worker processes (see bench_extract.py).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
from pathlib import Path

from _corpus import bench_corpus
from bench_extract import measure

LOCALES = ("pl-PL", "de-DE", "fr-FR")
_LOCALE_RE = re.compile(rb"^ms\.contentlocale:[^\n]*", re.MULTILINE)


def make_trees(corpus: Path, into: Path) -> list[Path]:
    """Copy ``corpus`` once per locale of :data:`LOCALES`, the front matter's locale rewritten."""
    trees = []
    for locale in LOCALES:
        tree = into / f"docs.{locale.lower()}"
        trees.append(tree)
        if tree.exists():
            continue
        partial = into / f".{tree.name}.partial"
        for path in sorted(corpus.rglob("*")):
            target = partial / path.relative_to(corpus)
            if path.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            data = path.read_bytes()
            if path.suffix == ".md":
                data = _LOCALE_RE.sub(b"ms.contentlocale: " + locale.encode(), data, count=1)
            target.write_bytes(data)
        partial.rename(tree)
    return trees


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="an unpacked bench corpus (default: unpack the archive)")
    parser.add_argument(
        "--trees", type=Path, help="where the three trees are, or are made (default: a temporary folder)"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per command; the median is shown")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sxstm-bench-") as scratch, bench_corpus(args.corpus) as corpus:
        into = args.trees or Path(scratch)
        into.mkdir(parents=True, exist_ok=True)
        trees = [str(tree) for tree in make_trees(corpus, into)]
        size = sum(p.stat().st_size for tree in trees for p in Path(tree).rglob("*.md"))
        extract = [sys.executable, "-m", "sxstm", "extract", *trees, "-q"]
        commands = {
            "bilingual TMX": [*extract, "-o", f"{scratch}/bilingual.tmx"],
            "multilingual TMX": [*extract, "--multilingual", "-o", f"{scratch}/multi.tmx"],
            "multilingual JSONL": [*extract, "--multilingual", "-o", f"{scratch}/multi.jsonl"],
            "Parquet, a row per pair": [*extract, "-o", f"{scratch}/pairs.parquet"],
            # memory as trees are added: the same command on one tree
            "multilingual TMX, 1 tree": [*extract[:4], trees[0], "-q", "--multilingual", "-o", f"{scratch}/one.tmx"],
        }
        print(f"trees: {', '.join(trees)} ({size / 1e6:.0f} MB of markdown)")
        print(f"{'command':<26} {'wall s':>8} {'ratio':>6} {'peak RSS MB':>12} {'output MB':>10}")
        baseline = None
        for name, argv in commands.items():
            runs = [measure(argv) for _ in range(args.runs)]
            wall = statistics.median(run.wall for run in runs)
            peak = max(run.peak for run in runs)
            baseline = baseline or wall
            written = Path(argv[argv.index("-o") + 1]).stat().st_size
            print(f"{name:<26} {wall:>8.2f} {wall / baseline:>6.2f} {peak / 2**20:>12.0f} {written / 1e6:>10.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
