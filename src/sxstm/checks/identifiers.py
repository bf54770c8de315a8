"""Checks that identifiers and file names reach the translation whole: not split at their dots,
not re-cased, not translated inside link text."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Final

from sxstm.checks.glossary import Terms
from sxstm.checks.registry import At, Context, Message, check
from sxstm.checks.text import CJK, MASK, anchor, masked, raw_offset, runs, with_offsets
from sxstm.model import Pair, Severity
from sxstm.sxs.inline import Code, CodeKind

# A dotted name of the source: words joined by dots with no space (System.IO, Index.cshtml,
# launchSettings.json, ConsoleApi2.h), not a number (3.0) nor a part of a longer dotted word.
_DOTTED_RE = re.compile(r"(?<![\w.])[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")
# Two words of the translation a dot joins with a space after it, before it, or both
# (index. cshtml, WinConTypes .h, Cookie . Domain).
_SPLIT_RE = re.compile(r"(?<![\w.])([A-Za-z_]\w*)(?: ?\. | \.)([A-Za-z_]\w*)")
_SPACED_DOT_RE = re.compile(r"\s*\.\s*")


@check("SX209", "identifier-split", Severity.ERROR, source_needs=".", target_needs=(". ", " ."))
def identifier_split(pair: Pair, context: Context) -> Iterator[Message]:
    """Dotted identifiers and file names stay whole (``System.Exception`` must not become
    ``System. Exception``, nor ``Index.cshtml`` become ``index. cshtml``).

    Machine translation reads the dot of a name as the end of a sentence and puts a space after
    it (or before it), often lower-casing the part before it. A split is reported where the
    source holds the name whole (in any case), so a sentence break the translation adds between
    two words is not one; dotted initials and abbreviations (``W.Y.``, ``e.g.``) are left out.
    """
    target_text = pair.target.text
    names = _dotted_names(masked(pair.source.text))
    if not names:
        return
    source = masked(pair.source.text)
    target = masked(target_text)
    for match in _SPLIT_RE.finditer(target):
        joined = f".{match.group(1)}.{match.group(2)}.".lower()
        whole = next((name for name in names if joined in f".{name.lower()}."), None)
        if whole is not None and match.group(0) not in source:
            written = _as_written(source, joined.strip("."))
            yield At(f"{written} is split as {match.group(0)!r}", raw_offset(target_text, match.start()))


def _dotted_names(source: str) -> list[str]:
    """The dotted names of the masked source, those whose every part is one letter left out."""
    if not _may_hold_dotted(source):
        return []
    return [name for name in _DOTTED_RE.findall(source) if not _initials(name)]


def _initials(name: str) -> bool:
    """Tell whether every part of the dotted ``name`` is one letter (``e.g.``, ``W.Y.``)."""
    return all(len(part) <= 1 for part in name.split("."))


def _may_hold_dotted(text: str) -> bool:
    """Tell whether a dot of ``text`` stands between a word character and an ASCII letter or
    ``_``, as in every match of ``_DOTTED_RE``: a dot ends most sentences and joins most names in
    code spans, masked; the pattern, tried at every letter, took half of SX209's time."""
    at = text.find(".")
    while at != -1:
        after = text[at + 1 : at + 2]
        if (after == "_" or "a" <= after <= "z" or "A" <= after <= "Z") and at and _is_word(text[at - 1]):
            return True
        at = text.find(".", at + 1)
    return False


def _is_word(char: str) -> bool:
    """Tell whether ``char`` is a word character (``\\w``)."""
    return char.isalnum() or char == "_"


def _as_written(source: str, joined: str) -> str:
    """``joined`` (lower case) as the source writes it."""
    start = source.lower().find(joined)
    return source[start : start + len(joined)] if start >= 0 else joined


# A link text that is an identifier or a path as a whole: dotted (Clients.All, global.json),
# camel case (launchSettings, DataAnnotations, IdentityServer4), snake case, or a path of three
# parts or more (dotnet/core/aspnet); two words joined by a slash (publish/subscribe) are English.
_IDENTIFIER_RE = re.compile(
    r"[A-Za-z_][\w\-]*(?:/[\w\-.]+)*\.[A-Za-z_][\w\-.]*(?:/[\w\-.]+)*"
    r"|[A-Za-z_][\w\-]*(?:/[\w\-]+){2,}"
    r"|_?[a-z]+[A-Z]\w*|[A-Z]\w*[a-z][A-Z]\w*|[A-Za-z]\w*_\w+"
)
_LINK_OPENERS = frozenset({"link", "html:a"})


@check("SX214", "link-text-identifier-changed", Severity.ERROR, markup=True, source_needs="[<")
def link_text_identifier_changed(pair: Pair, context: Context) -> Iterator[Message]:
    """A link text that is an identifier or a file name reaches the translation whole
    (``[launchSettings.json](…)`` must not become ``[launchSettings.jsw](…)``, nor
    ``[context.Fail](…)`` become ``[kontekst. Nie powiodło się](…)``).

    The text of a link to an API or a file names it, in markdown links and in ``<a>`` tags alike:
    it is code, not prose. The name must stand somewhere in the translation as the source writes
    it. A name only split at its dots is left to SX209 identifier-split, a camel-case word only
    changed in case to SX216 identifier-recased, an emptied link text to SX316 link-text-moved.
    """
    names = _identifier_link_texts(pair.source.text)
    if not names:
        return
    target = _readable(pair.target.text)
    folded = _SPACED_DOT_RE.sub(".", target).lower()
    emptied = _emptied_links(pair.target.text)
    for name, closing in names:
        if name not in target and name.lower() not in folded and closing not in emptied:
            yield At(
                f"the link text {name!r} is missing or altered in the translation",
                _link_text_at(pair.target.text, closing),
            )


def _emptied_links(text: str) -> set[str]:
    """The closing markup of the links of ``text`` whose text is empty (SX316 link-text-moved's)."""
    parts = runs(text)
    emptied = set()
    for index, run in enumerate(parts[:-1]):
        closing = parts[index + 1]
        if (
            isinstance(run, Code)
            and run.type in _LINK_OPENERS
            and run.partner == index + 1
            and isinstance(closing, Code)
        ):
            emptied.add(closing.markup)
    return emptied


def _readable(text: str) -> str:
    """``text`` as a reader sees it: its words and code spans, other markup (URLs) masked."""
    return "".join(run if isinstance(run, str) else run.markup if run.type == "code" else MASK for run in runs(text))


def _identifier_link_texts(text: str) -> list[tuple[str, str]]:
    """The link texts of ``text`` that are an identifier or a path as a whole, each with the
    markup that closes its link."""
    parts = runs(text)
    found = []
    for index, run in enumerate(parts[:-2]):
        if isinstance(run, Code) and run.kind is CodeKind.OPEN and run.type in _LINK_OPENERS:
            inner, closing = parts[index + 1], parts[index + 2]
            if isinstance(inner, str) and isinstance(closing, Code) and run.partner == index + 2:
                name = inner.strip()
                if _IDENTIFIER_RE.fullmatch(name):
                    found.append((name, closing.markup))
    return found


# A capital after a small letter, looked for from the capital: the scan skips ahead to capitals
# (rare) rather than stopping at every small letter, as ``[a-z][A-Z]`` does.
_CAMEL_HINT_RE = re.compile(r"[A-Z](?<=[a-z][A-Z])")


# For has_camel_case: each byte of ASCII small letters made "a", of capitals "A", any other a space.
_LETTER_CASES: Final = bytes(
    ord("a") if "a" <= chr(byte) <= "z" else ord("A") if "A" <= chr(byte) <= "Z" else ord(" ") for byte in range(256)
)


# The text of the last call and the answer: SX216 (through _may_hold_names) and SX217 ask it of
# each source, one after the other (a pattern's search of an ASCII text costs 6 ns a character).
_last_camel: tuple[str, bool] = ("", False)


def has_camel_case(text: str) -> bool:
    """Tell whether ``text`` has a small letter before a capital, as every camel-case name does."""
    global _last_camel
    if _last_camel[0] is not text:
        _last_camel = (text, _small_before_capital(text))
    return _last_camel[1]


def _small_before_capital(text: str) -> bool:
    """Tell whether :data:`_CAMEL_HINT_RE` finds a capital after a small letter in ``text``:
    whether its UTF-8, each ASCII small letter made ``a``, each capital ``A`` and every other byte
    a space, holds ``aA`` (UTF-8 writes ASCII characters as their bytes, and no other character
    with a byte below 0x80). The pattern called a function on every character and matched at
    every capital."""
    letters = text.encode("utf-8", "surrogatepass").translate(_LETTER_CASES)  # a source may hold any code point
    # (find, not ``in``: ``bytes in bytes`` tries the needle as a number first, and raises and
    # clears a TypeError)
    return letters.find(b"aA") != -1


def _may_hold_names(text: str) -> bool:
    """Tell whether ``text`` may hold a name SX216 looks at: one in camel case or a dotted one."""
    return has_camel_case(text) or _may_hold_dotted(text)


@check("SX216", "identifier-recased", Severity.WARNING, source_needs=_may_hold_names)
def identifier_recased(pair: Pair, context: Context) -> Iterator[Message]:
    """A name in camel case or a dotted name keeps its capitals (``HistoryBufferSize`` must not
    become ``Historybuffersize``, nor ``toString`` become ``ToString``, nor ``gRPC`` become
    ``GRPC``, nor ``Program.cs`` become ``program.cs``).

    An identifier is matched by case in code, a file name on Linux and in URLs, and a product
    name is written one way; machine translation re-cases them, at the start of a sentence and
    inside link text alike. Reported where the translation holds the name only in other
    capitals, as a word of its own (not in a path, a URL or a longer word; Chinese, Japanese and
    Korean characters beside it are no part of it), a variant the source does not write itself.
    Not looked at: names within the protected terms of the source (SX213's: ``DevOps`` of
    ``Azure DevOps``; a ``DevOps`` of its own is looked at), parts of dotted names and paths
    (``appModel`` of ``appModel.json``: the whole name is looked at), and domain names
    (``nuget.org`` as ``NuGet.org``: a domain name is the same in any capitals).
    """
    source = masked(pair.source.text)
    names = _camel_names(source) | _cased_dotted_names(source)
    if not names:
        return
    target_text = pair.target.text
    target = masked(target_text)
    protected = _protected(context.terms)
    lowered = source.lower()
    reported: set[int] = set()  # one finding a word: ToString and toString may meet at one
    for name in sorted(names):
        if name in target or any(term in lowered for term in protected.get(name.lower(), ())):
            continue
        for variant in _any_case(name, target):
            if variant.group(0) not in source and variant.start() not in reported:
                reported.add(variant.start())
                yield At(f"{name} is written {variant.group(0)!r}", raw_offset(target_text, variant.start()), len(name))
                break


# The last parts of domain names (jwt.ms, nuget.org, contoso.local), as a source writes them:
# the generic top-level domains, a local network's, and those of countries docs name most; none
# a file extension docs name (not .pl: Perl).
_DOMAINS = frozenset({
    "com", "org", "net", "io", "ms", "dev", "edu", "gov", "info", "biz", "co", "app", "ai", "me",
    "ly", "local", "us", "uk", "eu", "de", "fr", "es", "nl", "ch", "ru", "in", "jp", "cn", "tw",
    "kr", "br", "ca", "au",
})  # fmt: skip
# A dotted name as a word of its own, with the hyphens of its parts but the last (install-worker.sh,
# System.IO, Index.cshtml.cs; Web.config of Web.config-based), not in a path or a longer dotted
# word.
_WHOLE_DOTTED_RE = re.compile(
    r"(?<![\w./\\-])[A-Za-z_]\w*(?:-\w+)*(?:\.[A-Za-z_]\w*(?:-\w+)*)*\.[A-Za-z_]\w*(?![\w/\\]|\.\w)"
)


def _cased_dotted_names(source: str) -> set[str]:
    """The dotted names of the masked ``source`` whose capitals count: not all of their parts
    one letter (``e.g.``), nor domain names, those ending in a top-level domain in small letters
    (``nuget.org``, ``KissLog.net``; not ``ASP.NET``)."""
    if not _may_hold_dotted(source):
        return set()
    return {
        name
        for name in _WHOLE_DOTTED_RE.findall(source)
        if name.rpartition(".")[2] not in _DOMAINS and not _initials(name)
    }


@check("SX217", "identifier-translated", Severity.INFO, source_needs=has_camel_case)
def identifier_translated(pair: Pair, context: Context) -> Iterator[Message]:
    """A name in lower camel case (a parameter, a field, a variable: ``groupId``, ``lpBuffer``,
    ``newValue``) reaches the translation: not translated (``isPinned`` → ``isangeheftet``), not
    altered (``lpNumberOfCharsWritten`` → ``lpnumofcharswritten``), not dropped.

    Such a name is code, and a reader looks for it as written. Reported where the source sets
    the name apart as code and the translation holds it nowhere as a word, in any capitals
    (SX216 reports it re-cased; a URL does not count), marked where it would stand. Set apart
    is a name enclosed in markup, quotes or brackets (``*lpWriteRegion*``, ``'typeA'``), before
    ``:`` or ``=``, in a call (``Encrypt(XElement plaintextElement)``), after ``$`` or ``@``, or
    the whole of its segment (a heading, a table cell). Not looked at: a name as a word of a
    sentence (``fetch all the subGroups``: translated as a common noun, it may read right), the
    whole text of a link (SX214's), names in upper camel case (class, product and feature names,
    which a translation may give in its language: ``PivotTable``), a small ``e``, ``i`` or ``v``
    before one capitalised word (``eBook``, ``iPhone``, ``vCard``: common nouns and brands; not
    ``iRidMax``), names of three letters or fewer (units: ``kWh``, ``dB``), and protected terms
    (SX213's: ``macOS``). An info, not a warning: some styles localize the placeholders of a
    command's syntax (``*threadNumber*`` as ``*NumerWątku*``), and nothing in a pair tells one
    from a parameter's name translated.
    """
    source = masked(pair.source.text)
    places = {name: _set_apart_at(source, name) for name in _camel_names(source) if _is_code_name(name)}
    names = sorted(name for name, at in places.items() if at >= 0)
    if not names:
        return
    target = _readable(pair.target.text)
    protected = _protected(context.terms)
    for name in names:
        if name.lower() in protected or next(_as_word(name, target), None) is not None:
            continue
        if name in {text for text, _ in _identifier_link_texts(pair.source.text)}:
            continue  # the whole text of a link: SX214's
        source_offset = raw_offset(pair.source.text, places[name])
        at = anchor(pair.source.text, pair.target.text, source_offset)
        yield At(f"{name} is translated, altered or lost (marked where it would stand)", at, 0, source_offset)


# A small e, i or v before one capitalised word: eBook, iPhone, iOS, vCPUs.
_PREFIXED_WORD_RE = re.compile(r"[eiv](?:[A-Z][a-z]+|[A-Z]+)s?")


def _is_code_name(name: str) -> bool:
    """Tell whether a camel-case word is a name of code SX217 looks for: see its docstring."""
    return len(name) > 3 and name[0].islower() and not _PREFIXED_WORD_RE.fullmatch(name)


# The marks that enclose a name as code: markup (masked), quotes and brackets.
_BEFORE_MARKS = frozenset(MASK + "\"'“„‘«([{<")
_AFTER_MARKS = frozenset(MASK + "\"'”‘’»)]}>")
# After a name (and the markup or quote that closes it), what assigns it a value; not a colon
# that ends the segment ("as implemented in eShopOnContainers:", before a sample).
_ASSIGNED_RE = re.compile(f"[{MASK}\"']? ?[:=](?!\\s*$)")
# What may stand around a name that is the whole of its segment: a list's or a heading's marks.
_LABEL_MARKS = MASK + " \t●▸•-–—*:;,."


def _set_apart_at(source: str, name: str) -> int:
    """Where the masked ``source`` first sets ``name`` apart as code, as a word of its own (see
    SX217's docstring); -1 where it does not."""
    if source.strip(_LABEL_MARKS) == name:
        return source.find(name)
    at = source.find(name)
    while at != -1:
        end = at + len(name)
        before, after = source[at - 1 : at] if at else " ", source[end : end + 1] or " "
        if not _is_word(before) and not _is_word(after):
            possessive = after in "'’" and _is_word(source[end + 1 : end + 2] or " ")  # certA's file
            enclosed = before in _BEFORE_MARKS and after in _AFTER_MARKS and not possessive
            if enclosed or before in "$@" or _ASSIGNED_RE.match(source, end) or _in_call(source, at, after):
                return at
        at = source.find(name, end)
    return -1


def _in_call(source: str, at: int, after: str) -> bool:
    """Tell whether the name at ``at`` closes the arguments of a call (``Encrypt(XElement
    element)``): a ``)`` after it whose ``(`` follows a word, not one of a sentence's aside
    (``(for example, the label, or correlationID)``)."""
    opening = source.rfind("(", 0, at)
    return after == ")" and opening > 0 and _is_word(source[opening - 1])


def _camel_names(text: str) -> set[str]:
    """The words of ``text`` with a capital after a small letter, each an identifier or a name in
    camel case (toString, GetConsoleAlias, HistoryBufferSize, gRPC): ASCII letters only, and not
    a part of a longer word, a dotted name, a path or a hyphenated word (SX209's and SX214's).
    Found from each such capital outwards (a pattern of the whole word, tried at every letter,
    took four times as long)."""
    names: set[str] = set()
    if not _small_before_capital(text):
        return names  # no hint to find (most masked sources that SX216 and SX217 ask)
    end = 0
    for hint in _CAMEL_HINT_RE.finditer(text):
        if hint.start() < end:
            continue  # a capital of the word just found
        start = hint.start() - 1
        while start and _is_ascii_letter(text[start - 1]):
            start -= 1
        end = hint.end()
        while end < len(text) and _is_ascii_letter(text[end]):
            end += 1
        before, after = text[start - 1 : start] if start else "", text[end : end + 1]
        if before and (_is_word(before) or before in ".-/\\"):
            continue
        if after and (_is_word(after) or after in "-/\\" or (after == "." and _is_word(text[end + 1 : end + 2]))):
            continue
        names.add(text[start:end])
    return names


def _is_ascii_letter(char: str) -> bool:
    return "a" <= char <= "z" or "A" <= char <= "Z"


def _any_case(name: str, text: str) -> Iterator[re.Match[str]]:
    """``name`` in ``text`` as a word of its own, in any capitals: not in a longer word, a path, a
    URL or a dotted name, but before or after a hyphen (``Getconsolecp-Funktion``, ``IOS-App``:
    German and Polish join a name to a word so) or a Chinese, Japanese or Korean character
    (``program.csを``: these languages do not space words, or attach particles to them)."""
    return _bounded(name, text, whole=True)


def _as_word(name: str, text: str) -> Iterator[re.Match[str]]:
    """``name`` in ``text`` as a word, in any capitals, wherever it stands (a path, a dotted
    name): a Chinese, Japanese or Korean character beside it is no part of it."""
    return _bounded(name, text, whole=False)


def _bounded(name: str, text: str, *, whole: bool) -> Iterator[re.Match[str]]:
    """The places of ``name`` in ``text`` in any capitals, between no letters of a spaced
    language; ``whole``: nor in a path or a dotted name (see :func:`_any_case`). A place refused
    is looked past by one character, as a pattern with these bounds would."""
    if not _may_stand_in(name, text):
        return  # the usual case (the name is not there in any capitals): no pattern compiled
    pattern = _literal(name)
    found = pattern.search(text)
    while found is not None:
        start, end = found.span()
        before, after = text[start - 1 : start], text[end : end + 1]
        kept = not _is_letter(before) and not _is_letter(after)
        if kept and whole:
            dotted = after == "." and _is_letter(text[end + 1 : end + 2])
            kept = before not in (".", "/", "\\") and after not in ("/", "\\") and not dotted
        if kept:
            yield found
        found = pattern.search(text, end if kept and end > start else start + 1)


# The characters not ASCII that a pattern with re.IGNORECASE takes for an ASCII letter: the dotted
# capital I and the dotless small i (for i), the long s (for s) and the Kelvin sign (for k).
_FOLDED_TO_ASCII = "\u0130\u0131\u017f\u212a"


def _may_stand_in(name: str, text: str) -> bool:
    """Tell whether :func:`_literal` of ``name`` may match ``text``: false only where an ASCII
    ``name`` is not in ``text`` in any capitals, asked by ``str.lower`` (of ``text``'s ASCII
    characters, the only ones an ASCII letter matches but those of :data:`_FOLDED_TO_ASCII`, it
    lower-cases as the pattern compares). Most names of SX216 and SX217 are not in the
    translation in any capitals: each compiled a pattern (of 1,564 documents, 519 names missed
    the cache at 167,000 instructions each) to find nothing."""
    if not name.isascii() or (not text.isascii() and any(char in text for char in _FOLDED_TO_ASCII)):
        return True
    return name.lower() in text.lower()


@functools.lru_cache(maxsize=1024)
def _literal(name: str) -> re.Pattern[str]:
    """``name`` in any capitals. (Its bounds are asked apart: a pattern with a class of words but
    CJK took milliseconds to compile, for each of thousands of names.)"""
    return re.compile(re.escape(name), re.IGNORECASE)


# A word character of a language that spaces its words: not Chinese, Japanese or Korean.
_LETTER_RE = re.compile(f"[^\\W{CJK}]")


def _is_letter(char: str) -> bool:
    """Tell whether ``char`` (one character, or none) is a word character of a spaced language."""
    return _LETTER_RE.match(char) is not None


@functools.lru_cache(maxsize=16)
def _protected(terms: Terms) -> dict[str, tuple[str, ...]]:
    """The source terms of ``terms`` by each of their words, all in small letters."""
    by_word: dict[str, tuple[str, ...]] = {}
    for term, _ in terms:
        for word in term.lower().split():
            by_word[word] = (*by_word.get(word, ()), term.lower())
    return by_word


def _link_text_at(text: str, closing: str) -> int:
    """Where the text of the link closed by ``closing`` starts in ``text`` (else of the first
    link; 0 if there is none)."""
    parts = runs(text)
    offsets = {index: offset for offset, index, _ in with_offsets(text)}
    first = None
    for index, run in enumerate(parts):
        if isinstance(run, Code) and run.kind is CodeKind.OPEN and run.type in _LINK_OPENERS:
            start = offsets[index] + len(run.markup)
            partner = parts[run.partner] if run.partner is not None else None
            if isinstance(partner, Code) and partner.markup == closing:
                return start
            first = start if first is None else first
    return first or 0
