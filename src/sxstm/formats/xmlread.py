"""Reading reviewed XML files (TMX, XLIFF): the safe parser and what the XML formats' readers share.

Inline tags turn back into the markup they hold, so ``read(write(x)) == x`` for every segment.
Files come from outside (reviewers, CAT tools): they are parsed without DTD loading, entity
expansion or network access. lxml is imported here and in the XML formats only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from io import BytesIO

from lxml import etree

from sxstm.errors import InputError, NotTextError, read_error
from sxstm.model import ReviewedUnit

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_SAFE = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": True}

# Reads the units of a file (a name, or a document in memory), adding ``shift`` to their lines.
UnitReader = Callable[[str | BytesIO, int], Iterator[ReviewedUnit]]


def read_xml(units: UnitReader, path: str, data: bytes | None, line: int) -> Iterator[ReviewedUnit]:
    """Yield the units ``units`` reads of the file ``path``, or of ``data`` (a document whose
    first line is the file's line ``line``), each dropped from memory once yielded; raise
    InputError, at the file's line, where the XML is not well-formed or the file cannot be read."""
    shift = line - 1
    if data is None:
        root_element(path)  # refuses a file that declares entities
    try:
        yield from units(path if data is None else BytesIO(data), shift)
    except etree.XMLSyntaxError as error:
        raise _syntax_error(error, path, shift) from error
    except OSError as error:
        raise read_error(error, path) from error
    except InputError as error:  # a unit the reader refused: where it lies in the file
        kind = NotTextError if isinstance(error, NotTextError) else InputError  # kept for qa's SX010
        raise kind(error.message, path=path, line=(error.line or 0) + shift, column=error.column) from error


def root_element(path: str) -> str:
    """Return the tag of the root element of the XML file ``path`` (``{namespace}name``), reading
    only as far as its start; raise InputError if the file is not XML, cannot be read, or
    uses an entity it declares in an attribute (libxml2 expands those whatever it is told)."""
    try:
        for _, element in etree.iterparse(path, events=("start",), **_SAFE):
            dtd = element.getroottree().docinfo.internalDTD
            if dtd is not None and any(True for _ in dtd.iterentities()):
                _refuse_entities_in_attributes(path)
            return str(element.tag)
    except etree.XMLSyntaxError as error:
        raise _syntax_error(error, path, 0) from error
    except OSError as error:
        raise read_error(error, path) from error
    return ""


# An attribute whose value references an entity other than XML's five (a file's own entity).
_ENTITY_IN_ATTRIBUTE_RE = re.compile(
    rb"<[A-Za-z_][^<>]*?=\s*(?:\"[^\"<]*|'[^'<]*)&(?!(?:amp|lt|gt|quot|apos);)([A-Za-z_:][^;\"'<>\s]*);"
)


def _refuse_entities_in_attributes(path: str) -> None:
    """Raise InputError where an attribute of ``path`` uses a declared entity (read whole: only
    a file that declares entities, which no sxstm export nor CAT tool does, is read so)."""
    with open(path, "rb") as handle:
        data = handle.read()
    found = _ENTITY_IN_ATTRIBUTE_RE.search(data)
    if found:
        line = data.count(b"\n", 0, found.start()) + 1
        name = found.group(1).decode("utf-8", "replace")
        raise InputError(
            f"an attribute uses the entity &{name};, which would be expanded: remove it", path=path, line=line
        )


def _syntax_error(error: etree.XMLSyntaxError, path: str, shift: int) -> InputError:
    line, column = error.position
    return InputError(f"not well-formed XML: {error.msg}", path=path, line=int(line) + shift, column=int(column))


# A document in memory up to this size is parsed whole; a tree takes several times its bytes.
WHOLE_BYTES = 16 << 20


def elements(source: str | BytesIO, tag: str | tuple[str, ...]) -> Iterator[etree._Element]:
    """Yield each ``tag`` element (or element of any of the tags) of the file named ``source``,
    as :func:`ended` does, or of the document ``source`` in memory: a slice of a reviewed file
    (about 2 MiB) is parsed whole and walked in C, about half the time of parsing it element by
    element and freeing each; a larger one (a file of one huge ``<file>``) as it streams."""
    data = source if isinstance(source, str) else source.getvalue()
    if isinstance(data, str) or len(data) > WHOLE_BYTES:
        return ended(source, tag)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)  # as _SAFE
    return etree.fromstring(data, parser).iter(tag)


def ended(source: str | BytesIO, tag: str | tuple[str, ...]) -> Iterator[etree._Element]:
    """Yield each ``tag`` element (or element of any of the tags) of the file once it is read
    whole, then free it and what came before it."""
    for _, element in etree.iterparse(source, events=("end",), tag=tag, **_SAFE):
        yield element
        element.clear()
        parent = element.getparent()
        while parent is not None and element.getprevious() is not None:
            del parent[0]


def ancestor(element: etree._Element, tag: str) -> etree._Element | None:
    """Return the nearest ancestor of ``element`` named ``tag``."""
    parent = element.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


# libxml2 keeps an element's line in 16 bits: from this line on it keeps this number, and
# ``sourceline`` gives the line where the first text node in or after the element ends (only text
# nodes keep a larger line, with XML_PARSE_BIG_LINES, which lxml sets): its first child, depth
# first, or else its next sibling, as far as five nodes down (xmlGetLineNo).
_BIG_LINE = 65_535


def line_of(element: etree._Element) -> int:
    """Return the line where ``element``'s start tag ends (its only line, but for a tag written
    over several lines), 0 if unknown.

    Past line 65,535, lxml gives the line where the element's first text ends (one late for a
    ``<trans-unit>`` whose children stand on lines of their own): the line ends of what lies
    between are taken off. A line end written as a reference (``&#10;``) in that text, or as a
    lone CR, is taken off too, though the parser did not count it: none is in a reviewed file's
    indentation.
    """
    line = element.sourceline
    if not isinstance(line, int):
        return 0
    if line < _BIG_LINE:
        return line
    return max(_BIG_LINE, line - _lines_to_text(element))


def _lines_to_text(element: etree._Element) -> int:
    """Count the line ends from the end of ``element``'s start tag to the end of the text node
    libxml2 takes its line from: in its first text, or that of its first child (depth first), or,
    where it has no child, in the text after it; as far as libxml2 looks (past that it gives
    65,535, which :func:`line_of` keeps)."""
    lines = 0
    node = element
    for _ in range(5):
        if isinstance(node.tag, str):  # an element: its first child, if it has one
            if node.text is not None:
                return lines + node.text.count("\n")
            if len(node):
                node = node[0]
                continue
        else:  # a comment or a processing instruction holds its text, and has no child
            lines += (node.text or "").count("\n")
        if node.tail is not None:
            return lines + node.tail.count("\n")
        following = node.getnext()
        if following is None:
            return lines  # libxml2 takes the text before, which ends where the element starts
        node = following
    return lines


def markup(element: etree._Element) -> str:
    """Return the text of ``element`` with every inline tag replaced by the markup it holds."""
    if not len(element):
        return element.text or ""
    if next(element.iter(etree.Entity, etree.Comment, etree.ProcessingInstruction), None) is not None:
        parts = [element.text or ""]
        for child in element:
            parts.append(_inner(child) if isinstance(child.tag, str) else unparsed(child))
            parts.append(child.tail or "")
        return "".join(parts)
    text: str = etree.tostring(element, method="text", encoding="unicode", with_tail=False)
    return text


def _inner(element: etree._Element) -> str:
    return "".join(str(text) for text in element.itertext(with_tail=False))


def unparsed(node: etree._Element) -> str:
    """Return an entity reference as written (it is never expanded); comments and PIs go."""
    return f"&{node.text.strip('&;')};" if isinstance(node, etree._Entity) and node.text else ""
