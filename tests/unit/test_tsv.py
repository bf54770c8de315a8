from hypothesis import given
from hypothesis import strategies as st

from sxstm.formats.tsv import escape_field, unescape_field


@given(st.text())
def test_tsv_escaping_round_trips(text: str) -> None:
    escaped = escape_field(text)
    assert "\t" not in escaped and "\n" not in escaped and "\r" not in escaped
    assert unescape_field(escaped) == text
