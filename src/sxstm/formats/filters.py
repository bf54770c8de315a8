"""Filters every export honours (``extract --only``, ``--drop-findings``, ``--min-words``, ``--dedupe``).

The filters of one document (:func:`filter_document`) run in the worker that read it; dedupe
needs every pair before it, so :class:`Deduper` runs once, in order, in the main process. Each
filter counts what it removed, under a reason the summary prints.
"""

from __future__ import annotations

import enum
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, replace

from sxstm.model import Document, Pair, Severity, TranslationType

_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class Dedupe(enum.Enum):
    """Which pairs ``--dedupe`` keeps only once."""

    PAIR = "pair"  # the same source and target in one language pair
    SOURCE = "source"  # the same source, in any language pair: a test set shares no source with training


@dataclass(frozen=True, slots=True)
class Filters:
    """What to leave out of an export; the defaults keep every pair."""

    only: TranslationType | None = None  # keep only documents of this translation type
    drop_findings: Severity | None = None  # drop pairs with a QA finding at this severity or above
    min_words: int = 0  # drop pairs whose source or target has fewer words
    dedupe: Dedupe | None = None

    @property
    def active(self) -> bool:
        """Tell whether any filter may remove a pair."""
        return self != Filters()


def filter_document(document: Document, filters: Filters) -> tuple[Document, Counter[str]]:
    """Return ``document`` without the pairs ``--only`` and ``--drop-findings`` remove, and how many each removed."""
    removed: Counter[str] = Counter()
    if filters.only is not None and document.translation_type is not filters.only:
        removed[f"not {filters.only.value} (--only)"] = len(document.pairs)
        return replace(document, pairs=()), removed
    pairs = document.pairs
    if filters.drop_findings is not None:
        from sxstm.checks import run_checks  # here: an export without --drop-findings never loads the checks

        limit = _RANK[filters.drop_findings]
        flagged = {
            finding.pair_id
            for finding in run_checks(document)
            if finding.pair_id is not None and _RANK[finding.severity] <= limit
        }
        kept = tuple(pair for pair in pairs if pair.id not in flagged)
        removed[f"with a QA {filters.drop_findings.value} or worse (--drop-findings)"] = len(pairs) - len(kept)
        pairs = kept
    return replace(document, pairs=pairs), +removed


def drop_short(document: Document, words: int) -> tuple[Document, Counter[str]]:
    """Return ``document`` without the pairs with a side under ``words`` words (``--min-words``,
    applied to the text as exported, after ``--text``), and how many it removed."""
    kept = tuple(pair for pair in document.pairs if _long_enough(pair, words))
    removed = Counter({f"under {words} words (--min-words)": len(document.pairs) - len(kept)})
    return replace(document, pairs=kept), +removed


def _long_enough(pair: Pair, words: int) -> bool:
    """Tell whether both sides hold ``words`` words or more."""
    return count_words(pair.source.text) >= words and count_words(pair.target.text) >= words


# Han ideographs, kana and CJK punctuation: Chinese and Japanese are written without spaces.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def count_words(text: str) -> int:
    """Count the words of ``text``: tokens between white space, and each Chinese or Japanese
    character (ideograph or kana) as one word."""
    cjk = len(_CJK.findall(text))
    return len((_CJK.sub(" ", text) if cjk else text).split()) + cjk


class Deduper:
    """Remove, in order, the pairs already exported (:class:`Dedupe` says which are the same)."""

    def __init__(self, dedupe: Dedupe) -> None:
        self.dedupe = dedupe
        self.seen: set[bytes] = set()
        self.removed = 0

    def __call__(self, document: Document) -> Document:
        """Return ``document`` without the pairs seen before (in it or in an earlier document)."""
        kept = []
        for pair in document.pairs:
            key = self._key(document, pair)
            if key not in self.seen:
                self.seen.add(key)
                kept.append(pair)
        self.removed += len(document.pairs) - len(kept)
        return replace(document, pairs=tuple(kept)) if len(kept) != len(document.pairs) else document

    def _key(self, document: Document, pair: Pair) -> bytes:
        if self.dedupe is Dedupe.SOURCE:
            parts = [pair.source.text]
        else:
            parts = [document.source_locale, document.target_locale, pair.source.text, pair.target.text]
        # A 16-byte digest keeps memory flat on a corpus of millions of pairs.
        return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).digest()

    @property
    def reason(self) -> str:
        """The reason the summary prints for the pairs this removed."""
        what = "source" if self.dedupe is Dedupe.SOURCE else "pair"
        return f"duplicates of an earlier {what} (--dedupe {self.dedupe.value})"
