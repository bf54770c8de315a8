"""Align locale trees of the same English documents on the English segment.

The trees are folders such as ``osd.de-de/`` and ``osd.ja-jp/`` holding the same documents.
Documents are matched by their path inside each tree (``articles/setup.md``), a *document
group*; within a group, pairs are matched by their English source text with whitespace runs
made one space and the ends stripped. Pair ids cannot be used: each locale has its own
(``data-ttu-id`` shares no id across the study corpus's locales), and line numbers shift
with the length of the translations.

- One multilingual pair per distinct English source of a group, in document order (the first
  tree's order; a segment only a later tree has goes after the last segment it shares).
- A locale whose document gives one English source several different targets (the same
  sentence in two places, translated twice) keeps the most frequent one, the first met on a
  tie; the translation says how many variants there were.
- Pairs with an empty side are left out, as in a bilingual TMX.
- What could not be matched is counted, per locale, by reason: a document a tree does not
  have or holds without pairs, and an English segment a locale's document lacks because the English differs — the
  documents were translated from different English commits (``ms.sourcegitcommit``), the
  segment was cut differently (its text is part of, or holds, a segment of that locale left
  unmatched), or otherwise (the English text differs).

Groups are read and aligned one at a time, so memory depends on the largest document, not on
the number of trees or documents.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sxstm.errors import SxstmError, UsageError
from sxstm.model import Document, Finding, MultilingualPair, Pair, Translation
from sxstm.sxs.reader import ReadOptions, read_document
from sxstm.sxs.sources import Source, find_sources, input_root

ABSENT = "document absent from the tree"
NO_PAIRS = "document without pairs in the tree"
OTHER_COMMIT = "English of another commit (ms.sourcegitcommit differs)"
RESEGMENTED = "segmented differently"
TEXT_DIFFERS = "English text differs"
EMPTY_SIDE = "pairs with an empty side left out"
VARIANTS = "other targets of an English segment in one document left out (the most frequent kept)"
# Why a tree has no translation of a document (the first two, counting documents) or of an
# English segment of a document it has (the others, counting segments); EMPTY_SIDE and
# VARIANTS count pairs left out.
UNMATCHED = (ABSENT, NO_PAIRS, OTHER_COMMIT, RESEGMENTED, TEXT_DIFFERS)

_Position = tuple[int, ...]


@dataclass(frozen=True, slots=True)
class DocumentGroup:
    """The documents found at ``path`` inside each tree, in tree order (None: not in that tree)."""

    path: str
    sources: tuple[Source | None, ...]


@dataclass(slots=True)
class Alignment:
    """What aligning one group gave: its multilingual pairs, and counts by ``(reason, locale)``."""

    pairs: list[MultilingualPair] = field(default_factory=list)
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)


@dataclass(frozen=True, slots=True)
class GroupOutcome:
    """One group read and aligned: its alignment, the findings of reading its documents, the
    errors that stopped the reading of some, and how many pairs the documents had."""

    alignment: Alignment
    findings: tuple[Finding, ...]
    errors: tuple[SxstmError, ...]
    documents: int
    pairs: int


def group_documents(trees: Sequence[str | Path], *, exclude: Sequence[str] = ()) -> list[DocumentGroup]:
    """Find the documents of every tree and group them by their path inside the tree.

    Documents are reported under their path from the trees' common folder (``osd.de-de/a.md``).
    Groups come in the order their paths are first met, tree by tree.
    """
    folders = [Path(tree) for tree in trees]
    for tree in folders:
        if tree.exists() and not tree.is_dir():
            raise UsageError(f"--multilingual aligns locale trees, and {tree} is not a folder")
    root = input_root(folders)
    found: dict[str, list[Source | None]] = {}
    for index, tree in enumerate(folders):
        for source in find_sources([tree], exclude=exclude):
            shown = Path(source.path).relative_to(root).as_posix()
            slots = found.setdefault(source.name, [None] * len(folders))
            slots[index] = Source(source.path, shown, source.explicit)
    return [DocumentGroup(path, tuple(sources)) for path, sources in found.items()]


def read_group(group: DocumentGroup, options: ReadOptions, tree_locales: Sequence[str]) -> GroupOutcome:
    """Read the documents of ``group`` and align them (see :func:`align_documents`);
    ``tree_locales`` names each tree in the counts of documents a tree does not have."""
    documents: list[Document] = []
    errors: list[SxstmError] = []
    findings: list[Finding] = []
    for source in group.sources:
        if source is None:
            continue
        try:
            document = read_document(source.path, name=source.name, options=options)
        except SxstmError as error:
            errors.append(error)
            continue
        findings.extend(document.findings)
        documents.append(document)
    alignment = align_documents(group.path, documents)
    for source, locale in zip(group.sources, tree_locales, strict=True):
        if source is None:
            alignment.counts[ABSENT, locale] += 1
    pairs = sum(len(document.pairs) for document in documents)
    return GroupOutcome(alignment, tuple(findings), tuple(errors), len(documents), pairs)


def normalize_source(text: str) -> str:
    """Return the key English segments are matched by: whitespace runs one space, ends stripped."""
    return " ".join(text.split())


class _Held:
    """A target of an English source in one locale: how many pairs have it, and the first."""

    __slots__ = ("count", "pair")

    def __init__(self, pair: Pair) -> None:
        self.count = 0
        self.pair = pair


# locale -> English key -> target text -> held
_Targets = dict[str, dict[str, dict[str, _Held]]]


def align_documents(path: str, documents: Sequence[Document]) -> Alignment:
    """Align the documents of one group, in tree order, on their English segments."""
    alignment = Alignment()
    if not documents:
        return alignment
    targets: _Targets = {}
    by_locale: dict[str, Document] = {}
    positions: dict[str, _Position] = {}
    first: dict[str, Pair] = {}
    for rank, document in enumerate(documents):
        locale = document.target_locale
        by_locale.setdefault(locale, document)
        keys = targets.setdefault(locale, {})
        anchor: _Position = (-1,)
        order = 0
        for pair in document.pairs:
            if not pair.source.text.strip() or not pair.target.text.strip():
                alignment.counts[EMPTY_SIDE, locale] += 1
                continue
            key = normalize_source(pair.source.text)
            if key in positions:
                anchor = positions[key]
            else:
                order += 1
                anchor = positions[key] = (order,) if rank == 0 else (*anchor, rank, order)
                first[key] = pair
            found = keys.setdefault(key, {})
            held = found.get(pair.target.text)
            if held is None:
                held = found[pair.target.text] = _Held(pair)
            held.count += 1
    for locale in [locale for locale, keys in targets.items() if not keys]:
        del targets[locale]
        if positions:  # other locales have segments this one lacks
            alignment.counts[NO_PAIRS, locale] += 1
    commits = {document.source_commit for document in documents}
    for key in sorted(positions, key=positions.__getitem__):
        translations = []
        for locale, keys in targets.items():
            variants = keys.get(key)
            if variants is None:
                alignment.counts[_why_unmatched(key, locale, targets, commits), locale] += 1
                continue
            # max() keeps the first of equals: the target met first wins a tie.
            text, held = max(variants.items(), key=lambda item: item[1].count)
            document = by_locale[locale]
            translations.append(
                Translation(
                    locale,
                    text,
                    document.translation_type,
                    document.path,
                    held.pair.id,
                    held.pair.line,
                    held.pair.column,
                    held.count,
                    variants=len(variants),
                )
            )
            if len(variants) > 1:
                alignment.counts[VARIANTS, locale] += sum(other.count for other in variants.values()) - held.count
        pair = first[key]
        alignment.pairs.append(
            MultilingualPair(path, pair.source.text, documents[0].source_locale, pair.context, tuple(translations))
        )
    return alignment


def _why_unmatched(key: str, locale: str, targets: _Targets, commits: set[str | None]) -> str:
    """Tell why the documents of ``locale`` have no pair with the English source ``key``."""
    if len(commits) > 1:
        return OTHER_COMMIT
    others: set[str] = set()
    for name, keys in targets.items():
        if name != locale:
            others.update(keys)
    if any(key in own or own in key for own in targets[locale].keys() - others):
        return RESEGMENTED
    return TEXT_DIFFERS
