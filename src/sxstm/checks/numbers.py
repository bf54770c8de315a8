"""Checks on numbers, versions and operators, on masked text."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

from sxstm.checks.registry import At, Context, Message, check
from sxstm.checks.runner import holds
from sxstm.checks.text import CJK, masked, missing_at, raw_offset
from sxstm.model import Pair, Severity

# A version: a dotted number after a name (Core 3.0, C# 7.3, .NET Framework 4.5, version 2.1).
_VERSION_RE = re.compile(r"(?:[A-Z][\w.#+]*|[Vv]ersion|v) (\d+)\.(\d+)(?:\.\d+)*(?![\d.,]*\d)")
_OPERATOR_SPLIT_RE = re.compile(r"(?<![=!<>])([=!<>]) (=)(?!=)")
# A number: digits, maybe grouped (1,000 / 1 000 / 1.000) or with decimals (2.5 / 2,5); not a
# part of a word (x64, UTF8, 1st) nor of a longer dotted number.
_DIGIT_RE = re.compile(r"\d")
_DIGITS_RE = re.compile(r"\d+")
# Chinese, Japanese and Korean write numbers against the characters around them (只是80資料行,
# 256字元碼): an ideograph, kana or hangul before a number does not make it part of a word.
_NUMBER_RE = re.compile(rf"(?<![^\W{CJK}]|[.,])\d+(?:(?:[.,]|[ \u00a0\u202f](?=\d{{3}}(?!\d)))\d+)*(?!\d|[.,]\d)")
# Digits grouped by spaces (1 000 000), maybe with decimals: anything else with a space in it
# is two numbers side by side ("10.2.2 201", "2019 100").
_SPACE_GROUPS_RE = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?")
_SPACES_RE = re.compile(r"[ \u00a0\u202f]")
# Two numbers of a list (0, 0), which a translation may write without the space: (0,0) is
# still two numbers there, not a decimal.
_LIST_RE = re.compile(r"(?<![\d.,])(\d+), (\d+)(?![\d.,]*\d)")
# A date of the English source, month/day/year (10/20/2019, 1/4/21), and dates of a translation
# in the local format: day.month.year (20.10.2019), year-month-day, year/month/day, or the
# Chinese and Japanese 2019年10月20日 (CLDR short and long date patterns of the study's locales).
_ENGLISH_DATE_RE = re.compile(r"(?<![\w/.])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\w/]|\.\d)")
_LOCAL_DATE_RE = re.compile(
    rf"(?<![^\W{CJK}]|[./-])(\d{{1,4}})([./-])(\d{{1,2}})\2(\d{{1,4}})(?![\w/-]|\.\d)"
    r"|(\d{4}) ?年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?日"
)


# The ten ASCII digits, each looked for by ``in`` (memchr): a pattern of a class called a function
# on every character of the source (has_digit of the 40,855 sources of an eighth of the bench: 243
# million instructions with the pattern, 140 million with the searches).
_ASCII_DIGITS = ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")


# The text of the last call and the answer: SX208 and SX212 ask it of each source (SX208 where
# the target has a comma), with no other test of the source between them.
_last_digit: tuple[str, bool] = ("", False)


def has_digit(text: str) -> bool:
    """Tell whether ``text`` holds a digit (``\\d``): in ASCII text, as most sources are, one of
    ten characters, found by ten searches for one character faster than by any pattern."""
    global _last_digit
    if _last_digit[0] is not text:
        found = holds(_ASCII_DIGITS, text) if text.isascii() else _DIGIT_RE.search(text) is not None
        _last_digit = (text, found)
    return _last_digit[1]


@check("SX208", "version-localised", Severity.ERROR, source_needs=has_digit, target_needs=",")
def version_localised(pair: Pair, context: Context) -> Iterator[Message]:
    """Version numbers keep their dots (``ASP.NET Core 3.0`` must not become ``3,0``).

    A decimal comma is right for quantities, but version numbers are names.
    """
    target = masked(pair.target.text)
    for match in _VERSION_RE.finditer(masked(pair.source.text)):
        version = match.group(0).rsplit(" ", 1)[-1]
        localised = f"{match.group(1)},{match.group(2)}"
        if version not in target and localised in target:
            yield At(f"version {version} became {localised}", raw_offset(pair.target.text, target.find(localised)))


@check("SX210", "operator-split", Severity.ERROR, target_needs="=")
def operator_split(pair: Pair, context: Context) -> Iterator[Message]:
    """Operators stay whole (``==`` must not become ``= =``, nor ``!=`` become ``! =``)."""
    yield from _split(pair, _OPERATOR_SPLIT_RE, "")


def _split(pair: Pair, pattern: re.Pattern[str], glue: str) -> Iterator[Message]:
    """Report each match of ``pattern`` in the target whose groups, joined by ``glue``, stand
    whole in the source (and the split form does not)."""
    source = masked(pair.source.text)
    for match in pattern.finditer(masked(pair.target.text)):
        joined = glue.join(match.groups())
        if joined in source and match.group(0) not in source:
            yield At(f"{joined} is split as {match.group(0)!r}", raw_offset(pair.target.text, match.start()))


@check("SX212", "number-changed", Severity.ERROR, source_needs=has_digit)
def number_changed(pair: Pair, context: Context) -> Iterator[Message]:
    """Every number of the source is in the translation, whatever its digit grouping and
    decimal sign (``1,000`` = ``1 000``, ``2.5`` = ``2,5``); code, links and versions aside.

    A changed number in documentation is a wrong fact: a port, a size, a count, a date. A
    small whole number (0 to 10) may be written as a word, so its absence is reported only
    where the translation holds a number the source does not. Where both sides hold the same
    runs of digits in the same order, no number changed, only the signs or spaces between
    them (``1. 1.`` → ``1.1.``).
    """
    source_text, target_text = masked(pair.source.text), masked(pair.target.text)
    if _DIGITS_RE.findall(source_text) == _DIGITS_RE.findall(target_text):
        return
    source_text, target_text = _without_same_dates(source_text, target_text)
    for first, second in _LIST_RE.findall(source_text):
        target_text = target_text.replace(f"{first},{second}", f"{first}, {second}")
    source = _numbers(source_text, english=True)
    target = _numbers(target_text, english=False)
    missing = Counter({digits: count for digits, (count, _) in source.items()})
    missing -= Counter({digits: count for digits, (count, _) in target.items()})
    extra = any(digits not in source for digits in target)
    for digits in sorted(missing):
        if extra or not (digits.isdigit() and int(digits) <= 10):
            written = source[digits][1]
            where = missing_at(pair.source.text, pair.target.text, written)
            yield At(f"the number {written} is not in the translation (marked where it would stand)", *where)


# The source is English: a comma groups thousands (1,000), a point marks decimals (2.5). A
# translation may use either sign for either job, or a space to group.
# A number before "million" or "billion" is left out: translations write it out (100 000 000).
_ENGLISH_NUMBER_RE = re.compile(
    r"(?<![\w.,])\d+(?:,\d{3}(?!\d))*(?:\.\d+)?(?![\w]|[.,]\d| (?:million|billion|thousand|trillion)\b)",
    re.IGNORECASE,
)


_DOT_GROUPS_RE = re.compile(r"\d{1,3}(?:\.\d{3})+")
_DECIMAL_END_RE = re.compile(r"[.,](?:\d{1,2}|\d{4,})$")  # not three digits: decimals, not grouping


def _date_key(day_month_year: Sequence[str]) -> tuple[int, ...]:
    """A date's numbers in order, the year by its last two digits: the same for 10/20/2019,
    20.10.2019 and 2019年10月20日, and for 1/4/21 and 04.01.2021."""
    return tuple(sorted(int(part) % 100 if len(part) >= 2 else int(part) for part in day_month_year))


def _without_same_dates(source: str, target: str) -> tuple[str, str]:
    """``source`` and ``target`` without the dates that both hold, whatever their local format
    (a translation writes 10/20/2019 as 20.10.2019 in German, as 2019年10月20日 in Chinese)."""
    if "/" not in source:
        return source, target
    dates = {_date_key(m.groups()): m for m in _ENGLISH_DATE_RE.finditer(source)}
    if not dates:
        return source, target
    found = []
    for match in _LOCAL_DATE_RE.finditer(target):
        parts = (match[1], match[3], match[4]) if match[1] else (match[5], match[6], match[7])
        same = _date_key(parts) in dates
        found.append((match.span(), same))
        if same:
            source = _blank(source, dates.pop(_date_key(parts)).span())
    for span, same in reversed(found):
        target = _blank(target, span) if same else _apart(target, span)
    return source, target


def _blank(text: str, span: tuple[int, int]) -> str:
    return text[: span[0]] + " " * (span[1] - span[0]) + text[span[1] :]


def _apart(text: str, span: tuple[int, int]) -> str:
    """``text`` with the date at ``span`` as three numbers, so that a changed day is named."""
    return text[: span[0]] + re.sub(r"\D", " ", text[span[0] : span[1]]) + text[span[1] :]


def _numbers(text: str, *, english: bool) -> dict[str, tuple[int, str]]:
    """Numbers as their digits (leading zeros of whole numbers and trailing zeros of decimals
    dropped): how many, and how the first was written; versions left out. In a translation a
    number may carry a grammatical ending (``2016m``)."""
    versions = {match.start(1) for match in _VERSION_RE.finditer(text)}
    found: dict[str, tuple[int, str]] = {}
    for match in (_ENGLISH_NUMBER_RE if english else _NUMBER_RE).finditer(text):
        for written, start in _pieces(match):
            _count(found, written, start in versions, english=english)
    return found


def _pieces(match: re.Match[str]) -> Iterator[tuple[str, int]]:
    """The number ``match`` found, or the numbers side by side in it if its spaces do not group
    thousands (``10.2.2 201`` is a section number and a status code)."""
    written = match.group(0)
    if not _SPACES_RE.search(written) or _SPACE_GROUPS_RE.fullmatch(written):
        yield written, match.start()
        return
    offset = match.start()
    for piece in _SPACES_RE.split(written):
        yield piece, offset
        offset += len(piece) + 1


def _count(found: dict[str, tuple[int, str]], written: str, version: bool, *, english: bool) -> None:
    """Add the number ``written`` to ``found``."""
    if version or (written.count(".") > 1 and not _DOT_GROUPS_RE.fullmatch(written)):
        return  # a version (4.6.1), not digits grouped by points (9.223.372)
    digits = re.sub(r"\D", "", written)
    if written.isdigit():
        digits = digits.lstrip("0") or "0"
    elif (english and "." in written) or (not english and _DECIMAL_END_RE.search(written)):
        digits = digits.rstrip("0")
    count, first = found.get(digits, (0, written))
    found[digits] = (count + 1, first)
