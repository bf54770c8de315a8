"""Character offsets of a text as 1-based lines and columns."""

from __future__ import annotations


class LineIndex:
    """Turn character offsets into 1-based (line, column), for ascending or random offsets."""

    __slots__ = ("_line", "_offset", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._offset = 0
        self._line = 1

    def position(self, offset: int) -> tuple[int, int]:
        if offset >= self._offset:
            self._line += self._text.count("\n", self._offset, offset)
        else:
            self._line = self._text.count("\n", 0, offset) + 1
        self._offset = offset
        return self._line, offset - self._text.rfind("\n", 0, offset)


def byte_position(data: bytes, offset: int, *, first_line: int = 1) -> tuple[int, int]:
    """The 1-based line and column (in characters) of byte ``offset`` of UTF-8 ``data``."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return first_line + data.count(b"\n", 0, offset), column
