"""What checks see of a segment: its inline runs, and its text with every code masked."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from sxstm.sxs.inline import Code, CodeKind, Run, parse_inline

MASK = "\uffff"  # stands for a code in masked text: never in real text, never a word character
_IMAGE_TEXT_RE = re.compile(r"^!\[.*\](?=[(\[])", re.DOTALL)
# The title of a link or image ("…" after the URL) is text for readers, translated like alt text.
_TITLE_RE = re.compile(r"""(\]\(\S*?)\s+(?:"[^"]*"|'[^']*'|\([^)]*\))\s*\)$""")
_LINKS = frozenset({"image", "link"})


@functools.lru_cache(maxsize=1024)
def runs(text: str) -> tuple[Run, ...]:
    """The inline runs of a segment, parsed once for all the checks of a pair."""
    return parse_inline(text)


# Chinese characters (kanji): the basic block, the first extension and the compatibility one.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Chinese characters and kana: of languages that do not space their words.
UNSPACED = f"\u3040-\u30ff{HAN}"
_UNSPACED_RE = re.compile(f"[{UNSPACED}]")
# Chinese, Japanese and Korean (Hangul) characters, which a name or a number may touch: Chinese
# and Japanese do not space their words, and Korean attaches particles to them.
CJK = f"{UNSPACED}\uac00-\ud7af"


@functools.lru_cache(maxsize=1024)
def masked(text: str) -> str:
    """Return ``text`` with every code (code span, link half, HTML tag…) replaced by one mask
    character, so that spacing, punctuation and number checks see only the words."""
    return "".join(MASK if isinstance(run, Code) else run for run in runs(text))


@functools.lru_cache(maxsize=1024)
def typed_codes(text: str) -> dict[str, dict[str, int]]:
    """The markup of the codes of a segment, counted by code type; of links and images, what
    the translation must keep (not the alt text or title); opening halves left out but for
    HTML tags. (Plain dicts, not Counters: two of them compare in C.)"""
    found: dict[str, dict[str, int]] = {}
    for run in runs(text):
        if isinstance(run, Code) and kept(run):
            counted = found.get(run.type)
            if counted is None:
                counted = found[run.type] = {}
            markup = kept_markup(run)
            counted[markup] = counted.get(markup, 0) + 1
    return found


def kept(run: Code) -> bool:
    """Tell whether the translation must keep ``run``: opening halves are free but for HTML tags."""
    return run.kind is not CodeKind.OPEN or run.type.startswith("html:")


def kept_markup(run: Code) -> str:
    """What the translation must keep of a code: of links and images, not the alt text or title."""
    markup = run.markup
    if run.type not in _LINKS:
        return markup
    # Each pattern only where it can match (most links have neither alt text nor a title): a
    # title needs quotes or a second closing bracket.
    if markup.startswith("!["):
        markup = _IMAGE_TEXT_RE.sub("![…]", markup)
    if '"' in markup or "'" in markup or markup.count(")") > 1:
        markup = _TITLE_RE.sub(r"\1)", markup)
    return markup


def codes_lost(source: str, target: str) -> bool:
    """Tell whether the target lacks some code of the source that it must keep, by
    :func:`typed_codes` (``lost`` finds nothing for any type where it does not)."""
    # The same codes in the same order (99.7 % of the pairs with markup of docs/csharp) are the
    # same codes counted: told apart without counting them, nor cutting the text of their links.
    if _codes_in_order(source) == _codes_in_order(target):
        return False
    return typed_codes(source) != typed_codes(target)


def _codes_in_order(text: str) -> list[tuple[CodeKind, str, str]]:
    """What :func:`typed_codes` counts of each code of a segment (its kind, type and markup), in order."""
    return [(run.kind, run.type, run.markup) for run in runs(text) if isinstance(run, Code)]


def lost(source: str, target: str, *types: str) -> list[str]:
    """The codes of ``types`` the source has and the target lacks, sorted."""
    have = typed_codes(source)
    if have.keys().isdisjoint(types):
        return []
    other = typed_codes(target)
    missing: list[str] = []
    for kind in types:
        ours, theirs = have.get(kind), other.get(kind)
        if not ours or ours == theirs:
            continue  # most pairs keep every code: compared whole, without counting
        for markup, count in ours.items():
            short = count - (theirs.get(markup, 0) if theirs else 0)
            missing.extend([markup] * short)
    return sorted(missing)


def with_offsets(text: str) -> Iterator[tuple[int, int, Run]]:
    """Each run of a segment with its index and the offset in ``text`` where it starts."""
    return iter(_placed(text))


@functools.lru_cache(maxsize=1024)
def _placed(text: str) -> tuple[tuple[int, int, Run], ...]:
    """The runs of a segment with their index and offset, counted once for all the checks of a pair."""
    placed, offset = [], 0
    for index, run in enumerate(runs(text)):
        placed.append((offset, index, run))
        offset += len(run.markup) if isinstance(run, Code) else len(run)
    return tuple(placed)


def raw_offset(text: str, index: int) -> int:
    """The offset in ``text`` of the character at ``index`` of ``masked(text)``."""
    seen = 0
    for offset, _, run in with_offsets(text):
        width = 1 if isinstance(run, Code) else len(run)
        if seen + width > index:
            return offset + (0 if isinstance(run, Code) else index - seen)
        seen += width
    return len(text)


def raw_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(raw_offset(text, start), raw_offset(text, end))`` for ``start <= end``, in one walk of
    the runs (a finding of SX301 wants both ends of its match)."""
    seen = 0
    begin = -1
    for offset, _, run in with_offsets(text):
        width = 1 if isinstance(run, Code) else len(run)
        if begin < 0 and seen + width > start:
            begin = offset + (0 if isinstance(run, Code) else start - seen)
        if seen + width > end:
            return begin, offset + (0 if isinstance(run, Code) else end - seen)
        seen += width
    return (begin if begin >= 0 else len(text)), len(text)


def codes_with_offsets(text: str, *types: str) -> list[tuple[int, Code]]:
    """The codes of ``types`` in a segment (all types if none), each with where it starts."""
    return [
        (offset, run)
        for offset, _, run in with_offsets(text)
        if isinstance(run, Code) and (not types or run.type in types)
    ]


def code_at(text: str, index: int) -> Code | None:
    """The code that the mask at ``index`` of ``masked(text)`` stands for (None: no mask there)."""
    seen = 0
    for run in runs(text):
        width = 1 if isinstance(run, Code) else len(run)
        if seen + width > index:
            return run if isinstance(run, Code) else None
        seen += width
    return None


def anchor(source: str, target: str, source_offset: int) -> int:
    """Where in ``target`` the place ``source_offset`` of ``source`` would stand, by its share
    of the length, moved back to the start of a word: the best spot for something the
    translation lacks (in Chinese and Japanese, which do not space words, the spot itself)."""
    if not target or source_offset <= 0 or not source:
        return 0
    spot = min(len(target) - 1, round(source_offset * len(target) / len(source)))
    if _UNSPACED_RE.match(target, spot):
        return spot
    start = max(target.rfind(" ", 0, spot + 1) + 1, 0)
    return start if spot - start <= 40 else spot


def missing_at(source: str, target: str, written: str) -> tuple[int, int, int]:
    """``(offset, length, source_offset)`` for something of the source (``written``, found in
    its masked text) that the target lacks: the anchor where it would stand in the target."""
    index = masked(source).find(written)
    source_offset = raw_offset(source, index) if index >= 0 else -1
    return anchor(source, target, source_offset), 0, source_offset
