"""Checks on spacing and punctuation around inline elements, on masked text."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator

from sxstm.checks.languages import profile_of
from sxstm.checks.registry import At, Context, Message, check
from sxstm.checks.text import MASK, code_at, masked, raw_offset, raw_span, runs, with_offsets
from sxstm.model import Pair, Severity
from sxstm.sxs.inline import Code, CodeKind

_PUNCTUATION = ".,;:!?)"
_SPACE_BEFORE_PUNCTUATION_RE = re.compile(MASK + r" +[.,;:!?)]")
# A double space between two words (one was lost between them); spaces beside an inline
# element, a bracket or a menu arrow are the translation tool's (Chinese "(i/o)  (不會…)") and
# collapse when the page renders.
_DOUBLE_SPACE_RE = re.compile(r"(?<=\w)  +(?=\w)")
_BEFORE_FINAL_PUNCTUATION_RE = re.compile(MASK + r"[.!?]\s*$")
_AFTER_FINAL_PUNCTUATION_RE = re.compile(r"[.!?]\s*" + MASK + r"+\s*$")
_QUOTES_IN_TEXT = '"\u201c\u201d\u201e\u00ab\u00bb\u300c\u300d\u300e\u300f'
_BRACKETS = (("(", ")"), ("[", "]"), ("{", "}"))
_QUOTES = (("\u00ab", "\u00bb"), ("\u300c", "\u300d"), ("\u300e", "\u300f"))


def _added(pattern: re.Pattern[str], pair: Pair, message: str) -> Iterator[Message]:
    """``message`` at the match of ``pattern`` in the masked target that the source lacks, if it
    matches there more often than in the masked source: the first whose element and matched
    text the source does not have as often (the first match if each is in the source)."""
    target = masked(pair.target.text)
    if MASK not in target:
        return
    found = list(pattern.finditer(target))
    source = masked(pair.source.text)
    had = list(pattern.finditer(source))
    if len(found) <= len(had):
        return
    new = found[0]  # where the source has no match (most pairs), the first is new
    if had:
        left = Counter(_signature(pair.source.text, match) for match in had)
        for match in found:
            signature = _signature(pair.target.text, match)
            if left[signature] <= 0:
                new = match
                break
            left[signature] -= 1
    offset, end = raw_span(pair.target.text, new.start(), new.end())
    yield At(message, offset, end - offset)


def _signature(text: str, match: re.Match[str]) -> tuple[str, str]:
    """What names a match across languages: the markup of its element, and its other characters."""
    index = match.group().find(MASK)
    code = code_at(text, match.start() + index) if index >= 0 else None
    return (code.markup if code else "", match.group().replace(MASK, ""))


@check("SX301", "space-before-punctuation", Severity.WARNING, markup=True, target_needs=_PUNCTUATION)
def space_before_punctuation(pair: Pair, context: Context) -> Iterator[Message]:
    """No space between an inline element and the punctuation after it (``\\`x\\` .``).

    French typography puts a space before ``: ; ! ?``: there only ``.``, ``,`` and ``)`` count.
    """
    if MASK + " " not in masked(pair.target.text):
        return
    yield from _added(
        _space_before(profile_of(context.locale).spaced_punctuation),
        pair,
        "a space stands between an inline element and the punctuation after it",
    )


@functools.lru_cache(maxsize=8)
def _space_before(spaced: str) -> re.Pattern[str]:
    """The pattern of a space between an inline element and punctuation not in ``spaced``."""
    if not spaced:
        return _SPACE_BEFORE_PUNCTUATION_RE
    return re.compile(MASK + " +[" + re.escape("".join(c for c in _PUNCTUATION if c not in spaced)) + "]")


@check("SX302", "inline-element-glued", Severity.WARNING, markup=True)
def inline_element_glued(pair: Pair, context: Context) -> Iterator[Message]:
    """An inline element is not glued to a word (``\\`Task\\`to``, ``[tutaj](…)tymczasowe``).

    Only the outer side of an element counts: a link or bold text starts with a word
    (``[включая](…)``). An entity (``&nbsp;`` renders as a space) and a line break are not
    glue.
    """
    target = pair.target.text
    # (profile_of is cached: the locale is not parsed again for every pair)
    if not target or profile_of(context.locale).without_spaces:
        return
    found = _glued(target)
    if not found:
        return
    had = _glued(pair.source.text)
    if len(found) <= len(had):
        return
    offset, length, _ = found[0]  # where the source has none glued (most pairs), the first is new
    if had:
        left = Counter(signature for _, _, signature in had)
        for spot, width, signature in found:
            if left[signature] <= 0:
                offset, length = spot, width
                break
            left[signature] -= 1
    yield At("an inline element touches a word with no space between them", offset, length)


_NOT_GLUE = frozenset({"entity", "html:br"})


def _glued(text: str) -> list[tuple[int, int, tuple[str, str]]]:
    """Each inline element touching a letter on its outer side: where it starts, its length,
    and what names it across languages (its markup and the letter)."""
    parts = runs(text)
    found = []
    # The offsets counted here, not by with_offsets: for most segments no other check of the pair
    # asks for them, and they were made and cached for this check alone.
    offset = 0
    for index, run in enumerate(parts):
        if not isinstance(run, Code):
            offset += len(run)
            continue
        if run.type not in _NOT_GLUE:
            before = parts[index - 1] if index else None
            after = parts[index + 1] if index + 1 < len(parts) else None
            if run.kind is not CodeKind.CLOSE and isinstance(before, str) and before[-1:].isalpha():
                found.append((offset, len(run.markup), (run.markup, before[-1])))
            elif run.kind is not CodeKind.OPEN and isinstance(after, str) and after[:1].isalpha():
                found.append((offset, len(run.markup), (run.markup, after[0])))
        offset += len(run.markup)
    return found


@check("SX303", "double-space", Severity.INFO, target_needs=("  ",))
def double_space(pair: Pair, context: Context) -> Iterator[Message]:
    """A double space between two words of the translation, which the source does not have,
    is where something of the source was dropped (a bold menu name, an emphasised word).

    The double space itself does not render (the page collapses it): it is reported as an info
    for what it points at, the residue of a word or element the translation lost
    (``In **Authentication** > …`` → ``W  obszarze > …``; precision study: every one of 20
    findings read was such a residue). Double spaces beside an inline element
    (``**a**  >  **b**``) are left alone, and so is a double space where the translation keeps
    the words of an emphasis without its markers: only the markers were dropped (SX211 reports
    it), not a word (German study: ``**Feedback**`` kept as ``Feedback-Abschnitts``, the double
    space elsewhere in the sentence).
    """
    target = masked(pair.target.text)
    if "  " not in target or "  " in masked(pair.source.text).strip():
        return
    match = _DOUBLE_SPACE_RE.search(target)
    if match and not _markers_dropped(pair.source.text, pair.target.text):
        before = target[: match.start()].split()[-1:] or [""]
        after = target[match.end() :].split()[:1] or [""]
        start = raw_offset(pair.target.text, match.start())
        yield At(
            "something of the source seems dropped here: a double space is left between "
            f"{before[0]!r} and {after[0]!r}",
            start,
            len(match.group()),
        )


_EMPHASIS = frozenset({"strong", "emphasis"})


def _markers_dropped(source: str, target: str) -> bool:
    """Tell whether the translation keeps the words of an emphasis of the source outside any
    emphasis (``**Feedback**`` → ``Feedback-Abschnitts``): only the markers were dropped, which
    markdown-structure-changed (SX211) reports, and the double space marks no lost word
    (precision study, German: the double space stood far from the dropped bold)."""
    emphasised, plain = _emphasis_split(source)[0], _emphasis_split(target)[1]
    return any(re.search(rf"(?<!\w){re.escape(text)}(?!\w)", plain, re.IGNORECASE) for text in emphasised)


def _emphasis_split(text: str) -> tuple[list[str], str]:
    """The text inside each bold or italic span of ``text``, and the text outside them (inline
    elements left out of both)."""
    parts = runs(text)
    inside, outside, ends = [], [], -1  # ends: where the emphasis being read closes
    for index, run in enumerate(parts):
        if isinstance(run, Code):
            if run.kind is CodeKind.OPEN and run.type in _EMPHASIS and run.partner is not None and index > ends:
                inside.append("".join(p for p in parts[index + 1 : run.partner] if isinstance(p, str)).strip())
                ends = run.partner
            outside.append(" ")
        elif index > ends:
            outside.append(run)
    return [text for text in inside if text], "".join(outside)


@check("SX304", "edge-whitespace-changed", Severity.INFO)
def edge_whitespace_changed(pair: Pair, context: Context) -> Iterator[Message]:
    """The translation keeps the whitespace at the start or end of the source, which parts it
    from the text around the pair.

    Spaces the translation adds at an edge do not render (the page collapses them), so only
    whitespace it drops is reported (not for languages written without spaces), and a line
    break it adds at the end, which splits a table row (``| DateTime⏎</span> |``).
    """
    source, target = pair.source.text, pair.target.text
    if not (source[:1].isspace() or source[-1:].isspace() or target[-1:].isspace()):
        return  # nothing at an edge to lose or to add (most pairs)
    if not target.strip():
        return
    end = len(target.rstrip())
    if target.rstrip(" \t")[-1:] == "\n" and "\n" not in source[len(source.rstrip()) :]:
        yield At("the translation ends with a line break that the source does not have", end, len(target) - end)
    elif profile_of(context.locale).without_spaces:
        return
    elif source[:1].isspace() and not target[:1].isspace():
        yield At("the translation lost the whitespace at the start of the source", 0)
    elif source[-1:].isspace() and not target[-1:].isspace():
        yield At("the translation lost the whitespace at the end of the source", len(target))


@check("SX305", "unpaired-brackets", Severity.WARNING, target_needs="()[]{}")
def unpaired_brackets(pair: Pair, context: Context) -> Iterator[Message]:
    """Brackets in the translation pair up where the source's do (code and links aside).

    The source's must pair up in order and nest, not only match in number: an obfuscated
    address (``<hello [at) alexei (dot] ro>``) that a translation tidies is the source's own
    mix-up, of both kinds of bracket.
    """
    if not pair.source.text.strip():
        return  # an empty source has nothing to compare with (a lone "}" of a JSON sample)
    source, target = masked(pair.source.text), masked(pair.target.text)
    odd: str | None = None  # the kinds of bracket that do not pair up in the source, found once
    for opening, closing in _BRACKETS:
        if target.count(opening) == target.count(closing):
            continue
        if odd is None:
            odd = _odd_brackets(source)
        if opening not in odd:
            spot = _unpaired(target, opening, closing)
            what = (
                f"this {closing} closes no {opening}" if target[spot] == closing else f"this {opening} is never closed"
            )
            yield At(
                f"{opening} and {closing} do not pair up in the translation: {what}",
                raw_offset(pair.target.text, spot),
                1,
            )


def _unpaired(text: str, opening: str, closing: str) -> int:
    """Where the first closing bracket without an opening one stands, else the last opening one left open."""
    left: list[int] = []
    for index, char in enumerate(text):
        if char == opening:
            left.append(index)
        elif char == closing:
            if not left:
                return index
            left.pop()
    return left[-1] if left else 0


_OPENING_OF = {closing: opening for opening, closing in _BRACKETS}


def _odd_brackets(text: str) -> str:
    """The opening brackets of the kinds that do not pair up and nest in ``text``: one left
    open, one closing none (``:)`` inside ``[…]``: that kind only), or one closing its own
    across a bracket of another kind left open (``[at) alexei (dot]``: both kinds)."""
    odd = ""
    left: list[str] = []
    for char in text:
        if char in "([{":
            left.append(char)
        elif char in ")]}":
            opening = _OPENING_OF[char]
            if opening not in left:
                odd += opening
                continue
            while left[-1] != opening:
                odd += left.pop() + opening
            left.pop()
    return odd + "".join(left)


@check(
    "SX308",
    "inline-element-after-final-punctuation",
    Severity.WARNING,
    markup=True,
    source_needs=".!?",
    target_needs=".!?",
)
def inline_element_after_final_punctuation(pair: Pair, context: Context) -> Iterator[Message]:
    """An inline element that ends the source sentence before its full stop does not move
    after it (``… \\`x\\`.`` → ``… . \\`x\\```).

    The end of italics is left alone (``*надстройки.*``): a full stop inside slanted text looks
    the same as one after it.
    """
    if not _BEFORE_FINAL_PUNCTUATION_RE.search(masked(pair.source.text)):
        return
    target = masked(pair.target.text)
    match = _AFTER_FINAL_PUNCTUATION_RE.search(target)
    if match:
        spots = [i for i, char in enumerate(match.group(), match.start()) if char == MASK]
        codes = [code_at(pair.target.text, spot) for spot in spots]
        if all(code is not None and code.type in _ITALICS for code in codes):
            return
        yield At("an inline element stands after the final punctuation", raw_offset(pair.target.text, match.start()))


_ITALICS = frozenset({"emphasis", "html:i", "html:em"})


@check("SX309", "connector-lost", Severity.INFO, markup=True)
def connector_lost(pair: Pair, context: Context) -> Iterator[Message]:
    """Inline elements the source separates with a word or comma (``\\`a\\` and \\`b\\```) are
    not left side by side in the translation.

    An info: a language with another word order may rightly put two elements side by side
    (German ``\\`number\\` [umgewandelt](…)``, Russian ``[утверждает](…) \\`number[][]\\```;
    precision study: 6 of 7 German and 5 of 6 Russian findings were real).
    """
    if profile_of(context.locale).without_spaces or not _SIDE_BY_SIDE_RE.search(masked(pair.target.text)):
        return
    spots = _side_by_side(pair.target.text)
    if len(spots) > len(_side_by_side(pair.source.text)):
        yield At("two inline elements stand side by side: a word or comma between them is lost", spots[0])


_WHOLE = frozenset({"code", "image", "autolink", "include", "placeholder"})
# Two elements with only spaces between them, of any kind: what every spot of _side_by_side holds.
_SIDE_BY_SIDE_RE = re.compile(MASK + "[ \t]*" + MASK)


def _side_by_side(text: str) -> list[int]:
    """Where an element (code span, image, link, xref) is followed by another with only spaces
    between them."""
    spots, ended = [], False
    for offset, _, run in with_offsets(text):
        if isinstance(run, Code):
            starts = run.type in _WHOLE or (run.type == "link" and run.kind is CodeKind.OPEN)
            if starts and ended:
                spots.append(offset)
            ended = run.type in _WHOLE or (run.type == "link" and run.kind is CodeKind.CLOSE)
        else:
            ended = ended and not run.strip(" \t")
    return spots


@check("SX310", "link-text-edge-space", Severity.WARNING, markup=True, target_needs="[")
def link_text_edge_space(pair: Pair, context: Context) -> Iterator[Message]:
    """Link text does not start or end with a space that shows (``word[ tutaj](…)``,
    ``[tutaj ](…).``) unless the source's does.

    Only a space the page renders is reported. A space at the end of a link text does,
    underlined, where the text goes on right after the link (``[tutaj ](…).``,
    ``[tutaj ](…)dalej``) or punctuation follows (``[tutaj ](…) .``); before a word after a space
    (``[tutaj ](…) dalej``) it collapses into that one. One at its
    start only where no whitespace stands before the link (``słowo[ tutaj](…)``): after a space
    it collapses into that one (``zobacz [ tutaj](…)``). In languages written without spaces a
    space beside Latin text is the usual spacing: there only a space before their punctuation
    (``[… ](…)。``) is reported.
    """
    without_spaces = profile_of(context.locale).without_spaces
    if _edge_space(pair.source.text, without_spaces=without_spaces) is None:
        spot = _edge_space(pair.target.text, without_spaces=without_spaces)
        if spot is not None:
            yield At("the link text starts or ends with a space that shows on the page", spot)


_WIDE_PUNCTUATION = "\u3001\u3002\uff0c\uff1a\uff1b\uff01\uff1f\uff09\u300d\u300f"


def _edge_space(text: str, *, without_spaces: bool) -> int | None:
    """Where the first space at the edge of a link text that shows on the page stands (None:
    there is none)."""
    parts = runs(text)
    for offset, index, run in with_offsets(text):
        if isinstance(run, Code) and run.type == "link" and run.partner is not None:
            before = parts[index - 1] if index else None
            after = parts[index + 1] if index + 1 < len(parts) else None
            opens = run.kind is CodeKind.OPEN and isinstance(after, str) and after[:1].isspace()
            if opens and not without_spaces and _solid(before):
                return offset + len(run.markup)
            if run.kind is CodeKind.CLOSE and isinstance(before, str) and before[-1:].isspace():
                if without_spaces:
                    if isinstance(after, str) and after[:1] != "" and after[:1] in _WIDE_PUNCTUATION:
                        return offset - 1
                elif isinstance(after, Code) or (isinstance(after, str) and _shows_after(after)):
                    return offset - 1
    return None


def _shows_after(after: str) -> bool:
    """Tell whether a space ending a link text shows, given the text after the link: it does where
    a word or a sign follows at once (``[tutaj ](…)dalej``), or punctuation after more spaces
    (``[tutaj ](…) .``); before a word after a space it is the one space between words."""
    rest = after.lstrip()
    return bool(after[:1].strip()) or (rest[:1] != "" and rest[:1] in ".,:;!?)")


def _solid(before: str | Code | None) -> bool:
    """Tell whether ``before`` (the text or element before a link) meets the link with no whitespace."""
    return isinstance(before, Code) or (isinstance(before, str) and before[-1:] != "" and not before[-1:].isspace())


@check("SX312", "unpaired-quotes", Severity.WARNING, target_needs=_QUOTES_IN_TEXT)
def unpaired_quotes(pair: Pair, context: Context) -> Iterator[Message]:
    """Quotation marks in the translation pair up (``"…"``, ``„…”``, ``„…“``, ``«…»``, ``「…」``)
    where the source's do.

    Where the translation makes each single quote of the source double, one for one, a
    quotation the source opens three times and closes twice (``Cannot open '…dll' for writing
    -- 'The process cannot access the file '…dll' because…``) is the source's own. Still
    reported: a target with fewer or more double quotes than that (``the users' 'Display name'``
    → ``"Nazwa wyświetlana użytkowników``: a possessive and a quotation, one mark left), primes
    and possessives made double quotes (``a'`` → ``a "``: they only close), a source with double
    quotes, whose single ones are not its quotation marks (``"yyyy'-'MM…('+'/'-')…"``), and
    marks of other kinds left unpaired beside them.
    """
    source, target = masked(pair.source.text), masked(pair.target.text)
    if _quotes_pair_up(source) and not _quotes_pair_up(target):
        doubles = target.count('"')
        if doubles % 2 and '"' not in source and _quotes_pair_up(target.replace('"', "")):
            opening, closing = len(_OPENING_SINGLE_RE.findall(source)), len(_CLOSING_SINGLE_RE.findall(source))
            if opening and closing and opening != closing and opening + closing == doubles:
                return
        spot = _unpaired_quote(target)
        yield At(
            f"quotation marks do not pair up in the translation: {target[spot]} has no partner",
            raw_offset(pair.target.text, spot),
            1,
        )


# Straight single quotes the source quotes with: one that opens (after a space or a bracket,
# before a character) or closes (after a character, before anything but a letter or digit).
# An apostrophe (``don't``) is neither; a prime or a plural's possessive (``a'``, ``files'``)
# only closes.
_OPENING_SINGLE_RE = re.compile(r"(?<![^\s(\[{])'(?=\S)")
_CLOSING_SINGLE_RE = re.compile(r"(?<=\S)'(?![^\W_])")


def _unpaired_quote(text: str) -> int:
    """Where the last quotation mark of a kind that does not pair up stands."""
    for opening, closing in _QUOTES:
        if text.count(opening) != text.count(closing):
            return text.rfind(opening if text.count(opening) > text.count(closing) else closing)
    if text.count('"') % 2:
        return text.rfind('"')
    spots = [text.rfind(mark) for mark in "\u201e\u201c\u201d"]
    return max(max(spots), 0)


def _quotes_pair_up(text: str) -> bool:
    low, left, right = text.count("\u201e"), text.count("\u201c"), text.count("\u201d")
    curly = left + right == low if low else left == right
    return text.count('"') % 2 == 0 and curly and all(text.count(a) == text.count(b) for a, b in _QUOTES)
