"""sxstm: translation memories and QA from Microsoft Docs side-by-side (sxs) markdown.

The public API:

- :func:`read_document` reads one file into a :class:`Document` of :class:`Pair` objects;
- :func:`find_sources` lists the files named by paths and folders;
- :func:`read_documents` reads them (in parallel) and yields documents in order;
- :func:`iter_pairs` yields ``(document, pair)`` for every pair under some paths;
- :data:`FORMATS` maps format names to writers: ``FORMATS["tmx"].write(documents, out, ExportOptions())``.
"""

import importlib  # loaded already by the interpreter's import system: costs nothing

# Nothing else is imported here, not even typing.TYPE_CHECKING nor __future__: every module read
# before ``sxstm.__main__`` catches Ctrl-C widens the moment where it would meet no handler
# (mypy takes any TYPE_CHECKING as true).
TYPE_CHECKING = False

if TYPE_CHECKING:
    from sxstm.errors import InputError, LocaleError, SxstmError, UsageError
    from sxstm.formats import FORMATS, ExportOptions, ExportReport, format_for_path
    from sxstm.model import Document, Finding, Pair, Segment, Severity, TranslationType
    from sxstm.sxs.documents import iter_pairs, map_documents, read_documents
    from sxstm.sxs.reader import ReadOptions, parse_document, read_document
    from sxstm.sxs.sources import Source, find_sources
    from sxstm.version import __version__

# Where each name of the API lives. They are imported when first asked for, so that the command
# line starts (and a Ctrl-C while it loads is caught) before the whole package is read.
_HOMES = {
    "sxstm.errors": ("InputError", "LocaleError", "SxstmError", "UsageError"),
    "sxstm.formats": ("FORMATS", "ExportOptions", "ExportReport", "format_for_path"),
    "sxstm.model": ("Document", "Finding", "Pair", "Segment", "Severity", "TranslationType"),
    "sxstm.sxs.documents": ("iter_pairs", "map_documents", "read_documents"),
    "sxstm.sxs.reader": ("ReadOptions", "parse_document", "read_document"),
    "sxstm.sxs.sources": ("Source", "find_sources"),
    "sxstm.version": ("__version__",),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> object:
    if name not in _HOME:
        raise AttributeError(f"module 'sxstm' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME[name]), name)
    globals()[name] = value
    return value


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
