"""XLIFF 1.2 (strict schema): one ``<file>`` per document, one ``<trans-unit>`` per pair; and its reader."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from io import BytesIO
from typing import BinaryIO

from lxml import etree

from sxstm.formats.pairs import xml_pair
from sxstm.formats.registry import (
    Chunk,
    Cut,
    ExportOptions,
    ExportReport,
    Targets,
    join_records,
    register,
    streamed_chunk,
)
from sxstm.formats.unique import unique_ids
from sxstm.formats.units import reviewed_unit
from sxstm.formats.xmlread import ancestor, elements, line_of, markup, read_xml
from sxstm.formats.xmltext import escape_attr, escape_text
from sxstm.model import Document, Finding, ReviewedUnit
from sxstm.version import __version__

_XLIFF12 = "{urn:oasis:names:tc:xliff:document:1.2}"
_XLIFF11 = "{urn:oasis:names:tc:xliff:document:1.1}"  # translate-toolkit's po2xliff
_BLOCK = "x-block-context"  # the context-type of the block context (table-cell) in our exports

_MT_STATE = 'state="needs-review-translation" state-qualifier="mt-suggestion"'
_HT_STATE = 'state="translated"'
_TODO_STATE = 'state="needs-translation"'


def render_xliff12(document: Document, options: ExportOptions) -> Chunk:
    """Render the ``<file>`` of one document, with a ``<trans-unit>`` per pair.

    ``options.targets`` says what ``<target>`` holds: the document's translation (MT: to
    review), or a copy of the source or nothing (``needs-translation``), the translation then
    offered as an ``<alt-trans>`` whose origin is ``machine-translation`` or ``human-translation``.
    """
    findings: list[Finding] = []
    return streamed_chunk(document, _xliff12_parts(document, options, findings), findings)


def _xliff12_parts(document: Document, options: ExportOptions, findings: list[Finding]) -> Iterator[str]:
    state = _MT_STATE if document.machine_translated else _HT_STATE
    origin = "machine-translation" if document.machine_translated else "human-translation"
    target_lang = escape_attr(document.target_locale)
    path = escape_attr(document.path)
    yield (
        f'  <file original="{path}" source-language="{escape_attr(document.source_locale)}"'
        f' target-language="{escape_attr(document.target_locale)}" datatype="x-markdown" tool-id="sxstm">\n'
        "    <header>\n"
        f'      <tool tool-id="sxstm" tool-name="sxstm" tool-version="{__version__}"/>\n'
        f'      <note from="sxstm">translation type: {document.translation_type.value}</note>\n'
        "    </header>\n"
        "    <body>\n"
    )
    for pair, unit_id in zip(document.pairs, unique_ids(pair.id for pair in document.pairs), strict=True):
        source, target = xml_pair(document, pair, findings, style="xliff12", tags=options.tags)
        yield (
            f'      <trans-unit id="{escape_attr(unit_id)}" resname="{escape_attr(pair.id)}" xml:space="preserve">\n'
            f"        <source>{source}</source>\n"
            f"{_target(options.targets, state, source, target)}"
            f"{_alt_trans(options.targets, origin, target_lang, target)}"
            '        <context-group purpose="location">\n'
            f'          <context context-type="sourcefile">{escape_text(document.path)}</context>\n'
            f'          <context context-type="linenumber">{pair.line}</context>\n'
            f'          <context context-type="x-column">{pair.column}</context>\n'
            f'          <context context-type="x-block-context">{pair.context}</context>\n'
            "        </context-group>\n"
            + "".join(
                f'        <note from="sxstm-qa" priority="{priority}">{escape_text(note)}</note>\n'
                for priority, note in options.notes.get(pair.id, ())
            )
            + "      </trans-unit>\n"
        )
    yield "    </body>\n  </file>\n"


def _target(targets: Targets, state: str, source: str, target: str) -> str:
    if targets is Targets.MT:
        return f"        <target {state}>{target}</target>\n"
    if targets is Targets.SOURCE:
        return f"        <target {_TODO_STATE}>{source}</target>\n"
    return ""


def _alt_trans(targets: Targets, origin: str, target_lang: str, target: str) -> str:
    if targets is Targets.MT:
        return ""
    return (
        f'        <alt-trans origin="{origin}">\n'
        f'          <target xml:lang="{target_lang}">{target}</target>\n'
        "        </alt-trans>\n"
    )


def join_xliff12(chunks: Iterable[Chunk], out: BinaryIO, options: ExportOptions) -> ExportReport:
    """Write the ``<xliff>`` root around the rendered files."""
    report = ExportReport()
    out.write(
        b'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
    )
    join_records(chunks, out, report)
    out.write(b"</xliff>\n")
    return report


def read_xliff12(
    path: str, data: bytes | None = None, *, line: int = 1, charset: str | None = None
) -> Iterator[ReviewedUnit]:
    """Yield a unit per ``<trans-unit>`` of a reviewed XLIFF 1.2 or 1.1 (see
    :class:`~sxstm.formats.registry.Reader`), whatever the target's ``state``: merge goes by the
    content. A unit from translate-toolkit's ``po2xliff`` names its document in its
    ``po-reference`` context and no pair (merge finds it by source text); its header unit gives
    none."""
    return read_xml(_xliff12_units, path, data, line)


# The tags a unit's reading compares, by the tag of the unit (namespace 1.2 or 1.1): its
# source, target, context group and file, made once rather than per unit.
_TAGS = {
    f"{namespace}trans-unit": tuple(f"{namespace}{name}" for name in ("source", "target", "context-group", "file"))
    for namespace in (_XLIFF12, _XLIFF11)
}
_UNIT_TAGS = tuple(_TAGS)


def _xliff12_units(name: str | BytesIO, shift: int) -> Iterator[ReviewedUnit]:
    parent: etree._Element | None = None
    unit_tag = original = locale = ""
    for unit in elements(name, _UNIT_TAGS):
        if unit.get("restype") == "x-gettext-domain-header":
            continue
        tag = unit.tag
        source_tag, target_tag, group_tag, file_tag = _TAGS[tag]
        if unit.getparent() is not parent or tag != unit_tag:  # the units of a <body> share its <file>
            parent, unit_tag = unit.getparent(), tag
            file = ancestor(unit, file_tag)
            original = "" if file is None else file.get("original", "")
            locale = "" if file is None else file.get("target-language", "")
        source = target = None
        document = None
        context = ""
        for child in unit:
            child_tag = child.tag
            if child_tag == source_tag:
                source = child
            elif child_tag == target_tag:
                target = child
            elif child_tag == group_tag:
                if child.get("name") == "po-reference":
                    document = next(
                        (c.text for c in child if c.get("context-type") == "sourcefile" and c.text), document
                    )
                elif len(child):
                    context = _block_context(child) or context
        yield reviewed_unit(
            original if document is None else document,
            unit.get("resname") or unit.get("id") if document is None else unit.get("resname"),
            "" if source is None else markup(source),
            None if target is None else markup(target),
            line_of(unit) + shift,
            locale,
            context,
        )


def _block_context(group: etree._Element) -> str:
    """The block context a ``<context-group>`` gives, "" if none: sxstm's exports write it last
    in the location group (looked at first, as a unit's other contexts cost time to visit)."""
    last = group[-1]
    if last.get("context-type") == _BLOCK:
        return last.text or ""
    return next((context.text or "" for context in group if context.get("context-type") == _BLOCK), "")


FORMAT = register(
    "xliff",
    (".xlf", ".xliff"),
    "XLIFF 1.2 (strict) for review; MT targets needs-review-translation, mt-suggestion",
    render=render_xliff12,
    join=join_xliff12,
    read=read_xliff12,
    root=f"{_XLIFF12}xliff",
    more_roots=(f"{_XLIFF11}xliff",),
    notes=True,
    cut=Cut.XML_FILES,
)
