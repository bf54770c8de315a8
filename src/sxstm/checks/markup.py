"""Checks that markup reaches the translation whole: code, links, HTML, docfx tokens, entities."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterator

from sxstm.checks.languages import profile_of
from sxstm.checks.registry import At, Context, Message, check
from sxstm.checks.runner import holds
from sxstm.checks.text import (
    anchor,
    codes_lost,
    codes_with_offsets,
    kept,
    kept_markup,
    lost,
    masked,
    missing_at,
    typed_codes,
)
from sxstm.model import Pair, Severity
from sxstm.sxs.inline import Code


def _missing(pair: Pair, *types: str) -> Iterator[Message]:
    """A finding per code of ``types`` the source has and the target lacks: where two code spans
    were merged into one, where one was altered (at the most alike code the source does not
    have), else where it would stand by its place in the source."""
    source, target = pair.source.text, pair.target.text
    codes = lost(source, target, *types)
    if not codes:
        return
    missing = Counter(codes)
    had = Counter(kept_markup(code) for _, code in codes_with_offsets(source, *types) if kept(code))
    extra = []  # the target's codes the source does not have
    for offset, code in codes_with_offsets(target, *types):
        if kept(code):
            had[kept_markup(code)] -= 1
            if had[kept_markup(code)] < 0:
                extra.append((offset, code))
    lacking = []
    for offset, code in codes_with_offsets(source, *types):
        if kept(code) and missing[kept_markup(code)] > 0:
            missing[kept_markup(code)] -= 1
            lacking.append((offset, code))
    yield from _merged(pair, lacking, extra)
    for source_offset, code in lacking:
        markup = kept_markup(code)
        alike = max(extra, key=lambda e: _likeness(markup, kept_markup(e[1])), default=None)
        if alike is not None and alike[1].type == code.type and _likeness(markup, kept_markup(alike[1])) >= 0.5:
            extra.remove(alike)
            offset, found = alike
            yield At(f"{_named(code)} became {_shown(found)}", offset, len(found.markup), source_offset)
        else:
            spot = anchor(source, target, source_offset)
            yield At(
                f"{_named(code)} is not in the translation (marked where it would stand by its place in the source)",
                spot,
                0,
                source_offset,
            )


def _merged(pair: Pair, lacking: list[tuple[int, Code]], extra: list[tuple[int, Code]]) -> Iterator[Message]:
    """Two or more lost code spans that stand together in one code span of the translation."""
    for offset, code in list(extra):
        if code.type != "code":
            continue
        inner = [(o, c) for o, c in lacking if c.type == "code" and c.markup.strip("`").strip() in code.markup]
        if len(inner) >= 2:
            names = " and ".join(c.markup for _, c in inner)
            extra.remove((offset, code))
            for spent in inner:
                lacking.remove(spent)
            yield At(f"{names} were merged into one code span: {code.markup}", offset, len(code.markup), inner[0][0])


def _likeness(one: str, other: str) -> float:
    if one.lower() == other.lower():
        return 1.0
    return difflib.SequenceMatcher(None, one, other, autojunk=False).ratio() if len(one) + len(other) < 400 else 0.0


def _shown(code: Code) -> str:
    """A code as the reader sees it written: a link's ``](url)`` without its bracket."""
    markup = kept_markup(code)
    return markup[1:] if code.type == "link" and markup[:2] in ("](", "][") else markup


def _named(code: Code) -> str:
    r"""What a reader calls a code: ``\`x\``` as written, a link's target, a reference, a tag."""
    markup = _shown(code)
    if code.type == "link":
        if markup[:1] == "(":
            return f"the link target {markup}"
        if markup[:1] == "[":
            return f"the link reference {markup}"
        return f"the link end {markup}"
    if code.type == "image":
        return f"the image {markup}"
    if code.type.startswith("html:"):
        return f"the HTML tag {markup}"
    if code.type == "placeholder":
        return f"the placeholder {markup}"
    if code.type in ("include", "alert", "docfx"):
        return f"the docfx token {markup}"
    return markup


@check("SX201", "code-span-changed", Severity.ERROR, markup=True, pair_needs=codes_lost)
def code_span_changed(pair: Pair, context: Context) -> Iterator[Message]:
    """Inline code must reach the translation unchanged.

    Code spans hold identifiers, commands and paths. A translation may move them but must not
    alter, drop or merge them.
    """
    yield from _missing(pair, "code")


@check("SX202", "link-target-changed", Severity.ERROR, markup=True, pair_needs=codes_lost)
def link_target_changed(pair: Pair, context: Context) -> Iterator[Message]:
    """Link and image targets must stay as in the source.

    The ``](url "title")`` part of a link, and a whole image, are not for translation: a changed
    URL breaks the link.
    """
    yield from _missing(pair, "link", "image")


@check("SX203", "xref-changed", Severity.ERROR, markup=True, pair_needs=codes_lost)
def xref_changed(pair: Pair, context: Context) -> Iterator[Message]:
    """Autolinks and ``<xref:…>`` references must reach the translation unchanged."""
    yield from _missing(pair, "autolink")


@check("SX204", "html-tag-changed", Severity.ERROR, markup=True, pair_needs=codes_lost)
def html_tag_changed(pair: Pair, context: Context) -> Iterator[Message]:
    """HTML tags of the source must all be in the translation, unchanged."""
    source = [kind for kind in typed_codes(pair.source.text) if kind.startswith("html:")]
    yield from _missing(pair, *source)


@check("SX205", "docfx-token-changed", Severity.ERROR, markup=True, pair_needs=codes_lost)
def docfx_token_changed(pair: Pair, context: Context) -> Iterator[Message]:
    """Docfx tokens (``[!INCLUDE[…](…)]``, ``[!NOTE]``, ``:::image …:::``) and ``{0}`` placeholders must stay."""
    yield from _missing(pair, "include", "alert", "docfx", "placeholder")


_DAMAGED_ENTITY_RE = re.compile(r"&\s+#?\s*[A-Za-z0-9]+\s*;|&#?[A-Za-z0-9]+\s+;|&\s*#\s+x?[0-9A-Fa-f]+\s*;")


@check("SX206", "entity-damaged", Severity.ERROR, target_needs="&")
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


# What emphasis and escapes are written with, each looked for by memchr (a pattern of the three
# called a function on every character: 4,600 instructions a side of an eighth of the bench; the
# three searches, 750).
_STRUCTURE_MARKS = ("*", "_", "\\")
_EMPHASIS_NAMES = {"strong": "bold (**)", "emphasis": "italic (*)"}
_STRUCTURE_KINDS = ("strong", "emphasis", "escape")  # the code types that _structure counts


@check("SX211", "markdown-structure-changed", Severity.ERROR, markup=True)
def markdown_structure_changed(pair: Pair, context: Context) -> Iterator[Message]:
    """Bold, italic and backslash escapes of the source reach the translation as they were.

    Machine translation drops or unbalances emphasis markers (the page then shows ``**``) and
    adds escapes (``\\*``) that the source does not have. Chinese and Japanese have no italics,
    so dropping one is their style; Japanese sets UI names in brackets (``[実行]``) instead of bold.
    """
    if not holds(_STRUCTURE_MARKS, pair.source.text) and not holds(_STRUCTURE_MARKS, pair.target.text):
        return
    typed_source, typed_target = typed_codes(pair.source.text), typed_codes(pair.target.text)
    if all(typed_source.get(kind) == typed_target.get(kind) for kind in _STRUCTURE_KINDS):
        return  # every emphasis and escape kept (most pairs): nothing to count
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
            in_source = codes_with_offsets(pair.source.text, kind)
            in_target = codes_with_offsets(pair.target.text, kind)
            if target[kind] > source[kind] and in_target:
                spot = (in_target[0][0], len(in_target[0][1].markup), in_source[0][0] if in_source else -1)
            else:
                spot = (
                    missing_at(pair.source.text, pair.target.text, "")
                    if not in_source
                    else (anchor(pair.source.text, pair.target.text, in_source[0][0]), 0, in_source[0][0])
                )
            yield At(f"{name}: {source[kind]} in the source, {target[kind]} in the translation", *spot)
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
    counted = Counter(typed.get("escape", {}))
    for kind in _EMPHASIS_NAMES:
        counted[kind] = sum(typed[kind].values()) if kind in typed else 0
    return counted
