"""What the run-level checks keep of each pair's texts: keys, checksums and heads, as plain values.

Compiled with mypyc (``setup.py``): a worker reduces every pair of the run here, a quarter of its
time when pure. It makes no class of its own, so that nothing compiled goes between processes;
:func:`sxstm.checks.consistency.seen` puts the values into a :class:`~sxstm.checks.registry.Seen`.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from array import array

# Characters of each side a Seen keeps: 411,162 pairs of the bench hold about 50 MB of heads as
# UTF-8 bytes in two objects per document (as str objects per pair they took three times that).
SEEN_WIDTH = 80
_MIN_WORDS = 3
# Variants that differ only in these are one: straight or curly quotes (a house style), capitals
# (sentence case against title case), and a final full stop (a heading against a sentence).
# (A pattern, not str.translate: translate looks every character up, the pattern skips to a quote.)
_QUOTES_RE = re.compile("[\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u201a'`\u300c\u300d]")
_FINAL = ".\u3002!\uff01:\uff1a "


def key(text: str) -> int:
    """A hash of ``text`` with whitespace folded, quotes made straight, capitals made small and a
    final full stop dropped; 0 for a text under 3 words."""
    plain = "  " not in text and "\n" not in text and "\t" not in text and not text[:1].isspace()
    folded = text if plain and not text[-1:].isspace() else " ".join(text.split())
    if folded.count(" ") < _MIN_WORDS - 1:
        return 0
    folded = _QUOTES_RE.sub('"', folded).lower().rstrip(_FINAL)
    return int.from_bytes(hashlib.blake2b(folded.encode(), digest_size=8).digest(), "big")


def written(text: str) -> int:
    """A checksum of ``text`` as written, whitespace folded: tells apart the sources that one
    key of :func:`key` joins (``"Software"`` and ``'Software'``, a heading and a sentence)."""
    return zlib.crc32(" ".join(text.split()).encode("utf-8", "surrogatepass"))


def shown(text: str) -> str:
    """``text`` with whitespace folded, cut to :data:`SEEN_WIDTH` characters (an ellipsis ends a cut one)."""
    folded = " ".join(text[: SEEN_WIDTH * 2].split())
    return folded if len(folded) <= SEEN_WIDTH else folded[: SEEN_WIDTH - 1] + "\u2026"


def reduce_texts(
    sources: list[str], targets: list[str]
) -> tuple[array[int], array[int], bytes, array[int], array[int]]:
    """The keys of ``sources`` and of ``targets`` (pair by pair), the heads of both sides of each
    pair one after the other as UTF-8 and where each ends, and the checksum of each source as
    written (0 where its key is 0). A pair with neither side keyed, which no run-level check
    groups, names or reports, keeps empty heads."""
    source_keys: array[int] = array("Q")
    target_keys: array[int] = array("Q")
    ends: array[int] = array("L")
    checksums: array[int] = array("L")
    heads: list[bytes] = []
    end = 0
    for source, target in zip(sources, targets, strict=True):
        source_key, target_key = key(source), key(target)
        source_keys.append(source_key)
        target_keys.append(target_key)
        checksums.append(written(source) if source_key else 0)
        if source_key or target_key:
            for text in (source, target):
                head = shown(text).encode("utf-8", "surrogatepass")  # a reviewed target may hold any code point
                heads.append(head)
                end += len(head)
                ends.append(end)
        else:
            ends.append(end)
            ends.append(end)
    return source_keys, target_keys, b"".join(heads), ends, checksums
