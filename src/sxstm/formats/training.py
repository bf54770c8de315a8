"""Segment text for training MT engines (``extract --text``): markdown, plain text, or placeholders.

- ``markdown``: the segment as it is (TMX and XLIFF still show inline codes as tags, ``--inline``).
- ``plain``: markup removed. Link and emphasis text stay, link targets go; a code span keeps its
  code without the backticks; an escape keeps its character, an entity becomes its character, an
  autolink its address; an MT placeholder (``{0}``) stays. Images, HTML tags, comments, docfx
  tokens (``[!INCLUDE …]``, ``:::image …:::``, ``[!NOTE]``) are dropped. Runs of white space
  become one space, and the ends are stripped.
- ``placeholders``: every inline code becomes a numbered placeholder, numbered alike on both
  sides as the TMX and XLIFF tags are (:mod:`sxstm.formats.tags`): ``<1>`` … ``</1>`` around the
  text of a pair of codes (a link, emphasis, an HTML element), ``<2/>`` for a code that stands
  alone (a code span, an image, ``{0}``).

Every format takes the text from here when ``--text`` is not ``markdown``; the document's pairs
are rewritten before the format renders them, so the two sides always agree.
"""

from __future__ import annotations

import enum
import functools
import html
import re
from collections.abc import Sequence
from dataclasses import replace

from sxstm.formats.tags import number_codes
from sxstm.model import Document, Pair
from sxstm.sxs.inline import Code, CodeKind, Run, has_markup, parse_inline


class TextMode(enum.Enum):
    """What text a segment is exported as (``extract --text``)."""

    MARKDOWN = "markdown"
    PLAIN = "plain"
    PLACEHOLDERS = "placeholders"


_SPACES = re.compile(r"\s+")
_KEPT_AS_TEXT = frozenset({"placeholder"})


def training_document(document: Document, mode: TextMode) -> Document:
    """Return ``document`` with the text of every pair as ``mode`` asks."""
    if mode is TextMode.MARKDOWN:
        return document
    return replace(document, pairs=tuple(training_pair(pair, mode) for pair in document.pairs))


def training_pair(pair: Pair, mode: TextMode) -> Pair:
    """Return ``pair`` with its source and target text as ``mode`` asks."""
    source, target = training_texts(pair.source.text, pair.target.text, mode)
    return replace(pair, source=replace(pair.source, text=source), target=replace(pair.target, text=target))


@functools.lru_cache(maxsize=1 << 15)
def training_texts(source: str, target: str, mode: TextMode) -> tuple[str, str]:
    """Return the texts of a pair as ``mode`` asks; cached, as many pairs of a corpus repeat."""
    if mode is TextMode.MARKDOWN:
        return source, target
    if not has_markup(source) and not has_markup(target):
        return (_clean(source), _clean(target)) if mode is TextMode.PLAIN else (source, target)
    source_runs, target_runs = parse_inline(source), parse_inline(target)
    if mode is TextMode.PLAIN:
        return plain_text(source_runs), plain_text(target_runs)
    source_numbers, target_numbers = number_codes(source_runs, target_runs)
    return placeholder_text(source_runs, source_numbers), placeholder_text(target_runs, target_numbers)


def plain_text(runs: Sequence[Run]) -> str:
    """Return the runs as plain text (see the module's documentation)."""
    return _clean("".join(run if isinstance(run, str) else _plain_code(run) for run in runs))


def _plain_code(code: Code) -> str:
    """The text a code leaves in plain text."""
    if code.type == "code":
        return code.markup.strip("`").strip() or code.markup
    if code.type == "escape":
        return code.markup[1:]
    if code.type == "entity":
        return html.unescape(code.markup)
    if code.type == "autolink":
        return code.markup[1:-1]
    if code.type in _KEPT_AS_TEXT:
        return code.markup
    if code.type.startswith("html:") and code.type[5:] == "br":
        return " "
    return ""


def placeholder_text(runs: Sequence[Run], numbers: Sequence[int]) -> str:
    """Return the runs with every code as a numbered placeholder (see the module's documentation)."""
    out = []
    for run, number in zip(runs, numbers, strict=True):
        if isinstance(run, str):
            out.append(run)
        elif run.kind is CodeKind.OPEN and run.partner is not None:
            out.append(f"<{number}>")
        elif run.kind is CodeKind.CLOSE and run.partner is not None:
            out.append(f"</{number}>")
        else:
            out.append(f"<{number}/>")
    return "".join(out)


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
