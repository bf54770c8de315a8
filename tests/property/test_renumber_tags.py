"""On any unit built from tags and near misses, renumber_tags adds the base as the expression said."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from sxstm.formats.tmx import renumber_tags

# What renumber_tags renumbers: the ``i`` of a ``<bpt>`` or an ``<ept>``, digits up to a quote.
_TAG_I_RE = re.compile(rb'(<[be]pt i=")(\d+)(?=")')

PIECES = st.sampled_from(
    [
        b'<bpt i="1" x="1">',
        b'<ept i="1">',
        b'<bpt i="12" x="12">',
        b'<ept i="007">',
        b'<bpt i="" x="2">',
        b'<ept i="3x">',
        b'<ept i="4',
        b'<apt i="5">',
        b'pt i="6"',
        b'bpt i="7"',
        b"<b",
        b"<e",
        b'pt i="',
        b"9",
        b'"',
        b"</bpt>",
        b'<ph x="2">',
        b"text ",
        "zażółć ".encode(),
        b"",
    ]
)


def expected(text: bytes, base: int) -> tuple[bytes, int]:
    numbers = [base + int(match.group(2)) for match in _TAG_I_RE.finditer(text)]
    renumbered = _TAG_I_RE.sub(lambda match: match.group(1) + b"%d" % (base + int(match.group(2))), text)
    return renumbered, max([base, *numbers])


@given(st.lists(PIECES, max_size=12).map(b"".join), st.integers(min_value=0, max_value=10**6))
def test_renumber_tags_adds_the_base_to_every_bpt_and_ept_i_and_to_nothing_else(text: bytes, base: int) -> None:
    assert renumber_tags(text, base) == expected(text, base)
