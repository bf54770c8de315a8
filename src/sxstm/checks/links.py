"""Checks on bare URLs and on the punctuation of plain text around words and links."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sxstm.checks.registry import At, Context, Message, check
from sxstm.checks.text import MASK, runs, with_offsets
from sxstm.model import Pair, Severity
from sxstm.sxs.inline import Code, CodeKind

# A bare URL of the text (a link's or an autolink's is markup, masked); a full stop, comma or
# closing bracket at its end closes the sentence, not the URL.
_URL_RE = re.compile(r"\b(?:https?|wss?|ftp)://(?:\\<|[^\s<\"'`\uffff])+")
_URL_END = ".,;:!?)]}*_'\""


@check("SX215", "bare-url-changed", Severity.ERROR, source_needs=("://",))
def bare_url_changed(pair: Pair, context: Context) -> Iterator[Message]:
    """A URL written out in the text reaches the translation unchanged (``https://aka.ms/x``
    must not become ``https://aka.ms/ x`` nor lose a character).

    A bare URL is an address, not prose: a space inside it, or a translated or dropped part,
    sends the reader elsewhere. Markdown links and autolinks are SX202's.
    """
    urls = [match.group(0).rstrip(_URL_END) for match in _URL_RE.finditer(_plain(pair.source.text))]
    if not urls:
        return
    target = _plain(pair.target.text)
    for url in dict.fromkeys(urls):
        if url not in target:
            spot = target.find(url.split("://", 1)[0] + "://")
            yield At(
                f"the URL {url} is missing or altered in the translation",
                _raw_offset(pair.target.text, max(spot, 0)),
            )


_KEPT = frozenset({"escape", "entity"})  # written in a URL as they are


def _plain(text: str) -> str:
    """``text`` with every code masked but backslash escapes and entities."""
    return "".join(run if isinstance(run, str) else run.markup if run.type in _KEPT else MASK for run in runs(text))


def _raw_offset(text: str, index: int) -> int:
    """The offset in ``text`` of the character at ``index`` of ``_plain(text)``."""
    seen = 0
    for offset, _, run in with_offsets(text):
        width = len(run) if isinstance(run, str) else len(run.markup) if run.type in _KEPT else 1
        if seen + width > index:
            return offset + (0 if isinstance(run, Code) and run.type not in _KEPT else index - seen)
        seen += width
    return len(text)


_LINKS = frozenset({"link", "html:a"})
_SPACED_DOT_RE = re.compile(r"\s*\.\s*")


@check("SX316", "link-text-moved", Severity.WARNING, markup=True, source_needs=("[", "<a"))
def link_text_moved(pair: Pair, context: Context) -> Iterator[Message]:
    """A link keeps its words: the translation does not empty a link text, nor move a name the
    source links (``[Bootstrap](…) version 4.1.3``) out of its link onto other words
    (``W [całości wersja 4.1.3](…)``).

    Machine translation aligns the link markup to the wrong words, so that the reader clicks on
    a verb or a particle and the name stands unlinked beside it. A name is a link text with a
    capital letter, a digit or a sign in it (``GitHub``, ``Power Automate``, ``@mentions``), found
    as a whole word in the translation's text outside the link that has the source's URL.
    """
    source_links = _links(pair.source.text)
    if not source_links:
        return
    target_links = _links(pair.target.text)
    for text, closing, _, _ in source_links:
        name = text.strip()
        same = [link for link in target_links if link[1] == closing]
        if not name or len(same) != 1 or sum(link[1] == closing for link in source_links) != 1:
            continue
        moved_to, _, opening, _ = same[0]
        if not moved_to.strip():
            yield At(f"the link text {name!r} is empty in the translation", _offset(pair.target.text, opening + 1))
        elif _is_name(name) and name.lower() not in _SPACED_DOT_RE.sub(".", moved_to).lower():
            unlinked = _unlinked(pair.target.text)
            if name not in unlinked:
                continue  # the usual case, told apart without a pattern made for the name
            word = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
            if len(word.findall(unlinked)) > len(word.findall(_unlinked(pair.source.text))):
                start = _offset(pair.target.text, opening + 1)
                yield At(f"the link text {name!r} stands outside its link, which holds {moved_to.strip()!r}", start)


def _unlinked(text: str) -> str:
    """The words of ``text`` outside its links (every code masked)."""
    parts, inside, out = runs(text), 0, []
    for run in parts:
        if isinstance(run, Code):
            if run.type in _LINKS and run.partner is not None:
                inside += 1 if run.kind is CodeKind.OPEN else -1
            out.append(MASK)
        elif inside <= 0:
            out.append(run)
    return "".join(out)


def _links(text: str) -> list[tuple[str, str, int, int]]:
    """The links of ``text``: their text (as markdown), the markup closing them, and the
    indexes of their opening and closing codes in its runs."""
    parts = runs(text)
    found = []
    for index, run in enumerate(parts):
        if isinstance(run, Code) and run.kind is CodeKind.OPEN and run.type in _LINKS and run.partner is not None:
            inner = "".join(part if isinstance(part, str) else part.markup for part in parts[index + 1 : run.partner])
            closing = parts[run.partner]
            found.append((inner, closing.markup if isinstance(closing, Code) else "", index, run.partner))
    return found


def _is_name(text: str) -> bool:
    """Whether a link text is a name that stays as it is in a translation."""
    return len(text) > 2 and any(char.isupper() or char.isdigit() or char in "@#._" for char in text)


def _offset(text: str, index: int) -> int:
    """The offset in ``text`` where its run ``index`` starts."""
    for offset, at, _ in with_offsets(text):
        if at == index:
            return offset
    return len(text)
