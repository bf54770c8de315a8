"""The reader of files exactly as sxstm writes them reads what lxml reads, and no other file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sxstm.cli import main
from sxstm.errors import InputError
from sxstm.formats import xliff12
from sxstm.formats.xmlread import read_xml
from sxstm.model import ReviewedUnit

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def by_lxml(data: bytes, line: int = 1) -> list[ReviewedUnit]:
    return list(read_xml(xliff12._xliff12_units, "x.xlf", data, line))


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("export") / "corpus.xlf"
    assert main(["extract", str(CORPUS), "-f", "xliff", "-q", "-o", str(path)]) == 0
    return path.read_bytes()


@pytest.mark.parametrize("targets", ["mt", "source", "empty"])
def test_an_export_is_read_as_lxml_reads_it(targets: str, tmp_path: Path) -> None:
    path = tmp_path / "corpus.xlf"
    assert main(["extract", str(CORPUS), "-f", "xliff", "--targets", targets, "-q", "-o", str(path)]) == 0
    data = path.read_bytes()
    units = xliff12._exported_units(data, 7)
    assert units is not None and len(units) > 30
    assert units == by_lxml(data, 7)
    assert any("&" in unit.source or "<" in unit.source for unit in units)  # references and inline tags met


# Each the same units in XML another writer may use: lxml reads them, the exact reader refuses.
VARIANTS = [
    ("char-reference", "<source>", "<source>&#x41;"),
    ("cdata", "<source>", "<source><![CDATA[<b> & ]]>"),
    ("comment", "<source>", "<source><!-- reviewed -->"),
    ("pi", "<source>", "<source><?cat x?>"),
    ("apos-in-attribute", 'xml:space="preserve"', "xml:space='preserve'"),
    ("space-in-tag", 'xml:space="preserve">', 'xml:space="preserve" >'),
    ("attribute-order", '<trans-unit id="', '<trans-unit xml:space="preserve" id="'),
    ("newline-in-attribute", 'resname="', 'resname="\n'),
    ("crlf", "\n", "\r\n"),
    ("tab-between-units", "      <trans-unit", "\t<trans-unit"),
    ("self-closing-target", "</target>", "</target><target/>"),
    ("extra-attribute", "<source>", '<source xml:lang="en-US">'),
    ("nested-inline", '<ph id="1"', '<ph id="0" ctype="x"><ph id="1"'),
    ("bom", '<?xml version="1.0"', '\ufeff<?xml version="1.0"'),
]


@pytest.mark.parametrize(("name", "old", "new"), VARIANTS, ids=[name for name, _, _ in VARIANTS])
def test_a_file_written_otherwise_is_left_to_lxml(name: str, old: str, new: str, export: bytes) -> None:
    text = export.decode("utf-8")
    if name == "nested-inline":
        text = re.sub(r'(<ph id="1" ctype="[^"]*">[^<]*</ph>)', r'<ph id="0" ctype="x">\1</ph>', text, count=1)
        assert '<ph id="0"' in text
    else:
        assert old in text
        text = text.replace(old, new, 1 if name not in ("crlf", "tab-between-units") else -1)
        if name == "attribute-order":
            text = re.sub(r'(<trans-unit xml:space="preserve" [^>]*) xml:space="preserve">', r"\1>", text, count=1)
    data = text.encode("utf-8")
    assert xliff12._exported_units(data, 1) is None
    assert list(xliff12.read_xliff12("x.xlf", data)) == by_lxml(data)


@pytest.mark.parametrize(
    "damage",
    ["&unknown;", "&", "<", "]]>", "\x01", "\ufffe", "</source>", "<b>"],
)
def test_damaged_text_is_left_to_lxml_which_refuses_it(damage: str, export: bytes) -> None:
    data = export.decode("utf-8").replace("<source>", f"<source>{damage}", 1).encode("utf-8")
    assert xliff12._exported_units(data, 1) is None
    with pytest.raises(InputError, match="not well-formed XML"):
        list(xliff12.read_xliff12("x.xlf", data))


def test_bytes_that_are_not_utf8_are_left_to_lxml(export: bytes) -> None:
    data = export.replace(b"<source>", b"<source>\xff", 1)
    assert xliff12._exported_units(data, 1) is None
    with pytest.raises(InputError, match="not well-formed XML"):
        list(xliff12.read_xliff12("x.xlf", data))


def test_references_are_resolved_once() -> None:
    assert xliff12._unescape("&amp;lt; &lt; &#13;&#10;&#9; &quot;&apos;&gt;") == "&lt; < \r\n\t \"'>"


def test_a_document_larger_than_lxml_parses_whole_streams_through_lxml(
    export: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(data: bytes, line: int) -> None:
        raise AssertionError("decoded whole")

    monkeypatch.setattr(xliff12, "WHOLE_BYTES", len(export) - 1)
    monkeypatch.setattr(xliff12, "_exported_units", refuse)
    assert list(xliff12.read_xliff12("x.xlf", export)) == by_lxml(export)


def test_a_unit_past_line_65535_is_read_at_its_own_line(export: bytes) -> None:
    """A slice of one huge document (osd's licensing-information.md) passes line 65,535, where
    libxml2 keeps an element's line in 16 bits: the exact reader's lines are those of the text,
    and lxml's (see test_xmlread) the same."""
    text = export.decode("utf-8")
    first, end = text.index("  <file "), text.rindex("</xliff>")
    copies = 65_536 // text.count("\n", first, end) + 1
    data = (text[:first] + text[first:end] * copies + text[end:]).encode("utf-8")
    units = xliff12._exported_units(data, 3)
    assert units is not None
    lines = [data.count(b"\n", 0, found.start()) + 3 for found in re.finditer(b"<trans-unit ", data)]
    assert [unit.line for unit in units] == lines and lines[-1] > 65_535
    assert units == by_lxml(data, 3)
