"""The one place writers take segment text from, so that inline markup handling stays local."""

from __future__ import annotations

from sxstm.formats.xmltext import INVALID_XML_RE, escape_text, invalid_chars
from sxstm.model import Document, Finding, Pair, Segment, TranslationType
from sxstm.problems import Problem


def export_text(segment: Segment) -> str:
    """Return the text exported for ``segment``: its markdown, container prefixes removed."""
    return segment.text


def xml_segment(document: Document, pair: Pair, segment: Segment, findings: list[Finding]) -> str:
    """Return the escaped XML content for ``segment``, reporting characters XML cannot hold."""
    text = export_text(segment)
    if INVALID_XML_RE.search(text):
        dropped = ", ".join(invalid_chars(text))
        findings.append(
            Problem.XML_INVALID_CHAR.at(
                document.path,
                pair.line,
                pair.column,
                f"pair {pair.id}: dropped {dropped}, which XML 1.0 cannot hold",
                pair.id,
            )
        )
    return escape_text(text)


def needs_review(document: Document) -> bool:
    """Tell whether targets should reach reviewers as unconfirmed: MT, or of unknown origin."""
    return document.translation_type is not TranslationType.HT
