"""Read the YAML front matter of a Microsoft Docs file: its top-level scalar fields.

Docs front matter is flat ``key: value`` lines (``ms.contentlocale: pl-PL``,
``ms.locfileid: "74711287"``). Only top-level scalars are read: plain, single- or double-quoted,
and block scalars (``|``, ``>``) folded to one string. Nested mappings and lists are kept as
their raw text. This avoids a YAML library on the hot path; the fields sxstm uses are scalars.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY_RE = re.compile(r"^([A-Za-z_][\w.\-]*)[ \t]*:(?:[ \t]+(.*[^ \t])?|)[ \t]*$")
# a line of its own: the line end before it (a character searched for fast, where a lookbehind
# is tried at every character), then the mark, before a line end or the end of the text
_CLOSE_RE = re.compile(r"[\r\n](?:---|\.\.\.)[ \t]*(?=[\r\n]|\Z)")
_MARKS = ("|", ">", '"', "'")  # the first character of a block scalar or a quoted one
_DOUBLE_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "/": "/", "0": "\0", "r": "\r"}


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The fields of a front-matter block and where the body starts."""

    fields: dict[str, str]
    body_start: int
    closed: bool


def read_front_matter(text: str) -> FrontMatter:
    """Parse the front matter at the start of ``text`` (after an optional BOM), if any.

    Lines may end in ``\\n``, ``\\r\\n`` or a lone ``\\r``.
    """
    start = 1 if text.startswith("\ufeff") else 0
    if not text.startswith("---", start) or text[start + 3 : start + 4] not in ("\n", "\r"):
        return FrontMatter({}, 0, closed=True)
    block_start = _after_line_end(text, start + 3)
    close = _CLOSE_RE.search(text, block_start - 1)  # the line end of the opening ---
    if close is None:
        return FrontMatter({}, 0, closed=False)
    block = text[block_start : close.start() + 1]
    return FrontMatter(_parse_fields(block), _after_line_end(text, close.end()), closed=True)


def _after_line_end(text: str, end: int) -> int:
    """The offset after the line end at ``end`` (the end of the text if there is none)."""
    if text.startswith("\r\n", end):
        return end + 2
    return end + 1 if end < len(text) else len(text)


def _parse_fields(block: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    lines = block.splitlines()
    index, count = 0, len(lines)
    while index < count:
        match = _KEY_RE.match(lines[index])
        index += 1
        if match is None:
            continue
        key, value = match.groups("")
        first = index
        while index < count and (lines[index][:1] in (" ", "\t", "-") or not lines[index].strip()):
            index += 1
        if index == first and value[:1] not in _MARKS:
            fields[key] = value  # a plain value on its own line: most fields
        else:
            fields[key] = _scalar(value, lines[first:index])
    return fields


def _scalar(value: str, nested: list[str]) -> str:
    if value[:1] in ("|", ">"):
        body = [line.strip() for line in nested]
        joiner = "\n" if value[0] == "|" else " "
        return joiner.join(line for line in body if line)
    if value.startswith('"') and value.endswith('"') and len(value) >= 2:
        if "\\" not in value:  # most quoted values (ms.locfileid: "74711287")
            return value[1:-1]
        return re.sub(r"\\(.)", lambda m: _DOUBLE_ESCAPES.get(m.group(1), m.group(1)), value[1:-1])
    if value.startswith("'") and value.endswith("'") and len(value) >= 2:
        return value[1:-1].replace("''", "'")
    if not value and nested:
        return "\n".join(nested)
    if nested:
        return " ".join([value, *(line.strip() for line in nested if line.strip())])
    return value
