"""Block context of pairs: markdown-it-py's block parser is the reference (and the only module
that imports it); :mod:`sxstm.sxs.blockscan` gives the same answers faster.

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
the parse is the same where it matters (``tests/unit/test_blocks.py`` compares both). The
reduced text then goes to :func:`sxstm.sxs.blockscan.scan_contexts`, three times faster than
markdown-it-py and in agreement with it on every pair of the bench corpus; markdown-it-py
parses what the scanner does not model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sxstm.sxs.blockscan import ALERT_RE, scan_contexts
from sxstm.sxs.lines import count_line_ends, has_line_end

_CELL_SEPARATOR_RE = re.compile(r"(?<!\\)\|")
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

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_parser: MarkdownIt | None = None


def _markdown() -> MarkdownIt:
    global _parser
    if _parser is None:
        # Imported only here: the scanner answers for nearly every document, and importing
        # markdown-it-py costs a command on one file a tenth of a second.
        from markdown_it import MarkdownIt

        _parser = MarkdownIt("commonmark").enable("table")
    return _parser


def reduce_text(text: str, pairs: Sequence[tuple[int, int]], body_start: int) -> str:
    """Blank the front matter and put ``x`` for every single-line pair ``(start, end)``.

    Unquoted ``|`` of a pair are kept, as they count as table cell separators. Line ends are
    normalised the way markdown-it's core does before it parses blocks, keeping line numbers.
    """
    pieces = ["\n" * count_line_ends(text, 0, body_start)]
    pos = body_start
    for start, end in pairs:
        if start < pos:
            continue
        pieces.append(text[pos:start])
        if has_line_end(text, start, end):
            pieces.append(text[start:end])
        elif text.find("|", start, end) == -1:
            pieces.append("x")
        else:
            pieces.append("x" + "|x" * len(_CELL_SEPARATOR_RE.findall(text, start, end)))
        pos = end
    pieces.append(text[pos:])
    reduced = "".join(pieces)
    if "\r" in reduced or "\ufeff" in reduced:
        reduced = reduced.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return reduced


def block_contexts(text: str, pairs: Sequence[tuple[int, int]], lines: Sequence[int], body_start: int) -> list[str]:
    """Return the block context of the pairs ``(start, end)`` of ``text``, starting on ``lines``."""
    reduced = reduce_text(text, pairs, body_start)
    contexts = scan_contexts(reduced, lines)
    return markdown_contexts(reduced, lines) if contexts is None else contexts


def markdown_contexts(markdown: str, lines: Sequence[int]) -> list[str]:
    """Return the block context of each of ``lines`` (0-based, ascending) as markdown-it-py sees it.

    A line outside every leaf block (a link reference definition) is ``text`` inside the
    containers whose lines include it.
    """
    tokens = _markdown().block.parse(markdown, _markdown(), {}, []) or []
    source_lines = markdown.split("\n")
    leaves: dict[int, str] = {}
    containers: list[tuple[int, int, str]] = []
    stack: list[str] = []
    for token in tokens:
        if token.type in _CONTAINERS:
            stack.append(_container_name(token.type, token.map, source_lines))
            if token.map is not None:
                containers.append((token.map[0], token.map[1], "/".join(stack)))
        elif token.type in _CLOSERS:
            stack.pop()
        elif token.type in _LEAVES and token.map is not None:
            name = "/".join([*stack, _LEAVES[token.type]])
            leaves.update(dict.fromkeys(range(*token.map), name))
    return [leaves.get(line) or _text_context(line, containers) for line in lines]


def _text_context(line: int, containers: Sequence[tuple[int, int, str]]) -> str:
    inside = [path for first, last, path in containers if first <= line < last]
    return max(inside, key=len) + "/text" if inside else "text"


def _container_name(kind: str, line_map: list[int] | None, source_lines: Sequence[str]) -> str:
    if kind == "list_item_open":
        return "list-item"
    if line_map is not None:
        match = ALERT_RE.match(source_lines[line_map[0]])
        if match:
            return f"alert-{match.group(1).lower()}"
    return "blockquote"
