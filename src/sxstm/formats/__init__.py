"""Formats: a registry that the commands, ``--help``, the README table and the tests iterate.

Each module below registers one format, its writer and (for a format reviewers edit) its reader
of reviewed files, with :func:`register`; nothing else needs to know it.
"""

from __future__ import annotations

from sxstm.formats import jsonl, parallel, parquet, po, tmx, tsv, xliff2, xliff12  # noqa: F401  (fills FORMATS)
from sxstm.formats.registry import (
    FORMATS,
    Chunk,
    Cut,
    ExportOptions,
    ExportReport,
    Format,
    Reader,
    Targets,
    format_for_path,
    format_of_reviewed,
    read_reviewed,
    register,
    reviewed_suffixes,
)

__all__ = [
    "FORMATS",
    "Chunk",
    "Cut",
    "ExportOptions",
    "ExportReport",
    "Format",
    "Reader",
    "Targets",
    "format_for_path",
    "format_of_reviewed",
    "read_reviewed",
    "register",
    "reviewed_suffixes",
]
