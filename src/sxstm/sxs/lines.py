"""Character offsets of a text as 1-based lines and columns.

A line ends at ``\\n``, ``\\r\\n`` or a lone ``\\r``, as markdown-it-py's core normalises them
before it parses blocks: a file with old Mac line ends has as many lines as any other.
"""

from __future__ import annotations


class LineIndex:
    """Turn character offsets into 1-based (line, column), in time linear in the text.

    Ascending offsets cost only the text between them; an offset behind the last one starts
    again from the top of the text (callers walk the text in order, restarting a few times).
    """

    __slots__ = ("_line", "_line_start", "_lone_cr", "_offset", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._lone_cr = "\r" in text and text.count("\r") != text.count("\r\n")
        self._offset = 0
        self._line = 1
        self._line_start = 0

    def position(self, offset: int) -> tuple[int, int]:
        if offset < self._offset:
            self._offset, self._line, self._line_start = 0, 1, 0
        text, start = self._text, self._offset
        ends = text.count("\n", start, offset)
        if self._lone_cr:
            ends += text.count("\r", start, offset) - text.count("\r\n", start, offset)
            if ends:
                self._line_start = max(text.rfind("\n", start, offset), text.rfind("\r", start, offset)) + 1
        elif ends:
            self._line_start = text.rfind("\n", start, offset) + 1
        self._line += ends
        self._offset = offset
        return self._line, offset - self._line_start + 1


def count_line_ends(text: str, start: int = 0, end: int | None = None) -> int:
    """Count the line ends (``\\n``, ``\\r\\n``, lone ``\\r``) of ``text[start:end]``."""
    stop = len(text) if end is None else end
    ends = text.count("\n", start, stop)
    if "\r" in text:
        ends += text.count("\r", start, stop) - text.count("\r\n", start, stop)
    return ends


def has_line_end(text: str, start: int = 0, end: int | None = None) -> bool:
    """Tell whether ``text[start:end]`` holds a line end."""
    stop = len(text) if end is None else end
    return text.find("\n", start, stop) != -1 or text.find("\r", start, stop) != -1


def byte_position(data: bytes, offset: int, *, first_line: int = 1) -> tuple[int, int]:
    """The 1-based line and column (in characters) of byte ``offset`` of UTF-8 ``data``."""
    line_start = max(data.rfind(b"\n", 0, offset), data.rfind(b"\r", 0, offset)) + 1
    ends = data.count(b"\n", 0, offset) + data.count(b"\r", 0, offset) - data.count(b"\r\n", 0, offset)
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return first_line + ends, column
