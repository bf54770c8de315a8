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

from sxstm.checks.registry import Profile, Scope, Seen, run_check, run_checks
from sxstm.model import Document, Finding, Severity

_MIN_WORDS = 3


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
    for registered in profile.checks:
        if registered.across is None:
            continue
        severity = profile.severity_of(registered)
        for document, index, message in registered.across(documents):
            yield Finding(
                document.path,
                document.lines[index],
                document.columns[index],
                severity,
                registered.code,
                registered.name,
                message,
                document.ids[index],
                f"{document.sources[index] ^ document.targets[index]:016x}",
            )


@run_check("SX406", "inconsistent-translation", Severity.INFO)
def inconsistent_translation(documents: Sequence[Seen]) -> Iterator[tuple[Seen, int, str]]:
    """The same source (3 or more words) is translated the same way across the run; each pair
    that differs from the most common translation is reported."""
    return _differing(documents, by_source=True)


@run_check("SX407", "inconsistent-source", Severity.INFO)
def inconsistent_source(documents: Sequence[Seen]) -> Iterator[tuple[Seen, int, str]]:
    """One translation (3 or more words) stands for one source across the run; each pair whose
    source differs from the most common one is reported."""
    return _differing(documents, by_source=False)


def _differing(documents: Sequence[Seen], *, by_source: bool) -> Iterator[tuple[Seen, int, str]]:
    """Each pair whose other side differs from the most common one for its side (its source
    with ``by_source``, else its target); of equally common ones, the first met."""
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
    for document in documents:
        for index, (key, other) in enumerate(sides(document)):
            if key in common and other != common[key][0]:
                path, line = first[(key, common[key][0])]
                yield (
                    document,
                    index,
                    f"{variants[key]} {noun} of the same text in this run; the most common is at {path}:{line}",
                )


@dataclass(frozen=True, slots=True)
class Checked:
    """A document after the checks: its path, its findings, and what the run-level checks need of it."""

    path: str
    findings: tuple[Finding, ...]
    seen: Seen | None = None


def check_document(document: Document, profile: Profile) -> Checked:
    """Run the pair checks of ``profile`` on ``document`` and keep what the run-level ones need."""
    findings = tuple(run_checks(document, profile))
    if any(c.scope is Scope.RUN for c in profile.checks_for(document)):
        return Checked(document.path, findings, seen(document))
    return Checked(document.path, findings)
