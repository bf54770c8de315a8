"""Problems the reader reports as findings, each with a stable code and name."""

from __future__ import annotations

import enum

from sxstm.model import Finding, Severity


class Problem(enum.Enum):
    """A reader diagnostic: ``(code, name, severity, description)``. Codes are never reused."""

    INVALID_UTF8 = (
        "SX001",
        "invalid-utf8",
        Severity.ERROR,
        "The file holds bytes that are not UTF-8; the pairs they touch are not exported.",
    )
    ORPHAN_TARGET = (
        "SX002",
        "orphan-target-span",
        Severity.ERROR,
        "A translated span (data-ttu-id) has no whole English sxs-lookup span after it; the pair is not exported.",
    )
    ORPHAN_SOURCE = (
        "SX003",
        "orphan-source-span",
        Severity.ERROR,
        "An English sxs-lookup span (data-stu-id) has no translated span before it.",
    )
    ID_MISMATCH = (
        "SX004",
        "id-mismatch",
        Severity.ERROR,
        "A translated span and the English span after it carry different ids; the pair is not exported.",
    )
    UNREADABLE = ("SX005", "unreadable-file", Severity.ERROR, "The file cannot be read.")
    BINARY = ("SX006", "binary-file", Severity.ERROR, "The file holds NUL bytes: it is binary, not sxs markdown.")
    UNCLOSED_FRONT_MATTER = (
        "SX007",
        "unclosed-front-matter",
        Severity.WARNING,
        "The front matter opened by --- is never closed, so it is read as text and its metadata is lost.",
    )
    XML_INVALID_CHAR = (
        "SX008",
        "xml-invalid-char",
        Severity.WARNING,
        "A pair holds characters XML 1.0 cannot hold; the XML export drops them.",
    )
    MIXED_LOCALES = (
        "SX009",
        "mixed-locales",
        Severity.WARNING,
        "One PO file would hold several target locales; export each locale to its own file with --split.",
    )
    TARGET_NOT_TEXT = (
        "SX010",
        "target-not-text",
        Severity.ERROR,
        "A unit of a reviewed file has a target merge refuses to write into a document: a NUL, a control"
        " character, a lone surrogate, a carriage return, a line that would start a block, sxs or added"
        " span markup, a | or a newline added to a table cell, or a <cp> that names no character.",
    )

    @property
    def code(self) -> str:
        return self.value[0]

    @property
    def label(self) -> str:
        return self.value[1]

    @property
    def severity(self) -> Severity:
        return self.value[2]

    @property
    def description(self) -> str:
        """What the problem is, in one sentence."""
        return self.value[3]

    def at(self, path: str, line: int, column: int, message: str, pair_id: str | None = None) -> Finding:
        """Make a finding of this problem at ``path:line:column``."""
        return Finding(path, line, column, self.severity, self.code, self.label, message, pair_id)
