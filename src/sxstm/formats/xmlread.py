"""Read TMX and XLIFF files written by sxstm back into markdown segments (the only lxml module).

Inline tags turn back into the markup they hold, so ``read(write(x)) == x`` for every segment.
Files come from outside (reviewers, CAT tools): they are parsed without DTD loading, entity
expansion or network access.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

from lxml import etree

from sxstm.errors import InputError, read_error
from sxstm.model import ReviewedUnit

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XLIFF12 = "{urn:oasis:names:tc:xliff:document:1.2}"
_XLIFF2 = "{urn:oasis:names:tc:xliff:document:2.0}"


_SAFE = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": True}


def read_units(path: str | Path) -> list[ReviewedUnit]:
    """Read a TMX, XLIFF 1.2 or XLIFF 2 file into units; raise InputError if it is none of them."""
    return list(iter_units(path))


def iter_units(path: str | Path, *, data: bytes | None = None, shift: int = 0) -> Iterator[ReviewedUnit]:
    """Yield the units of a TMX, XLIFF 1.2 or XLIFF 2 file as they are read, each dropped from
    memory once yielded; raise InputError (maybe after some units) for a file that is none of them.

    With ``data``, that document is read instead of the file (a slice of it made whole), and
    ``shift`` is added to its line numbers to give the file's.
    """
    name = str(path)

    def source() -> str | BytesIO:
        return name if data is None else BytesIO(data)

    try:
        root = _root_tag(source())
        readers = {"tmx": _tmx_units, f"{_XLIFF12}xliff": _xliff12_units, f"{_XLIFF2}xliff": _xliff2_units}
        reader = readers.get(root)
        if reader is None:
            namespace = " (without the XLIFF 1.2 or 2.0 namespace)" if root.endswith("xliff") else ""
            raise InputError(f"not TMX or XLIFF: the root element is <{root}>{namespace}", path=name, line=1, column=1)
        yield from reader(source(), shift)
    except etree.XMLSyntaxError as error:
        line, column = error.position
        raise InputError(
            f"not well-formed XML: {error.msg}", path=name, line=int(line) + shift, column=int(column)
        ) from error
    except OSError as error:
        raise read_error(error, name) from error


def _root_tag(source: str | BytesIO) -> str:
    for _, element in etree.iterparse(source, events=("start",), **_SAFE):
        return str(element.tag)
    return ""


def _ended(source: str | BytesIO, tag: str) -> Iterator[etree._Element]:
    """Yield each ``tag`` element of the file once it is read whole, then free it and what
    came before it."""
    for _, element in etree.iterparse(source, events=("end",), tag=tag, **_SAFE):
        yield element
        element.clear()
        parent = element.getparent()
        while parent is not None and element.getprevious() is not None:
            del parent[0]


def _ancestor(element: etree._Element, tag: str) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def _line(element: etree._Element) -> int:
    return element.sourceline if isinstance(element.sourceline, int) else 0


def _markup(element: etree._Element) -> str:
    """Return the text of ``element`` with every inline tag replaced by the markup it holds."""
    if not len(element):
        return element.text or ""
    if any(not isinstance(child.tag, str) for child in element.iter()):
        parts = [element.text or ""]
        for child in element:
            parts.append(_inner(child) if isinstance(child.tag, str) else _unparsed(child))
            parts.append(child.tail or "")
        return "".join(parts)
    text: str = etree.tostring(element, method="text", encoding="unicode", with_tail=False)
    return text


def _inner(element: etree._Element) -> str:
    return "".join(str(text) for text in element.itertext(with_tail=False))


def _unparsed(node: etree._Element) -> str:
    """An entity reference stays as written (it is never expanded); comments and PIs go."""
    return f"&{node.text.strip('&;')};" if isinstance(node, etree._Entity) and node.text else ""


def _tmx_units(name: str | BytesIO, shift: int) -> Iterator[ReviewedUnit]:
    source_lang = None
    for unit in _ended(name, "tu"):
        if source_lang is None:
            header = unit.getroottree().getroot().find("header")
            source_lang = (header.get("srclang") or "").lower() if header is not None else ""
        props = {prop.get("type"): prop.text or "" for prop in unit.iterchildren("prop")}
        source = target = None
        locale = ""
        for variant in unit.iterchildren("tuv"):
            seg = variant.find("seg")
            text = _markup(seg) if seg is not None else ""
            if source is None and variant.get(_XML_LANG, "").lower() == source_lang:
                source = text
            else:
                target, locale = text, variant.get(_XML_LANG, "")
        path, pair_id = props.get("x-file"), props.get("x-id")
        yield ReviewedUnit(path, pair_id, source or "", target, _line(unit) + shift, machine=False, locale=locale)


def _xliff12_units(name: str | BytesIO, shift: int) -> Iterator[ReviewedUnit]:
    source_tag, target_tag = f"{_XLIFF12}source", f"{_XLIFF12}target"
    for unit in _ended(name, f"{_XLIFF12}trans-unit"):
        file = _ancestor(unit, f"{_XLIFF12}file")
        source = target = None
        for child in unit:
            if child.tag == source_tag:
                source = child
            elif child.tag == target_tag:
                target = child
        state = target.get("state") if target is not None else None
        yield ReviewedUnit(
            file.get("original", "") if file is not None else "",
            unit.get("resname") or unit.get("id"),
            "" if source is None else _markup(source),
            None if target is None or state in ("new", "needs-translation") else _markup(target),
            _line(unit) + shift,
            machine=target is not None and target.get("state-qualifier") in ("mt-suggestion", "leveraged-mt"),
            locale=file.get("target-language", "") if file is not None else "",
        )


def _xliff2_units(name: str | BytesIO, shift: int) -> Iterator[ReviewedUnit]:
    """Units of an XLIFF 2: each joins the source and target of its segments and of the
    ignorables between them (an ignorable without a target keeps its source)."""
    original_data, data_tag = f"{_XLIFF2}originalData", f"{_XLIFF2}data"
    segment_tag, ignorable_tag = f"{_XLIFF2}segment", f"{_XLIFF2}ignorable"
    source_tag, target_tag = f"{_XLIFF2}source", f"{_XLIFF2}target"
    locale = None
    for unit in _ended(name, f"{_XLIFF2}unit"):
        if locale is None:
            locale = unit.getroottree().getroot().get("trgLang", "")
        file = _ancestor(unit, f"{_XLIFF2}file")
        data: dict[str | None, str] = {}
        sources, targets, machine, untranslated = [], [], False, False
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
                    machine = machine or part.get("subState") == "sxstm:mt"
                    untranslated = untranslated or part.get("state", "initial") == "initial" or target is None
                targets.append(target if target is not None else source or "")
        yield ReviewedUnit(
            file.get("original", "") if file is not None else "",
            unit.get("name") or unit.get("id"),
            "".join(sources),
            None if untranslated else "".join(targets),
            _line(unit) + shift,
            machine=machine,
            locale=locale,
        )


def _xliff2_markup(element: etree._Element, data: dict[str | None, str]) -> str:
    if not len(element):
        return element.text or ""
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):
            parts += [_unparsed(child), child.tail or ""]
            continue
        name = etree.QName(child).localname
        if name == "pc":
            parts += [
                data.get(child.get("dataRefStart"), ""),
                _xliff2_markup(child, data),
                data.get(child.get("dataRefEnd"), ""),
            ]
        elif name == "cp":
            parts.append(chr(int(child.get("hex", "0"), 16)))
        elif name in ("ph", "sc", "ec"):
            parts.append(data.get(child.get("dataRef"), ""))
        else:
            parts.append(_xliff2_markup(child, data))
        parts.append(child.tail or "")
    return "".join(parts)
