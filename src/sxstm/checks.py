"""QA checks on pairs: a registry of small functions, each documented by its docstring.

A check takes a pair and yields messages; the runner turns each into a finding at the pair's
location. Codes are stable and never reused. Register a check with :func:`check`; the CLI,
``--list-checks``, the README table and the tests iterate :data:`CHECKS`.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sxstm.inline import Code, CodeKind, Run, parse_inline
from sxstm.model import Document, Finding, Pair, Severity

CheckFunction = Callable[[Pair], Iterator[str]]


@dataclass(frozen=True, slots=True)
class Check:
    """A registered check."""

    code: str
    name: str
    severity: Severity
    function: CheckFunction

    @property
    def summary(self) -> str:
        """The first line of the check's documentation."""
        return (self.function.__doc__ or "").strip().splitlines()[0]


CHECKS: dict[str, Check] = {}


def check(code: str, name: str, severity: Severity) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check under a stable ``code`` and a kebab-case ``name``."""

    def register(function: CheckFunction) -> CheckFunction:
        if code in CHECKS or any(existing.name == name for existing in CHECKS.values()):
            raise ValueError(f"check {code} {name} is registered twice")
        CHECKS[code] = Check(code, name, severity, function)
        return function

    return register


def run_checks(document: Document, checks: tuple[Check, ...] | None = None) -> list[Finding]:
    """Run ``checks`` (default: all) on every pair of ``document``; the reader's findings first,
    then the checks' in pair order."""
    findings = list(document.findings)
    for pair in document.pairs:
        fingerprint = ""
        for registered in tuple(CHECKS.values()) if checks is None else checks:
            for message in registered.function(pair):
                fingerprint = fingerprint or pair_fingerprint(pair)
                findings.append(
                    Finding(
                        document.path,
                        pair.line,
                        pair.column,
                        registered.severity,
                        registered.code,
                        registered.name,
                        message,
                        pair.id,
                        fingerprint,
                    )
                )
    return findings


def pair_fingerprint(pair: Pair) -> str:
    """Hash the pair's source and target, whitespace folded: a baseline entry outlives line moves."""
    text = " ".join(pair.source.text.split()) + "\0" + " ".join(pair.target.text.split())
    return hashlib.sha256(text.encode()).hexdigest()[:16]


_IMAGE_TEXT_RE = re.compile(r"^!\[.*\](?=[(\[])", re.DOTALL)


@functools.lru_cache(maxsize=1024)
def _runs(text: str) -> tuple[Run, ...]:
    """The inline runs of a segment, parsed once for all the checks of a pair."""
    return parse_inline(text)


def _codes(text: str, *types: str) -> Counter[str]:
    """Count the markup of the codes of ``types`` in a segment (of an image, what follows its
    alt text, which is for translation)."""
    return Counter(
        _IMAGE_TEXT_RE.sub("![…]", run.markup) if run.type == "image" else run.markup
        for run in _runs(text)
        if isinstance(run, Code) and run.kind is not CodeKind.OPEN and run.type in types
    )


def _lost(pair: Pair, *types: str) -> list[str]:
    return sorted((_codes(pair.source.text, *types) - _codes(pair.target.text, *types)).elements())


@check("SX201", "code-span-changed", Severity.ERROR)
def code_span_changed(pair: Pair) -> Iterator[str]:
    """Inline code must reach the translation unchanged.

    Code spans hold identifiers, commands and paths. A translation may move them but must not
    alter, drop or merge them.
    """
    for code in _lost(pair, "code"):
        yield f"{code} is missing or altered in the translation"


@check("SX202", "link-target-changed", Severity.ERROR)
def link_target_changed(pair: Pair) -> Iterator[str]:
    """Link and image targets must stay as in the source.

    The ``](url "title")`` part of a link, and a whole image, are not for translation: a changed
    URL breaks the link.
    """
    for code in _lost(pair, "link", "image"):
        yield f"{code} is missing or altered in the translation"


@check("SX203", "xref-changed", Severity.ERROR)
def xref_changed(pair: Pair) -> Iterator[str]:
    """Autolinks and ``<xref:…>`` references must reach the translation unchanged."""
    for code in _lost(pair, "autolink"):
        yield f"{code} is missing or altered in the translation"


@check("SX204", "html-tag-changed", Severity.ERROR)
def html_tag_changed(pair: Pair) -> Iterator[str]:
    """HTML tags of the source must all be in the translation, unchanged."""
    source = Counter(
        run.markup for run in parse_inline(pair.source.text) if isinstance(run, Code) and run.type.startswith("html:")
    )
    target = Counter(
        run.markup for run in parse_inline(pair.target.text) if isinstance(run, Code) and run.type.startswith("html:")
    )
    for tag in sorted((source - target).elements()):
        yield f"{tag} is missing or altered in the translation"


@check("SX205", "docfx-token-changed", Severity.ERROR)
def docfx_token_changed(pair: Pair) -> Iterator[str]:
    """Docfx tokens (``[!INCLUDE[…](…)]``, ``:::image …:::``) and ``{0}`` placeholders must stay."""
    for code in _lost(pair, "include", "alert", "docfx", "placeholder"):
        yield f"{code} is missing or altered in the translation"


_DAMAGED_ENTITY_RE = re.compile(r"&\s+#?\s*[A-Za-z0-9]+\s*;|&#?[A-Za-z0-9]+\s+;|&\s*#\s+x?[0-9A-Fa-f]+\s*;")


@check("SX206", "entity-damaged", Severity.ERROR)
def entity_damaged(pair: Pair) -> Iterator[str]:
    """HTML entities must not be split by spaces (``&lt ;``, ``& # x1F47D;``).

    Machine translation sometimes inserts spaces inside entities; the page then shows the
    entity's letters instead of the character.
    """
    for damaged in _DAMAGED_ENTITY_RE.findall(pair.target.text):
        if damaged not in pair.source.text:
            yield f"entity {damaged!r} is broken by spaces"


@check("SX207", "empty-target", Severity.ERROR)
def empty_target(pair: Pair) -> Iterator[str]:
    """A pair whose source has text must have a target with text."""
    if pair.source.text.strip() and not pair.target.text.strip():
        yield "the translation is empty"


_MASK = "\uffff"  # stands for a code in masked text: never in real text, never a word character


@functools.lru_cache(maxsize=1024)
def masked(text: str) -> str:
    """Return ``text`` with every code (code span, link half, HTML tag…) replaced by one mask
    character, so that spacing, punctuation and number checks see only the words."""
    return "".join(_MASK if isinstance(run, Code) else run for run in _runs(text))


# A version: a dotted number after a name (Core 3.0, C# 7.3, .NET Framework 4.5, version 2.1).
_VERSION_RE = re.compile(r"(?:[A-Z][\w.#+]*|[Vv]ersion|v) (\d+)\.(\d+)(?:\.\d+)*(?![\d.,]*\d)")
_IDENTIFIER_SPLIT_RE = re.compile(r"\b([A-Z][A-Za-z0-9]*)\. ([A-Z][A-Za-z0-9]*)\b")
_OPERATOR_SPLIT_RE = re.compile(r"(?<![=!<>])([=!<>]) (=)(?!=)")
_SPACE_BEFORE_PUNCTUATION_RE = re.compile(_MASK + r" +[.,;:!?)]")
_GLUED_RE = re.compile(_MASK + r"(?=[^\W\d_])|(?<=[^\W\d_])" + _MASK)


@check("SX208", "version-localised", Severity.ERROR)
def version_localised(pair: Pair) -> Iterator[str]:
    """Version numbers keep their dots (``ASP.NET Core 3.0`` must not become ``3,0``).

    A decimal comma is right for quantities, but version numbers are names.
    """
    target = masked(pair.target.text)
    for match in _VERSION_RE.finditer(masked(pair.source.text)):
        version = match.group(0).rsplit(" ", 1)[-1]
        localised = f"{match.group(1)},{match.group(2)}"
        if version not in target and localised in target:
            yield f"version {version} became {localised}"


@check("SX209", "identifier-split", Severity.ERROR)
def identifier_split(pair: Pair) -> Iterator[str]:
    """Dotted identifiers stay whole (``System.Exception`` must not become ``System. Exception``)."""
    source = masked(pair.source.text)
    for match in _IDENTIFIER_SPLIT_RE.finditer(masked(pair.target.text)):
        joined = f"{match.group(1)}.{match.group(2)}"
        if joined in source and match.group(0) not in source:
            yield f"{joined} is split as {match.group(0)!r}"


@check("SX210", "operator-split", Severity.ERROR)
def operator_split(pair: Pair) -> Iterator[str]:
    """Operators stay whole (``==`` must not become ``= =``, nor ``!=`` become ``! =``)."""
    source = masked(pair.source.text)
    for match in _OPERATOR_SPLIT_RE.finditer(masked(pair.target.text)):
        joined = match.group(1) + match.group(2)
        if joined in source and match.group(0) not in source:
            yield f"{joined} is split as {match.group(0)!r}"


@check("SX301", "space-before-punctuation", Severity.WARNING)
def space_before_punctuation(pair: Pair) -> Iterator[str]:
    """No space between an inline element and the punctuation after it (``\\`x\\` .``)."""
    target = masked(pair.target.text)
    if _SPACE_BEFORE_PUNCTUATION_RE.search(target) and not _SPACE_BEFORE_PUNCTUATION_RE.search(
        masked(pair.source.text)
    ):
        yield "a space stands between an inline element and the punctuation after it"


@check("SX302", "inline-element-glued", Severity.WARNING)
def inline_element_glued(pair: Pair) -> Iterator[str]:
    """An inline element is not glued to a word (``\\`Task\\`to``, ``[tutaj](…)tymczasowe``)."""
    if not pair.target.text or _is_cjk(pair.target.text):
        return
    glued = len(_GLUED_RE.findall(masked(pair.target.text)))
    if glued > len(_GLUED_RE.findall(masked(pair.source.text))):
        yield "an inline element touches a word with no space between them"


@check("SX303", "double-space", Severity.WARNING)
def double_space(pair: Pair) -> Iterator[str]:
    """The translation does not add a double space the source does not have."""
    if "  " in masked(pair.target.text).strip() and "  " not in masked(pair.source.text).strip():
        yield "a double space that the source does not have"


@check("SX304", "edge-whitespace-changed", Severity.WARNING)
def edge_whitespace_changed(pair: Pair) -> Iterator[str]:
    """Leading and trailing whitespace of the target matches the source's."""
    source, target = pair.source.text, pair.target.text
    if (source[:1].isspace(), source[-1:].isspace()) != (target[:1].isspace(), target[-1:].isspace()):
        yield "the translation starts or ends with whitespace where the source does not (or the reverse)"


@check("SX401", "untranslated", Severity.INFO)
def untranslated(pair: Pair) -> Iterator[str]:
    """A target identical to its source, words and all (4 or more words), may be untranslated."""
    words = [word for word in masked(pair.source.text).split() if any(char.isalpha() for char in word)]
    if len(words) >= 4 and masked(pair.target.text) == masked(pair.source.text):
        yield "the translation is the source, unchanged"


@check("SX402", "pair-in-code", Severity.INFO)
def pair_in_code(pair: Pair) -> Iterator[str]:
    """A pair inside a code block: the English original probably left a fence unclosed."""
    if pair.in_code:
        yield f"the pair lies in a {pair.context.rsplit('/', 1)[-1]}"


def _is_cjk(text: str) -> bool:
    return any("\u3000" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af" for char in text)


_DOUBLED_WORD_RE = re.compile(r"\b(\w{2,})\s+\1\b", re.IGNORECASE)
_CLI_OPTION_RE = re.compile(r"(?<![\w/.\-])(--?[A-Za-z][\w\-]*|/[A-Za-z][\w:]*)(?![\w/]|\.\w)")
_BRACKETS = (("(", ")"), ("[", "]"), ("{", "}"))


@check("SX305", "unpaired-brackets", Severity.WARNING)
def unpaired_brackets(pair: Pair) -> Iterator[str]:
    """Brackets in the translation pair up where the source's do (code and links aside)."""
    source, target = masked(pair.source.text), masked(pair.target.text)
    for opening, closing in _BRACKETS:
        if source.count(opening) == source.count(closing) and target.count(opening) != target.count(closing):
            yield f"{opening} and {closing} do not pair up in the translation"


@check("SX306", "doubled-word", Severity.WARNING)
def doubled_word(pair: Pair) -> Iterator[str]:
    """No word twice in a row (``the the``), unless the source has it; numbers and hex aside."""
    source = masked(pair.source.text).lower()
    for match in _DOUBLED_WORD_RE.finditer(masked(pair.target.text)):
        word = match.group(1)
        if not re.fullmatch(r"[0-9a-fA-F]+", word) and f"{word} {word}".lower() not in source:
            yield f"{word!r} twice in a row"


@check("SX307", "cli-option-altered", Severity.WARNING)
def cli_option_altered(pair: Pair) -> Iterator[str]:
    """Command-line options of the source (``--force``, ``-o``, ``/debug``) reach the translation as written."""
    target = masked(pair.target.text)
    for option in sorted(set(_CLI_OPTION_RE.findall(masked(pair.source.text)))):
        if len(option) > 2 and option not in target and option.lower() in target.lower():
            yield f"the option {option} is written differently in the translation"


@check("SX403", "length-ratio", Severity.INFO)
def length_ratio(pair: Pair) -> Iterator[str]:
    """A translation far shorter or longer than its source (under a third, over three times)."""
    source, target = len(pair.source.text.strip()), len(pair.target.text.strip())
    if source >= 30 and target and not 1 / 3 <= target / source <= 3:
        yield f"the translation is {target / source:.1f} times as long as the source"
