"""Container prefixes of multi-line segments.

When a segment runs over several lines, its continuation lines repeat the prefix of the
container the pair sits in: blockquote markers (``> ``) and list indentation. Markdown strips
that prefix, so the exported text must too; the raw slice keeps it for write-back. Prefixes are
stripped lazily, as CommonMark reads them: a line that lacks one keeps all of its text.
"""

from __future__ import annotations

import re

_BLOCKQUOTE_RE = re.compile(r" {0,3}>[ \t]?")
_LIST_MARKER_RE = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])(?: {1,4}|\t)")
_INDENT_RE = re.compile(r" +")
_LINE_END_RE = re.compile(r"(\r\n|\r|\n)")

Containers = tuple[int, ...]
"""The containers of a line, outermost first: 0 for a blockquote, N > 0 for N columns of indent."""


def containers_of(line_head: str) -> Containers:
    """Read the containers opened by the text of a line before a pair's opening tag."""
    found: list[int] = []
    pos = 0
    while True:
        match = _BLOCKQUOTE_RE.match(line_head, pos)
        if match:
            found.append(0)
            pos = match.end()
            continue
        match = _LIST_MARKER_RE.match(line_head, pos)
        if match:
            found.append(match.end() - pos)
            pos = match.end()
            continue
        break
    match = _INDENT_RE.match(line_head, pos)
    if match:
        found.append(match.end() - pos)
    return tuple(found)


def strip_prefixes(raw: str, containers: Containers) -> str:
    """Remove the container prefix from every continuation line of ``raw``."""
    if not containers or ("\n" not in raw and "\r" not in raw):
        return raw
    if "\r" not in raw:
        first, *rest = raw.split("\n")
        return "\n".join([first, *(_strip_line(line, containers) for line in rest)])
    parts = _LINE_END_RE.split(raw)  # line, line end, line, …: a lone CR ends a line too
    tail = (part if index % 2 else _strip_line(part, containers) for index, part in enumerate(parts[1:], 1))
    return parts[0] + "".join(tail)


def _strip_line(line: str, containers: Containers) -> str:
    pos = 0
    for width in containers:
        if width == 0:
            match = _BLOCKQUOTE_RE.match(line, pos)
            if match is None:
                break
            pos = match.end()
        else:
            limit = min(len(line), pos + width)
            end = pos
            while end < limit and line[end] == " ":
                end += 1
            lazy = end - pos < width
            pos = end
            if lazy:
                break
    return line[pos:]
