"""XLIFF 2.1: one ``<file>`` per document, one target locale per output file; and its reader."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from io import BytesIO
from typing import BinaryIO

from lxml import etree

from sxstm.errors import NotTextError, UsageError
from sxstm.formats.pairs import xml_pair
from sxstm.formats.registry import Chunk, Cut, ExportOptions, ExportReport, Targets, register, streamed_chunk
from sxstm.formats.tags import OriginalData
from sxstm.formats.unique import unique_ids
from sxstm.formats.units import reviewed_unit
from sxstm.formats.xmlread import ancestor, elements, line_of, read_xml, unparsed
from sxstm.formats.xmltext import escape_attr, escape_text
from sxstm.model import Document, Finding, ReviewedUnit

_NOT_NMTOKEN_RE = re.compile(r"[^\w.\-:]")
_NUMBER = "\0"  # stands for the file number until the files are joined
_XLIFF2 = "{urn:oasis:names:tc:xliff:document:2.0}"


def render_xliff2(document: Document, options: ExportOptions) -> Chunk:
    """Render the ``<file>`` of one document; its id is numbered when joined.

    ``options.targets`` says what ``<target>`` holds: the document's translation (``translated``),
    or a copy of the source or nothing (``initial``); XLIFF 2 then carries no translation.
    """
    findings: list[Finding] = []
    return streamed_chunk(document, _xliff2_parts(document, options, findings), findings)


def _xliff2_parts(document: Document, options: ExportOptions, findings: list[Finding]) -> Iterator[str]:
    sub_state = "sxstm:mt" if document.machine_translated else "sxstm:ht"
    state = "translated" if options.targets is Targets.MT else "initial"
    yield (
        f'  <file id="f{_NUMBER}" original="{escape_attr(document.path)}">\n'
        "    <mda:metadata>\n"
        '      <mda:metaGroup category="document">\n'
        f'        <mda:meta type="translation-type">{document.translation_type.value}</mda:meta>\n'
        + "".join(
            f'        <mda:meta type="{escape_attr(key)}">{escape_text(value)}</mda:meta>\n'
            for key, value in document.metadata.items()
            if value and "\n" not in value
        )
        + "      </mda:metaGroup>\n    </mda:metadata>\n"
    )
    ids = unique_ids(_NOT_NMTOKEN_RE.sub("_", pair.id) or "_" for pair in document.pairs)
    for pair, unit_id in zip(document.pairs, ids, strict=True):
        data = OriginalData({})
        source, target = xml_pair(document, pair, findings, style="xliff2", tags=options.tags, data=data)
        yield (
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
            f'      <segment state="{state}" subState="{sub_state}">\n'
            f"        <source>{source}</source>\n"
            f"{_target(options.targets, source, target)}"
            "      </segment>\n"
            "    </unit>\n"
        )
    yield "  </file>\n"


def _target(targets: Targets, source: str, target: str) -> str:
    if targets is Targets.EMPTY:
        return ""
    return f"        <target>{source if targets is Targets.SOURCE else target}</target>\n"


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
        records = iter(chunk.records)
        for _, head in itertools.islice(records, 1):  # the <file> element, whose id is numbered now
            out.write(head.replace(f"f{_NUMBER}".encode(), f"f{number}".encode(), 1))
        for _, text in records:
            out.write(text)
        report.findings.extend(chunk.findings)
        report.records += chunk.units
    if target_locale is None:
        raise UsageError("XLIFF 2 needs at least one document to name the languages")
    out.write(b"</xliff>\n")
    return report


def read_xliff2(
    path: str, data: bytes | None = None, *, line: int = 1, charset: str | None = None
) -> Iterator[ReviewedUnit]:
    """Yield a unit per ``<unit>`` of a reviewed XLIFF 2 (see :class:`~sxstm.formats.registry.Reader`):
    a segment without a target leaves the unit untranslated; states and subStates do not count,
    as merge goes by the content."""
    return read_xml(_xliff2_units, path, data, line)


def _xliff2_units(name: str | BytesIO, shift: int) -> Iterator[ReviewedUnit]:
    """Units of an XLIFF 2: each joins the source and target of its segments and of the
    ignorables between them (an ignorable without a target keeps its source)."""
    original_data, data_tag = f"{_XLIFF2}originalData", f"{_XLIFF2}data"
    segment_tag, ignorable_tag = f"{_XLIFF2}segment", f"{_XLIFF2}ignorable"
    source_tag, target_tag = f"{_XLIFF2}source", f"{_XLIFF2}target"
    notes_tag, file_tag = f"{_XLIFF2}notes", f"{_XLIFF2}file"
    locale = None
    parent: etree._Element | None = None
    original = ""
    for unit in elements(name, f"{_XLIFF2}unit"):
        if locale is None:
            locale = unit.getroottree().getroot().get("trgLang", "")
        if unit.getparent() is not parent:  # the units of a <file> (or <group>) share its file
            parent = unit.getparent()
            file = ancestor(unit, file_tag)
            original = "" if file is None else file.get("original", "")
        data: dict[str | None, str] = {}
        sources, targets, untranslated = [], [], False
        context = ""
        for part in unit:
            if part.tag == original_data:
                data = {item.get("id"): item.text or "" for item in part.iterchildren(data_tag)}
            elif part.tag == segment_tag or part.tag == ignorable_tag:
                source = target = None
                for child in part:
                    if child.tag == source_tag:
                        source = _xliff2_markup(child, data)
                    elif child.tag == target_tag:
                        target = _xliff2_markup(child, data)
                sources.append(source or "")
                if part.tag == segment_tag:
                    untranslated = untranslated or target is None
                targets.append(target if target is not None else source or "")
            elif part.tag == notes_tag:  # the block context sxstm's export writes
                context = next((note.text or "" for note in part if note.get("category") == "context"), context)
        yield reviewed_unit(
            original,
            unit.get("name") or unit.get("id"),
            "".join(sources),
            None if untranslated else "".join(targets),
            line_of(unit) + shift,
            locale,
            context,
        )


def _xliff2_markup(element: etree._Element, data: dict[str | None, str]) -> str:
    if not len(element):
        return element.text or ""
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):
            parts += [unparsed(child), child.tail or ""]
            continue
        tag = child.tag
        name = tag[tag.find("}") + 1 :]  # its local name, whatever its namespace
        if name == "pc":
            parts += [
                data.get(child.get("dataRefStart"), ""),
                _xliff2_markup(child, data),
                data.get(child.get("dataRefEnd"), ""),
            ]
        elif name == "cp":
            parts.append(_code_point(child))
        elif name in ("ph", "sc", "ec"):
            parts.append(data.get(child.get("dataRef"), ""))
        else:
            parts.append(_xliff2_markup(child, data))
        parts.append(child.tail or "")
    return "".join(parts)


def _code_point(element: etree._Element) -> str:
    """The character of ``<cp hex="…"/>``; InputError at its line if it names none. Controls and
    surrogates are characters too: merge refuses them in a document, QA reports them."""
    value = element.get("hex", "")
    if re.fullmatch("[0-9A-Fa-f]{1,6}", value) and int(value, 16) <= 0x10FFFF:
        return chr(int(value, 16))
    raise NotTextError(f'<cp hex="{value}"> names no Unicode code point', line=line_of(element), column=1)


FORMAT = register(
    "xliff2",
    (".xlf", ".xliff"),
    "XLIFF 2.1 for review (choose it with --format xliff2); MT segments subState sxstm:mt",
    render=render_xliff2,
    join=join_xliff2,
    by_suffix=False,
    read=read_xliff2,
    root=f"{_XLIFF2}xliff",
    notes=True,
    cut=Cut.XML_FILES,
)
