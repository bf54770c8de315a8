"""Count pairs, words and characters, per document and in total (like translate-toolkit's pocount)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sxstm.model import Document
from sxstm.sxs.locales import writes_without_spaces


@dataclass(slots=True)
class Counts:
    """Totals for a document or a group of documents."""

    documents: int = 0
    pairs: int = 0
    source_words: int = 0
    target_words: int = 0
    source_chars: int = 0
    target_chars: int = 0
    identical: int = 0
    multiline: int = 0
    in_code: int = 0
    machine_translated: int = 0

    def add(self, other: Counts) -> None:
        """Add ``other`` into these counts."""
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(slots=True)
class Summary:
    """Counts per document, per target locale, and in total."""

    by_document: dict[str, Counts] = field(default_factory=dict)
    by_locale: dict[str, Counts] = field(default_factory=dict)
    total: Counts = field(default_factory=Counts)


def count_words(text: str, locale: str) -> int:
    """Count words: whitespace-separated runs, or characters for scripts without spaces."""
    if writes_without_spaces(locale):
        return sum(1 for char in text if not char.isspace() and ord(char) > 0x2E7F) + len(
            "".join(char if ord(char) <= 0x2E7F else " " for char in text).split()
        )
    return len(text.split())


def count_document(document: Document) -> Counts:
    """Count one document (its findings are for ``sxstm qa``: the reader's are printed as read)."""
    counts = Counts(documents=1)
    machine = document.machine_translated
    for pair in document.pairs:
        source, target = pair.source.text, pair.target.text
        counts.pairs += 1
        counts.source_words += count_words(source, document.source_locale)
        counts.target_words += count_words(target, document.target_locale)
        counts.source_chars += len(source)
        counts.target_chars += len(target)
        counts.identical += source == target
        counts.multiline += "\n" in source or "\n" in target
        counts.in_code += pair.in_code
        counts.machine_translated += machine
    return counts


def document_counts(document: Document) -> tuple[str, str, Counts]:
    """Return the path, target locale and counts of ``document``."""
    return document.path, document.target_locale, count_document(document)


def summarize(counted: Iterable[tuple[str, str, Counts]]) -> Summary:
    """Add up ``(path, locale, counts)`` of every document."""
    summary = Summary()
    for path, locale, counts in counted:
        summary.by_document[path] = counts
        summary.by_locale.setdefault(locale, Counts()).add(counts)
        summary.total.add(counts)
    return summary
