"""Checks on numbers, versions and operators, on masked text."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from sxstm.checks.registry import At, Context, Message, check
from sxstm.checks.text import masked, raw_offset
from sxstm.model import Pair, Severity

# A version: a dotted number after a name (Core 3.0, C# 7.3, .NET Framework 4.5, version 2.1).
_VERSION_RE = re.compile(r"(?:[A-Z][\w.#+]*|[Vv]ersion|v) (\d+)\.(\d+)(?:\.\d+)*(?![\d.,]*\d)")
_OPERATOR_SPLIT_RE = re.compile(r"(?<![=!<>])([=!<>]) (=)(?!=)")
# A number: digits, maybe grouped (1,000 / 1 000 / 1.000) or with decimals (2.5 / 2,5); not a
# part of a word (x64, UTF8, 1st) nor of a longer dotted number.
_DIGIT_RE = re.compile(r"\d")
_NUMBER_RE = re.compile(r"(?<![\w.,])\d+(?:(?:[.,]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d+)*(?!\d|[.,]\d)")


@check("SX208", "version-localised", Severity.ERROR)
def version_localised(pair: Pair, context: Context) -> Iterator[Message]:
    """Version numbers keep their dots (``ASP.NET Core 3.0`` must not become ``3,0``).

    A decimal comma is right for quantities, but version numbers are names.
    """
    if not _DIGIT_RE.search(pair.source.text):
        return
    target = masked(pair.target.text)
    for match in _VERSION_RE.finditer(masked(pair.source.text)):
        version = match.group(0).rsplit(" ", 1)[-1]
        localised = f"{match.group(1)},{match.group(2)}"
        if version not in target and localised in target:
            yield At(f"version {version} became {localised}", raw_offset(pair.target.text, target.find(localised)))


@check("SX210", "operator-split", Severity.ERROR)
def operator_split(pair: Pair, context: Context) -> Iterator[Message]:
    """Operators stay whole (``==`` must not become ``= =``, nor ``!=`` become ``! =``)."""
    yield from _split(pair, _OPERATOR_SPLIT_RE, "", hint="=")


def _split(pair: Pair, pattern: re.Pattern[str], glue: str, *, hint: str) -> Iterator[Message]:
    """Report each match of ``pattern`` in the target whose groups, joined by ``glue``, stand
    whole in the source (and the split form does not); ``hint`` must be in any target that matches."""
    if hint not in pair.target.text:
        return
    source = masked(pair.source.text)
    for match in pattern.finditer(masked(pair.target.text)):
        joined = glue.join(match.groups())
        if joined in source and match.group(0) not in source:
            yield At(f"{joined} is split as {match.group(0)!r}", raw_offset(pair.target.text, match.start()))


@check("SX212", "number-changed", Severity.ERROR)
def number_changed(pair: Pair, context: Context) -> Iterator[Message]:
    """Every number of the source is in the translation, whatever its digit grouping and
    decimal sign (``1,000`` = ``1 000``, ``2.5`` = ``2,5``); code, links and versions aside.

    A changed number in documentation is a wrong fact: a port, a size, a count, a date. A
    small whole number (0 to 10) may be written as a word, so its absence is reported only
    where the translation holds a number the source does not.
    """
    if not _DIGIT_RE.search(pair.source.text):
        return
    source = _numbers(masked(pair.source.text), english=True)
    target = _numbers(masked(pair.target.text), english=False)
    missing = Counter({digits: count for digits, (count, _) in source.items()})
    missing -= Counter({digits: count for digits, (count, _) in target.items()})
    extra = any(digits not in source for digits in target)
    for digits in sorted(missing):
        if extra or not (digits.isdigit() and int(digits) <= 10):
            yield At(f"the number {source[digits][1]} is not in the translation", 0)


# The source is English: a comma groups thousands (1,000), a point marks decimals (2.5). A
# translation may use either sign for either job, or a space to group.
# A number before "million" or "billion" is left out: translations write it out (100 000 000).
_ENGLISH_NUMBER_RE = re.compile(
    r"(?<![\w.,])\d+(?:,\d{3}(?!\d))*(?:\.\d+)?(?![\w]|[.,]\d| (?:million|billion|thousand|trillion)\b)",
    re.IGNORECASE,
)


_DOT_GROUPS_RE = re.compile(r"\d{1,3}(?:\.\d{3})+")
_DECIMAL_END_RE = re.compile(r"[.,](?:\d{1,2}|\d{4,})$")  # not three digits: decimals, not grouping


def _numbers(text: str, *, english: bool) -> dict[str, tuple[int, str]]:
    """Numbers as their digits (leading zeros of whole numbers and trailing zeros of decimals
    dropped): how many, and how the first was written; versions left out. In a translation a
    number may carry a grammatical ending (``2016m``)."""
    versions = {match.start(1) for match in _VERSION_RE.finditer(text)}
    found: dict[str, tuple[int, str]] = {}
    for match in (_ENGLISH_NUMBER_RE if english else _NUMBER_RE).finditer(text):
        written = match.group(0)
        if match.start() in versions or (written.count(".") > 1 and not _DOT_GROUPS_RE.fullmatch(written)):
            continue  # a version (4.6.1), not digits grouped by points (9.223.372)
        digits = re.sub(r"\D", "", written)
        if written.isdigit():
            digits = digits.lstrip("0") or "0"
        elif (english and "." in written) or (not english and _DECIMAL_END_RE.search(written)):
            digits = digits.rstrip("0")
        count, first = found.get(digits, (0, written))
        found[digits] = (count + 1, first)
    return found
