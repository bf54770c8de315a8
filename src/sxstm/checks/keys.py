"""What the run-level checks keep of each pair's texts: keys, checksums and the texts folded, as plain values.

Compiled with mypyc (``setup.py``): a worker reduces every pair of the run here, a quarter of its
time when pure. It makes no class of its own, so that nothing compiled goes between processes;
:func:`sxstm.checks.consistency.seen` puts the values into a :class:`~sxstm.checks.registry.Seen`.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
from array import array
from typing import Final

from sxstm.checks.runner import holds
from sxstm.checks.text import UNSPACED

# Variants that differ only in these are one: straight or curly quotes (a house style), capitals
# (sentence case against title case), and a final full stop (a heading against a sentence).
# (A pattern, not str.translate: translate looks every character up, the pattern skips to a quote.)
_QUOTES = ("\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb", "\u2018", "\u2019", "\u201a", "'", "`", "\u300c", "\u300d")
_QUOTES_RE = re.compile(f"[{''.join(_QUOTES)}]")
_FINAL = ".\u3002!\uff01:\uff1a "
# Chinese and Japanese do not space their words: from 6 of their characters (kana or Chinese), a
# text is as long as 3 words (without it, the translations of SX406 were compared only where they
# held two spaces: 4,240 of the 9,208 keyed pairs of the study's Chinese were not). Korean spaces
# its words, and counts them as any other language does.
_UNSPACED_WORDS_RE = re.compile(f"(?:[^{UNSPACED}]*[{UNSPACED}]){{6}}")
_BLAKE2B = hashlib.blake2b(digest_size=8)
_BIG_ENDIAN = struct.Struct(">Q")


def key(text: str) -> int:
    """A hash of ``text`` with whitespace folded, quotes made straight, capitals made small and a
    final full stop dropped; 0 for a text under 3 words (and under 6 Chinese or Japanese
    characters)."""
    return _hashed(text if _plain(text) else _fold(text))


def _plain(text: str) -> bool:
    """Tell whether ``text`` has no run of spaces, line end, tab or edge whitespace to fold (the
    key of most texts, hashed as they are)."""
    return (
        "  " not in text
        and "\n" not in text
        and "\t" not in text
        and not text[:1].isspace()
        and not text[-1:].isspace()
    )


def _fold(text: str) -> str:
    return " ".join(text.split())


def _folded(text: str) -> str:
    """:func:`_fold` of ``text``, found without splitting it where it is ``text`` itself: every
    whitespace character that ``str.split`` cuts at but the space is unprintable, so a printable
    text without two spaces in a row or a space at either end is folded (most texts)."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return _fold(text)


def _hashed(folded: str) -> int:
    """:func:`key` of a text whose whitespace is folded."""
    if folded.find(" ", folded.find(" ") + 1) < 0 and (folded.isascii() or not _UNSPACED_WORDS_RE.match(folded)):
        return 0  # under 3 words (a count runs to the end)
    # The pattern only where a quote is: ASCII text (most sources) has none but these two, and
    # one search for each of the twelve (memchr) costs less than the pattern's test of each
    # character, which in 85 % of the bench's texts not all ASCII found none.
    quoted = ("'" in folded or "`" in folded) if folded.isascii() else holds(_QUOTES, folded)
    if quoted:
        folded = _QUOTES_RE.sub('"', folded)
    folded = folded.lower().rstrip(_FINAL)
    # A copy of an empty hash and a struct (not blake2b's keywords and int.from_bytes): the same
    # number at two thirds of the cost.
    digest = _BLAKE2B.copy()
    digest.update(folded.encode())
    value: int = _BIG_ENDIAN.unpack(digest.digest())[0]
    return value


def locale_key(locale: str) -> int:
    """A key of ``locale`` (capitals folded: ``pl-PL`` is ``pl-pl``) to mix into the keys of a
    document's texts with :func:`mix`."""
    digest = _BLAKE2B.copy()
    digest.update(locale.lower().encode())
    value: int = _BIG_ENDIAN.unpack(digest.digest())[0]
    return value


def mix(keys: array[int], mixed: int) -> array[int]:
    """``keys`` with ``mixed`` mixed into each but 0 (a short text keeps no key): texts
    of two locales then never share a key. Mixing again takes it out."""
    return array("Q", [value ^ mixed if value else 0 for value in keys])


def written(text: str) -> int:
    """A checksum of ``text`` as written, whitespace folded: tells apart the sources that one
    key of :func:`key` joins (``"Software"`` and ``'Software'``, a heading and a sentence)."""
    return zlib.crc32(_fold(text).encode("utf-8", "surrogatepass"))


# What :func:`reduce_texts` made of a pair (the key of each side, its source's checksum, both sides
# folded as UTF-8), by its two texts: a short pair met again (a heading of every page of a folder,
# a note, a table cell) is reduced once. With 2,048 entries, forgotten all at once when full, 24 %
# of a worker's pairs are found here (the bench's first 3,000 documents; 26.5 % with 8,192, which
# took about 5.5 MB a worker): short texts mostly, whose keys cost little. qa's workers ran 2.6 %
# fewer instructions on a contiguous eighth of the bench, and 0.9 % fewer on the whole bench with
# 8,192 entries. Only pairs of up to 800 characters (both sides) are kept, which lost none of
# those hits, so that the memo holds a few MB at most, in a worker or in a program that calls this
# and goes on to other work (2,048 pairs of 20,000 characters held 105 MB).
_Reduction = tuple[int, int, int, bytes, bytes]
_MEMO: Final[dict[tuple[str, str], _Reduction]] = {}
_MEMO_SIZE: Final = 2048
_MEMO_TEXT: Final = 800


def reduce_texts(
    sources: list[str], targets: list[str]
) -> tuple[array[int], array[int], bytes, array[int], array[int]]:
    """The keys of ``sources`` and of ``targets`` (pair by pair), both sides of each pair with
    whitespace folded, one after the other as UTF-8, and where each ends, and the checksum of
    each source as written (0 where its key is 0). A pair with neither side keyed, which no
    run-level check groups, names or reports, keeps empty texts. The texts are kept whole, so
    that variants that differ far into a long paragraph are compared and shown where they differ
    (as heads of 80 characters, 24 of the 86 German findings of SX406 in the study could not be
    told apart; the bench's texts take 63 MB, heads took 42 MB, in a scratch file)."""
    source_keys: array[int] = array("Q")
    target_keys: array[int] = array("Q")
    ends: array[int] = array("L")
    checksums: array[int] = array("L")
    texts: list[bytes] = []
    end = 0
    for pair in zip(sources, targets, strict=True):
        reduction = _MEMO.get(pair)
        if reduction is None:
            reduction = _reduce_pair(pair[0], pair[1])
            if len(pair[0]) + len(pair[1]) <= _MEMO_TEXT:
                if len(_MEMO) >= _MEMO_SIZE:
                    _MEMO.clear()
                _MEMO[pair] = reduction
        source_key, target_key, checksum, source_text, target_text = reduction
        source_keys.append(source_key)
        target_keys.append(target_key)
        checksums.append(checksum)
        texts.append(source_text)
        texts.append(target_text)
        end += len(source_text)
        ends.append(end)
        end += len(target_text)
        ends.append(end)
    return source_keys, target_keys, b"".join(texts), ends, checksums


def _reduce_pair(source: str, target: str) -> _Reduction:
    """What :func:`reduce_texts` keeps of a pair: the key of each side, the checksum of its source
    as written (0 where the source's key is 0), and each side folded, as UTF-8 (both empty where
    neither side has a key)."""
    # Each side's whitespace is folded once, for its key, its checksum and its text; a plain
    # side (most) is keyed as it is, and folded only where its checksum or text needs it.
    source_plain, target_plain = _plain(source), _plain(target)
    source_folded = "" if source_plain else _fold(source)
    target_folded = "" if target_plain else _fold(target)
    source_key = _hashed(source if source_plain else source_folded)
    target_key = _hashed(target if target_plain else target_folded)
    if not source_key and not target_key:
        return 0, 0, 0, b"", b""
    checksum = 0
    if source_key:
        if source_plain:
            source_folded = _folded(source)  # a plain text may hold other whitespace (a no-break space)
        checksum = zlib.crc32(source_folded.encode("utf-8", "surrogatepass"))
    # A reviewed target may hold any code point.
    return (
        source_key,
        target_key,
        checksum,
        (source_folded or _folded(source)).encode("utf-8", "surrogatepass"),
        (target_folded or _folded(target)).encode("utf-8", "surrogatepass"),
    )


# The values of a pair's record in the run-level checks' buckets (see :func:`partition`).
RECORD = 5


def partition(
    keys: array[int], others: array[int], writings: array[int], number: int, buckets: list[array[int]]
) -> int:
    """Append a record of each pair of document ``number`` whose grouping side has a key (in
    ``keys``) to the bucket its key chooses: the key, the other side's key (in ``others``), its
    source's checksum (in ``writings``; 0 where empty), ``number`` and the pair's index. Return
    how many values were appended."""
    count = len(buckets)
    if not writings:
        writings = array("L", bytes(writings.itemsize * len(keys)))
    appended = 0
    # Appended value by value from one iteration of the three: a record made as a tuple and
    # extended, or read by index, took 1.4 times as long compiled.
    for index, (key, other, writing) in enumerate(zip(keys, others, writings, strict=True)):
        if key:
            bucket = buckets[key % count]
            bucket.append(key)
            bucket.append(other)
            bucket.append(writing)
            bucket.append(number)
            bucket.append(index)
            appended += RECORD
    return appended
