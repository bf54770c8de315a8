"""The bench corpus for the benchmark scripts: a folder given, or the archive unpacked for the run."""

from __future__ import annotations

import argparse
import contextlib
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

ARCHIVE = Path(__file__).resolve().parents[2] / "shared" / "bench" / "docs.pl-pl.sxs.tar.xz"


@contextlib.contextmanager
def bench_corpus(folder: Path | None, archive_path: Path = ARCHIVE) -> Iterator[Path]:
    """Yield ``folder``, or the archive (the bench's by default) unpacked into a temporary folder
    outside the repo."""
    if folder is not None:
        yield folder
        return
    with tempfile.TemporaryDirectory(prefix="sxstm-bench-") as scratch:
        with tarfile.open(archive_path) as archive:
            if hasattr(tarfile, "data_filter"):  # Python 3.11.4 on; not Debian's 3.11.2
                archive.extractall(scratch, filter="data")
            else:
                archive.extractall(scratch)  # ../shared's archive
        yield Path(scratch)


def run_on_corpus(description: str, work: Callable[[Path], None]) -> int:
    """The ``main()`` of a script that takes only ``--corpus``: run ``work`` on the corpus."""
    parser = argparse.ArgumentParser(description=description.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="an unpacked bench corpus (default: unpack the archive)")
    with bench_corpus(parser.parse_args().corpus) as corpus:
        work(corpus)
    return 0
