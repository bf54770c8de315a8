"""Block context of pairs, from markdown-it-py's block parser (the only module that imports it).

The context of a pair names the containers around it, outermost first, then the leaf block,
joined by ``/``:

- containers: ``blockquote``, ``alert-<kind>`` (a blockquote opened by ``> [!NOTE]``,
  ``> [!div …]``, ``> [!INCLUDE …]``…), ``list-item``;
- leaves: ``paragraph``, ``heading``, ``table-cell``, ``html-block``, ``code-block``
  (indented), ``fence``, or ``text`` where no leaf block holds the line;
- a final ``link-text`` when the pair is the whole text of a link, ``[<pair>](url)``.

Speed: block-parsing 130 MB of sxs markdown takes markdown-it-py about 17 s, most of it spent
on the span markup and the English copies. Block structure depends only on the line structure,
so every single-line pair is replaced by one letter before parsing; multi-line pairs keep their
text, as their continuation lines carry container prefixes. Line numbers stay the same, and
the parse is the same where it matters (``tests/unit/test_blocks.py`` compares both).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt

_ALERT_RE = re.compile(r"^(?:[ \t]*>)+[ \t]*\[!([A-Za-z]+)")
_LEAVES = {
    "paragraph_open": "paragraph",
    "heading_open": "heading",
    "table_open": "table-cell",
    "html_block": "html-block",
    "code_block": "code-block",
    "fence": "fence",
}
_CONTAINERS = {"blockquote_open", "list_item_open"}
_CLOSERS = {"blockquote_close", "list_item_close"}

_parser: MarkdownIt | None = None


def _markdown() -> MarkdownIt:
    global _parser
    if _parser is None:
        _parser = MarkdownIt("commonmark").enable("table")
    return _parser


def reduce_text(text: str, pairs: Sequence[tuple[int, int]], body_start: int) -> str:
    """Blank the front matter and put ``x`` for every single-line pair ``(start, end)``."""
    pieces = ["\n" * text.count("\n", 0, body_start)]
    pos = body_start
    for start, end in pairs:
        if start < pos:
            continue
        pieces.append(text[pos:start])
        pieces.append("x" if text.find("\n", start, end) == -1 else text[start:end])
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def block_contexts(markdown: str, lines: Sequence[int]) -> list[str]:
    """Return the block context of each of ``lines`` (0-based, ascending) of ``markdown``."""
    tokens = _markdown().block.parse(markdown, _markdown(), {}, []) or []
    source_lines = markdown.split("\n") if lines else []
    contexts: list[str] = []
    stack: list[str] = []
    index = 0
    for token in tokens:
        if token.type in _CONTAINERS:
            stack.append(_container_name(token.type, token.map, source_lines))
            continue
        if token.type in _CLOSERS:
            stack.pop()
            continue
        leaf = _LEAVES.get(token.type)
        if leaf is None or token.map is None:
            continue
        first, last = token.map
        while index < len(lines) and lines[index] < first:
            contexts.append("/".join([*stack, "text"]))
            index += 1
        name = "/".join([*stack, leaf])
        while index < len(lines) and lines[index] < last:
            contexts.append(name)
            index += 1
    contexts.extend("text" for _ in range(len(lines) - index))
    return contexts


def _container_name(kind: str, line_map: list[int] | None, source_lines: Sequence[str]) -> str:
    if kind == "list_item_open":
        return "list-item"
    if line_map is not None:
        match = _ALERT_RE.match(source_lines[line_map[0]])
        if match:
            return f"alert-{match.group(1).lower()}"
    return "blockquote"
