from sxstm.formats.pairs import _PLAIN_RE
from sxstm.formats.xmltext import TEXT_ESCAPED, escape_attr, escape_clean, escape_text, invalid_chars, needs_escape
from sxstm.sxs.inline import MARKUP_CHARS


def test_markup_is_escaped_and_carriage_return_kept() -> None:
    assert escape_text("a < b & c > d\r\n") == "a &lt; b &amp; c &gt; d&#13;\n"


def test_attribute_escapes_quotes_and_whitespace() -> None:
    assert escape_attr('a"b\tc\n') == "a&quot;b&#9;c&#10;"


def test_characters_xml_cannot_hold_are_dropped_and_named() -> None:
    assert escape_text("a\x1bb\x00") == "ab"
    assert invalid_chars("a\x1bb") == ["U+001B"]


def test_a_segment_is_its_own_xml_content_only_without_markup_escapes_or_invalid_characters() -> None:
    for char in (*MARKUP_CHARS, *TEXT_ESCAPED, "\x00", "\x1f", "\ufffe", "\ud800"):
        assert _PLAIN_RE.search(f"a{char}b"), repr(char)
    assert _PLAIN_RE.search("Zażółć gęślą jaźń (1) - \"ok\" 'x' !?#$%/;=@^|~\n\t") is None


def test_needs_escape_tells_exactly_where_escape_clean_changes_the_text() -> None:
    for char in (*TEXT_ESCAPED, *MARKUP_CHARS, '"', "'", "\n", "\t", "a", "ż"):
        assert needs_escape(f"a{char}b") == (escape_clean(f"a{char}b") != f"a{char}b"), repr(char)
