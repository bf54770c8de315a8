"""A fast block classifier that agrees with markdown-it-py, line by line.

markdown-it-py spends about 6 µs a line trying its block rules and building tokens; reading the
bench corpus spends half its time there. This module walks the lines once, keeping a stack of
open containers (blockquotes, list items) and the open leaf block, and follows markdown-it's
rules where CommonMark leaves room (lazy lines, what may interrupt a paragraph, blank lines
ending blockquotes). It names contexts as :mod:`sxstm.sxs.blocks` does.

It gives up (returns None) on input it does not model, such as tabs in indentation; the caller
then asks markdown-it. ``tests/unit/test_blockscan.py`` compares both on ../shared/corpus, and
``benchmarks/bench_blocks.py`` on the bench corpus.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

# A blockquote that opens with ``[!NOTE]``, ``[!div …]``…: group 1 is the kind (used with .match).
ALERT_RE: Final = re.compile(r"(?:[ \t]*>)+[ \t]*\[!([A-Za-z]+)")
# The underline of a setext heading, once container prefixes and indentation are taken off.
SETEXT_UNDERLINE = r"(?:=+|-+)[ \t]*"
_BULLET_RE: Final = re.compile(r"([*+-])(?:[ \t]|$)")
_ORDERED_RE: Final = re.compile(r"(\d{1,9})[.)](?:[ \t]|$)")
_HR_RE: Final = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_ATX_RE: Final = re.compile(r"#{1,6}(?:[ \t]|$)")
_FENCE_RE: Final = re.compile(r"(`{3,}|~{3,})(.*)$")
_SETEXT_RE: Final = re.compile(SETEXT_UNDERLINE + "$")
_REFERENCE_RE: Final = re.compile(r"\[(?:[^\[\]\\]|\\.)+\]:")
_DELIMITER_CHARS_RE: Final = re.compile(r"[-:|][-:| \t]*$")
_DELIMITER_CELL_RE: Final = re.compile(r"^:?-+:?$")
# A tab in the indentation of a line (whitespace as str.lstrip() sees it).
_TAB_INDENT_RE: Final = re.compile(r"^[^\S\n]*\t", re.MULTILINE)
_BLOCK_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt"
    "|fieldset|figcaption|figure|footer|form|frame|frameset|h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li"
    "|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot"
    "|th|thead|title|tr|track|ul"
)
_ATTRIBUTE = r"""(?:\s+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:\s*=\s*(?:[^"'=<>`\x00-\x20]+|'[^']*'|"[^"]*"))?)"""
# (start, end, may interrupt a paragraph), as markdown-it's html_blocks; end None: a blank line.
_HTML_BLOCKS: Final = (
    (
        re.compile(r"<(?:script|pre|style|textarea)(?=(?:\s|>|$))", re.I),
        re.compile(r"</(?:script|pre|style|textarea)>", re.I),
        True,
    ),
    (re.compile(r"<!--"), re.compile(r"-->"), True),
    (re.compile(r"<\?"), re.compile(r"\?>"), True),
    (re.compile(r"<![A-Z]"), re.compile(r">"), True),
    (re.compile(r"<!\[CDATA\["), re.compile(r"\]\]>"), True),
    (re.compile(rf"</?(?:{_BLOCK_TAGS})(?=(?:\s|/?>|$))", re.I), None, True),
    (re.compile(rf"(?:<[A-Za-z][A-Za-z0-9\-]*{_ATTRIBUTE}*\s*/?>|</[A-Za-z][A-Za-z0-9\-]*\s*>)\s*$"), None, False),
)

_PARAGRAPH: Final = "paragraph"
_HEADING: Final = "heading"
_TABLE: Final = "table-cell"
_HTML: Final = "html-block"
_CODE: Final = "code-block"
_FENCE: Final = "fence"
_TEXT: Final = "text"


class _Container:
    __slots__ = ("content", "fresh", "marker", "name", "quote")

    def __init__(self, name: str, *, quote: bool, content: int = 0, fresh: bool = False, marker: str = "") -> None:
        self.name = name
        self.quote = quote
        self.content = content  # list item: the column its content starts at
        self.fresh = fresh  # list item opened on an empty line: a blank line next closes it
        self.marker = marker  # list item: its bullet, or the delimiter after its number


def scan_contexts(markdown: str, lines: Sequence[int]) -> list[str] | None:
    """Return the block context of each of ``lines`` (0-based, ascending), or None if unsure."""
    if "\t" in markdown and _TAB_INDENT_RE.search(markdown):
        return None
    return _Scanner(markdown.split("\n")).contexts(lines)


class _Scanner:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.stack: list[_Container] = []
        self.leaf: str | None = None
        self.leaf_lines: list[int] = []
        self.fence_marker: tuple[str, int] = ("`", 3)
        self.html_end: re.Pattern[str] | None = None
        self.found: dict[int, str] = {}

    def contexts(self, wanted: Sequence[int]) -> list[str]:
        # A line's context is settled when its leaf closes, and later lines never reopen it: the
        # lines after the last pair's leaf (a seventh of the bench's) need no scan.
        last = wanted[-1] if wanted else -1
        for number, text in enumerate(self.lines):
            if number > last and (self.leaf is None or self.leaf_lines[0] > last):
                break
            if text or self.stack or self.leaf is not None:  # a blank line outside every block changes nothing
                self.line(number)
        self.close_leaf()
        return [self.found.get(number, "text") for number in wanted]

    # The path of the open containers, as blocks.py names it.
    def path(self, leaf: str) -> str:
        if not self.stack:
            return leaf
        return "/".join([*(c.name for c in self.stack), leaf])

    def close_leaf(self, kind: str | None = None) -> None:
        if self.leaf is not None:
            self.found.update(dict.fromkeys(self.leaf_lines, self.path(kind or self.leaf)))
        self.leaf, self.leaf_lines = None, []

    def open_leaf(self, kind: str, number: int) -> None:
        self.close_leaf()
        self.leaf, self.leaf_lines = kind, [number]

    def match(self, text: str, containers: Sequence[_Container]) -> tuple[int, int, int]:
        """Return how many of ``containers`` continue on ``text``, where its rest starts, and
        where the content of its innermost matched blockquote starts (list indents count from
        there, as in markdown-it)."""
        col = base = 0
        for count, container in enumerate(containers):
            rest = text[col:]
            stripped = rest.lstrip(" ")
            if container.quote:
                if len(rest) - len(stripped) > 3 or not stripped.startswith(">"):
                    return count, col, base
                col += len(rest) - len(stripped) + 1
                if text[col : col + 1] == " ":
                    col += 1
                base = col
            elif not stripped:
                if container.fresh:
                    return count, col, base
            elif col - base + len(rest) - len(stripped) >= container.content:
                col = base + container.content
            else:
                return count, col, base
        return len(containers), col, base

    def line(self, number: int) -> None:
        text = self.lines[number]
        if not self.stack:  # no container to go on: most lines, kept short
            if self.leaf is None and text[:1].isalpha() and "|" not in text:
                self.leaf, self.leaf_lines = _PARAGRAPH, [number]  # as start() would: no other block starts so
            elif not self.continue_leaf(number, text) and text:
                self.start(number, text, 0, 0)
            return
        matched, col, base = self.match(text, self.stack)
        for container in self.stack[:matched]:
            container.fresh = False
        rest = text[col:]
        ended = None
        if matched < len(self.stack):
            if self.lazy(number, rest, self.stack[matched:]):
                self.leaf_lines.append(number)
                return
            self.close_leaf()
            ended = self.stack[matched]
            del self.stack[matched:]
        elif self.continue_leaf(number, rest):
            return
        self.start(number, text, col, base, ended)

    def lazy(self, number: int, rest: str, unmatched: Sequence[_Container]) -> bool:
        """Tell whether a line that leaves the ``unmatched`` containers continues the paragraph.

        Each blockquote decides with its own terminators before its content is parsed (only
        the outermost one sees 4 spaces as code); without one, the paragraph decides, and a
        table also ends it.
        """
        if self.leaf != _PARAGRAPH or not rest.strip():
            return False
        quotes = [container for container in unmatched if container.quote]
        if not quotes:
            return not self.interrupts(rest, table=True, any_item=True, code=False, number=number)
        return not any(
            self.interrupts(rest, table=False, any_item=True, code=quote is unmatched[0]) for quote in quotes
        )

    def continue_leaf(self, number: int, rest: str) -> bool:
        """Add the line to the open leaf if it continues it; True if the line is used up."""
        leaf = self.leaf
        if leaf is None:
            return False
        if leaf == _FENCE:
            marker, length = self.fence_marker
            self.leaf_lines.append(number)
            if marker in rest:  # else the line cannot close the fence: most lines of code
                stripped = rest.strip()
                indent = len(rest) - len(rest.lstrip(" "))
                if (
                    indent < 4
                    and stripped.startswith(marker)
                    and len(stripped) >= length
                    and not stripped.strip(marker)
                ):
                    self.close_leaf()
            return True
        blank = not rest.strip()
        indent = len(rest) - len(rest.lstrip(" "))
        if leaf == _CODE:
            if blank or indent >= 4:
                if not blank:
                    self.leaf_lines.append(number)
                return True
            self.close_leaf()
            return False
        if leaf == _HTML:
            end = self.html_end
            if end is None:
                if blank:
                    self.close_leaf()
                    return True
                self.leaf_lines.append(number)
                return True
            self.leaf_lines.append(number)
            if end.search(rest):
                self.close_leaf()
            return True
        if blank:
            self.close_leaf()
            return True
        if leaf == _TABLE:
            if len(self.leaf_lines) == 1:  # the delimiter row
                self.leaf_lines.append(number)
                return True
            if indent >= 4 or self.interrupts(rest, table=False, any_item=True):
                self.close_leaf()
                return False
            self.leaf_lines.append(number)
            return True
        # a paragraph
        if indent >= 4:
            self.leaf_lines.append(number)
            return True
        if _SETEXT_RE.match(rest, indent):
            self.leaf_lines.append(number)
            self.close_leaf(_HEADING)
            return True
        if self.interrupts(rest, table=True, any_item=False, number=number):
            self.close_leaf()
            return False
        self.leaf_lines.append(number)
        return True

    def interrupts(self, rest: str, *, table: bool, any_item: bool, code: bool = True, number: int = -1) -> bool:
        """Tell whether ``rest`` starts a block that ends a paragraph, a table or a blockquote.

        ``any_item``: any list item ends it (only ``1.`` or a bullet with text ends a paragraph
        whose own container goes on);
        ``code``: 4 spaces of indent make the line code, which ends nothing.
        """
        indent = len(rest) - len(rest.lstrip(" "))
        if indent >= 4 and code:
            return False
        body = rest[indent:]
        if not body:
            return False
        first = body[0]
        if first in "`~" and self.fence(body):
            return True
        if first == ">":
            return True
        if first in "*-_" and _HR_RE.match(body):
            return True
        if first in "*+-" and _BULLET_RE.match(body) and (any_item or body[1:].strip()):
            return True
        ordered = _ORDERED_RE.match(body) if first.isdigit() else None
        if ordered and (any_item or (ordered.group(1) == "1" and body[ordered.end() :].strip())):
            return True
        if first == "<" and any(start.match(body) and breaks for start, _, breaks in _HTML_BLOCKS):
            return True
        if first == "#" and _ATX_RE.match(body):
            return True
        return table and number >= 0 and self.table_starts(number, rest)

    @staticmethod
    def fence(body: str) -> tuple[str, int] | None:
        match = _FENCE_RE.match(body)
        if match is None or (match.group(1)[0] == "`" and "`" in match.group(2)):
            return None
        return match.group(1)[0], len(match.group(1))

    def table_starts(self, number: int, rest: str) -> bool:
        if number + 1 >= len(self.lines) or "|" not in rest.strip():
            return False
        matched, col, _ = self.match(self.lines[number + 1], self.stack)
        if matched < len(self.stack):
            return False
        delimiter = self.lines[number + 1][col:]
        indent = len(delimiter) - len(delimiter.lstrip(" "))
        delimiter = delimiter.strip()
        if indent >= 4 or len(rest) - len(rest.lstrip(" ")) >= 4 or not _DELIMITER_CHARS_RE.match(delimiter):
            return False
        if delimiter[0] == "-" and delimiter[1:2] in (" ", "\t", ""):
            return False
        cells = delimiter.split("|")
        aligns = 0
        for index, cell in enumerate(cells):
            cell = cell.strip()
            if not cell:
                if index in (0, len(cells) - 1):
                    continue
                return False
            if not _DELIMITER_CELL_RE.match(cell):
                return False
            aligns += 1
        header = _split_cells(rest.strip())
        return bool(header) and len(header) == aligns

    def start(self, number: int, text: str, col: int, base: int, ended: _Container | None = None) -> None:
        """Open the containers and the leaf that ``text`` starts at column ``col``.

        Blocks are tried in markdown-it's order: a table before a blockquote, for one. When
        the list item ``ended`` on this line and the line starts the next item of its list,
        the list goes on: markdown-it tries no table there.
        """
        next_item = ended is not None and not ended.quote and _marker_of(text[col:].lstrip(" ")) == ended.marker
        while True:
            rest = text[col:]
            indent = len(rest) - len(rest.lstrip(" "))
            body = rest[indent:]
            if not body:
                return
            if next_item:
                next_item = False
            elif indent < 4 and "|" in body and self.table_starts(number, rest):
                self.open_leaf(_TABLE, number)
                return
            if indent >= 4:
                self.open_leaf(_CODE, number)
                return
            fence = self.fence(body) if body[0] in "`~" else None
            if fence:
                self.open_leaf(_FENCE, number)
                self.fence_marker = fence
                return
            if body[0] == ">":
                alert = ALERT_RE.match(text, col + indent)
                col += indent + 1
                if text[col : col + 1] == " ":
                    col += 1
                base = col
                self.close_leaf()
                self.stack.append(_Container(f"alert-{alert.group(1).lower()}" if alert else "blockquote", quote=True))
                continue
            if body[0] in "*-_" and _HR_RE.match(body):
                self.close_leaf()
                return
            marker = (
                _BULLET_RE.match(body) if body[0] in "*+-" else _ORDERED_RE.match(body) if body[0].isdigit() else None
            )
            if marker:
                sign = marker.group(0).rstrip(" \t")
                width = len(sign)
                after = body[width:]
                spaces = len(after) - len(after.lstrip(" "))
                empty = not after.strip()
                content = col + indent + width + (1 if empty or spaces > 4 else spaces) - base
                self.close_leaf()
                self.stack.append(_Container("list-item", quote=False, content=content, fresh=empty, marker=sign[-1]))
                if empty:
                    return
                col = base + content
                continue
            self.leaf_start(number, body)
            return

    def leaf_start(self, number: int, body: str) -> None:
        first = body[0]
        if first == "[" and _REFERENCE_RE.match(body):
            self.close_leaf()
            self.found[number] = self.path(_TEXT)
            return
        if first == "<":
            for start, end, _ in _HTML_BLOCKS:
                if start.match(body):
                    self.open_leaf(_HTML, number)
                    self.html_end = end
                    if end is not None and end.search(body):
                        self.close_leaf()
                    return
        if first == "#" and _ATX_RE.match(body):
            self.open_leaf(_HEADING, number)
            self.close_leaf()
            return
        self.open_leaf(_PARAGRAPH, number)


def _marker_of(body: str) -> str:
    """Return the bullet, or the delimiter after the number, of a list item line ("" if none)."""
    match = _BULLET_RE.match(body) or _ORDERED_RE.match(body)
    return match.group(0).rstrip(" \t")[-1] if match else ""


def _split_cells(row: str) -> list[str]:
    """Split a table row on unescaped pipes, without an empty first or last cell."""
    cells = re.split(r"(?<!\\)\|", row)
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return cells
