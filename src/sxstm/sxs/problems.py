"""Problems the reader reports as findings, each with a stable code and name."""

from __future__ import annotations

import enum

from sxstm.model import Finding, Severity


class Problem(enum.Enum):
    """A reader diagnostic: ``(code, name, severity)``. Codes are never reused."""

    INVALID_UTF8 = ("SX001", "invalid-utf8", Severity.ERROR)
    ORPHAN_TARGET = ("SX002", "orphan-target-span", Severity.ERROR)
    ORPHAN_SOURCE = ("SX003", "orphan-source-span", Severity.ERROR)
    ID_MISMATCH = ("SX004", "id-mismatch", Severity.ERROR)
    UNREADABLE = ("SX005", "unreadable-file", Severity.ERROR)
    BINARY = ("SX006", "binary-file", Severity.ERROR)
    UNCLOSED_FRONT_MATTER = ("SX007", "unclosed-front-matter", Severity.WARNING)
    XML_INVALID_CHAR = ("SX008", "xml-invalid-char", Severity.WARNING)
    MIXED_LOCALES = ("SX009", "mixed-locales", Severity.WARNING)

    @property
    def code(self) -> str:
        return self.value[0]

    @property
    def label(self) -> str:
        return self.value[1]

    @property
    def severity(self) -> Severity:
        return self.value[2]

    def at(self, path: str, line: int, column: int, message: str, pair_id: str | None = None) -> Finding:
        """Make a finding of this problem at ``path:line:column``."""
        return Finding(path, line, column, self.severity, self.code, self.label, message, pair_id)
