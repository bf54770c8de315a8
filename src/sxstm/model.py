"""The data model of sxstm, and its glossary.

document
    One side-by-side (sxs) markdown file: its path relative to the input root, its locales,
    translation type, front-matter metadata, the pairs found in it and the findings raised
    while reading it.
segment
    One side of a pair: the text as exported (container prefixes of continuation lines
    removed) and the offsets of the exact raw slice of the file it came from.
pair
    A source segment and a target segment sharing one id
    (``<span data-ttu-id="ID">TARGET</span><span class="sxs-lookup"><span data-stu-id="ID">SOURCE</span></span>``),
    with the offsets of that whole markup, the 1-based line and column of its opening tag and
    its block context.
finding
    A diagnostic with a location: a damaged span, invalid UTF-8, or (later) a QA defect.
reviewed unit
    A pair as it comes back from review in an exported TMX, XLIFF or PO file: the document and
    pair id it names, its source, its (reviewed) target, and whether the file marks that target
    as not to be used (PO ``#, fuzzy``).
multilingual pair
    One English source segment of a document as it stands in several locale trees (the same
    relative path in each), with the translation of every locale that has it; see
    :mod:`sxstm.sxs.pivot` for how segments are matched across locales.

Every class here is a frozen, slotted dataclass: stages pass them on and never change them.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field


class Severity(enum.Enum):
    """How serious a finding is; ``error`` fails a run by default."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class TranslationType(enum.Enum):
    """How the target text was made, from ``ms.translationtype``."""

    MT = "MT"
    HT = "HT"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Segment:
    """One side of a pair: exported text and the raw slice ``[start, end)`` of the document."""

    text: str
    start: int
    end: int


_CODE_LEAVES = ("code-block", "fence")  # the last name of the context of a pair in code
_CODE_ENDS = tuple(f"/{leaf}" for leaf in _CODE_LEAVES)


@dataclass(frozen=True, slots=True)
class Pair:
    """A source and a target segment with their shared id, location and block context.

    ``[start, end)`` is the whole pair markup in the document: from the ``<`` of
    ``<span data-ttu-id=`` to the end of the last ``</span>``; what a restored file replaces.

    ``context`` names the markdown block the pair sits in, outermost container first, joined
    by ``/``: for example ``heading``, ``alert-note/list-item/paragraph``,
    ``table-cell/link-text`` or ``fence``. See :mod:`sxstm.sxs.blocks`.
    """

    id: str
    source: Segment
    target: Segment
    start: int
    end: int
    line: int
    column: int
    context: str
    target_column: int = 0  # the column the target text starts at, on the pair's line (0: unknown)

    @property
    def in_code(self) -> bool:
        """Tell whether a markdown parser places this pair inside a code block."""
        # Tested on the end of the context, not by splitting it: qa asks it of every pair.
        return self.context in _CODE_LEAVES or self.context.endswith(_CODE_ENDS)


@dataclass(frozen=True, slots=True)
class Finding:
    """A diagnostic at ``path:line:column``; ``code`` and ``name`` are stable identifiers."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    name: str
    message: str
    pair_id: str | None = None
    fingerprint: str = ""  # a hash of the pair's normalised source and target, for baselines
    source: str = ""  # the pair's texts, for reports
    target: str = ""
    offset: int = -1  # where the defect is in ``target`` (-1: the finding is about the whole pair)
    length: int = 0  # how many characters of ``target`` it spans from there (0: unknown)
    source_offset: int = -1  # the matching place in ``source`` (-1: unknown)

    @property
    def end_column(self) -> int:
        """The column just after the defect, when it spans known characters on one line (0: unknown)."""
        if self.length <= 0 or self.offset < 0 or "\n" in self.target[self.offset : self.offset + self.length]:
            return 0
        return self.column + self.length

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity.value}: {self.message} [{self.code} {self.name}]"


@dataclass(frozen=True, slots=True)
class Document:
    """One sxs markdown file with its pairs, metadata and reader findings."""

    path: str
    source_locale: str
    target_locale: str
    translation_type: TranslationType
    metadata: Mapping[str, str] = field(default_factory=dict)
    pairs: tuple[Pair, ...] = ()
    findings: tuple[Finding, ...] = ()

    @property
    def machine_translated(self) -> bool:
        """Tell whether the targets must reach reviewers as unconfirmed: MT, or of unknown origin."""
        return self.translation_type is not TranslationType.HT

    @property
    def source_commit(self) -> str | None:
        """Return the English commit the translation was made from, if the front matter says."""
        return self.metadata.get("ms.sourcegitcommit")


@dataclass(frozen=True, slots=True)
class ReviewedUnit:
    """A pair read back from a reviewed file; ``target`` is None where the file has none.

    ``pair_id`` is None where the file names only the document (PO without ``msgctxt``, XLIFF
    from translate-toolkit's ``po2xliff``): merge then finds the pair by its source text.
    ``fuzzy``: the file marks the target as a guess not to be used (PO ``#, fuzzy``). An XLIFF
    state never sets it: CAT tools leave states as they found them, so merge goes by content.
    ``context``: the pair's block context (``table-cell``), where the file gives the one the
    export wrote; "" where it gives none.
    """

    path: str | None
    pair_id: str | None
    source: str
    target: str | None
    line: int
    fuzzy: bool
    locale: str = ""  # the target locale, where the file says
    context: str = ""


@dataclass(frozen=True, slots=True)
class Translation:
    """One locale's target of a multilingual pair: the most frequent of the targets its
    document gives the English source, with the location of its first pair.

    ``occurrences`` counts the document's pairs with that English source and this target;
    ``variants`` the distinct targets they had (more than 1: the others were left out).
    """

    locale: str
    text: str
    translation_type: TranslationType
    path: str  # the document's path as reported (``osd.de-de/articles/setup.md``)
    pair_id: str
    line: int
    column: int
    occurrences: int = 1
    variants: int = 1


@dataclass(frozen=True, slots=True)
class MultilingualPair:
    """An English source segment of the document ``path`` (relative to each locale tree) with
    its translations, one per locale, in the order of the trees."""

    path: str
    source: str
    source_locale: str
    context: str
    translations: tuple[Translation, ...]
