"""Escape text for XML 1.0 writers, and find the characters XML 1.0 cannot hold.

XML 1.0 has no way to write most C0 control characters, U+FFFE or U+FFFF, not even as a
character reference. Writers drop them and report each drop as a finding; a carriage return
is kept as ``&#13;``, which parsers would otherwise turn into a line feed.
"""

from __future__ import annotations

import re
from typing import Final

# The surrogates as a regular-expression escape, not as characters of the literal: mypyc cannot
# compile a str constant that holds a lone surrogate.
INVALID_XML_CLASS = "\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\\ud800-\\udfff"
"""The characters XML 1.0 cannot hold, as the inside of a regular expression's ``[...]``."""
INVALID_XML_RE: Final = re.compile(f"[{INVALID_XML_CLASS}]")
_TEXT_ESCAPES: Final = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))
TEXT_ESCAPED = "".join(char for char, _ in _TEXT_ESCAPES)
"""The characters :func:`escape_clean` escapes."""
_ATTR_ESCAPES: Final = (*_TEXT_ESCAPES, ('"', "&quot;"), ("\n", "&#10;"), ("\t", "&#9;"))
# Any character an attribute value escapes or drops: most values (ids, paths) have none, told by
# one search, not two.
_ATTR_UNSAFE: Final = re.compile(f'[&<>\r"\n\t{INVALID_XML_CLASS}]')


def escape_text(text: str) -> str:
    """Escape element content; drops characters XML 1.0 cannot hold (see :func:`invalid_chars`)."""
    if INVALID_XML_RE.search(text):
        text = INVALID_XML_RE.sub("", text)
    return escape_clean(text)


def escape_clean(text: str) -> str:
    """Escape element content known to hold no character XML cannot hold (faster)."""
    # Four `in` tests, not a search for a class of characters: the class costs the regex engine a
    # test per character and took four times as long on the bench's segments.
    return _replace(text, _TEXT_ESCAPES)


def needs_escape(text: str) -> bool:
    """Tell whether :func:`escape_clean` would change ``text``."""
    return "&" in text or "<" in text or ">" in text or "\r" in text


def escape_attr(text: str) -> str:
    """Escape a double-quoted attribute value."""
    if _ATTR_UNSAFE.search(text) is None:
        return text
    if INVALID_XML_RE.search(text):
        text = INVALID_XML_RE.sub("", text)
    return _replace(text, _ATTR_ESCAPES)


def invalid_chars(text: str) -> list[str]:
    """List the characters of ``text`` that XML 1.0 cannot hold, as ``U+XXXX``."""
    return [f"U+{ord(char):04X}" for char in INVALID_XML_RE.findall(text)]


def _replace(text: str, escapes: tuple[tuple[str, str], ...]) -> str:
    # str.replace is several times faster than str.translate on non-ASCII text.
    for char, entity in escapes:
        if char in text:
            text = text.replace(char, entity)
    return text
