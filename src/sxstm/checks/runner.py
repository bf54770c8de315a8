"""The per-pair loop of the QA checks: which checks each pair gets, and what they say.

Compiled with mypyc (``setup.py``): every check's cheap test runs on every pair of the run, about
thirty a pair, and in pure Python the loop cost more than most checks. It makes no class of its
own and knows the checks only as functions, so that the registry's classes, which go between
processes, stay pure (compiled, they made qa slower).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from sxstm.model import Pair
from sxstm.sxs.inline import has_markup

# What a side must hold for a check to possibly fire: one of these strings (characters, mostly),
# or whatever passes this test.
Needs = tuple[str, ...] | Callable[[str], bool]
# What a pair must pass for a check to possibly fire: a test of its source and target.
PairNeeds = Callable[[str, str], bool]

ContextT = TypeVar("ContextT")
MessageT = TypeVar("MessageT")
# A check as the loop runs it: its function, whether it looks only at inline markup, what the
# source and the target must hold, and what the pair must pass (None: anything).
Step = tuple[Callable[[Pair, ContextT], Iterable[MessageT]], bool, Needs | None, Needs | None, PairNeeds | None]


def holds(needs: Needs, text: str) -> bool:
    """Tell whether ``text`` holds one of the strings of ``needs``, or passes it as a test."""
    if isinstance(needs, tuple):
        return any(part in text for part in needs)  # a loop, compiled
    return needs(text)


# What the checks said of a pair, by (source, target, block context): a pair repeated in a run
# (a licence paragraph, an include, a heading of every page of a folder) is checked once. With
# 8,192 entries, forgotten all at once when full, 28 % of the bench's pairs were found here (the
# bench: each of 2 workers, its documents in order; 29 % with 65,536).
Memo = dict[tuple[str, str, str], list[tuple[int, MessageT]]]
MEMO_SIZE = 8192


def messages(
    pairs: Sequence[Pair], steps: Sequence[Step[ContextT, MessageT]], context: ContextT, memo: Memo[MessageT]
) -> list[tuple[int, int, MessageT]]:
    """Run ``steps`` on every pair that has a source, in order: (pair index, step index, message)
    for each message. A step is skipped where its needs are not met, or where it looks only at
    markup and neither side has any. A check sees only a pair's texts and block context (and
    ``context``): what ``memo`` (of these ``steps`` and ``context``) holds for them is reused."""
    found: list[tuple[int, int, MessageT]] = []
    for index, pair in enumerate(pairs):
        source, target = pair.source.text, pair.target.text
        if not source.strip():
            continue  # nothing to compare the translation with (a lone "}" of a sample)
        key = (source, target, pair.context)
        said = memo.get(key)
        if said is None:
            said = _said(pair, steps, context)
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            memo[key] = said
        for number, message in said:
            found.append((index, number, message))
    return found


def _said(pair: Pair, steps: Sequence[Step[ContextT, MessageT]], context: ContextT) -> list[tuple[int, MessageT]]:
    """What ``steps`` say of ``pair``: (step index, message) for each message."""
    source, target = pair.source.text, pair.target.text
    said: list[tuple[int, MessageT]] = []
    plain = not has_markup(source) and not has_markup(target)
    # The last pair test and its result: the checks that share one (SX201 to SX205) run it once.
    tested: PairNeeds | None = None
    passed = False
    for number, (function, markup, source_needs, target_needs, pair_needs) in enumerate(steps):
        if markup and plain:
            continue
        # The target first: where the source's needs are a test (SX208's digits), the target's are
        # characters, found at less cost.
        if target_needs is not None and not holds(target_needs, target):
            continue
        if source_needs is not None and not holds(source_needs, source):
            continue
        if pair_needs is not None:
            if pair_needs is not tested:
                tested, passed = pair_needs, pair_needs(source, target)
            if not passed:
                continue
        for message in function(pair, context):
            said.append((number, message))
    return said
