"""Checks on the punctuation of plain text: spaces that loosen it, full stops moved into links,
words repeated in brackets."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sxstm.checks.registry import At, Context, Message, check
from sxstm.checks.text import MASK, masked, raw_offset, with_offsets
from sxstm.model import Pair, Severity
from sxstm.sxs.inline import Code, CodeKind

# A space between a word (or a closing bracket or quote) and the punctuation after it, where
# the punctuation ends a clause (whitespace, markup or the end follows): "Blazor .", "2018 ,".
# An ellipsis and a name that starts with a dot (.NET, .json) are not punctuation. Or a space
# between an opening bracket and the word after it: "( Razor".
# Each alternative starts with its character (a space, a bracket): the regex engine skips in C to
# the next of them, where a pattern that starts with an assertion is tried at every position;
# the character before the space is asked once the space has matched (a lookbehind of two).
_SPACED_RE = re.compile(
    r" (?<=[^\s" + MASK + r".] ) *([.,)]|[;:!?])(?=[\s" + MASK + r"]|$)(?<!\.\.)|\((?<=(\()) +(?=[^\s" + MASK + r"])"
)
# What every match of _SPACED_RE holds: a space before the mark, or one after "(". Searching
# for it first (in the target as written, then masked) is three times quicker on the pairs
# (nine in ten) that have neither.
_SPACED_HINT_RE = re.compile(r" [.,);:!?]|\( ")
_SPACED_HINTS = (" .", " ,", " )", " ;", " :", " !", " ?", "( ")  # its matches, as strings: found faster
# French puts a (narrow) no-break space before : ; ! ? and inside « », by its typographic rules;
# an ordinary space in their place is the same choice, so only . , ) are checked there.
_SPACE_BEFORE_HIGH_PUNCTUATION = frozenset({"fr"})


@check("SX313", "punctuation-spaced-in-text", Severity.WARNING, target_needs=_SPACED_HINTS)
def punctuation_spaced_in_text(pair: Pair, context: Context) -> Iterator[Message]:
    """No space between a word and the punctuation after it (``Blazor .``, ``2018 ,``), nor
    inside brackets (``( Razor Pages)``, ``( https://… ) .``), where the source has none.

    Machine translation often loosens punctuation from the word next to it; a reader sees a
    stray mark, and a line break may strand it. French typography, which puts a space before
    ``: ; ! ?``, is respected for those marks. A space before punctuation after an inline element
    is SX301's.
    """
    target = masked(pair.target.text)
    if not _SPACED_HINT_RE.search(target):
        return
    found = [m for m in _SPACED_RE.finditer(target) if _counts(m, context)]
    if not found:
        return
    source = [m for m in _SPACED_RE.finditer(masked(pair.source.text)) if _counts(m, context)]
    if len(found) > len(source):
        spot = found[len(source)]
        where = f"before {spot.group(1)!r}" if spot.group(1) else "after '('"
        yield At(f"a space stands {where}, which the source does not have", raw_offset(pair.target.text, spot.start()))


def _counts(spot: re.Match[str], context: Context) -> bool:
    """Whether the space of ``spot`` is a defect in the language of ``context``."""
    mark = spot.group(1) or "("
    return mark in ".,()" or context.locale.partition("-")[0].lower() not in _SPACE_BEFORE_HIGH_PUNCTUATION


_LINKS = frozenset({"link", "html:a"})
_STOPS = (".", "!", "?", "\u3002", "\uff01", "\uff1f")
# A link closed and a full stop right after it (in the source: what the translation may move).
_STOP_AFTER_LINK_RE = re.compile(r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)\s*[.!?]|</a>\s*[.!?]")


@check("SX314", "punctuation-moved-into-link", Severity.WARNING, markup=True, target_needs=("]", "</a>"))
def punctuation_moved_into_link(pair: Pair, context: Context) -> Iterator[Message]:
    """A full stop after a link stays after it (``[here](…).`` must not become
    ``[tutaj.](…)``).

    The sentence's full stop belongs to the sentence: inside the link it becomes part of the
    clickable text, and the sentence is left without one where it ends. A translation that moves
    a link to the end of the sentence often takes the full stop in with it. Only a source with a
    full stop (after a link, or at its end) is compared, and a full stop in the link text only
    counts when none is left after the link (``[Microsoft.Extensions.Configwersja. ](…) Pakiet
    NuGet.``: the name is broken, the sentence still ends with its own).
    """
    source = pair.source.text
    if not source.rstrip().endswith(_STOPS) and not _STOP_AFTER_LINK_RE.search(source):
        return  # the source has no full stop a translation could move
    spots = _stops_in_link_text(pair.target.text)
    if len(spots) > len(_stops_in_link_text(pair.source.text)) and not _stop_after(pair.target.text, spots[0]):
        yield At("a full stop stands inside the link text; the source has it outside the link", spots[0])


def _stop_after(text: str, spot: int) -> bool:
    """Tell whether a full stop stands in the text (not in code or link text) after the link
    whose text ends with the stop at ``spot``."""
    depth = 0  # links opened after the spot and not yet closed
    for offset, _, run in with_offsets(text):
        if offset <= spot:
            continue
        if isinstance(run, Code) and run.type in _LINKS:
            if run.kind is CodeKind.OPEN:
                depth += 1
            elif run.kind is CodeKind.CLOSE and depth:
                depth -= 1
        elif isinstance(run, str) and not depth and any(stop in run for stop in _STOPS):
            return True
    return False


def _stops_in_link_text(text: str) -> list[int]:
    """Where a link text ends with a full stop (not an ellipsis) in ``text``."""
    spots = []
    previous: str | Code | None = None
    for offset, _, run in with_offsets(text):
        if (
            isinstance(run, Code)
            and run.kind is CodeKind.CLOSE
            and run.type in _LINKS
            and isinstance(previous, str)
            and previous.rstrip().endswith(_STOPS)
            and not previous.rstrip().endswith("..")
        ):
            spots.append(offset - len(previous) + len(previous.rstrip()) - 1)
        previous = run
    return spots


# A word or number followed by itself in brackets: "SSL (SSL)", "2018( 2018)".
_REPEATED_RE = re.compile(r"(?<![\w.])(\w[\w.]*)\s*\(\s*\1\s*\)")
_REPEATED_ANY_CASE_RE = re.compile(_REPEATED_RE.pattern, re.IGNORECASE)


@check("SX315", "repeated-in-brackets", Severity.WARNING, target_needs="(")
def repeated_in_brackets(pair: Pair, context: Context) -> Iterator[Message]:
    """A word or number is not followed by itself in brackets (``Copyright 2018( 2018)``,
    ``Secure Sockets Layer (SSL)`` → ``SSL (SSL)``) unless the source does so too.

    Machine translation repeats a term where the source gives its expansion and then the term in
    brackets, or copies a bracketed part twice: the expansion is lost and the reader sees a
    stutter.
    """
    target = masked(pair.target.text)
    match = _REPEATED_RE.search(target) if _may_repeat(target) else None
    if match is None:
        return
    source = masked(pair.source.text)
    if _REPEATED_ANY_CASE_RE.search(source) or _named_then_bracketed(source, match.group(1)):
        return
    yield At(
        f"{match.group(1)!r} is repeated in brackets: {match.group(0)!r}", raw_offset(pair.target.text, match.start())
    )


def _may_repeat(text: str) -> bool:
    """Tell whether what stands in some brackets of ``text`` (stripped, up to the first ``)``)
    also ends the text before them, as in every match of ``_REPEATED_RE``: its word is all
    that its brackets hold. The pattern, tried at the start of every word, took most of SX315's
    time; 7 of the 4,803 masked targets of docs/csharp with a bracket pass this test."""
    at = text.find("(")
    while at != -1:
        close = text.find(")", at)
        if close == -1:
            return False
        inner = text[at + 1 : close].strip()
        if inner and text[:at].rstrip().endswith(inner):
            return True
        at = text.find("(", at + 1)
    return False


def _named_then_bracketed(source: str, word: str) -> bool:
    """Whether the source, too, names ``word`` and then gives it in brackets ("The MIT License
    (MIT)"), which a language that puts the name last renders as "licence MIT (MIT)"."""
    escaped = re.escape(word)
    return bool(re.search(rf"\(\s*{escaped}\s*\)", source)) and len(re.findall(rf"(?<!\w){escaped}(?!\w)", source)) > 1
