"""Escape text for XML 1.0 writers, and find the characters XML 1.0 cannot hold.

XML 1.0 has no way to write most C0 control characters, U+FFFE or U+FFFF, not even as a
character reference. Writers drop them and report each drop as a finding; a carriage return
is kept as ``&#13;``, which parsers would otherwise turn into a line feed.
"""

from __future__ import annotations

import re

INVALID_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TEXT_TABLE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR_TABLE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"}
)


def escape_text(text: str) -> str:
    """Escape element content; drops characters XML 1.0 cannot hold (see :func:`invalid_chars`)."""
    if INVALID_XML_RE.search(text):
        text = INVALID_XML_RE.sub("", text)
    return text.translate(_TEXT_TABLE)


def escape_attr(text: str) -> str:
    """Escape a double-quoted attribute value."""
    if INVALID_XML_RE.search(text):
        text = INVALID_XML_RE.sub("", text)
    return text.translate(_ATTR_TABLE)


def invalid_chars(text: str) -> list[str]:
    """List the characters of ``text`` that XML 1.0 cannot hold, as ``U+XXXX``."""
    return [f"U+{ord(char):04X}" for char in INVALID_XML_RE.findall(text)]
