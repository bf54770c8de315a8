"""Check that the inline model renders every segment of a corpus back exactly, and time it.

Usage: python benchmarks/bench_inline.py [--corpus DIR]

Without --corpus it unpacks ../shared/bench/docs.pl-pl.sxs.tar.xz into a temporary folder.
"""

from __future__ import annotations

import collections
import time
from pathlib import Path

from _corpus import run_on_corpus

from sxstm.sxs.documents import iter_pairs
from sxstm.sxs.inline import Code, parse_inline, render_markdown


def check(corpus: Path) -> None:
    segments = differ = 0
    codes: collections.Counter[str] = collections.Counter()
    seconds = 0.0
    for _, pair in iter_pairs([corpus]):
        for text in (pair.source.text, pair.target.text):
            started = time.perf_counter()
            runs = parse_inline(text)
            seconds += time.perf_counter() - started
            segments += 1
            if render_markdown(runs) != text:
                differ += 1
            codes.update(run.type.split(":")[0] for run in runs if isinstance(run, Code))
    print(f"segments {segments:,}; rendered back differently {differ}; parse time {seconds:.2f} s (one core)")
    print("codes:", ", ".join(f"{kind} {count:,}" for kind, count in codes.most_common()))


if __name__ == "__main__":
    raise SystemExit(run_on_corpus(__doc__, check))
