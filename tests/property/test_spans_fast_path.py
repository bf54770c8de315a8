"""The one-search path for plain pairs finds what the careful scan finds, on any text."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sxstm.sxs import spans

FRAGMENTS = st.sampled_from(
    [
        '<span data-ttu-id="a">',
        '<span data-ttu-id="b">',
        '</span><span class="sxs-lookup"><span data-stu-id="a">',
        '</span><span class="sxs-lookup"><span data-stu-id="b">',
        "</span></span>",
        "</span>",
        "</SPAN >",
        "<span>",
        "<Span style='x'>",
        "<\u017fpan>",  # long s: the careful scan's case-blind <span matches it
        "<spanner>",
        "<br>",
        "<",
        "\n",
        "x",
    ]
)
# The opening tag alone: the careful scan does every pair.
_CAREFUL_ONLY = re.compile(r'<span data-ttu-id="([^"<>\n]*)">(?:(?!)()())?')


@settings(max_examples=500)
@given(st.lists(st.one_of(FRAGMENTS, st.text(alphabet='<>/"= spanSPAN', max_size=4)), max_size=30))
def test_plain_pairs_are_found_as_the_careful_scan_finds_them(parts: list[str]) -> None:
    text = "".join(parts)
    fast = list(spans.scan_spans(text))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(spans, "_PAIR_RE", _CAREFUL_ONLY)
        careful = list(spans.scan_spans(text))
    assert fast == careful
