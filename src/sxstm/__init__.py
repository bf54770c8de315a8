"""sxstm: translation memories and QA from Microsoft Docs side-by-side (sxs) markdown.

The public API:

- :func:`read_document` reads one file into a :class:`Document` of :class:`Pair` objects;
- :func:`find_sources` lists the files named by paths and folders;
- :func:`read_documents` reads them (in parallel) and yields documents in order;
- :func:`iter_pairs` yields ``(document, pair)`` for every pair under some paths;
- :data:`FORMATS` maps format names to writers: ``FORMATS["tmx"].write(documents, out, ExportOptions())``.
"""

from __future__ import annotations

from sxstm.errors import InputError, LocaleError, SxstmError, UsageError
from sxstm.formats import FORMATS, ExportOptions, ExportReport, format_for_path
from sxstm.model import Document, Finding, Pair, Segment, Severity, TranslationType
from sxstm.sxs.documents import iter_pairs, map_documents, read_documents
from sxstm.sxs.reader import ReadOptions, parse_document, read_document
from sxstm.sxs.sources import Source, find_sources
from sxstm.version import __version__

__all__ = [
    "FORMATS",
    "Document",
    "ExportOptions",
    "ExportReport",
    "Finding",
    "InputError",
    "LocaleError",
    "Pair",
    "ReadOptions",
    "Segment",
    "Severity",
    "Source",
    "SxstmError",
    "TranslationType",
    "UsageError",
    "__version__",
    "find_sources",
    "format_for_path",
    "iter_pairs",
    "map_documents",
    "parse_document",
    "read_document",
    "read_documents",
]
