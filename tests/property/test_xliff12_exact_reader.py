"""The reader of files exactly as sxstm writes them never reads a file otherwise than lxml."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sxstm.errors import InputError
from sxstm.formats import xliff12
from sxstm.formats.xmlread import read_xml
from sxstm.formats.xmltext import escape_attr, escape_text
from sxstm.model import ReviewedUnit

UNIT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
    '  <file original="{path}" source-language="en-US" target-language="pl-PL" datatype="x-markdown" tool-id="sxstm">\n'
    "    <header>\n"
    '      <tool tool-id="sxstm" tool-name="sxstm" tool-version="0.1.0"/>\n'
    '      <note from="sxstm">translation type: MT</note>\n'
    "    </header>\n"
    "    <body>\n"
    '      <trans-unit id="{id}" resname="{id}" xml:space="preserve">\n'
    "        <source>{source}</source>\n"
    '        <target state="needs-review-translation" state-qualifier="mt-suggestion">{target}</target>\n'
    '        <context-group purpose="location">\n'
    '          <context context-type="sourcefile">a.md</context>\n'
    '          <context context-type="linenumber">9</context>\n'
    '          <context context-type="x-column">1</context>\n'
    '          <context context-type="x-block-context">{context}</context>\n'
    "        </context-group>\n"
    "      </trans-unit>\n"
    "    </body>\n"
    "  </file>\n"
    "</xliff>\n"
)
# Raw XML written into the unit: markup sxstm writes, and what a parser treats otherwise.
RAW = st.sampled_from(
    [
        '<ph id="1" ctype="x-code">`a`</ph>',
        '<bpt id="1" ctype="link">[</bpt>',
        '<ept id="1">](a.md)</ept>',
        '<it id="2" pos="open" ctype="bold">**</it>',
        "<ph/>",
        "</ph>",
        "<x id='1'/>",
        "&amp;",
        "&lt;",
        "&#13;",
        "&#x41;",
        "&#0;",
        "&nbsp;",
        "&",
        "<",
        ">",
        "]]>",
        "<![CDATA[a]]>",
        "<!--c-->",
        "\r",
        "\r\n",
        "\t",
        '"',
        "'",
        "\x01",
        "\x85",
        "\ufffe",
        "\U0001d11e",
        "ę",
    ]
)
TEXT = st.lists(st.one_of(RAW, st.text(max_size=5)), max_size=8).map("".join)
ESCAPED = st.text(max_size=20).map(escape_text)


def read_both(data: bytes) -> tuple[list[ReviewedUnit] | None, list[ReviewedUnit] | InputError]:
    try:
        lxml: list[ReviewedUnit] | InputError = list(read_xml(xliff12._xliff12_units, "x.xlf", data, 3))
    except InputError as error:
        lxml = error
    return xliff12._exported_units(data, 3), lxml


@settings(max_examples=400)
@given(TEXT, TEXT, TEXT, TEXT)
def test_raw_xml_is_read_as_lxml_reads_it_or_left_to_lxml(source: str, target: str, context: str, path: str) -> None:
    data = UNIT.format(path=path, id=f"a-{path}", source=source, target=target, context=context)
    exact, lxml = read_both(data.encode("utf-8", "surrogatepass"))
    assert exact is None or exact == lxml


@settings(max_examples=300)
@given(ESCAPED, ESCAPED, st.text(max_size=20))
def test_text_escaped_as_sxstm_writes_it_is_read_exactly(source: str, target: str, path: str) -> None:
    data = UNIT.format(path=escape_attr(path), id="a-1", source=source, target=target, context="paragraph")
    exact, lxml = read_both(data.encode("utf-8", "surrogatepass"))
    assert exact is not None and exact == lxml
    assert exact[0].source == xliff12._unescape(source)


def test_the_template_is_an_export() -> None:
    data = UNIT.format(path="a.md", id="a-1", source="S", target="T", context="paragraph").encode()
    (unit,) = xliff12._exported_units(data, 1) or ()
    assert (unit.path, unit.pair_id, unit.source, unit.target, unit.line, unit.context) == (
        "a.md",
        "a-1",
        "S",
        "T",
        9,
        "paragraph",
    )
