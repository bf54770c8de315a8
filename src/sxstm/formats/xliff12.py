"""XLIFF 1.2 (strict schema): one ``<file>`` per document, one ``<trans-unit>`` per pair; and its reader."""

from __future__ import annotations

import re
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
from sxstm.formats.xmlread import WHOLE_BYTES, ancestor, elements, line_of, markup, read_xml
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
    if data is not None and len(data) <= WHOLE_BYTES:  # a larger one streams through lxml, not decoded whole
        exported = _exported_units(data, line)
        if exported is not None:
            return iter(exported)
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


# A file exactly as render_xliff12 and join_xliff12 write it (a slice of one, as merge cuts it),
# read by regular expressions at a fraction of lxml's cost a unit (most of merging an unchanged
# export was lxml). They accept only a subset of well-formed XML whose parse is known: each
# element with a fixed set of attributes in a fixed order (so none is repeated), attribute values
# with nothing XML would normalize, no CDATA, comments, PIs or DOCTYPE; and the whole file holds
# no character XML forbids, no CR (a parser turns it into LF), no "]]>" and no "&" but the
# references sxstm writes, told for the file at once (a class of characters costs the regular
# expression engine 10 to 40 ns a character, where "[^<]" or bytes.count cost about one).
# Anything else (a file a CAT tool wrote back) is read by lxml, which reports a damaged file.
_TEXT = "[^<]*+"
_ATTR = '[^<>"\n\t]*+'
_INLINE = (
    rf'<ph id="{_ATTR}" ctype="{_ATTR}">{_TEXT}</ph>'
    rf'|<bpt id="{_ATTR}" ctype="{_ATTR}">{_TEXT}</bpt>'
    rf'|<ept id="{_ATTR}">{_TEXT}</ept>'
    rf'|<it id="{_ATTR}" pos="{_ATTR}" ctype="{_ATTR}">{_TEXT}</it>'
)
_SEGMENT = rf"{_TEXT}(?:(?:{_INLINE}){_TEXT})*+"
_PROLOG = '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
_FILE_RE = re.compile(
    rf'[ \n]*+<file original="({_ATTR})" source-language="{_ATTR}" target-language="({_ATTR})"'
    rf' datatype="{_ATTR}" tool-id="{_ATTR}">\n'
    "    <header>\n"
    rf'      <tool tool-id="{_ATTR}" tool-name="{_ATTR}" tool-version="{_ATTR}"/>\n'
    rf'      <note from="{_ATTR}">{_TEXT}</note>\n'
    "    </header>\n"
    "    <body>\n"
)
# Groups: 1 id, 2 resname, 3 source, 4 target (unset: none), 5 block context.
_UNIT_RE = re.compile(
    rf'      <trans-unit id="({_ATTR})" resname="({_ATTR})" xml:space="preserve">\n'
    rf"        <source>({_SEGMENT})</source>\n"
    rf'(?:        <target(?: state="{_ATTR}"(?: state-qualifier="{_ATTR}")?)?>({_SEGMENT})</target>\n)?'
    rf'(?:        <alt-trans origin="{_ATTR}">\n          <target xml:lang="{_ATTR}">{_SEGMENT}</target>\n'
    "        </alt-trans>\n)?"
    '        <context-group purpose="location">\n'
    rf'          <context context-type="sourcefile">{_TEXT}</context>\n'
    rf'          <context context-type="linenumber">{_TEXT}</context>\n'
    rf'          <context context-type="x-column">{_TEXT}</context>\n'
    rf'          <context context-type="x-block-context">({_TEXT})</context>\n'
    "        </context-group>\n"
    rf'(?:        <note from="{_ATTR}" priority="{_ATTR}">{_TEXT}</note>\n)*+'
    "      </trans-unit>\n"
)
_FILE_END = "    </body>\n  </file>"
_END_RE = re.compile(r"[ \n]*+</xliff>[ \n]*+")
_TAG_RE = re.compile(r"<[^>]*>")  # an inline tag that _UNIT_RE matched: no ">" in its values
# The bytes of characters that are not XML 1.0 (the C0 controls but tab and LF; a surrogate is not
# UTF-8, U+FFFE and U+FFFF are searched below), and CR: deleting them changes the length.
_NOT_XML_BYTES = bytes([*range(9), 11, 12, 13, *range(14, 32)])


_REFERENCES = (
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&quot;", '"'),
    ("&apos;", "'"),
    ("&#9;", "\t"),
    ("&#10;", "\n"),
    ("&#13;", "\r"),
    ("&amp;", "&"),
)
# What else the file may not hold, each searched alone: a search for alternatives tests every
# byte, one for a literal start skips to it (1 ms each for 2 MB, the alternatives 14 ms).
_REFUSED = (
    re.compile(rb"\]\]>"),
    re.compile(rb"\xef\xbf[\xbe\xbf]"),  # U+FFFE, U+FFFF
    re.compile(rb"&(?!(?:amp|lt|gt|quot|apos|#9|#10|#13);)"),  # any "&" but the start of _REFERENCES
)


def _exported_units(data: bytes, line: int) -> list[ReviewedUnit] | None:
    """The units of ``data`` (whose first line is the file's line ``line``) as
    :func:`_xliff12_units` reads them, if ``data`` is a file exactly as sxstm writes it; else None."""
    if len(data.translate(None, _NOT_XML_BYTES)) != len(data) or any(found.search(data) for found in _REFUSED):
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not text.startswith(_PROLOG):
        return None
    units: list[ReviewedUnit] = []
    pos = counted = len(_PROLOG)
    line += text.count("\n", 0, pos)
    file = _FILE_RE.match(text, pos)
    while file is not None:
        original, locale = _unescape(file.group(1)), _unescape(file.group(2))
        pos = file.end()
        unit = _UNIT_RE.match(text, pos)
        while unit is not None:
            line += text.count("\n", counted, pos)  # the unit starts at pos: matched there
            counted = pos
            unit_id, resname, source, target, context = unit.groups()  # one call, not five
            units.append(
                reviewed_unit(
                    original,
                    _unescape(resname) or _unescape(unit_id),
                    _markup(source),
                    None if target is None else _markup(target),
                    line,
                    locale,
                    _unescape(context),
                )
            )
            pos = unit.end()
            unit = _UNIT_RE.match(text, pos)
        if not text.startswith(_FILE_END, pos):
            return None
        pos += len(_FILE_END)
        file = _FILE_RE.match(text, pos)
    return units if _END_RE.fullmatch(text, pos) else None


def _markup(segment: str) -> str:
    """The text of a segment _UNIT_RE matched, its inline tags replaced by the markup they hold."""
    return _unescape(_TAG_RE.sub("", segment) if "<" in segment else segment)


def _unescape(text: str) -> str:
    """Resolve the references of _REFERENCES, the only ones _exported_units accepts ("&amp;"
    last, so that "&amp;lt;" stays "&lt;")."""
    if "&" not in text:
        return text
    for reference, char in _REFERENCES:
        if reference in text:
            text = text.replace(reference, char)
    return text


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
