"""Time the reader alone: every file of a tree read into a document, in one process.

Usage: python benchmarks/bench_read.py [--corpus DIR] [--contexts/--no-contexts] [--profile] [--digest]

Reads each file with :func:`sxstm.sxs.reader.read_document` (everything up to a ``Document``
with its pairs, block contexts and problems) and prints the files, pairs, findings and the
user CPU it took. ``--profile`` prints the 30 dearest functions (cProfile, cumulative);
``--digest`` prints a hash of every document read, to compare two trees' readers.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pstats
import resource
from pathlib import Path

from _corpus import bench_corpus

from sxstm.errors import SxstmError
from sxstm.sxs.reader import ReadOptions, read_document
from sxstm.sxs.sources import find_sources
from sxstm.version import build


def read_all(corpus: Path, options: ReadOptions, digest: hashlib._Hash | None) -> tuple[int, int, int]:
    files = pairs = findings = 0
    for source in find_sources([corpus]):
        files += 1
        try:
            document = read_document(source.path, name=source.name, options=options)
        except SxstmError as error:
            if digest is not None:
                digest.update(repr(error).encode("utf-8", "surrogateescape"))
            continue
        pairs += len(document.pairs)
        findings += len(document.findings)
        if digest is not None:
            digest.update(repr(document).encode("utf-8", "surrogateescape"))
    return files, pairs, findings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="a folder of sxs files (default: unpack the bench archive)")
    parser.add_argument("--contexts", action=argparse.BooleanOptionalAction, default=True, help="read block contexts")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the reading")
    parser.add_argument("--digest", action="store_true", help="print a hash of every document read")
    args = parser.parse_args()
    options = ReadOptions(target_locale="und", contexts=args.contexts)
    digest = hashlib.sha256() if args.digest else None
    with bench_corpus(args.corpus) as corpus:
        profile = cProfile.Profile() if args.profile else None
        before = resource.getrusage(resource.RUSAGE_SELF).ru_utime
        if profile is not None:
            profile.enable()
        files, pairs, findings = read_all(corpus, options, digest)
        if profile is not None:
            profile.disable()
        user = resource.getrusage(resource.RUSAGE_SELF).ru_utime - before
    print(f"files {files:,}; pairs {pairs:,}; findings {findings:,}; user CPU {user:.2f} s ({build()})")
    if digest is not None:
        print(f"digest {digest.hexdigest()}")
    if profile is not None:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
