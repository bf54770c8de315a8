from sxstm.formats.xmltext import escape_attr, escape_text, invalid_chars


def test_markup_is_escaped_and_carriage_return_kept() -> None:
    assert escape_text("a < b & c > d\r\n") == "a &lt; b &amp; c &gt; d&#13;\n"


def test_attribute_escapes_quotes_and_whitespace() -> None:
    assert escape_attr('a"b\tc\n') == "a&quot;b&#9;c&#10;"


def test_characters_xml_cannot_hold_are_dropped_and_named() -> None:
    assert escape_text("a\x1bb\x00") == "ab"
    assert invalid_chars("a\x1bb") == ["U+001B"]
