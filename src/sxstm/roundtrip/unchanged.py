"""Tell a document unchanged by a reviewed file's units from its spans alone, without reading it
whole: merge asks it of every document, and an unchanged export's documents all pass.

Its loops over units and spans run once per unit of the reviewed file, so the module is
compiled (setup.py); it makes no classes.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence
from typing import Final

from sxstm.errors import LocaleError
from sxstm.formats.xmltext import INVALID_XML_RE
from sxstm.sxs.reader import ReadOptions, pair_texts, target_locale_of
from sxstm.sxs.spans import SpanPair, scan_spans

Unit = tuple[int, str, str, str, bool, str]
"""A unit of a merge task: line, pair id ("" none), source, target, fuzzy, locale ("" none)."""

_PAIR_ID: Final = operator.itemgetter(1)


def unchanged_by_spans(data: bytes, name: str, units: Sequence[Unit], options: ReadOptions) -> bool:
    """Tell whether every unit gives the pair it names the source and target the document
    ``data`` (``name``) holds, so that merge's judge would find them all unchanged: told by the
    spans alone, without making a Document (its pairs, positions and front matter took most of
    merging an unchanged export). False where any unit needs the whole reading: a document that
    is not UTF-8, a unit naming no pair or a pair not found, another locale, any difference."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False  # its damaged pairs are left out by the reader, and its findings told
    spans: dict[str, SpanPair] = {}
    for item in scan_spans(text):
        if isinstance(item, SpanPair) and item.id not in spans:  # the first pair of an id, as merge_file
            spans[item.id] = item
    if not spans or conflicting(units):
        return False
    try:
        document_locale = target_locale_of(text, name, options)
    except LocaleError:
        return False
    fits = ""  # the last unit locale found to fit the document's (a file's units share theirs)
    for _, pair_id, source, target, _, locale in units:
        span = spans.get(pair_id) if pair_id else None
        if span is None:
            return False
        if locale and locale != fits:
            if not same_language(locale, document_locale):
                return False
            fits = locale
        # The line's start: a CR is looked for only after the last LF, not back to the top of
        # the text (a search of the whole text before each pair, in a document with no CR).
        tag_start = span.tag_start
        line_end = text.rfind("\n", 0, tag_start)
        line_start = max(line_end, text.rfind("\r", line_end + 1, tag_start)) + 1
        raw_source, current = pair_texts(text, span, line_start)  # as the reader gives the pair's texts
        if source != raw_source or (target != current and target != INVALID_XML_RE.sub("", current)):
            return False
    return True


def conflicting(units: Sequence[Unit]) -> dict[tuple[str, str], list[int]]:
    """The units that name the same pair (or, naming none, the same source) with different
    targets: their key ``(pair id, source if no pair id)`` -> the lines of all such units."""
    ids = set(map(_PAIR_ID, units))
    if len(ids) == len(units) and "" not in ids:
        return {}  # every unit names a pair of its own, so none can clash: nearly every file
    first: dict[tuple[str, str], str] = {}
    clashing: set[tuple[str, str]] = set()
    for _, pair_id, source, target, _, _ in units:
        key = (pair_id, "" if pair_id else source)
        if first.setdefault(key, target) != target:
            clashing.add(key)
    lines: dict[tuple[str, str], list[int]] = {}
    for line, pair_id, source, _, _, _ in units if clashing else ():  # nearly every file has none
        key = (pair_id, "" if pair_id else source)
        if key in clashing:
            lines.setdefault(key, []).append(line)
    return lines


@functools.cache  # asked once per unit, of a few locales
def same_language(unit: str, document: str) -> bool:
    """Tell whether a unit's locale fits a document's: the same locale, or its language alone."""
    unit, document = unit.replace("_", "-").lower(), document.replace("_", "-").lower()
    return document in ("", "und") or unit == document or ("-" not in unit and document.split("-")[0] == unit)
