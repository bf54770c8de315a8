"""Checks on words: doubled words, CLI options, keyword links, case, untranslated text, length."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sxstm.checks.registry import At, Context, Message, check
from sxstm.checks.text import MASK, masked, raw_offset, runs, with_offsets
from sxstm.model import Pair, Severity
from sxstm.sxs.inline import Code, CodeKind, render_markdown

_WORD_RE = re.compile(r"\S*[^\W\d_]\S*")
_DOUBLED_WORD_RE = re.compile(r"\b(\w{2,})\s+\1\b", re.IGNORECASE)
_CLI_OPTION_RE = re.compile(r"(?<![\w/.\-])(--?[A-Za-z][\w\-]*|/[A-Za-z][\w:]*)(?![\w/]|\.\w)")
_AFTER_INLINE_RE = re.compile(r"(^|[.!?:]\s*)?" + MASK + r" ([^\W\d_][^\W\d_]+)")
_QUOTED_RE = re.compile(r"[\"'\u201c\u2018\u201e\u00ab]([a-z][\w-]*)[\"'\u201d\u2019\u201c\u00bb]")
# Keywords of C#, Visual Basic and F# that the docs link to their reference pages.
_KEYWORD_LIST = """
abstract as async await base bool break byte case catch char checked class const continue
decimal default delegate do double dynamic else enum event explicit extern false finally
fixed float for foreach get goto if implicit in init int interface internal is let lock long
nameof namespace new not null object operator out override params partial private protected
public readonly record ref required return sbyte sealed set short sizeof stackalloc static
string struct switch this throw true try typeof uint ulong unchecked unmanaged unsafe ushort
using value var virtual void volatile when where while with yield AddressOf AndAlso ByRef
ByVal Dim Function Imports Inherits Me MyBase MyClass Namespace Nothing Of OrElse Overloads
Overridable Overrides Private Property Protected Public ReadOnly Shared Static Structure Sub
Then Throw Try TryCast TypeOf Using When While With WithEvents
"""
KEYWORDS = frozenset(_KEYWORD_LIST.split())


@check("SX306", "doubled-word", Severity.WARNING)
def doubled_word(pair: Pair, context: Context) -> Iterator[Message]:
    """No word twice in a row (``the the``), unless the source has it; numbers and hex aside."""
    for match in _DOUBLED_WORD_RE.finditer(masked(pair.target.text)):
        word = match.group(1)
        if not re.fullmatch(r"[0-9a-fA-F]+", word) and f"{word} {word}".lower() not in masked(pair.source.text).lower():
            yield At(f"{word!r} twice in a row", raw_offset(pair.target.text, match.start()))


@check("SX307", "cli-option-altered", Severity.WARNING)
def cli_option_altered(pair: Pair, context: Context) -> Iterator[Message]:
    """Command-line options of the source (``--force``, ``-o``, ``/debug``) reach the translation as written."""
    target = masked(pair.target.text)
    for option in sorted(set(_CLI_OPTION_RE.findall(masked(pair.source.text)))):
        if len(option) > 2 and option not in target and option.lower() in target.lower():
            at = target.lower().find(option.lower())
            yield At(f"the option {option} is written differently in the translation", raw_offset(pair.target.text, at))


@check("SX311", "keyword-link-text-translated", Severity.WARNING, markup=True)
def keyword_link_text_translated(pair: Pair, context: Context) -> Iterator[Message]:
    """A link whose text is a language keyword (``[this](…)``, ``[null](…)``) keeps that text."""
    source = {url: text for text, url, _ in _links(pair.source.text) if text in KEYWORDS}
    if not source:
        return
    for text, url, offset in _links(pair.target.text):
        if url in source and text != source[url]:
            yield At(f"the keyword link [{source[url]}] became [{text}]", offset)


def _links(text: str) -> Iterator[tuple[str, str, int]]:
    """Each link of a segment: its text, its ``](url)`` markup, and where it starts."""
    parts = runs(text)
    for offset, index, run in with_offsets(text):
        if isinstance(run, Code) and run.type == "link" and run.kind is CodeKind.OPEN and run.partner is not None:
            closing = parts[run.partner]
            assert isinstance(closing, Code)
            yield render_markdown(parts[index + 1 : run.partner]), closing.markup, offset


@check("SX401", "untranslated", Severity.INFO)
def untranslated(pair: Pair, context: Context) -> Iterator[Message]:
    """A target identical to its source, words and all (4 or more words), may be untranslated."""
    same = pair.source.text == pair.target.text or masked(pair.target.text) == masked(pair.source.text)
    if same and len(_WORD_RE.findall(masked(pair.source.text))) >= 4:
        yield At("the translation is the source, unchanged", 0)


@check("SX402", "pair-in-code", Severity.INFO)
def pair_in_code(pair: Pair, context: Context) -> Iterator[Message]:
    """A pair inside a code block: the English original probably left a fence unclosed."""
    if not pair.in_code:
        return
    if pair.context.rsplit("/", 1)[-1] == "code-block":
        yield (
            "the pair stands in a line indented by four spaces or more, which markdown shows as a code block;"
            " the indentation, not the translation, is at fault"
        )
    else:
        yield "the pair lies inside a fenced code block: a fence (```) above it is probably left unclosed"


@check("SX403", "length-ratio", Severity.INFO)
def length_ratio(pair: Pair, context: Context) -> Iterator[Message]:
    """A translation far shorter or longer than its source (under a third, over three times)."""
    source, target = len(pair.source.text.strip()), len(pair.target.text.strip())
    if source >= 30 and target and not 1 / 3 <= target / source <= 3:
        yield At(f"the translation is {target / source:.1f} times as long as the source", 0)


@check("SX404", "capitalised-after-inline-element", Severity.INFO, markup=True)
def capitalised_after_inline_element(pair: Pair, context: Context) -> Iterator[Message]:
    """A word after an inline element mid-sentence is capitalised only where the source's is
    (``metoda \\`Run\\` Zwraca``); not checked for German, which capitalises nouns."""
    if context.locale.lower().startswith(("de", "lb")) or MASK not in (target := masked(pair.target.text)):
        return
    capitals = [m for m in _AFTER_INLINE_RE.finditer(target) if m.group(1) is None and _capitalised(m.group(2))]
    if not capitals:
        return
    source = [m for m in _AFTER_INLINE_RE.finditer(masked(pair.source.text)) if m.group(1) is None]
    if len(capitals) > sum(_capitalised(m.group(2)) for m in source):
        word = capitals[0]
        yield At(
            f"{word.group(2)!r} is capitalised after an inline element", raw_offset(pair.target.text, word.start(2))
        )


def _capitalised(word: str) -> bool:
    return word[0].isupper() and word[1:].islower()


@check("SX405", "capitalised-quoted-placeholder", Severity.INFO)
def capitalised_quoted_placeholder(pair: Pair, context: Context) -> Iterator[Message]:
    """A quoted lower-case name of the source (``"myapp"``) is not capitalised in the translation."""
    target = masked(pair.target.text)
    for name in sorted(set(_QUOTED_RE.findall(masked(pair.source.text)))):
        changed = name[0].upper() + name[1:]
        if name not in target and re.search(rf"\b{re.escape(changed)}\b", target):
            yield At(f"{name!r} became {changed!r}", raw_offset(pair.target.text, target.find(changed)))
