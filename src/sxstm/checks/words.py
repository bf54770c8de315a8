"""Checks on words: doubled words, CLI options, keyword links, case, untranslated text, length."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from sxstm.checks.languages import LanguageProfile, profile_of
from sxstm.checks.registry import At, Context, Message, check
from sxstm.checks.text import HAN, MASK, masked, raw_offset, runs, with_offsets
from sxstm.model import Pair, Severity
from sxstm.sxs.inline import Code, CodeKind, render_markdown

_WORD_RE = re.compile(r"\S*[^\W\d_]\S*")
# The word possessive (``{2,}+``): it is a whole word, so shorter tries of it cannot match.
_DOUBLED_WORD_RE = re.compile(r"\b(\w{2,}+)\s+\1\b", re.IGNORECASE)
# An option (--force, -o) or a path (/media, /groups, {shoe}/boat), not a part of a word:
# letter case matters in both (Linux folders, REST routes).
_CLI_OPTION_RE = re.compile(r"(?<![\w/.\-])(--?[A-Za-z][\w\-]*|/[A-Za-z][\w:]*)(?![\w/]|\.\w)")
# Group 1 matches where a sentence starts: the text's start (codes and spaces before it aside)
# or after final punctuation.
_AFTER_INLINE_RE = re.compile(r"(^[\s" + MASK + r"]*|[.!?:]\s*)?" + MASK + r" ([^\W\d_][^\W\d_]+)")
# Its group 2 alone: every word after an inline element, found without trying group 1 at each character.
_WORD_AFTER_INLINE_RE = re.compile(MASK + r" ([^\W\d_][^\W\d_]+)")
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_OPENING_QUOTES = "\"'\u201c\u2018\u201e\u00ab"
_QUOTED_RE = re.compile(f"[{_OPENING_QUOTES}]" + r"([a-z][\w-]*)[\"'\u201d\u2019\u201c\u00bb]")
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


def _may_double(text: str) -> bool:
    """Tell whether ``text`` may hold a doubled word (SX306's prefilter): whether
    :data:`_DOUBLED_WORD_RE` matches its masked text, as the check asks, asked only where
    :func:`_may_repeat` finds a word that ends as the next one starts (2.7 % of the bench's
    targets); or, in a text not all ASCII, whether :data:`_DOUBLED_HAN_RE` matches it.

    Not the pattern on the segment as written: that misses a word doubled next to a code that
    ends or starts with a word character (``**x**_word word_``, ``\\_word word``), where masking
    puts a word's boundary.
    """
    if _may_repeat(text) and _DOUBLED_WORD_RE.search(masked(text)) is not None:
        return True
    if text.isascii() or not _may_hold_han(text):
        return False
    # The pattern starts with a group, so the engine tries it at every character; a doubled run
    # starts at a Chinese character, which a class skips to (most texts not all ASCII have none:
    # three times as fast on the bench's Polish targets).
    first = _HAN_RE.search(text)
    return first is not None and _DOUBLED_HAN_RE.search(text, first.start()) is not None


# Chinese particles that end the word before them (的, 之, 中…): 中 starts a few compounds
# (中心), but ends 部分部分中, the study's most doubled word.
_PARTICLES = "的之中或和与與及了也都而得"
# A run of two to ten Chinese characters twice in a row, with no space between, as Chinese and
# Japanese write words (部分部分中, 文件文件。), where the second run ends a word: before another
# Chinese character or katakana it may start a compound (處理處理常式: the verb, then "handler
# routine"; 実行実行ファイル). Ten at most: a longer run is no word, and each more costs a pass.
_DOUBLED_HAN_RE = re.compile(f"([{HAN}]{{2,10}})\\1(?=[{_PARTICLES}]|[^{HAN}\u30a0-\u30ff]|$)")
_HAN_RE = re.compile(f"[{HAN}]")
# The first bytes of :data:`HAN`'s characters in UTF-8 (U+3400 to U+FAFF): a text's bytes without
# them hold no Chinese character. Each is looked for by memchr, where the pattern's class tested
# every character of a text (of the 40,792 Polish targets of an eighth of the bench, 7 have one).
# Bytes as numbers: ``bytes in bytes`` tries the needle as a number, and raises and clears a TypeError.
_HAN_LEADS: Final[tuple[int, ...]] = (0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEF)


def _may_hold_han(text: str) -> bool:
    """Tell whether ``text`` may hold a character of :data:`HAN`: whether its UTF-8 holds a byte
    that starts one (kana and a few symbols start so too)."""
    data = text.encode("utf-8", "surrogatepass")  # a target may hold any code point
    return any(lead in data for lead in _HAN_LEADS)  # a loop, compiled


def _may_repeat(text: str) -> bool:
    """Tell whether some word of ``text`` ends with two or more characters that the next word
    starts with, in any case: true wherever :data:`_DOUBLED_WORD_RE` matches ``text`` or its masked
    text, for the doubled word ends a word of ``text.split()`` and starts the next (masking
    replaces codes, never the text between them, so the doubled word and the spaces between stand
    as they are written).

    It looks at a word's characters only where the next word starts with one of them, where the
    pattern tests every character for a word character (a Unicode property) and each word for its
    double: two thirds of the time (compiled). ``str.lower`` lower-cases as the pattern compares,
    one character for one, but for two: the dotted capital I (two characters) and the capital
    sigma (final or not by its place); with them, it answers true.
    """
    if "\u0130" in text or "\u03a3" in text:
        return True
    words = text.lower().split()
    for index in range(1, len(words)):
        before, word = words[index - 1], words[index]
        last = len(before) - 1  # the doubled word has two characters or more: it starts before this
        start = before.find(word[0], 0, last)
        while start >= 0:
            if word.startswith(before[start:]):
                return True
            start = before.find(word[0], start + 1, last)
    return False


@check("SX306", "doubled-word", Severity.WARNING, target_needs=_may_double)
def doubled_word(pair: Pair, context: Context) -> Iterator[Message]:
    """No word twice in a row (``the the``, ``部分部分``), unless the source has it; numbers and
    hex aside.

    Articles and pronouns that the grammar repeats are not doubled words: German ``die die``
    (an article after a relative pronoun), French ``vous vous`` (a reflexive verb); nor is a
    German adjective before the noun of the same stem (``stille Stille``). Nor is a word the
    source repeats within a few words: a genitive chain mirrors it (``app's app assembly`` →
    ``zestawu aplikacji aplikacji``, ``log level of the Event Log`` → ``poziom dziennika
    dziennika zdarzeń``).

    Chinese and Japanese write words with no space between: there a run of two or more Chinese
    characters twice in a row is a doubled word (``大部分部分中``, ``文件文件。``) where the second
    run ends a word (before punctuation, a space, a Latin word, hiragana or a particle such as
    ``的``), but for ``一`` and a measure word, twice (``一个一个``, "one by one"). Before another
    Chinese character or katakana the second run may start a compound (``處理處理常式``, "handle
    the handler routine"; ``協助程式程式庫``, "helper library"), and a single character twice is
    the grammar's (``常常``, ``人々``): neither is looked at.
    """
    language = profile_of(context.locale)
    for match in _DOUBLED_WORD_RE.finditer(masked(pair.target.text)):
        word, second = match.group(1), match.group(0).split()[-1]
        if word.lower() in language.repeating_words:
            continue
        if _adjective_before_noun(language, word, second, pair) or _mirrors_chain(word, pair):
            continue
        if not re.fullmatch(r"[0-9a-fA-F]+", word) and f"{word} {word}".lower() not in masked(pair.source.text).lower():
            yield At(f"{word!r} twice in a row", raw_offset(pair.target.text, match.start()))
    for match in _DOUBLED_HAN_RE.finditer(masked(pair.target.text)):
        word = match.group(1)
        if not (len(word) == 2 and word[0] == "一") and match.group(0) not in pair.source.text:
            yield At(f"{word!r} twice in a row", raw_offset(pair.target.text, match.start()))


_NEAR = 5  # words: "log level of the Event Log"
# English function words that repeat in any sentence ("the app and the page"): not a chain.
_FUNCTION_WORD_LIST = "the and for are but not you your can was has have this that with from its all any our"
_FUNCTION_WORDS = frozenset(_FUNCTION_WORD_LIST.split())


def _mirrors_chain(word: str, pair: Pair) -> bool:
    """Tell whether the doubled ``word`` is a translated word (not one of the source: ``Paul
    Paul`` is a defect) and the source repeats a word near by, which it mirrors."""
    source = masked(pair.source.text)
    return word.lower() not in {w.lower() for w in _LETTERS_RE.findall(source)} and _repeats_near(source)


def _repeats_near(source: str) -> bool:
    """Tell whether ``source`` has a word (three letters or more, not a function word) twice
    within :data:`_NEAR` words."""
    words = [word.lower() for word in _LETTERS_RE.findall(source)]
    return any(
        len(word) > 2 and word not in _FUNCTION_WORDS and word in words[index + 1 : index + 1 + _NEAR]
        for index, word in enumerate(words)
    )


def _adjective_before_noun(language: LanguageProfile, word: str, second: str, pair: Pair) -> bool:
    """Tell whether ``word second`` is a lower-case word before the capitalised noun of its stem
    (German ``stille Stille``), the word not in the source (``copyright Copyright`` is a defect)."""
    if not (language.capitalises_nouns and word.islower() and second[0].isupper()):
        return False
    return word not in masked(pair.source.text).lower()


@check("SX307", "cli-option-altered", Severity.WARNING, source_needs="-/", target_needs="-/")
def cli_option_altered(pair: Pair, context: Context) -> Iterator[Message]:
    """Command-line options (``--force``, ``-o``) and paths (``/debug``, ``/media``) of the
    source reach the translation as written, letter case and all."""
    target = masked(pair.target.text)
    for option in sorted(set(_CLI_OPTION_RE.findall(masked(pair.source.text)))):
        if len(option) > 2 and option not in target and option.lower() in target.lower():
            at = target.lower().find(option.lower())
            what = "the path" if option.startswith("/") else "the option"
            yield At(f"{what} {option} is written differently in the translation", raw_offset(pair.target.text, at))


@check("SX311", "keyword-link-text-translated", Severity.WARNING, markup=True, source_needs="[", target_needs="[")
def keyword_link_text_translated(pair: Pair, context: Context) -> Iterator[Message]:
    """A link whose text is a language keyword (``[this](…)``, ``[null](…)``) keeps that text.

    The link must lead to the keyword's reference (its URL names the keyword, or a language
    reference): in ``By [default](#defaults)`` or ``[this](…) section`` the word is prose.
    Links are paired by their URL (``[try-catch](…/try-catch)`` and ``[catch](…/try-catch)``
    are two links to one page). Keywords that are also ordinary English words of prose
    (``an [implicit](…) version``, ``is [internal](…)``, ``a [struct](…)``) may be translated
    as words: for them only a re-cased keyword (``[Static]``) is reported.
    """
    source: dict[str, list[str]] = {}
    for text, url, _ in _links(pair.source.text):
        source.setdefault(url, []).append(text)
    if not any(text in KEYWORDS and _refers(text, url) for url, texts in source.items() for text in texts):
        return
    unmatched = []  # target links whose text no source link to the same URL has
    for text, url, offset in _links(pair.target.text):
        if text in source.get(url, ()):
            source[url].remove(text)
        elif url in source:
            unmatched.append((text, url, offset))
    for text, url, offset in unmatched:
        keywords = [word for word in source[url] if word in KEYWORDS and _refers(word, url)]
        if not keywords:
            continue
        keyword = keywords[0]
        source[url].remove(keyword)
        if keyword not in _ORDINARY_WORDS or text.lower() == keyword.lower():
            yield At(f"the keyword link [{keyword}] became [{text}]", offset)


# Keywords that are ordinary English words of prose, which a translation may render as words:
# "an [implicit](…) version", "is [internal](…)", "a [struct](…) containing a string"
# (precision study, Polish: translated rightly in each case).
_ORDINARY_WORD_LIST = """
abstract class delegate event explicit fixed implicit interface internal private protected public
sealed static struct unsafe virtual
"""
_ORDINARY_WORDS = frozenset(_ORDINARY_WORD_LIST.split())


_REFERENCE_RE = re.compile(r"language-reference|/keywords?/|/statements/|/operators/|builtin-types", re.IGNORECASE)
# Keywords that English prose links as words: "[this](…) section", "By [default](#defaults)".
_PROSE_WORDS = frozenset({"this", "default"})


def _refers(keyword: str, markup: str) -> bool:
    """Tell whether the link ``](url)`` leads to the reference of ``keyword``: always, but for
    the words prose links too, which must lead to a language reference or a page named after
    them (``…/keywords/this.md``), not to a section of the same page (``#default-configuration``)."""
    if keyword not in _PROSE_WORDS:
        return True
    url = markup[2:].split()[0].rstrip(")") if len(markup) > 2 else ""
    page = url.split("#")[0].split("?")[0].rstrip("/").rsplit("/", 1)[-1].lower()
    return bool(_REFERENCE_RE.search(url)) or (bool(page) and page.startswith(keyword))


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
    """A target identical to its source, words and all (4 or more words), may be untranslated.

    Not reported: copyright and licence lines (``Copyright (c) 2014 Mathias Buus``, ``atob 2.1.2
    - MIT``), which stay as written; names (``SQL Server Express LocalDB``, ``OneDrive for
    Business``), where no more than one word is an ordinary lower-case word and no one-word label
    stands before a colon (``Microsoft Azure: Key Vault`` is a name); and sources not in
    a Latin script (licence texts quoted in Russian), which are not English to translate.
    """
    same = pair.source.text == pair.target.text or masked(pair.target.text) == masked(pair.source.text)
    if not same:
        return
    source = masked(pair.source.text)
    words = _WORD_RE.findall(source)
    if len(words) >= 4 and not _LEGAL_RE.search(source) and _english_prose(source, words):
        yield At("the translation is the source, unchanged", 0)


# A copyright or licence line: kept as written in every language.
_LEGAL_RE = re.compile(
    r"\bcopyright\b|\(c\)|\u00a9|\ball rights reserved\b|\bSPDX\b|\s-\s(?:MIT|ISC|BSD|Apache-2\.0|MPL)\b", re.IGNORECASE
)
_PROSE_WORD_RE = re.compile(r"(?<![\w./\\-])[a-z]{3,}(?![\w./\\(-])")
# Words that join names (``Code of Conduct``, ``OneDrive for Business``): not a sign of prose.
_NAME_JOINERS = frozenset(
    ["and", "for", "the", "with", "from", "into", "via", "not", "of", "by", "in", "on", "to", "or", "at", "as"]
)
_LABEL_RE = re.compile(r"\W*[A-Za-z]+\W*:")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")


def _english_prose(text: str, words: list[str]) -> bool:
    """Tell whether ``text`` reads as English prose: letters mostly of the Latin script, and a
    label before a colon or two or more ordinary lower-case words (not joiners of names)."""
    letters = sum(char.isalpha() for char in text)
    if letters and len(_LATIN_RE.findall(text)) < letters / 2:
        return False
    if _LABEL_RE.match(text):
        return True  # a one-word label before a colon (``**Location**: OneDrive``) is a word to translate
    return sum(word not in _NAME_JOINERS for word in _PROSE_WORD_RE.findall(text)) >= 2


@check("SX402", "pair-in-code", Severity.INFO)
def pair_in_code(pair: Pair, context: Context) -> Iterator[Message]:
    """A pair inside a fenced code block: the English original probably left a fence unclosed.

    Not reported: a pair in a line indented by four spaces or more, which markdown shows as an
    indented code block. The English page shows the same text as code (licence boilerplate is
    indented so on purpose), and there is nothing in the translation to fix: read blind, 7 of 15
    such findings were judged real, most for another defect of their text (study, round 4: de 0
    of 5, "nothing for a translator to fix"; ja 2 of 5; zh 5 of 5).
    """
    if pair.in_code and pair.context.rsplit("/", 1)[-1] != "code-block":
        yield "the pair lies inside a fenced code block: a fence (```) above it is probably left unclosed"


@check("SX403", "length-ratio", Severity.INFO)
def length_ratio(pair: Pair, context: Context) -> Iterator[Message]:
    """A translation far shorter or longer than its source (under a third, over three times).

    Lengths are weighed by script: a Chinese, Japanese or Korean character counts as 2.5 Latin
    ones. One Han character holds a word or a syllable; in the study, English needed 3.6 letters
    per character of a Chinese translation and 2.1 of a Japanese one (kana are syllables), so
    plain counts made 4,678 of one Chinese folder's pairs "0.3 times as long".
    """
    source = len(pair.source.text.strip())
    if source < 30:
        return
    text = pair.target.text.strip()
    if source / 3 + 1 < len(text) and len(text) * _WIDE_WEIGHT + 1 < source * 3:
        return  # within the bounds however many of its characters are wide: no need to count them
    target = _weighed_length(text)
    if target and not 1 / 3 <= target / source <= 3:
        yield At(f"the translation is {target / source:.1f} times as long as the source (by weighed length)", 0)


_WIDE_RE = re.compile(r"[\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
_WIDE_WEIGHT = 2.5


def _weighed_length(text: str) -> float:
    """The length of ``text``, a CJK character counted as :data:`_WIDE_WEIGHT` Latin ones."""
    wide = len(_WIDE_RE.findall(text)) if not text.isascii() else 0
    return len(text) + wide * (_WIDE_WEIGHT - 1)


@check("SX404", "capitalised-after-inline-element", Severity.INFO, markup=True)
def capitalised_after_inline_element(pair: Pair, context: Context) -> Iterator[Message]:
    """A word after an inline element mid-sentence is capitalised only where the source's is
    (``metoda \\`Run\\` Zwraca``).

    Not checked for German, which capitalises nouns, nor for Chinese, Japanese and Korean, which
    have no capitals (a capitalised word there is an English name). A word the source also
    writes capitalised is a name (``Power Automate``, ``Kaizala``), not a defect, nor one that
    starts a translated product name with the source's acronym (``IIS Manager`` → ``Menedżera
    usług IIS``).
    """
    locale = context.locale.lower()
    if locale.startswith(_NO_SENTENCE_CASE):
        return
    target = masked(pair.target.text)
    if not _upper_after_inline(target) or not any(_capitalised(word) for word in _WORD_AFTER_INLINE_RE.findall(target)):
        return  # the usual case, told apart before the sentence starts are looked for
    source_words = set(_LETTERS_RE.findall(masked(pair.source.text)))
    capitals = [
        m
        for m in _AFTER_INLINE_RE.finditer(target)
        if m.group(1) is None
        and _capitalised(m.group(2))
        and m.group(2) not in source_words
        and not _names_product(target[m.end(2) :], source_words)
    ]
    if not capitals:
        return
    source = [m for m in _AFTER_INLINE_RE.finditer(masked(pair.source.text)) if m.group(1) is None]
    if len(capitals) > sum(_capitalised(m.group(2)) for m in source):
        word = capitals[0]
        yield At(
            f"{word.group(2)!r} is capitalised after an inline element", raw_offset(pair.target.text, word.start(2))
        )


_MASK_SPACE = MASK + " "


def _upper_after_inline(text: str) -> bool:
    """Tell whether an upper-case character follows an element and a space in the masked
    ``text``, as the first letter of every capitalised word ``_WORD_AFTER_INLINE_RE`` finds:
    found by ``str.find``, where the pattern made a list of every word after an element (534 of
    the 11,181 masked targets of docs/csharp with an element pass this test)."""
    at = text.find(_MASK_SPACE)
    while at != -1:
        if text[at + 2 : at + 3].isupper():
            return True
        at = text.find(_MASK_SPACE, at + 2)
    return False


def _names_product(after: str, source_words: set[str]) -> bool:
    """Tell whether an acronym of the source (``IIS``) follows within two words."""
    return any(word.isupper() and len(word) > 1 and word in source_words for word in _LETTERS_RE.findall(after)[:2])


# German and Luxembourgish capitalise nouns; Chinese, Japanese and Korean have no capitals.
_NO_SENTENCE_CASE = ("de", "lb", "zh", "ja", "ko")


def _capitalised(word: str) -> bool:
    return word[0].isupper() and word[1:].islower()


@check("SX405", "capitalised-quoted-placeholder", Severity.INFO, source_needs=_OPENING_QUOTES)
def capitalised_quoted_placeholder(pair: Pair, context: Context) -> Iterator[Message]:
    """A quoted lower-case name of the source (``"myapp"``) is not capitalised in the translation.

    In German, which capitalises nouns, a quoted plain word in prose (``"Clients"``, ``"Server"``)
    is written as a noun; there only names that look like code (``fontStyle``, ``my-app``,
    ``item2``) or JSON keys and values (``"left",``, ``"operator":``) are checked.
    """
    target = masked(pair.target.text)
    source = masked(pair.source.text)
    nouns = context.locale.lower().startswith(("de", "lb"))
    for name in sorted(set(_QUOTED_RE.findall(source))):
        if nouns and name.isalpha() and name.islower() and not _in_json(source, name):
            continue
        changed = name[0].upper() + name[1:]
        if name not in target and re.search(rf"\b{re.escape(changed)}\b", target):
            yield At(f"{name!r} became {changed!r}", raw_offset(pair.target.text, target.find(changed)))


def _in_json(text: str, name: str) -> bool:
    """Tell whether ``name`` stands quoted as a JSON key or value in ``text``."""
    quoted = rf"[\"']{re.escape(name)}[\"']"
    return re.search(rf"{quoted}\s*[:,}}\]]|[:\[{{]\s*{quoted}", text) is not None
