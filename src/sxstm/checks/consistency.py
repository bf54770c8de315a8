"""Checks across the whole run: the same source translated differently, and the reverse.

Workers reduce each pair to a :class:`Seen` (two 8-byte keys and a location); the main process
groups them once every document is read.
"""

from __future__ import annotations

import hashlib
from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sxstm.checks.registry import (
    CHECKS,
    Check,
    Context,
    Message,
    Profile,
    Scope,
    check,
    run_checks,
)
from sxstm.model import Document, Finding, Pair, Severity

_MIN_WORDS = 3


@check("SX406", "inconsistent-translation", Severity.INFO, scope=Scope.RUN)
def inconsistent_translation(pair: Pair, context: Context) -> Iterator[Message]:
    """The same source (3 or more words) is translated the same way across the run; each pair
    that differs from the most common translation is reported."""
    return iter(())


@check("SX407", "inconsistent-source", Severity.INFO, scope=Scope.RUN)
def inconsistent_source(pair: Pair, context: Context) -> Iterator[Message]:
    """One translation (3 or more words) stands for one source across the run; each pair whose
    source differs from the most common one is reported."""
    return iter(())


@dataclass(frozen=True, slots=True)
class Seen:
    """What the run-level checks keep of a document's pairs, as parallel arrays (cheap to send
    between processes): id, line, column, and a key per side, 0 for a side under 3 words."""

    path: str
    ids: tuple[str, ...]
    lines: array[int]
    columns: array[int]
    sources: array[int]
    targets: array[int]


def seen(document: Document) -> Seen:
    """Reduce every pair of ``document`` to what the run-level checks need."""
    pairs = [pair for pair in document.pairs if pair.source.text.strip() and pair.target.text.strip()]
    return Seen(
        document.path,
        tuple(pair.id for pair in pairs),
        array("l", (pair.line for pair in pairs)),
        array("l", (pair.target_column or pair.column for pair in pairs)),
        array("Q", (_key(pair.source.text) for pair in pairs)),
        array("Q", (_key(pair.target.text) for pair in pairs)),
    )


def _key(text: str) -> int:
    plain = "  " not in text and "\n" not in text and "\t" not in text and not text[:1].isspace()
    folded = text if plain and not text[-1:].isspace() else " ".join(text.split())
    if folded.count(" ") < _MIN_WORDS - 1:
        return 0
    return int.from_bytes(hashlib.blake2b(folded.encode(), digest_size=8).digest(), "big")


def across(documents: Sequence[Seen], profile: Profile) -> Iterator[Finding]:
    """The findings of the run-level checks of ``profile`` on every pair of the run."""
    codes = {c.code for c in profile.checks if c.scope is Scope.RUN}
    if "SX406" in codes:
        yield from _differing(documents, CHECKS["SX406"], profile, by_source=True)
    if "SX407" in codes:
        yield from _differing(documents, CHECKS["SX407"], profile, by_source=False)


def _differing(documents: Sequence[Seen], registered: Check, profile: Profile, *, by_source: bool) -> Iterator[Finding]:
    """Report each pair whose other side differs from the most common one for its side (its
    source with ``by_source``, else its target); of equally common ones, the first met."""
    counts: dict[tuple[int, int], int] = {}
    first: dict[tuple[int, int], tuple[str, int]] = {}
    variants: Counter[int] = Counter()

    def sides(document: Seen) -> Iterator[tuple[int, int]]:
        """Each pair's (grouping side, other side)."""
        keys, others = (document.sources, document.targets) if by_source else (document.targets, document.sources)
        return zip(keys, others, strict=True)

    for document in documents:
        for index, variant in enumerate(sides(document)):
            if not variant[0]:
                continue
            if variant in counts:
                counts[variant] += 1
            else:
                counts[variant] = 1
                first[variant] = (document.path, document.lines[index])
                variants[variant[0]] += 1
    common: dict[int, tuple[int, int]] = {}  # key: (the most common other side, its count)
    for (key, other), count in counts.items():
        if variants[key] > 1 and count > common.get(key, (0, 0))[1]:
            common[key] = (other, count)
    noun = "translations" if by_source else "sources"
    severity = profile.severity_of(registered)
    for document in documents:
        for index, (key, other) in enumerate(sides(document)):
            if key in common and other != common[key][0]:
                path, line = first[(key, common[key][0])]
                yield Finding(
                    document.path,
                    document.lines[index],
                    document.columns[index],
                    severity,
                    registered.code,
                    registered.name,
                    f"{variants[key]} {noun} of the same text in this run; the most common is at {path}:{line}",
                    document.ids[index],
                    f"{document.sources[index] ^ document.targets[index]:016x}",
                )


@dataclass(frozen=True, slots=True)
class Checked:
    """A document after the checks: its findings, and what the run-level checks need of it."""

    findings: tuple[Finding, ...]
    seen: Seen | None = None


def check_document(document: Document, profile: Profile) -> Checked:
    """Run the pair checks of ``profile`` on ``document`` and keep what the run-level ones need."""
    findings = tuple(run_checks(document, profile))
    if any(c.scope is Scope.RUN for c in profile.checks_for(document)):
        return Checked(findings, seen(document))
    return Checked(findings)
