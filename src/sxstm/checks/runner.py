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

ContextT = TypeVar("ContextT")
MessageT = TypeVar("MessageT")
# A check as the loop runs it: its function, whether it looks only at inline markup, and what
# the source and the target must hold (None: anything).
Step = tuple[Callable[[Pair, ContextT], Iterable[MessageT]], bool, Needs | None, Needs | None]


def holds(needs: Needs, text: str) -> bool:
    """Tell whether ``text`` holds one of the strings of ``needs``, or passes it as a test."""
    if isinstance(needs, tuple):
        return any(part in text for part in needs)  # a loop, compiled
    return needs(text)


def messages(
    pairs: Sequence[Pair], steps: Sequence[Step[ContextT, MessageT]], context: ContextT
) -> list[tuple[int, int, MessageT]]:
    """Run ``steps`` on every pair that has a source, in order: (pair index, step index, message)
    for each message. A step is skipped where its needs are not met, or where it looks only at
    markup and neither side has any."""
    found: list[tuple[int, int, MessageT]] = []
    for index, pair in enumerate(pairs):
        source, target = pair.source.text, pair.target.text
        if not source.strip():
            continue  # nothing to compare the translation with (a lone "}" of a sample)
        plain = not has_markup(source) and not has_markup(target)
        for number, (function, markup, source_needs, target_needs) in enumerate(steps):
            if markup and plain:
                continue
            if source_needs is not None and not holds(source_needs, source):
                continue
            if target_needs is not None and not holds(target_needs, target):
                continue
            for message in function(pair, context):
                found.append((index, number, message))
    return found
