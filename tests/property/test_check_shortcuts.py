"""The cheaper paths of the checks answer as the plain computations they replace, on any text."""

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from sxstm.checks import keys, words
from sxstm.checks.text import masked

# Words that double, in other cases, with the characters that lower-case or fold in odd ways
# (dotted capital I, sigma and final sigma, sharp s, a no-break space, an underscore).
PARTS = st.sampled_from(
    ["the", "The", "THE", "ab", "AB", "\u0130i", "i\u0307", "\u03a3\u03c3", "\u03c3\u03c2", "\u00df", "SS", "_x", "x_"]
)
SPACES = st.sampled_from([" ", "  ", "\n", "\t", "\u00a0", "\x1c", "", "*", "'", "`", "\u201c", "."])
TEXTS = st.lists(st.one_of(PARTS, SPACES, st.text(max_size=3)), max_size=16).map("".join)


# Markup next to the words: codes that masking replaces (emphasis by _ or *, code spans, HTML
# tags, links, an xref, escapes, references), some ending in a word character; text that stays.
MARKUP = st.sampled_from(
    [
        "_",
        "__",
        "*",
        "**",
        "`",
        "<b>",
        "</b>",
        "<br/>",
        "[",
        "](u)",
        "](u 'a b')",
        "<xref:a_b>",
        "\\",
        "\\_",
        "&amp;",
        ":::",
    ]
)
CASES = st.sampled_from([str, str.upper, str.capitalize])
# A word twice, in any case, between markup: "_the the_", "**x**_the THE_".
DOUBLED = st.builds(
    lambda before, word, case, space, after: f"{before}{word}{space}{case(word)}{after}",
    MARKUP,
    PARTS,
    CASES,
    SPACES,
    MARKUP,
)
MARKED_TEXTS = st.lists(st.one_of(PARTS, SPACES, MARKUP, DOUBLED, st.text(max_size=3)), max_size=16).map("".join)


@settings(max_examples=3000)
@given(st.one_of(TEXTS, MARKED_TEXTS))
def test_the_doubled_word_prefilter_answers_as_the_check_s_pattern_on_the_masked_text(text: str) -> None:
    found = words._DOUBLED_WORD_RE.search(masked(text)) is not None
    if found:
        assert words._may_double(text)
    assert words._may_double(text) == found  # asked only where the check would find a doubled word
    if found or words._DOUBLED_WORD_RE.search(text):
        assert words._may_repeat(text)


def _key_as_written(folded: str) -> int:
    """The key of a folded text, computed as it was before the shortcuts."""
    if folded.count(" ") < 2:
        return 0
    folded = keys._QUOTES_RE.sub('"', folded).lower().rstrip(keys._FINAL)
    return int.from_bytes(hashlib.blake2b(folded.encode(), digest_size=8).digest(), "big")


@settings(max_examples=1000)
@given(TEXTS)
def test_a_key_is_the_hash_of_the_text_folded_as_written(text: str) -> None:
    folded = " ".join(text.split())
    assert keys._hashed(folded) == _key_as_written(folded)
