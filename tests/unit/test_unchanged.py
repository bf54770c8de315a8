"""A document is told unchanged by its spans only where every unit gives its pair what it holds."""

from __future__ import annotations

from sxstm.roundtrip.unchanged import conflicting, same_language, unchanged_by_spans
from sxstm.sxs.reader import ReadOptions, parse_document

DOCUMENT = (
    "---\nms.contentlocale: pl-PL\n---\n"
    '<span data-ttu-id="a-1">Pierwsze zdanie.</span><span class="sxs-lookup"><span data-stu-id="a-1">'
    "First sentence.</span></span>\n"
    '> <span data-ttu-id="a-2">Cytat\n> w dwóch liniach.</span><span class="sxs-lookup"><span data-stu-id="a-2">'
    "A quote\n> on two lines.</span></span>\n"
).encode()
OPTIONS = ReadOptions(target_locale="und")
UNITS = (
    (1, "a-1", "First sentence.", "Pierwsze zdanie.", False, "pl-PL"),
    (9, "a-2", "A quote\non two lines.", "Cytat\nw dwóch liniach.", False, "pl"),
)


def test_units_giving_every_pair_its_texts_tell_the_document_unchanged() -> None:
    assert unchanged_by_spans(DOCUMENT, "d.md", UNITS, OPTIONS)
    for line_end in (b"\r\n", b"\r"):  # the line start of a quoted pair, after a CR
        document = DOCUMENT.replace(b"\n", line_end)
        pairs = parse_document(document, "d.md", options=OPTIONS).pairs
        units = tuple((1, pair.id, pair.source.text, pair.target.text, False, "pl-PL") for pair in pairs)
        assert len(units) == 2 and unchanged_by_spans(document, "d.md", units, OPTIONS)


def test_any_difference_sends_the_document_to_the_whole_reading() -> None:
    edited = ((1, "a-1", "First sentence.", "Zdanie.", False, "pl-PL"), UNITS[1])
    stale = ((1, "a-1", "The first sentence.", "Pierwsze zdanie.", False, "pl-PL"), UNITS[1])
    missing = ((1, "a-3", "First sentence.", "Pierwsze zdanie.", False, "pl-PL"),)
    unnamed = ((1, "", "First sentence.", "Pierwsze zdanie.", False, "pl-PL"),)
    german = ((1, "a-1", "First sentence.", "Pierwsze zdanie.", False, "de-DE"),)
    for units in (edited, stale, missing, unnamed, german):
        assert not unchanged_by_spans(DOCUMENT, "d.md", units, OPTIONS), units
    assert not unchanged_by_spans(DOCUMENT + b"\xff", "d.md", UNITS, OPTIONS)  # not UTF-8


def test_units_giving_one_pair_different_targets_conflict() -> None:
    units = (*UNITS, (20, "a-1", "First sentence.", "Inne zdanie.", False, "pl-PL"))
    assert conflicting(UNITS) == {}
    assert conflicting(units) == {("a-1", ""): [1, 20]}
    by_source = ((3, "", "Same.", "Tak.", False, ""), (4, "", "Same.", "Nie.", False, ""))
    assert conflicting(by_source) == {("", "Same."): [3, 4]}
    assert not unchanged_by_spans(DOCUMENT, "d.md", units, OPTIONS)


def test_a_unit_locale_fits_the_same_locale_or_its_language_alone() -> None:
    assert same_language("pl-PL", "pl-pl") and same_language("pl", "pl-PL") and same_language("pl_PL", "pl-PL")
    assert same_language("de-DE", "und") and not same_language("pl-PL", "pl-BE") and not same_language("de", "pl")
