"""Compare the fast block scanner with markdown-it-py on every pair of a corpus, and time both.

Usage: python benchmarks/bench_blocks.py [--corpus DIR]

Without --corpus it unpacks ../shared/bench/docs.pl-pl.sxs.tar.xz into a temporary folder.
Prints the number of pairs, how many contexts differ (with the first few), how many documents
the scanner left to markdown-it, and the time each took.
"""

from __future__ import annotations

import time
from pathlib import Path

from _corpus import run_on_corpus

from sxstm.sxs import blocks
from sxstm.sxs.blockscan import scan_contexts
from sxstm.sxs.frontmatter import read_front_matter
from sxstm.sxs.sources import find_sources
from sxstm.sxs.spans import SpanPair, scan_spans


def compare(corpus: Path) -> None:
    pairs = differ = unsure = 0
    fast_seconds = reference_seconds = 0.0
    for source in find_sources([corpus]):
        text = Path(source.path).read_bytes().decode("utf-8", "replace")
        spans = [item for item in scan_spans(text) if isinstance(item, SpanPair)]
        if not spans:
            continue
        lines = [text.count("\n", 0, span.tag_start) for span in spans]
        reduced = blocks.reduce_text(text, [(s.tag_start, s.end) for s in spans], read_front_matter(text).body_start)
        started = time.perf_counter()
        reference = blocks.markdown_contexts(reduced, lines)
        middle = time.perf_counter()
        fast = scan_contexts(reduced, lines)
        fast_seconds += time.perf_counter() - middle
        reference_seconds += middle - started
        pairs += len(lines)
        if fast is None:
            unsure += 1
            continue
        for line, expected, found in zip(lines, reference, fast, strict=True):
            if expected != found:
                differ += 1
                if differ <= 10:
                    print(f"{source.name}:{line + 1}: markdown-it {expected}, scanner {found}")
    print(f"pairs {pairs:,}; contexts that differ {differ}; documents left to markdown-it {unsure}")
    print(f"markdown-it-py {reference_seconds:.2f} s, scanner {fast_seconds:.2f} s (one core, reduced text)")


if __name__ == "__main__":
    raise SystemExit(run_on_corpus(__doc__, compare))
