"""The one place writers take segment text from: markdown as it is, or with inline codes as tags."""

from __future__ import annotations

import functools
import re
from typing import Final

from sxstm.formats.tags import OriginalData, number_codes, tmx_content, xliff2_content, xliff12_content
from sxstm.formats.xmltext import (
    INVALID_XML_CLASS,
    INVALID_XML_RE,
    TEXT_ESCAPED,
    escape_clean,
    invalid_chars,
    needs_escape,
)
from sxstm.model import Document, Finding, Pair, Segment
from sxstm.sxs.inline import MARKUP_CHARS, has_markup, parse_inline
from sxstm.sxs.problems import Problem

# Any character that may start markup (see has_markup), need an escape or be dropped: a segment
# without one is its own XML content. Most pairs are told so by one search a side, where the path
# below takes three (invalid characters, markup, escapes). Built from the three sets, so that a
# character added to one of them reaches it.
_PLAIN_RE: Final = re.compile(
    f"[{''.join(map(re.escape, sorted(set(MARKUP_CHARS + TEXT_ESCAPED))))}{INVALID_XML_CLASS}]"
)


def export_text(segment: Segment) -> str:
    """Return the text exported for ``segment``: its markdown, container prefixes removed."""
    return segment.text


def xml_pair(
    document: Document, pair: Pair, findings: list[Finding], *, style: str, tags: bool, data: OriginalData | None = None
) -> tuple[str, str]:
    """Return the XML content of the source and the target of ``pair``.

    ``style`` is ``tmx``, ``xliff12`` or ``xliff2`` (which adds its codes to ``data``); without
    ``tags`` the markdown is escaped as text. Characters XML cannot hold are dropped and reported.
    """
    source, target = export_text(pair.source), export_text(pair.target)
    if _PLAIN_RE.search(source) is None and _PLAIN_RE.search(target) is None:
        return source, target
    if INVALID_XML_RE.search(source) or INVALID_XML_RE.search(target):
        dropped = ", ".join(invalid_chars(source + target))
        findings.append(
            Problem.XML_INVALID_CHAR.at(
                document.path,
                pair.line,
                pair.column,
                f"pair {pair.id}: dropped {dropped}, which XML 1.0 cannot hold",
                pair.id,
            )
        )
        source, target = INVALID_XML_RE.sub("", source), INVALID_XML_RE.sub("", target)
    if not tags or (not has_markup(source) and not has_markup(target)):
        return escape_clean(source), escape_clean(target)
    source_xml, target_xml, originals = _tagged(style, source, target)
    if data is not None:
        data.ids.update(originals)
    return source_xml, target_xml


# 4,096 entries, not 32,768: a worker kept about 30 MB of rendered pairs for 19 % hits on the bench,
# and the export's peak memory of all processes fell from 317 to 231 MB (PSS 271 to 189) for about
# 5 % more CPU in the workers (issue #16: 250 MB).
@functools.lru_cache(maxsize=1 << 12)
def _tagged(style: str, source: str, target: str) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """Render a pair with tags; cached, as a third of the pairs of a corpus repeat."""
    source_runs, target_runs = parse_inline(source), parse_inline(target)
    source_numbers, target_numbers = number_codes(source_runs, target_runs)
    if style == "tmx":
        source_xml = tmx_content(source_runs, source_numbers, clean=not needs_escape(source))
        return source_xml, tmx_content(target_runs, target_numbers, clean=not needs_escape(target)), ()
    if style == "xliff12":
        source_xml = xliff12_content(source_runs, source_numbers, clean=not needs_escape(source))
        return source_xml, xliff12_content(target_runs, target_numbers, clean=not needs_escape(target)), ()
    data = OriginalData({})
    source_xml = xliff2_content(source_runs, source_numbers, data)
    return source_xml, xliff2_content(target_runs, target_numbers, data), tuple(data.ids.items())
