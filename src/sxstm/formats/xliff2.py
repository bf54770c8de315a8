"""XLIFF 2.1 writer: one ``<file>`` per document; needs one target locale per output file."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import BinaryIO

from sxstm.errors import UsageError
from sxstm.formats.pairs import xml_pair
from sxstm.formats.registry import Chunk, ExportOptions, ExportReport, register, whole_chunk
from sxstm.formats.tags import OriginalData
from sxstm.formats.unique import unique_ids
from sxstm.formats.xmltext import escape_attr, escape_text
from sxstm.model import Document, Finding

_NOT_NMTOKEN_RE = re.compile(r"[^\w.\-:]")
_NUMBER = "\0"  # stands for the file number until the files are joined


def render_xliff2(document: Document, options: ExportOptions) -> Chunk:
    """Render the ``<file>`` of one document; its id is numbered when joined."""
    findings: list[Finding] = []
    sub_state = "sxstm:mt" if document.machine_translated else "sxstm:ht"
    parts = [
        f'  <file id="f{_NUMBER}" original="{escape_attr(document.path)}">\n'
        "    <mda:metadata>\n"
        '      <mda:metaGroup category="document">\n'
        f'        <mda:meta type="translation-type">{document.translation_type.value}</mda:meta>\n'
    ]
    parts += [
        f'        <mda:meta type="{escape_attr(key)}">{escape_text(value)}</mda:meta>\n'
        for key, value in document.metadata.items()
        if value and "\n" not in value
    ]
    parts.append("      </mda:metaGroup>\n    </mda:metadata>\n")
    ids = unique_ids(_NOT_NMTOKEN_RE.sub("_", pair.id) or "_" for pair in document.pairs)
    for pair, unit_id in zip(document.pairs, ids, strict=True):
        data = OriginalData({})
        source, target = xml_pair(document, pair, findings, style="xliff2", tags=options.tags, data=data)
        parts.append(
            f'    <unit id="{escape_attr(unit_id)}" name="{escape_attr(pair.id)}" xml:space="preserve">\n'
            "      <notes>\n"
            f'        <note category="location">{escape_text(document.path)}:{pair.line}:{pair.column}</note>\n'
            f'        <note category="context">{pair.context}</note>\n'
            + "".join(
                f'        <note category="sxstm-qa" priority="{priority}">{escape_text(note)}</note>\n'
                for priority, note in options.notes.get(pair.id, ())
            )
            + "      </notes>\n"
            f"{data.render()}"
            f'      <segment state="translated" subState="{sub_state}">\n'
            f"        <source>{source}</source>\n"
            f"        <target>{target}</target>\n"
            "      </segment>\n"
            "    </unit>\n"
        )
    parts.append("  </file>\n")
    return whole_chunk(document, "".join(parts), findings)


def join_xliff2(chunks: Iterable[Chunk], out: BinaryIO, options: ExportOptions) -> ExportReport:
    """Write the ``<xliff>`` root and number the files; all must share one target locale.

    XLIFF 2 names one target language per file: a run with several locales needs ``--split``.
    """
    report = ExportReport()
    target_locale = None
    for number, chunk in enumerate(chunks, 1):
        if target_locale is None:
            target_locale = chunk.target_locale
            out.write(
                '<?xml version="1.0" encoding="UTF-8"?>\n'
                '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0"'
                ' xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0"'
                f' version="2.1" srcLang="{escape_attr(chunk.source_locale)}"'
                f' trgLang="{escape_attr(target_locale)}">\n'.encode()
            )
        elif chunk.target_locale != target_locale:
            raise UsageError(
                f"XLIFF 2 holds one target language per file, and this run has {target_locale} and "
                f"{chunk.target_locale} ({chunk.path}): use --split DIR, or one run per locale",
            )
        report.findings.extend(chunk.findings)
        report.records += chunk.units
        for _, text in chunk.records:
            out.write(text.replace(f"f{_NUMBER}".encode(), f"f{number}".encode(), 1))
    if target_locale is None:
        raise UsageError("XLIFF 2 needs at least one document to name the languages")
    out.write(b"</xliff>\n")
    return report


FORMAT = register(
    "xliff2",
    (".xlf", ".xliff"),
    "XLIFF 2.1 for review (choose it with --format xliff2); MT segments subState sxstm:mt",
    render=render_xliff2,
    join=join_xliff2,
    by_suffix=False,
)
