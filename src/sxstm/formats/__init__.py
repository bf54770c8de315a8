"""Export formats: a registry that the CLI, ``--help``, the README table and the tests iterate.

Each module below registers one format with :func:`register`; nothing else needs to know it.
"""

from __future__ import annotations

from sxstm.formats import jsonl, po, tmx, tsv, xliff2, xliff12  # noqa: F401  (fills FORMATS)
from sxstm.formats.registry import FORMATS, Chunk, ExportOptions, ExportReport, Format, format_for_path, register

__all__ = ["FORMATS", "Chunk", "ExportOptions", "ExportReport", "Format", "format_for_path", "register"]
