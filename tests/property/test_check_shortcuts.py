"""The cheaper paths of the checks answer as the plain computations they replace, on any text."""

import hashlib
import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from sxstm.checks import identifiers, keys, markup, numbers, punctuation, spacing, terms, text, words
from sxstm.checks.glossary import built_in_terms
from sxstm.checks.registry import At
from sxstm.checks.runner import holds
from sxstm.checks.text import masked
from sxstm.model import Pair, Segment
from sxstm.sxs import inline


def joined(*pieces: st.SearchStrategy[str], most: int = 12, noise: int = 2) -> st.SearchStrategy[str]:
    """Texts of up to ``most`` parts, each drawn from one of ``pieces`` or any ``noise`` characters."""
    return st.lists(st.one_of(*pieces, st.text(max_size=noise)), max_size=most).map("".join)


# Words that double, in other cases, with the characters that lower-case or fold in odd ways
# (dotted capital I, sigma and final sigma, sharp s, a no-break space, an underscore).
PARTS = st.sampled_from(
    ["the", "The", "THE", "ab", "AB", "\u0130i", "i\u0307", "\u03a3\u03c3", "\u03c3\u03c2", "\u00df", "SS", "_x", "x_"]
)
SPACES = st.sampled_from([" ", "  ", "\n", "\t", "\u00a0", "\x1c", "", "*", "'", "`", "\u201c", "."])
TEXTS = joined(PARTS, SPACES, most=16, noise=3)


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
MARKED_TEXTS = joined(PARTS, SPACES, MARKUP, DOUBLED, most=16, noise=3)


@settings(max_examples=3000)
@given(st.one_of(TEXTS, MARKED_TEXTS))
def test_the_doubled_word_prefilter_answers_as_the_check_s_pattern_on_the_masked_text(text: str) -> None:
    found = words._DOUBLED_WORD_RE.search(masked(text)) is not None
    if found:
        assert words._may_double(text)
    # Asked only where the check would find a doubled word, or doubled Chinese characters (the
    # check's other pattern: 㐀㐀㐀㐀, which Hypothesis drew once in 2026-12).
    han = words._DOUBLED_HAN_RE.search(text) is not None
    assert words._may_double(text) == (found or han)
    if found or words._DOUBLED_WORD_RE.search(text):
        assert words._may_repeat(text)


def _key_as_written(folded: str) -> int:
    """The key of a folded text, computed as it was before the shortcuts: 0 under 3 words (under
    6 Chinese or Japanese characters, which are not spaced)."""
    if folded.count(" ") < 2 and not keys._UNSPACED_WORDS_RE.match(folded):
        return 0
    folded = keys._QUOTES_RE.sub('"', folded).lower().rstrip(keys._FINAL)
    return int.from_bytes(hashlib.blake2b(folded.encode(), digest_size=8).digest(), "big")


@settings(max_examples=1000)
@given(TEXTS)
def test_a_key_is_the_hash_of_the_text_folded_as_written(text: str) -> None:
    folded = " ".join(text.split())
    assert keys._hashed(folded) == _key_as_written(folded)


QUOTED = joined(st.sampled_from([*keys._QUOTES, "a", "\u0105", "\U0001f600", " ", "ab cd", '"']), most=16)


@settings(max_examples=2000)
@given(QUOTED)
def test_a_key_of_quoted_text_is_the_hash_of_the_text_folded_as_written(written: str) -> None:
    folded = " ".join(written.split())
    assert keys._hashed(folded) == _key_as_written(folded)


def test_every_whitespace_character_but_the_space_is_unprintable() -> None:
    # What lets _folded take a printable text without two spaces or an edge space as folded.
    cut = [chr(code) for code in range(0x110000) if len(f"a{chr(code)}b".split()) == 2]
    assert " " in cut
    assert all(not character.isprintable() for character in cut if character != " ")


@settings(max_examples=3000)
@given(st.one_of(TEXTS, MARKED_TEXTS))
def test_a_text_taken_as_folded_is_its_fold(text: str) -> None:
    assert keys._folded(text) == " ".join(text.split())


# Inline markup and punctuation, with spaces between: code spans, links, emphasis, tags.
MARKUP = st.sampled_from(["`x`", "`y`", "[a](b)", "**b**", "<br/>", "&amp;", " ", "  ", ".", ",", ")", ":", "w", "_"])
MARKED = joined(MARKUP, most=14)


@settings(max_examples=1000)
@given(MARKED, st.integers(0, 40), st.integers(0, 40))
def test_a_raw_span_is_the_raw_offsets_of_both_ends(written: str, start: int, width: int) -> None:
    end = start + width
    assert text.raw_span(written, start, end) == (text.raw_offset(written, start), text.raw_offset(written, end))


def _added_as_written(pattern: re.Pattern[str], pair: Pair, message: str) -> list[At]:
    """What ``spacing._added`` said before its shortcuts: every match named, two walks for its ends."""
    target = text.masked(pair.target.text)
    if text.MASK not in target:
        return []
    found = list(pattern.finditer(target))
    had = list(pattern.finditer(text.masked(pair.source.text)))
    if len(found) <= len(had):
        return []
    left = Counter(spacing._signature(pair.source.text, match) for match in had)
    new = found[0]
    for match in found:
        signature = spacing._signature(pair.target.text, match)
        if left[signature] <= 0:
            new = match
            break
        left[signature] -= 1
    offset = text.raw_offset(pair.target.text, new.start())
    return [At(message, offset, text.raw_offset(pair.target.text, new.end()) - offset)]


@settings(max_examples=1000)
@given(MARKED, MARKED)
def test_an_added_space_before_punctuation_is_placed_as_before(source: str, target: str) -> None:
    pair = Pair("p", Segment(source, 0, 0), Segment(target, 0, 0), 0, 0, 1, 1, "paragraph")
    pattern = spacing._SPACE_BEFORE_PUNCTUATION_RE
    assert list(spacing._added(pattern, pair, "m")) == _added_as_written(pattern, pair, "m")


def _glued_as_written(written: str) -> list[tuple[int, int, tuple[str, str]]]:
    """What ``spacing._glued`` found before it counted the offsets itself."""
    parts = text.runs(written)
    found = []
    for offset, index, run in text.with_offsets(written):
        if not isinstance(run, spacing.Code) or run.type in spacing._NOT_GLUE:
            continue
        before = parts[index - 1] if index else None
        after = parts[index + 1] if index + 1 < len(parts) else None
        if run.kind is not spacing.CodeKind.CLOSE and isinstance(before, str) and before[-1:].isalpha():
            found.append((offset, len(run.markup), (run.markup, before[-1])))
        elif run.kind is not spacing.CodeKind.OPEN and isinstance(after, str) and after[:1].isalpha():
            found.append((offset, len(run.markup), (run.markup, after[0])))
    return found


@settings(max_examples=1000)
@given(MARKED)
def test_glued_elements_are_found_where_they_were(written: str) -> None:
    assert spacing._glued(written) == _glued_as_written(written)


@settings(max_examples=1000)
@given(MARKED, MARKED)
def test_a_glued_element_is_placed_as_before(source: str, target: str) -> None:
    pair = Pair("p", Segment(source, 0, 0), Segment(target, 0, 0), 0, 0, 1, 1, "paragraph")
    found, had = _glued_as_written(target), _glued_as_written(source)
    expected = []
    if found and len(found) > len(had):
        left = spacing.Counter(signature for _, _, signature in had)
        offset, length, _ = found[0]
        for spot, width, signature in found:
            if left[signature] <= 0:
                offset, length = spot, width
                break
            left[signature] -= 1
        expected = [At("an inline element touches a word with no space between them", offset, length)]
    assert list(spacing.inline_element_glued(pair, spacing.Context("pl-pl"))) == expected


DOTTED = joined(st.sampled_from(["a", "Ab", "_", "1", ".", " ", "..", "`x.y`", "\u0131", "\u00b2"]))


@settings(max_examples=2000)
@given(DOTTED)
def test_the_dotted_name_prefilter_misses_no_match(written: str) -> None:
    if identifiers._DOTTED_RE.search(written):
        assert identifiers._may_hold_dotted(written)


BRACKETED = joined(st.sampled_from(["SSL", "ssl", "2018", "a.b", "(", ")", " ", "\u00a0", "\u2003", "\x1c"]))


@settings(max_examples=2000)
@given(BRACKETED)
def test_the_repeated_in_brackets_prefilter_misses_no_match(written: str) -> None:
    if punctuation._REPEATED_RE.search(written):
        assert punctuation._may_repeat(written)


AFTER_INLINE = joined(st.sampled_from([text.MASK, " ", "Zwraca", "zwraca", "\u01c5a", "\u0130x", "\u1f88a", "A", "x"]))


@settings(max_examples=2000)
@given(AFTER_INLINE)
def test_the_capital_after_an_element_prefilter_misses_no_word(written: str) -> None:
    if any(words._capitalised(word) for word in words._WORD_AFTER_INLINE_RE.findall(written)):
        assert words._upper_after_inline(written)


MAYBE_MARKUP = joined(
    st.sampled_from(["{", "{0}", "{\u0663", "{x", "::", ":::", "*", "_", "`", "\\", "&", "[", "<", "a", " "]), most=10
)


@settings(max_examples=2000)
@given(MAYBE_MARKUP)
def test_has_markup_answers_as_the_pattern_of_markup_starts(written: str) -> None:
    assert inline.has_markup(written) == (inline._SPECIAL.search(written) is not None)


def _terms_pattern_as_written(terms: tuple[tuple[str, str], ...]) -> "re.Pattern[str]":
    """SX213's pattern of ``terms`` as it was before its terms were grouped by first character."""
    alternatives = "|".join(re.escape(term) for term in sorted(dict(terms), key=len, reverse=True))
    first = "".join(sorted({re.escape(term[0]) for term in dict(terms) if term}))
    return re.compile(rf"(?=[{first}])(?<![\w.#+-])(?:{alternatives})(?![\w#+]|\.\w)")


# The built-in terms, pieces of them and what may stand around a term: word characters, the
# characters the pattern looks for on either side (. # + -), spaces and a mask.
TERM_PIECES = st.sampled_from(
    [term for term, _ in built_in_terms()]
    + [".NE", "ASP", "C", "F", "#", "+", "-", ".", "_", "x", "1", " ", text.MASK, "Visual", "\u00e9", "\u0130"]
)
TERMED = joined(TERM_PIECES)
# A glossary's terms: one character or more, any characters (a glossary holds no empty term).
GLOSSARY = st.lists(
    st.tuples(st.one_of(TERM_PIECES, st.text(min_size=1, max_size=4)), st.just("x")), min_size=1, max_size=6
).map(tuple)


@settings(max_examples=3000)
@given(TERMED)
def test_the_terms_pattern_finds_what_it_found_before(written: str) -> None:
    built_in = built_in_terms()
    assert terms._finder(built_in)[0].findall(written) == _terms_pattern_as_written(built_in).findall(written)


@settings(max_examples=2000)
@given(GLOSSARY, TERMED)
def test_the_pattern_of_any_glossary_finds_what_it_found_before(
    glossary: tuple[tuple[str, str], ...], written: str
) -> None:
    assert terms._finder(glossary)[0].findall(written) == _terms_pattern_as_written(glossary).findall(written)


# SX313's pattern as it was before each alternative started with its own character.
_SPACED_AS_WRITTEN = re.compile(
    r"(?<=[^\s"
    + text.MASK
    + r".]) +([.,)]|[;:!?])(?=[\s"
    + text.MASK
    + r"]|$)(?<!\.\.)|(\() +(?=[^\s"
    + text.MASK
    + r"])"
)
SPACED = joined(
    st.sampled_from([" ", "  ", "(", ")", ".", "..", ",", ";", "!", "?", ":", "\n", "\u00a0", text.MASK, "a", "1"]),
    most=14,
)


@settings(max_examples=3000)
@given(SPACED)
def test_the_spaced_punctuation_pattern_matches_as_before(written: str) -> None:
    def spots(pattern: "re.Pattern[str]") -> list[tuple[int, int, tuple[str | None, ...]]]:
        return [(match.start(), match.end(), match.groups()) for match in pattern.finditer(written)]

    assert spots(punctuation._SPACED_RE) == spots(_SPACED_AS_WRITTEN)


# Names of SX216 and SX217 and the characters re.IGNORECASE matches to their letters: the dotted
# capital I, the dotless i, the long s, the Kelvin sign; a sharp s, a final sigma, non-BMP text.
NAME_PIECES = st.sampled_from(["Is", "iS", "k", "K", "_", "1", ".", "a-b", "\u00df", "\u0101"])
NAMED = joined(
    st.sampled_from(
        [
            "is",
            "IS",
            "Is",
            "k",
            "K",
            "SK",
            " ",
            ".",
            "-",
            "_",
            "\u0130",
            "\u0131",
            "\u017f",
            "\u212a",
            "\u03a3",
            "\u00df",
            "SS",
            "\u0101",
            "\u0100",
            "\U0001d400",
            "\u4e2d",
        ]
    )
)


@settings(max_examples=3000)
@given(joined(NAME_PIECES, most=4, noise=1), NAMED)
def test_a_name_said_absent_in_any_capitals_is_not_found_by_its_pattern(name: str, written: str) -> None:
    if not identifiers._may_stand_in(name, written):
        assert identifiers._literal(name).search(written) is None
        assert list(identifiers._bounded(name, written, whole=False)) == []


def test_a_name_is_found_in_any_capitals_through_the_characters_that_fold_to_ascii() -> None:
    for name, written in [("isK", "\u0130s\u212a"), ("is", "\u0131S"), ("ks", "K\u017f"), ("IS", "is"), ("", "")]:
        assert identifiers._may_stand_in(name, written)
        assert identifiers._literal(name).search(written) is not None
    assert not identifiers._may_stand_in("toString", "Zwraca tostrin\u0107 \U0001d400")


# Digits of ASCII and of other scripts (Arabic-Indic, fullwidth, a mathematical digit beyond the
# BMP), emphasis and escape marks, and what is near them.
CHARACTERS = joined(
    st.sampled_from(
        ["0", "9", "a", " ", "*", "_", "\\", "\u0663", "\uff11", "\U0001d7ce", "\u00b2", "\u2217", "\uff3f"]
    )
)


@settings(max_examples=2000)
@given(CHARACTERS)
def test_the_digit_test_answers_as_the_pattern_of_any_digit(written: str) -> None:
    assert numbers.has_digit(written) == (numbers._DIGIT_RE.search(written) is not None)


@settings(max_examples=2000)
@given(CHARACTERS)
def test_the_structure_test_answers_as_the_pattern_of_its_marks(written: str) -> None:
    assert holds(markup._STRUCTURE_MARKS, written) == (re.search(r"[*_\\\\]", written) is not None)


def test_every_chinese_character_starts_with_a_byte_the_han_prefilter_looks_for() -> None:
    for code in range(0x110000):
        if words._HAN_RE.match(chr(code)):
            assert chr(code).encode()[0] in words._HAN_LEADS


HANS = joined(
    st.sampled_from(
        ["\u4e2d", "\u6587", "\u3400", "\ufaff", "\u3042", "\uac00", "\u201e", "\ud800", "\U00020000", "a", " "]
    )
)


def _may_double_as_written(written: str) -> bool:
    """SX306's prefilter before it asked the Chinese characters' first bytes."""
    if words._may_repeat(written) and words._DOUBLED_WORD_RE.search(masked(written)) is not None:
        return True
    if written.isascii():
        return False
    first = words._HAN_RE.search(written)
    return first is not None and words._DOUBLED_HAN_RE.search(written, first.start()) is not None


@settings(max_examples=2000)
@given(HANS)
def test_the_han_prefilter_misses_no_chinese_character(written: str) -> None:
    if words._HAN_RE.search(written):
        assert words._may_hold_han(written)
    assert words._may_double(written) == _may_double_as_written(written)


CAMELS = joined(
    st.sampled_from(
        ["a", "z", "A", "Z", "\u0131", "\u0130", "\u212a", "\u00e9", "\u00c9", "\ud800", "\U0001d400", "@", "[", " "]
    )
)


@settings(max_examples=2000)
@given(CAMELS)
def test_the_camel_case_test_answers_as_its_pattern(written: str) -> None:
    found = identifiers._CAMEL_HINT_RE.search(written) is not None
    assert identifiers._small_before_capital(written) == found
    assert identifiers.has_camel_case(written) == found
