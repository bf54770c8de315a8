"""Checks that markup reaches the translation whole: code, links, HTML, docfx tokens, entities."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from sxstm.checks.languages import profile_of
from sxstm.checks.registry import At, Context, Message, check
from sxstm.checks.text import lost, masked, typed_codes
from sxstm.model import Pair, Severity


def _missing(pair: Pair, *types: str) -> Iterator[Message]:
    for code in lost(pair.source.text, pair.target.text, *types):
        yield At(f"{code} is missing or altered in the translation", 0)


@check("SX201", "code-span-changed", Severity.ERROR, markup=True)
def code_span_changed(pair: Pair, context: Context) -> Iterator[Message]:
    """Inline code must reach the translation unchanged.

    Code spans hold identifiers, commands and paths. A translation may move them but must not
    alter, drop or merge them.
    """
    yield from _missing(pair, "code")


@check("SX202", "link-target-changed", Severity.ERROR, markup=True)
def link_target_changed(pair: Pair, context: Context) -> Iterator[Message]:
    """Link and image targets must stay as in the source.

    The ``](url "title")`` part of a link, and a whole image, are not for translation: a changed
    URL breaks the link.
    """
    yield from _missing(pair, "link", "image")


@check("SX203", "xref-changed", Severity.ERROR, markup=True)
def xref_changed(pair: Pair, context: Context) -> Iterator[Message]:
    """Autolinks and ``<xref:…>`` references must reach the translation unchanged."""
    yield from _missing(pair, "autolink")


@check("SX204", "html-tag-changed", Severity.ERROR, markup=True)
def html_tag_changed(pair: Pair, context: Context) -> Iterator[Message]:
    """HTML tags of the source must all be in the translation, unchanged."""
    source = [kind for kind in typed_codes(pair.source.text) if kind.startswith("html:")]
    yield from _missing(pair, *source)


@check("SX205", "docfx-token-changed", Severity.ERROR, markup=True)
def docfx_token_changed(pair: Pair, context: Context) -> Iterator[Message]:
    """Docfx tokens (``[!INCLUDE[…](…)]``, ``[!NOTE]``, ``:::image …:::``) and ``{0}`` placeholders must stay."""
    yield from _missing(pair, "include", "alert", "docfx", "placeholder")


_DAMAGED_ENTITY_RE = re.compile(r"&\s+#?\s*[A-Za-z0-9]+\s*;|&#?[A-Za-z0-9]+\s+;|&\s*#\s+x?[0-9A-Fa-f]+\s*;")


@check("SX206", "entity-damaged", Severity.ERROR)
def entity_damaged(pair: Pair, context: Context) -> Iterator[Message]:
    """HTML entities must not be split by spaces (``&lt ;``, ``& # x1F47D;``).

    Machine translation sometimes inserts spaces inside entities; the page then shows the
    entity's letters instead of the character.
    """
    for match in _DAMAGED_ENTITY_RE.finditer(pair.target.text):
        if match.group(0) not in pair.source.text:
            yield At(f"entity {match.group(0)!r} is broken by spaces", match.start())


@check("SX207", "empty-target", Severity.ERROR)
def empty_target(pair: Pair, context: Context) -> Iterator[Message]:
    """A pair whose source has text must have a target with text."""
    if pair.source.text.strip() and not pair.target.text.strip():
        yield At("the translation is empty", 0)


_STRUCTURE_RE = re.compile(r"[*_\\]")
_EMPHASIS_NAMES = {"strong": "bold (**)", "emphasis": "italic (*)"}


@check("SX211", "markdown-structure-changed", Severity.ERROR, markup=True)
def markdown_structure_changed(pair: Pair, context: Context) -> Iterator[Message]:
    """Bold, italic and backslash escapes of the source reach the translation as they were.

    Machine translation drops or unbalances emphasis markers (the page then shows ``**``) and
    adds escapes (``\\*``) that the source does not have. Chinese and Japanese have no italics,
    so dropping one is their style; Japanese sets UI names in brackets (``[実行]``) instead of bold.
    """
    if not _STRUCTURE_RE.search(pair.source.text) and not _STRUCTURE_RE.search(pair.target.text):
        return
    source, target = _structure(pair.source.text), _structure(pair.target.text)
    language = profile_of(context.locale)
    for kind in ("strong", "emphasis"):
        fewer = source[kind] - target[kind]
        if kind == "emphasis" and language.drops_italics and fewer > 0:
            continue
        if kind == "strong" and language.brackets_for_bold and 0 < fewer <= _added_brackets(pair):
            continue
        if source[kind] != target[kind]:
            name = _EMPHASIS_NAMES[kind]
            yield At(f"{name}: {source[kind]} in the source, {target[kind]} in the translation", 0)
    for escape in sorted(set(target) - set(source) - set(_EMPHASIS_NAMES)):
        yield At(f"the escape {escape} is not in the source", max(pair.target.text.find(escape), 0))


def _added_brackets(pair: Pair) -> int:
    """How many more bracketed or quoted names (``[…]``, ``「…」``, ``“…”``, ``"…"``) the
    translation has than the source."""
    source, target = masked(pair.source.text), masked(pair.target.text)
    added = sum(target.count(mark) - source.count(mark) for mark in "[「『“")
    return added + (target.count('"') - source.count('"')) // 2


def _structure(text: str) -> Counter[str]:
    """Emphasis pairs by kind (each closed once), and backslash escapes by markup."""
    typed = typed_codes(text)
    counted = Counter(typed.get("escape", Counter()))
    for kind in _EMPHASIS_NAMES:
        counted[kind] = typed[kind].total() if kind in typed else 0
    return counted
