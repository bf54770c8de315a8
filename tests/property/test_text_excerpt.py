"""The text report's excerpt, which folds only as much of a segment as it can show, shows what
folding all of the slice around the spot showed, on any text."""

from hypothesis import example, given, settings
from hypothesis import strategies as st

from sxstm.reports.text import END, MARK, WIDTH, _fold, _visible, excerpt

# Words and whitespace of every kind str.split() folds, in runs, at any place of the text.
PARTS = st.sampled_from(
    ["word", "słowo", "a", "x" * 30, " ", "  ", " " * 9, "\n", "\t", "\u00a0", "\u3000", " \n ", "\r\n", "\n \n \n"]
)
TEXTS = st.lists(st.one_of(PARTS, st.text(max_size=4)), max_size=120).map("".join)


def _excerpt_as_written(text: str, offset: int, length: int = 0, *, width: int = WIDTH, mark: bool = False) -> str:
    """The excerpt as it was computed before: all of the slice after the spot folded."""
    length = min(max(length, 0), width // 2)
    before = width * 2 // 5 if offset else 0
    start = max(0, offset - before * 2)
    end = min(len(text), offset + length + width * 2)
    head = _fold(text[start:offset])
    spot = _visible(text[offset : offset + length])
    tail = _fold(text[offset + length : end])
    if start == 0:
        head = head.lstrip()
    if len(head) > before:
        head, start = head[len(head) - before :], -1
        space = head.find(" ")
        head = head[space + 1 :] if 0 <= space < 15 else head
    room = width - len(head) - len(spot)
    cut = len(tail) > room or end < len(text)
    tail = tail[: max(room, 0)].rstrip() if cut else tail.rstrip()
    if mark:
        spot = MARK + spot + (END if length else "")
    return ("…" if start else "") + head + spot + tail + ("…" if cut else "")


@settings(max_examples=2000)
# The part folded shrinks to exactly the room left (17 spaces to one), yet the text goes on.
@example("a" * 84 + " " * 17 + "b" * 25, 0, 0, WIDTH, False)
@given(TEXTS, st.integers(0, 400), st.integers(-2, 80), st.sampled_from([WIDTH, 40, 24, 10, 1]), st.booleans())
def test_an_excerpt_is_what_folding_all_of_the_slice_showed(
    text: str, offset: int, length: int, width: int, mark: bool
) -> None:
    offset = min(offset, len(text))
    assert excerpt(text, offset, length, width=width, mark=mark) == _excerpt_as_written(
        text, offset, length, width=width, mark=mark
    )
