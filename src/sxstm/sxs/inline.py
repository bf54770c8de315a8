"""The inline model of a segment: text runs and codes, serialised back to exactly the same markdown.

A *code* is a piece of inline markup a translator may move but must not change: the opening
``[`` and the closing ``](url)`` of a link, ``**`` and ``*`` of emphasis, paired HTML tags, and
isolated pieces (code spans, images, ``<br/>``, autolinks and ``<xref:…>``, docfx tokens such as
``[!INCLUDE[…](…)]`` and ``:::image …:::``, MT placeholders such as ``{0}``, backslash escapes
and entities). What markup is follows CommonMark as markdown-it-py reads it, simplified where
segments are short: emphasis pairs a run of ``*`` or ``_`` that can open with the next run of
the same length that can close; a delimiter without a partner stays text.

Every character of the segment lands in exactly one run or code, in order, so
``render(parse(text)) == text`` for any text (a property test checks it on every pair of the
corpus).
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass, fields
from typing import Final

__all__ = [
    "CLOSE",
    "ISOLATED",
    "MARKUP_CHARS",
    "OPEN",
    "Code",
    "CodeKind",
    "Run",
    "has_markup",
    "parse_inline",
    "render_markdown",
]


class CodeKind(enum.Enum):
    """Where a code stands: opening or closing a pair, or alone."""

    OPEN = "open"
    CLOSE = "close"
    ISOLATED = "isolated"


@dataclass(frozen=True, slots=True)
class Code:
    """A piece of markup. ``partner`` is the index, in the same run list, of the other half of
    a pair (None for an isolated code, or for a half whose partner is outside the segment)."""

    kind: CodeKind
    type: str
    markup: str
    partner: int | None = None


Run = str | Code

# Codes are made by the million (a few per segment with markup). The __init__ of a frozen
# dataclass sets each field through object.__setattr__, in Python even where mypyc compiles this
# module: a code took 1.8 us to make so, a fifth of all inline parsing, and takes a fraction of that
# set through the slots' descriptors, as the reader makes pairs (test_inline proves the codes equal).
_new_code: Final = Code.__new__
_SET_KIND: Final = vars(Code)["kind"].__set__
_SET_TYPE: Final = vars(Code)["type"].__set__
_SET_MARKUP: Final = vars(Code)["markup"].__set__
_SET_PARTNER: Final = vars(Code)["partner"].__set__
if [field.name for field in fields(Code)] != ["kind", "type", "markup", "partner"]:
    raise ImportError("the fields of Code changed: set each of them in _code")
# Final, here and below: mypyc reads them from C globals, not from the module's dict, and a
# kind from a constant, not by looking its name up in the enum class (a few times a code).
OPEN: Final = CodeKind.OPEN
CLOSE: Final = CodeKind.CLOSE
ISOLATED: Final = CodeKind.ISOLATED


def _code(kind: CodeKind, type: str, markup: str, partner: int | None = None) -> Code:
    """Make ``Code(kind, type, markup, partner)``, faster."""
    code = _new_code(Code)
    _SET_KIND(code, kind)
    _SET_TYPE(code, type)
    _SET_MARKUP(code, markup)
    _SET_PARTNER(code, partner)
    return code


# Runs of plain characters are taken whole (possessive ``++``): the regex engine then steps once
# per run, not once per character, and since what follows a run can never start with one of
# its characters, no match is lost by not giving them back.
_TAIL = r"""(?:\((?:[^()\s]++|\([^()\s]*+\))*(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)|\[[^\]]*\])"""
_LINK_TEXT = r"(?:[^\[\]\\`]++|\\.|`+[^`]*`+|`|\[(?:[^\[\]\\]++|\\.)*\])*"
# One alternative per kind of markup, tried in this order at the leftmost place any can match.
# A docfx token names its extension first (``:::image …:::``, ``::: zone …:::``): ``:::: ![ …:::``
# is machine-translation debris before an image, which stays an image.
_TOKENS: Final = re.compile(
    rf"""
      (?P<code>(?P<ticks>`++)(?:.*?[^`])??(?P=ticks)(?!`))
    | (?P<backticks>`++)
    | (?P<escape>\\[!-/:-@\[-`{{-~}}])
    | (?P<placeholder>\{{\d+\}}|\{{\d+&gt;|&lt;\d+\}})
    | (?P<entity>&(?:\#[0-9]{{1,7}}|\#[xX][0-9a-fA-F]{{1,6}}|[A-Za-z][A-Za-z0-9]{{1,31}});)
    | (?P<include>\[!INCLUDE\s*\[[^\]]*\]\([^)]*\)\])
    | (?P<alert>\[!(?:NOTE|TIP|IMPORTANT|CAUTION|WARNING|div[^\]]*|code-[^\]]*|VIDEO[^\]]*)\])
    | (?P<docfx>:::[ \t]*+[A-Za-z](?:[^:]|:(?!::))*:::)
    | (?P<autolink><[A-Za-z][A-Za-z0-9+.\-]{{1,31}}:[^\s<>]*>)
    | (?P<comment><!--(?:[^-]|-(?!->))*-->)
    | (?P<html><(?P<slash>/?)(?P<tag>[A-Za-z][A-Za-z0-9\-]*)
        (?:\s+[A-Za-z_:][A-Za-z0-9_.:\-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*(?P<selfclosing>/?)>)
    | (?P<image>!\[{_LINK_TEXT}\]{_TAIL})
    | (?P<open>\[(?={_LINK_TEXT}\]{_TAIL}))
    | (?P<close>\]{_TAIL})
    | (?P<delimiter>\*++|_++)
    """,
    re.VERBOSE | re.DOTALL,
)
_VOID_TAGS: Final = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
)
# Where markup may start: a segment without any of these is plain text (``{`` only before a digit,
# a placeholder). Every alternative starts with a literal character, so that the regex engine skips
# ahead to the next of those characters (a class like ``[&<]`` among the alternatives makes it try
# each alternative at every position).
_STARTS = ("\\", "&", "[", "<", "`", "*", "_", ":::")
_SPECIAL: Final = re.compile("|".join(map(re.escape, _STARTS)) + r"|\{\d")
MARKUP_CHARS = "".join(start[0] for start in _STARTS) + "{"
"""Every character that may start inline markup: a text without any has none (see :func:`has_markup`)."""
# The first characters of the places a token may start (``_TOKENS`` matches nowhere else): each
# of them, or ``:::``, ``![`` and ``{`` before a digit.
_FIRSTS: Final = "\\&[]<`*_:!{"


# The starts of one character, each looked for by str.find (memchr): ``_SPECIAL``'s search tests
# every character of a text without markup against all of them (qa asks it of both sides of every
# pair, and the parser again).
_SINGLE_STARTS: Final = tuple(start for start in _STARTS if len(start) == 1)
_LONG_STARTS: Final = tuple(start for start in _STARTS if len(start) > 1)


def has_markup(text: str) -> bool:
    """Tell whether ``text`` holds a character that may start inline markup (where ``_SPECIAL``
    matches)."""
    for start in _SINGLE_STARTS:
        if start in text:
            return True
    for start in _LONG_STARTS:
        if start in text:
            return True
    brace = text.find("{")
    while brace != -1:
        if text[brace + 1 : brace + 2].isdecimal():
            return True
        brace = text.find("{", brace + 1)
    return False


def parse_inline(text: str) -> tuple[Run, ...]:
    """Split ``text`` into text runs and codes; joining their text gives ``text`` back."""
    if not has_markup(text):
        return (text,) if text else ()
    pieces, halves = _scan(text)
    if not halves:
        return tuple(pieces)  # type: ignore[arg-type]  # no delimiter, no pair: nothing to join or link
    return tuple(_pair_emphasis(pieces))


def render_markdown(runs: tuple[Run, ...] | list[Run]) -> str:
    """Join runs back into markdown."""
    return "".join(run if isinstance(run, str) else run.markup for run in runs)


def _scan(text: str) -> tuple[list[Run | _Delimiter], bool]:
    """Split ``text`` into text, codes and delimiter runs; tell whether any half needs a partner."""
    out: list[Run | _Delimiter] = []
    halves = False
    open_links = 0
    start = 0
    pos = 0
    # The next place is the nearest next occurrence of a first character, each found by
    # str.find (memchr), not by a regular expression's search, which tests every character
    # against the set (8 to 12 ns a character): _scan of the 30,528 segments with markup of
    # docs/standard, compiled, took 0.27 s so and takes 0.255 s.
    firsts = [char for char in _FIRSTS if char in text]
    nexts = [text.find(char) for char in firsts]
    while True:
        begin = -1
        for index, at in enumerate(nexts):
            if -1 < at < pos:
                at = nexts[index] = text.find(firsts[index], pos)
            if at != -1 and (begin == -1 or at < begin):
                begin = at
        if begin == -1:
            break
        first = text[begin]
        if (
            (first == ":" and not text.startswith(":::", begin))
            or (first == "!" and not text.startswith("![", begin))
            or (first == "{" and not text[begin + 1 : begin + 2].isdecimal())
        ):
            pos = begin + 1
            continue
        match = _TOKENS.match(text, begin)
        if match is None:
            pos = begin + 1
            continue
        kind = match.lastgroup
        pos = match.end()
        if kind == "backticks" or (kind == "close" and not open_links):
            continue  # a run of backticks that closes nowhere, or a "](…)" that closes nothing: text
        if begin > start:
            out.append(text[start:begin])
        start = match.end()
        markup = match.group()
        if kind == "delimiter":
            out.append(_Delimiter(markup, *_flanking(text, begin, start)))
            halves = True
        elif kind == "html":
            name = match.group("tag").lower()
            if match.group("slash"):
                out.append(_code(CLOSE, f"html:{name}", markup))
                halves = True
            elif match.group("selfclosing") or name in _VOID_TAGS:
                out.append(_code(ISOLATED, f"html:{name}", markup))
            else:
                out.append(_code(OPEN, f"html:{name}", markup))
                halves = True
        elif kind == "open":
            out.append(_code(OPEN, "link", markup))
            open_links += 1
            halves = True
        elif kind == "close":
            out.append(_code(CLOSE, "link", markup))
            open_links -= 1
        else:
            out.append(_code(ISOLATED, kind or "code", markup))
    if start < len(text):
        out.append(text[start:])
    return out, halves


class _Delimiter:
    """A run of ``*`` or ``_``; pairing takes codes from its ends and leaves the rest as text."""

    __slots__ = ("can_close", "can_open", "closes", "count", "length", "markup", "opens")

    def __init__(self, markup: str, can_open: bool, can_close: bool) -> None:
        self.markup = markup
        self.length = self.count = len(markup)
        self.can_open = can_open
        self.can_close = can_close
        self.opens: list[tuple[int, int]] = []  # (width, link) taken from the end, inner first
        self.closes: list[tuple[int, int]] = []  # (width, link) taken from the start, inner first


def _flanking(text: str, start: int, end: int) -> tuple[bool, bool]:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    left = not after.isspace() and (not _punctuation(after) or before.isspace() or _punctuation(before))
    right = not before.isspace() and (not _punctuation(before) or after.isspace() or _punctuation(after))
    if text[start] == "_":
        return left and (not right or _punctuation(before)), right and (not left or _punctuation(after))
    return left, right


def _punctuation(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


_EMPHASIS: Final = {1: "emphasis", 2: "strong"}


def _pair_emphasis(pieces: list[Run | _Delimiter]) -> list[Run]:
    """Pair emphasis delimiters as CommonMark does, then link and HTML halves; index partners."""
    links = 0
    delimiters = [index for index, piece in enumerate(pieces) if isinstance(piece, _Delimiter)]
    for position, index in enumerate(delimiters):
        closer = pieces[index]
        assert isinstance(closer, _Delimiter)
        while closer.can_close and closer.count:
            opener_position = _find_opener(pieces, delimiters, position, closer)
            if opener_position is None:
                break
            opener = pieces[delimiters[opener_position]]
            assert isinstance(opener, _Delimiter)
            width = 2 if opener.count >= 2 and closer.count >= 2 else 1
            links += 1
            opener.opens.append((width, links))
            closer.closes.append((width, links))
            opener.count -= width
            closer.count -= width
            for between in delimiters[opener_position + 1 : position]:
                skipped = pieces[between]
                assert isinstance(skipped, _Delimiter)
                skipped.can_open = False
    flat: list[tuple[Run, int]] = []  # (run, link: 0 none, >0 emphasis pair)
    for piece in pieces:
        if not isinstance(piece, _Delimiter):
            flat.append((piece, 0))
            continue
        char = piece.markup[0]
        for width, link in piece.closes:
            flat.append((_code(CLOSE, _EMPHASIS[width], char * width), link))
        if piece.count:
            flat.append((char * piece.count, 0))
        for width, link in reversed(piece.opens):
            flat.append((_code(OPEN, _EMPHASIS[width], char * width), link))
    return _index_partners(flat)


def _find_opener(
    pieces: list[Run | _Delimiter], delimiters: list[int], position: int, closer: _Delimiter
) -> int | None:
    for candidate in range(position - 1, -1, -1):
        opener = pieces[delimiters[candidate]]
        assert isinstance(opener, _Delimiter)
        if not opener.can_open or not opener.count or opener.markup[0] != closer.markup[0]:
            continue
        both = opener.can_close or closer.can_open
        if both and (opener.length + closer.length) % 3 == 0 and (opener.length % 3 or closer.length % 3):
            continue
        return candidate
    return None


def _index_partners(flat: list[tuple[Run, int]]) -> list[Run]:
    """Join neighbouring text, link emphasis halves by their link and other halves by type."""
    runs: list[Run] = []
    links: dict[int, int] = {}
    partners: dict[int, int] = {}
    stack: list[int] = []
    for run, link in flat:
        if isinstance(run, str):
            if runs and isinstance(runs[-1], str):
                runs[-1] += run
            elif run:
                runs.append(run)
            continue
        index = len(runs)
        runs.append(run)
        if link:
            if link in links:
                partners[index], partners[links[link]] = links[link], index
            else:
                links[link] = index
        elif run.kind is OPEN:
            stack.append(index)
        elif run.kind is CLOSE:
            for position in range(len(stack) - 1, -1, -1):
                opener = runs[stack[position]]
                assert isinstance(opener, Code)
                if opener.type == run.type:
                    start = stack.pop(position)
                    partners[start], partners[index] = index, start
                    break
    # The codes were made by this parse and no one else holds them yet: a partner is set in place,
    # not by making the code again.
    for index, partner in partners.items():
        _SET_PARTNER(runs[index], partner)
    return runs
