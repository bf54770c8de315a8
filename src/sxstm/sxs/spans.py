"""Find the sxs span pairs in a document's text.

A pair is ``<span data-ttu-id="ID">TARGET</span><span class="sxs-lookup"><span data-stu-id="ID">SOURCE</span></span>``.
TARGET ends at the first ``</span><span class="sxs-lookup"><span data-stu-id="``. SOURCE ends at the
first ``</span></span>`` after which SOURCE holds as many ``<span …>`` opening tags, minus ``</span>``
closing tags, as TARGET does: segments may hold real nested spans (``<span style=…>…</span>``),
which a non-greedy regular expression cuts too early.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final, NamedTuple

from sxstm.sxs.problems import Problem

TARGET_OPEN: Final = '<span data-ttu-id="'
SOURCE_OPEN: Final = '<span data-stu-id="'
MIDDLE: Final = '</span><span class="sxs-lookup"><span data-stu-id="'
CLOSE: Final = "</span></span>"

_SOURCE_ID_RE = re.compile(r'([^"<>\n]*)">')
_SOURCE_OPEN_RE = re.compile(r'<span data-stu-id="')
_SPAN_OPEN_RE = re.compile(r"<span\b", re.IGNORECASE)
_SPAN_CLOSE_RE = re.compile(r"</span\s*>", re.IGNORECASE)
# A segment without span tags: any text whose every ``<`` opens something else than ``<span`` or
# ``</span`` (in any case). Possessive, so that a pair that does not match fails at once.
_PLAIN = r"[^<]*+(?:<(?!(?i:/?span))[^<]*+)*+"
# The whole of a pair whose segments hold no span tags, whose ids agree and whose source ends at
# the first ``</span></span>``: what the careful scan below finds for it, in one search (group 1
# the id, 2 the target, 3 the source). Groups 2 and 3 are unset when only the opening tag matched.
_PAIR_RE = re.compile(
    r'<span data-ttu-id="([^"<>\n]*)">'
    rf'(?:({_PLAIN}){re.escape(MIDDLE)}\1">({_PLAIN}){re.escape(CLOSE)})?'
)


class SpanPair(NamedTuple):
    """Offsets of one pair: its opening tag, the raw TARGET and the raw SOURCE.

    A named tuple rather than a frozen dataclass: one is made for every pair of every file
    read, on the way to a :class:`~sxstm.model.Pair`, and a tuple is made several times faster.
    """

    id: str
    tag_start: int
    target_start: int
    target_end: int
    source_start: int
    source_end: int
    end: int


# A named tuple's __new__ is a lambda the class compiles from text: a call of Python code for each
# pair. The tuple is made as that lambda makes it, from C.
_new_tuple: Final = tuple.__new__


def _span_pair(
    pair_id: str, tag_start: int, target_start: int, target_end: int, source_start: int, source_end: int, end: int
) -> SpanPair:
    """Make ``SpanPair(pair_id, tag_start, …)``, faster."""
    return _new_tuple(SpanPair, (pair_id, tag_start, target_start, target_end, source_start, source_end, end))


@dataclass(frozen=True, slots=True)
class SpanProblem:
    """A damaged span at a character offset of the text."""

    offset: int
    problem: Problem
    message: str
    pair_id: str | None = None


def span_balance(fragment: str) -> int:
    """Count the ``<span …>`` opening tags of ``fragment`` less its ``</span>`` closing tags."""
    if "<" not in fragment:
        return 0
    return len(_SPAN_OPEN_RE.findall(fragment)) - len(_SPAN_CLOSE_RE.findall(fragment))


def _balance(text: str, start: int, end: int) -> int:
    return 0 if text.find("<", start, end) == -1 else span_balance(text[start:end])


class _Finder:
    """``text.find(needle, start)`` for starts that mostly ascend, each stretch searched once.

    A search that found nothing, or found a match at or after a later start, answers that
    start too; without it, many broken pairs each search to the end of the text.
    """

    __slots__ = ("_found", "_from", "_needle", "_text")

    def __init__(self, text: str, needle: str) -> None:
        self._text = text
        self._needle = needle
        self._from = len(text) + 1
        self._found = -1

    def find(self, start: int) -> int:
        if not (self._from <= start and (self._found == -1 or start <= self._found)):
            self._from = start
            self._found = self._text.find(self._needle, start)
        return self._found


def scan_spans(text: str) -> Iterator[SpanPair | SpanProblem]:
    """Yield every span pair of ``text`` in order, and a problem for every damaged span.

    Time is linear in the text: every search starts after the last one of its kind, and the
    search for a source's end stops at the next pair.
    """
    pos = 0
    consumed_sources: list[int] = []
    middles, targets, closes = _Finder(text, MIDDLE), _Finder(text, TARGET_OPEN), _Finder(text, CLOSE)
    while True:
        match = _PAIR_RE.search(text, pos)
        if match is None:
            break
        pair_id = match.group(1)
        if match.lastindex == 3:  # a plain pair: the careful scan would find the same
            # Its offsets follow from the lengths of its fixed markup and its id: one call for
            # the match's end, not two for the spans of its segments (a tuple each).
            tag_start = match.start()
            pos = match.end()
            target_start = tag_start + len(TARGET_OPEN) + len(pair_id) + 2
            source_start = match.start(3)
            middle = source_start - len(MIDDLE) - len(pair_id) - 2
            consumed_sources.append(middle + len(MIDDLE) - len(SOURCE_OPEN))
            yield _span_pair(pair_id, tag_start, target_start, middle, source_start, pos - len(CLOSE), pos)
            continue
        target_start = match.end()
        middle = middles.find(target_start)
        next_target = targets.find(target_start)
        if middle == -1 or -1 < next_target < middle:
            yield SpanProblem(
                match.start(),
                Problem.ORPHAN_TARGET,
                f'<span data-ttu-id="{pair_id}"> has no sxs-lookup partner; the pair is not exported',
                pair_id,
            )
            pos = target_start
            continue
        id_match = _SOURCE_ID_RE.match(text, middle + len(MIDDLE))
        if id_match is None:
            yield SpanProblem(middle, Problem.ORPHAN_TARGET, f"malformed sxs-lookup span after pair {pair_id}", pair_id)
            pos = target_start
            continue
        source_start = id_match.end()
        # next_target (after middle) is still the next opening tag: none starts inside the middle markup
        close = _source_end(text, source_start, _balance(text, target_start, middle), closes, next_target)
        if close == -1:
            yield SpanProblem(
                middle,
                Problem.ORPHAN_TARGET,
                f"the sxs-lookup span of pair {pair_id} is never closed; the pair is not exported",
                pair_id,
            )
            pos = target_start
            continue
        consumed_sources.append(middle + len(MIDDLE) - len(SOURCE_OPEN))
        source_id = id_match.group(1)
        if source_id != pair_id:
            yield SpanProblem(
                match.start(),
                Problem.ID_MISMATCH,
                f'data-ttu-id "{pair_id}" is paired with data-stu-id "{source_id}"; the pair is not exported',
                pair_id,
            )
        else:
            yield _span_pair(pair_id, match.start(), target_start, middle, source_start, close, close + len(CLOSE))
        pos = close + len(CLOSE)
    if text.count(SOURCE_OPEN) != len(consumed_sources):
        yield from _orphan_sources(text, set(consumed_sources))


def _source_end(text: str, start: int, wanted: int, closes: _Finder, next_target: int) -> int:
    """Find the ``</span></span>`` that ends a source starting at ``start``, before ``next_target``.

    The first one after which the source holds as many ``<span`` openings less closings as the
    target (``wanted``). Failing that, where one side holds a ``<span`` the other lacks (a
    literal `` `<span asp-validation-for` ``, a nested span the translation lost), the first
    after which the source is balanced on its own, else the first one, as a plain scanner
    reads it. -1 if there is none before the next pair.
    """
    limit = len(text) if next_target == -1 else next_target
    first = close = closes.find(start)
    if close == -1 or close > limit:
        return -1
    balance = _balance(text, start, close)
    balanced = close if balance == 0 else -1
    while balance != wanted:
        following = text.find(CLOSE, close + 1, limit)
        if following == -1:
            return first if balanced == -1 else balanced
        balance += _balance(text, close, following)
        close = following
        if balance == 0 and balanced == -1:
            balanced = close
    return close


def _orphan_sources(text: str, consumed: set[int]) -> Iterator[SpanProblem]:
    for match in _SOURCE_OPEN_RE.finditer(text):
        if match.start() not in consumed:
            yield SpanProblem(
                match.start(), Problem.ORPHAN_SOURCE, "data-stu-id span without a data-ttu-id span before it"
            )
