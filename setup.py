"""Build sxstm: the hot modules compiled to C with mypyc in a wheel, pure Python otherwise (issue #16).

The metadata lives in pyproject.toml; this file only chooses the extension modules.

* ``pip install .`` (a wheel) compiles the modules of ``COMPILED`` with mypyc when mypyc and a C
  compiler are here, and falls back to pure Python with a one-line warning when they are not.
* ``pip install -e .`` stays pure Python: a compiled module next to its source would hide every
  edit of the source.
* ``SXSTM_COMPILE=0`` forces pure Python; ``SXSTM_COMPILE=1`` forces compiling and fails loudly
  when it cannot.

The compiled modules are the same source, type-checked by ``mypy --strict``: mypyc compiles them
by the type hints we already check, and the wheel keeps the ``.py`` files beside the ``.so`` ones.
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
from pathlib import Path

from setuptools import setup

# The modules compiled, each for the time it takes per pair (measured in the commit that added it).
COMPILED = (
    # Reading sxs markdown: every pair of every file goes through these.
    "sxs/spans.py",  # the span scanner: pairs and their offsets
    "sxs/blockscan.py",  # the block context of most pairs, without markdown-it-py
    "sxs/inline.py",  # the inline parser: code spans, links, tags of each segment
    "sxs/reader.py",  # a document's pairs and segments, made field by field
    "sxs/blocks.py",  # the reduced text handed to the block scanner
    "sxs/containers.py",  # the quote and list prefixes of each pair's line
    "sxs/lines.py",  # line and column of every pair
    "sxs/frontmatter.py",  # the front matter of every document: a tenth of reading, pure
    # Writers: per-pair escaping, tag numbering and the records of each format.
    "formats/xmltext.py",  # XML escaping of every segment
    "formats/tags.py",  # the inline tags numbered for TMX and XLIFF
    "formats/tmx.py",  # the TMX writer
    "formats/distinct.py",  # the deduplicated TMX's counting and merge of every unit
    "formats/pairs.py",  # the exported text of each pair
    "formats/xliff12.py",  # the XLIFF 1.2 writer (and reader of reviewed files)
    "formats/xliff2.py",  # the XLIFF 2.1 writer (and reader)
    "formats/xmlread.py",  # what the XML readers do per unit: its inline markup, its line
    "formats/units.py",  # every reviewed unit, made field by field
    "formats/po.py",  # the PO writer (and reader)
    "formats/jsonl.py",  # the JSONL writer
    "formats/tsv.py",  # the TSV writer
    "formats/records.py",  # the fields of each pair for JSONL, TSV and Parquet
    "formats/unique.py",  # the unique id of each pair in XLIFF and PO
    # Checks: the per-pair checks are most of qa's time. Not their registry nor consistency:
    # compiled, qa took 1.14 times as long; their classes also go to the workers. Their loops
    # and string work are in runner and keys, which make no classes.
    "checks/text.py",  # the masked text and runs of every pair, for the other checks
    "checks/runner.py",  # the loop of the checks over every pair, and their cheap tests (no classes)
    "checks/keys.py",  # the keys and texts of every pair for the run-level checks (no classes)
    "checks/rows.py",  # every finding made by the checks, sent from a worker, moved to its shown path (no classes)
    "checks/identifiers.py",
    "checks/links.py",
    "checks/markup.py",
    "checks/numbers.py",
    "checks/punctuation.py",
    "checks/spacing.py",
    "checks/terms.py",
    "checks/words.py",
    "checks/languages.py",  # the rules of a target language, asked by several checks per pair
    # The round trip: restore's own per-pair work. Not merge nor reviewed: compiled, merge took 0.98
    # times as long (no measurable gain), and most of their classes go to the workers.
    "roundtrip/restore.py",
    "roundtrip/unchanged.py",  # merge's test of each document by its spans: a loop per unit and per span
    # Reports: the text report cuts and folds an excerpt of both sides of every finding.
    "reports/text.py",
)

# Commands that build a wheel or an installed tree. An editable install ("editable_wheel",
# "develop") and the metadata steps ("egg_info", "dist_info") get no extension modules.
_BUILDS = {"bdist_wheel", "build", "build_ext", "install"}
_EDITABLE = {"editable_wheel", "develop"}


def _warn(message: str) -> None:
    print(f"sxstm setup.py: {message}", file=sys.stderr)


def _compiler_missing() -> str | None:
    """Say what is missing to compile C extension modules here, or None when nothing is."""
    compiler = (os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        return f"no C compiler ({compiler})"
    header = Path(sysconfig.get_paths()["include"]) / "Python.h"
    if not header.is_file():
        return f"no Python headers ({header})"
    return None


def extension_modules() -> list[object]:
    """The mypyc extension modules to build, or [] for a pure-Python build."""
    setting = os.environ.get("SXSTM_COMPILE", "")
    commands = set(sys.argv[1:])
    if setting == "0" or commands & _EDITABLE or not commands & _BUILDS:
        return []
    if setting not in ("", "1"):
        sys.exit(f"sxstm setup.py: SXSTM_COMPILE must be 0 or 1, not {setting!r}")
    try:
        from mypyc.build import mypycify
    except ImportError:
        missing: str | None = "mypyc is not installed (pip install mypy)"
    else:
        missing = _compiler_missing()
    if missing is not None:
        if setting == "1":
            sys.exit(f"sxstm setup.py: SXSTM_COMPILE=1 but {missing}")
        _warn(f"{missing}: building pure Python (slower, the same results)")
        return []
    # build/ may hold the extension modules of an earlier build, which setuptools would copy into
    # this wheel whatever COMPILED says now: each build starts from an empty one.
    shutil.rmtree(Path(__file__).parent / "build", ignore_errors=True)
    paths = [f"src/sxstm/{module}" for module in COMPILED]
    # The build runs before the dependencies are installed (pip install . in a new venv): their
    # types may be missing, which turns `type: ignore` comments written for them into errors.
    # mypyc needs only our own types; `mypy --strict` checks the rest with everything installed.
    options = [
        "--ignore-missing-imports",
        "--no-warn-unused-ignores",
        "--allow-subclassing-any",
        "--no-warn-return-any",
    ]
    return list(mypycify([*options, *paths], opt_level="3", group_name="sxstm"))


setup(ext_modules=extension_modules())
