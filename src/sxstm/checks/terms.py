"""The protected-term check: product names and glossary terms reach the translation as approved."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from sxstm.checks.glossary import Terms
from sxstm.checks.registry import At, Context, Message, check
from sxstm.checks.text import masked, missing_at, raw_offset
from sxstm.model import Pair, Severity


@functools.lru_cache(maxsize=16)
def _finder(terms: Terms) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every source term (longest first), as a whole word, case as written.

    The terms are grouped by their first character, which the group's alternative starts with:
    a pattern that starts with a choice of characters is searched for by skipping, in C, to
    the next of them (one that starts with an assertion is tried at every position). Whether a
    word character stands before the term is asked once its first character has matched.
    """
    approved = dict(terms)
    longest_first = sorted(approved, key=len, reverse=True)
    if "" in approved:  # (no glossary gives one) a term that starts with no character: the pattern as before
        alternatives = "|".join(re.escape(term) for term in longest_first)
        first = "".join(sorted({re.escape(term[0]) for term in approved if term}))
        return re.compile(rf"(?=[{first}])(?<![\w.#+-])(?:{alternatives})(?![\w#+]|\.\w)"), approved
    groups: dict[str, list[str]] = {}
    for term in longest_first:
        groups.setdefault(term[0], []).append(term)
    branches = "|".join(
        rf"{re.escape(first)}(?<![\w.#+-]{re.escape(first)})(?:{'|'.join(re.escape(term[1:]) for term in group)})"
        for first, group in sorted(groups.items())
    )
    return re.compile(rf"(?:{branches})(?![\w#+]|\.\w)"), approved


# The terms of the last call and their finder: a document's pairs share one Terms object, and
# the lru_cache of _finder hashed its hundred strings again for every pair (a sixth of the check).
_last: tuple[Terms, tuple[re.Pattern[str], dict[str, str]]] = ((), (re.compile(""), {}))


def _finder_of(terms: Terms) -> tuple[re.Pattern[str], dict[str, str]]:
    """:func:`_finder` of ``terms``, looked up by identity while the terms stay the same object."""
    global _last
    if _last[0] is not terms:
        _last = (terms, _finder(terms))
    return _last[1]


@functools.lru_cache(maxsize=256)
def _loose(term: str) -> re.Pattern[str]:
    """The term in any case, with or without spaces between its characters (``F #``, ``c#``)."""
    return re.compile(r"\s?".join(re.escape(char) for char in term.replace(" ", "")), re.IGNORECASE)


@check("SX213", "protected-term-changed", Severity.ERROR)
def protected_term_changed(pair: Pair, context: Context) -> Iterator[Message]:
    """Product names (``SignalR``, ``C#``, ``Visual Studio``) and glossary terms reach the
    translation as approved: not translated, not re-cased.

    The built-in list holds names Microsoft's localized docs keep in English; a glossary
    (``--glossary``, CSV or TBX) adds terms and their approved translations. A variant the
    source itself writes (its own typo, ``GItHub``) is the source's spelling, faithfully kept.
    """
    if not context.terms:
        return
    pattern, approved = _finder_of(context.terms)
    source = masked(pair.source.text)
    found = set(pattern.findall(source))
    if not found:
        return
    target = masked(pair.target.text)
    for term in sorted(found):
        wanted = approved[term]
        if wanted in target:
            continue
        variant = next((v for v in _loose(wanted).finditer(target) if v.group(0) not in source), None)
        if variant is not None:
            yield At(f"{wanted} is written {variant.group(0)!r}", raw_offset(pair.target.text, variant.start()))
        elif not _loose(wanted).search(target):
            where = missing_at(pair.source.text, pair.target.text, term)
            yield At(f"{wanted} is not in the translation (marked where it would stand)", *where)
