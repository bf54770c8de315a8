"""Options that several commands share: the documents to read, and how to run."""

from __future__ import annotations

import argparse


def add_docs_options(parser: argparse.ArgumentParser, *, docs: str = "+") -> None:
    """Add DOCS (``nargs=docs``), the locale options and the run options of a command that reads sxs files."""
    parser.add_argument("docs", nargs=docs, metavar="DOCS", help="sxs markdown files, or folders to search for *.md")
    parser.add_argument("--source-lang", default="en-US", metavar="LOCALE", help="source locale (default: en-US)")
    parser.add_argument(
        "--target-lang",
        metavar="LOCALE",
        help="target locale of documents without ms.contentlocale (default: from a folder such as docs.pl-pl)",
    )
    add_run_options(parser, exclude=True)


def add_run_options(parser: argparse.ArgumentParser, *, exclude: bool) -> None:
    """Add the options every command that walks DOCS shares."""
    if exclude:
        parser.add_argument(
            "--exclude",
            action="append",
            default=[],
            metavar="GLOB",
            help="skip files found in folders whose path below the root matches GLOB (repeatable; * matches /)",
        )
    parser.add_argument("-j", "--jobs", type=int, metavar="N", help="processes to use (default: one per core)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems, no progress or summary")
