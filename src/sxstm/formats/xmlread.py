"""Read TMX and XLIFF files written by sxstm back into markdown segments (the only lxml module).

Inline tags turn back into the markup they hold, so ``read(write(x)) == x`` for every segment.
Files come from outside (reviewers, CAT tools): they are parsed without DTD loading, entity
expansion or network access.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from sxstm.errors import InputError
from sxstm.model import ReviewedUnit

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XLIFF12 = "{urn:oasis:names:tc:xliff:document:1.2}"
_XLIFF2 = "{urn:oasis:names:tc:xliff:document:2.0}"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=True
    )


def read_units(path: str | Path) -> list[ReviewedUnit]:
    """Read a TMX, XLIFF 1.2 or XLIFF 2 file into units; raise InputError if it is none of them."""
    try:
        root = etree.parse(str(path), _parser()).getroot()
    except etree.XMLSyntaxError as error:
        line, column = error.position
        raise InputError(
            f"not well-formed XML: {error.msg}", path=str(path), line=int(line), column=int(column)
        ) from error
    except OSError as error:
        raise InputError(f"cannot read: {error}", path=str(path)) from error
    if root.tag == "tmx":
        return list(_tmx_units(root))
    if root.tag == f"{_XLIFF12}xliff":
        return list(_xliff12_units(root))
    if root.tag == f"{_XLIFF2}xliff":
        return list(_xliff2_units(root))
    where = root.sourceline if isinstance(root.sourceline, int) else None
    raise InputError(f"not TMX or XLIFF: the root element is <{root.tag}>", path=str(path), line=where)


def _line(element: etree._Element) -> int:
    return element.sourceline if isinstance(element.sourceline, int) else 0


def _markup(element: etree._Element) -> str:
    """Return the text of ``element`` with every inline tag replaced by the markup it holds."""
    parts = [element.text or ""]
    for child in element:
        parts.append("".join(str(text) for text in child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


def _tmx_units(root: etree._Element) -> Iterator[ReviewedUnit]:
    header = root.find("header")
    source_lang = (header.get("srclang") if header is not None else None) or ""
    for unit in root.iter("tu"):
        props = {prop.get("type"): prop.text or "" for prop in unit.findall("prop")}
        source = target = None
        locale = ""
        for variant in unit.findall("tuv"):
            seg = variant.find("seg")
            text = _markup(seg) if seg is not None else ""
            if variant.get(_XML_LANG, "").lower() == source_lang.lower() and source is None:
                source = text
            else:
                target, locale = text, variant.get(_XML_LANG, "")
        path, pair_id = props.get("x-file"), props.get("x-id")
        yield ReviewedUnit(path, pair_id, source or "", target, _line(unit), machine=False, locale=locale)


def _xliff12_units(root: etree._Element) -> Iterator[ReviewedUnit]:
    for file in root.iter(f"{_XLIFF12}file"):
        for unit in file.iter(f"{_XLIFF12}trans-unit"):
            source = unit.find(f"{_XLIFF12}source")
            target = unit.find(f"{_XLIFF12}target")
            untranslated = target is None or target.get("state") in ("new", "needs-translation")
            yield ReviewedUnit(
                file.get("original"),
                unit.get("resname") or unit.get("id"),
                _markup(source) if source is not None else "",
                None if untranslated or target is None else _markup(target),
                _line(unit),
                machine=target is not None and target.get("state-qualifier") in ("mt-suggestion", "leveraged-mt"),
                locale=file.get("target-language", ""),
            )


def _xliff2_units(root: etree._Element) -> Iterator[ReviewedUnit]:
    for file in root.iter(f"{_XLIFF2}file"):
        for unit in file.iter(f"{_XLIFF2}unit"):
            data = {item.get("id"): item.text or "" for item in unit.iter(f"{_XLIFF2}data")}
            sources, targets, machine, untranslated = [], [], False, False
            for segment in unit.iter(f"{_XLIFF2}segment"):
                machine = machine or segment.get("subState") == "sxstm:mt"
                untranslated = untranslated or segment.get("state", "initial") == "initial"
                source = segment.find(f"{_XLIFF2}source")
                target = segment.find(f"{_XLIFF2}target")
                sources.append(_xliff2_markup(source, data) if source is not None else "")
                if target is not None:
                    targets.append(_xliff2_markup(target, data))
            yield ReviewedUnit(
                file.get("original"),
                unit.get("name") or unit.get("id"),
                "".join(sources),
                "".join(targets) if targets and not untranslated else None,
                _line(unit),
                machine=machine,
                locale=root.get("trgLang", ""),
            )


def _xliff2_markup(element: etree._Element, data: dict[str | None, str]) -> str:
    parts = [element.text or ""]
    for child in element:
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
