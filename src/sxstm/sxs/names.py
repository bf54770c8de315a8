"""Turn a file's path into the text every output shows, losslessly, and back.

A file name is bytes on POSIX: it may hold bytes that are not UTF-8 (Python keeps them as lone
surrogates, ``\\udcff``), newlines and other control characters, none of which a TMX, JSONL,
PO or SARIF file can carry as they are. :func:`path_text` is the one place a document's path
becomes text: such bytes are written ``\\xNN`` (``\\xff``, a newline ``\\x0a``) and a backslash
``\\\\``, so that every name survives every format and report and :func:`text_path` gives the
file name back. Other names, all real ones, are left as they are.
"""

from __future__ import annotations

import re

_UNSAFE_RE = re.compile("[\\x00-\\x1f\\x7f-\\x9f\\\\\ud800-\udfff]")
_ESCAPE_RE = re.compile(r"\\(\\|x([0-9a-f]{2}))")


def path_text(name: str) -> str:
    """Return ``name`` (a path as Python reads it from the file system) as text safe to write."""
    if _UNSAFE_RE.search(name) is None:
        return name
    return _UNSAFE_RE.sub(_escape, name)


def text_path(text: str) -> str:
    """Return the path that :func:`path_text` turned into ``text``."""
    if "\\" not in text:
        return text
    raw = bytearray()
    pos = 0
    for match in _ESCAPE_RE.finditer(text):
        raw += text[pos : match.start()].encode("utf-8", "surrogatepass")
        raw += b"\\" if match.group(2) is None else bytes([int(match.group(2), 16)])
        pos = match.end()
    raw += text[pos:].encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "surrogateescape")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\\":
        return "\\\\"
    try:
        raw = char.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file system decoding makes
        raw = char.encode("utf-8", "surrogatepass")
    return "".join(f"\\x{byte:02x}" for byte in raw)
