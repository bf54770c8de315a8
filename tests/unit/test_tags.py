"""Inline codes as tags: the same number on both sides, and valid nesting."""

from __future__ import annotations

from sxstm.formats.tags import OriginalData, number_codes, tmx_content, xliff2_content, xliff12_content
from sxstm.formats.xmltext import needs_escape
from sxstm.sxs.inline import parse_inline

SOURCE = "Use `dotnet build` with [the docs](a.md) and **bold**."
TARGET = "**Pogrubione** i [dokumentacja](a.md) z `dotnet build`."


def test_codes_that_correspond_get_the_same_number_on_both_sides() -> None:
    source, target = parse_inline(SOURCE), parse_inline(TARGET)
    source_numbers, target_numbers = number_codes(source, target)
    by_markup_source = {
        run.markup: n for run, n in zip(source, source_numbers, strict=True) if not isinstance(run, str)
    }
    by_markup_target = {
        run.markup: n for run, n in zip(target, target_numbers, strict=True) if not isinstance(run, str)
    }
    assert by_markup_source == by_markup_target


def test_tmx_uses_bpt_ept_for_pairs_and_ph_for_isolated_codes_without_type() -> None:
    runs = parse_inline(SOURCE)
    numbers, _ = number_codes(runs, ())
    assert tmx_content(runs, numbers) == (
        'Use <ph x="1">`dotnet build`</ph> with <bpt i="2" x="2">[</bpt>the docs'
        '<ept i="2">](a.md)</ept> and <bpt i="3" x="3">**</bpt>bold<ept i="3">**</ept>.'
    )


def test_tmx_tags_carry_no_type_which_omegat_would_name_them_by() -> None:
    runs = parse_inline("[a](b) *c* ![d](e.png) <b>f</b> <head>")
    assert " type=" not in tmx_content(runs, number_codes(runs, ())[0])


def test_target_code_without_counterpart_gets_a_new_number() -> None:
    source, target = parse_inline("a `x`"), parse_inline("a `y`")
    assert number_codes(source, target) == ([0, 1], [0, 2])


def test_xliff12_ids_pair_bpt_and_ept() -> None:
    runs = parse_inline("<b>x</b> <head>")
    numbers, _ = number_codes(runs, ())
    assert xliff12_content(runs, numbers) == (
        '<bpt id="1" ctype="x-html-b">&lt;b&gt;</bpt>x<ept id="1">&lt;/b&gt;</ept> '
        '<it id="2" pos="open" ctype="x-html-head">&lt;head&gt;</it>'
    )


def test_xliff2_uses_pc_when_nested_and_sc_ec_when_pairs_cross() -> None:
    runs = parse_inline("<b>x</b>")
    data = OriginalData({})
    assert (
        xliff2_content(runs, number_codes(runs, ())[0], data) == '<pc id="1" dataRefStart="d1" dataRefEnd="d2">x</pc>'
    )
    crossing = parse_inline("<b><i>x</b></i>")
    content = xliff2_content(crossing, number_codes(crossing, ())[0], OriginalData({}))
    assert "<sc " in content and "<ec " in content


def test_content_said_clean_is_the_content_escaped_where_nothing_needs_an_escape() -> None:
    for text in (SOURCE, TARGET, "a <b>x</b> & [y](z?a=1&b=2) `<c>`"):
        runs = parse_inline(text)
        numbers = number_codes(runs, ())[0]
        for content in (tmx_content, xliff12_content):
            if not needs_escape(text):
                assert content(runs, numbers, clean=True) == content(runs, numbers)
            assert "&amp;" in content(runs, numbers) or "&" not in text
