"""Checks on numbers, versions, dotted identifiers and operators, on masked text."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from sxstm.checks.registry import At, Context, Message, check
from sxstm.checks.segments import masked, raw_offset
from sxstm.model import Pair, Severity

# A version: a dotted number after a name (Core 3.0, C# 7.3, .NET Framework 4.5, version 2.1).
_VERSION_RE = re.compile(r"(?:[A-Z][\w.#+]*|[Vv]ersion|v) (\d+)\.(\d+)(?:\.\d+)*(?![\d.,]*\d)")
_IDENTIFIER_SPLIT_RE = re.compile(r"\b([A-Z][A-Za-z0-9]*)\. ([A-Z][A-Za-z0-9]*)\b")
_OPERATOR_SPLIT_RE = re.compile(r"(?<![=!<>])([=!<>]) (=)(?!=)")
# A number: digits, maybe grouped (1,000 / 1 000 / 1.000) or with decimals (2.5 / 2,5); not a
# part of a word (x64, UTF8, 1st) nor of a longer dotted number.
_DIGIT_RE = re.compile(r"\d")
_NUMBER_RE = re.compile(r"(?<![\w.,])\d+(?:(?:[.,]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d+)*(?![\w]|[.,]\d)")


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


@check("SX209", "identifier-split", Severity.ERROR)
def identifier_split(pair: Pair, context: Context) -> Iterator[Message]:
    """Dotted identifiers stay whole (``System.Exception`` must not become ``System. Exception``)."""
    if ". " not in pair.target.text:
        return
    source = masked(pair.source.text)
    for match in _IDENTIFIER_SPLIT_RE.finditer(masked(pair.target.text)):
        joined = f"{match.group(1)}.{match.group(2)}"
        if joined in source and match.group(0) not in source:
            yield At(f"{joined} is split as {match.group(0)!r}", raw_offset(pair.target.text, match.start()))


@check("SX210", "operator-split", Severity.ERROR)
def operator_split(pair: Pair, context: Context) -> Iterator[Message]:
    """Operators stay whole (``==`` must not become ``= =``, nor ``!=`` become ``! =``)."""
    if "=" not in pair.target.text:
        return
    source = masked(pair.source.text)
    for match in _OPERATOR_SPLIT_RE.finditer(masked(pair.target.text)):
        joined = match.group(1) + match.group(2)
        if joined in source and match.group(0) not in source:
            yield At(f"{joined} is split as {match.group(0)!r}", raw_offset(pair.target.text, match.start()))


@check("SX212", "number-changed", Severity.ERROR)
def number_changed(pair: Pair, context: Context) -> Iterator[Message]:
    """Every number of the source is in the translation, whatever its digit grouping and
    decimal sign (``1,000`` = ``1 000``, ``2.5`` = ``2,5``); code, links and versions aside.

    A changed number in documentation is a wrong fact: a port, a size, a count, a date.
    """
    if not _DIGIT_RE.search(pair.source.text):
        return
    source = masked(pair.source.text)
    numbers = _numbers(source)
    missing = Counter({digits: count for digits, (count, _) in numbers.items()})
    missing -= Counter({digits: count for digits, (count, _) in _numbers(masked(pair.target.text)).items()})
    for digits in sorted(missing):
        yield At(f"the number {numbers[digits][1]} is not in the translation", 0)


def _numbers(text: str) -> dict[str, tuple[int, str]]:
    """Numbers as their digits: how many, and how the first was written; versions left out."""
    versions = {match.start(1) for match in _VERSION_RE.finditer(text)}
    found: dict[str, tuple[int, str]] = {}
    for match in _NUMBER_RE.finditer(text):
        if match.start() in versions or match.group(0).count(".") > 1:
            continue
        digits = re.sub(r"\D", "", match.group(0))
        count, written = found.get(digits, (0, match.group(0)))
        found[digits] = (count + 1, written)
    return found
