"""Every registered format: documented, chosen by suffix, and safe with characters XML cannot hold."""

from __future__ import annotations

import io

import pytest
from lxml import etree

from sxstm.formats import FORMATS, ExportOptions, format_for_path
from sxstm.sxs.reader import ReadOptions, parse_document

ESCAPE = (
    '<span data-ttu-id="a-1">Kolor \x1b[31m</span>'
    '<span class="sxs-lookup"><span data-stu-id="a-1">Colour \x1b[31m</span></span>\n'
)


def test_every_format_has_a_summary_and_a_suffix() -> None:
    for fmt in FORMATS.values():
        assert fmt.summary and fmt.suffixes and fmt.render.__doc__ and fmt.join.__doc__


def test_suffix_picks_the_format() -> None:
    assert format_for_path("x.TMX").name == "tmx"
    assert format_for_path("x.xlf").name == "xliff"
    assert format_for_path("x.po").name == "po"


@pytest.mark.parametrize("name", ["tmx", "xliff", "xliff2"])
def test_control_characters_are_dropped_with_a_warning_and_the_xml_stays_valid(name: str) -> None:
    document = parse_document(ESCAPE.encode(), "a.md", options=ReadOptions(target_locale="pl-PL"))
    out = io.BytesIO()
    report = FORMATS[name].write([document], out, ExportOptions())
    etree.fromstring(out.getvalue())  # well-formed
    assert [f.code for f in report.findings] == ["SX008"]
    assert "U+001B" in report.findings[0].message
    assert b"Kolor [31m" in out.getvalue()
