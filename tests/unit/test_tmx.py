"""The TMX writer: no pair with an empty side, one target per source, tags OmegaT names alike."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest
from lxml import etree

from sxstm.errors import OutputError
from sxstm.formats import FORMATS, ExportOptions
from sxstm.formats.tmx import EMPTY_SIDE, OTHER_TARGETS, render_tmx
from sxstm.model import Document
from sxstm.sxs.reader import ReadOptions, parse_document


def document(name: str, pairs: list[tuple[str, str]], translation: str = "MT") -> Document:
    """Make a document of ``(source, target)`` pairs, its ``ms.translationtype`` ``translation``."""
    spans = "".join(
        f'<span data-ttu-id="{name}-{n}">{target}</span>'
        f'<span class="sxs-lookup"><span data-stu-id="{name}-{n}">{source}</span></span>\n\n'
        for n, (source, target) in enumerate(pairs)
    )
    text = f"---\nms.translationtype: {translation}\n---\n{spans}"
    return parse_document(text.encode(), f"{name}.md", options=ReadOptions(target_locale="pl-PL"))


def export(documents: list[Document], **options: bool | str) -> tuple[list[tuple[str, str, int]], str, dict[str, int]]:
    """Write ``documents`` as TMX; return (source, target, x-occurrences) per unit, the text, and what was left out."""
    out = io.BytesIO()
    report = FORMATS["tmx"].write(documents, out, ExportOptions(**options))
    root = etree.fromstring(out.getvalue())
    units = [
        (
            "".join(tu.findall("tuv")[0].find("seg").itertext()),
            "".join(tu.findall("tuv")[1].find("seg").itertext()),
            int(tu.findtext("prop[@type='x-occurrences']") or 0),
        )
        for tu in root.iter("tu")
    ]
    return units, out.getvalue().decode(), report.left_out


def test_a_pair_with_an_empty_or_blank_side_is_left_out_and_counted() -> None:
    doc = document("a", [("Save", "Zapisz"), ("Empty", " "), ("  ", "{"), ("Open", "Otwórz")])
    units, _, left_out = export([doc])
    assert [(s, t) for s, t, _ in units] == [("Save", "Zapisz"), ("Open", "Otwórz")]
    assert left_out == {EMPTY_SIDE: 2}


def test_a_pair_with_an_empty_side_is_left_out_without_dedupe_too() -> None:
    units, _, left_out = export([document("a", [("Save", "Zapisz"), ("Empty", " ")])], dedupe=False)
    assert [(s, t) for s, t, _ in units] == [("Save", "Zapisz")]
    assert left_out == {EMPTY_SIDE: 1}


def test_one_target_per_source_the_most_frequent_one() -> None:
    docs = [
        document("a", [("Save", "Zapisz"), ("Open", "Otwórz")]),
        document("b", [("Save", "Zachowaj")]),
        document("c", [("Save", "Zachowaj")]),
    ]
    units, _, left_out = export(docs)
    assert units == [("Save", "Zachowaj", 2), ("Open", "Otwórz", 1)]  # in the order the sources are met
    assert left_out == {OTHER_TARGETS: 1}


def test_a_tie_goes_to_the_human_translation_over_mt() -> None:
    docs = [document("a", [("Save", "Zapisz")], "MT"), document("b", [("Save", "Zachowaj")], "HT")]
    units, _, _ = export(docs)
    assert units == [("Save", "Zachowaj", 1)]


def test_a_tie_between_equals_goes_to_the_first_met() -> None:
    docs = [document("a", [("Save", "Zapisz")], "HT"), document("b", [("Save", "Zachowaj")], "HT")]
    assert export(docs)[0] == [("Save", "Zapisz", 1)]
    docs = [document("a", [("Save", "Zapisz")]), document("b", [("Save", "Zachowaj")])]
    assert export(docs)[0] == [("Save", "Zapisz", 1)]


def test_the_same_source_in_two_locales_keeps_a_target_in_each() -> None:
    polish = document("a", [("Save", "Zapisz")])
    german = parse_document(
        b'<span data-ttu-id="d-1">Speichern</span>'
        b'<span class="sxs-lookup"><span data-stu-id="d-1">Save</span></span>\n',
        "d.md",
        options=ReadOptions(target_locale="de-DE"),
    )
    units, _, left_out = export([polish, german])
    assert [(s, t) for s, t, _ in units] == [("Save", "Zapisz"), ("Save", "Speichern")]
    assert left_out == {}


def test_all_targets_keeps_every_distinct_target_most_frequent_first() -> None:
    docs = [
        document("a", [("Save", "Zapisz"), ("Open", "Otwórz")]),
        document("b", [("Save", "Zachowaj"), ("Save", "Zachowaj")]),
        document("c", [("Save", "Utrwal")], "HT"),
    ]
    units, _, left_out = export(docs, all_targets=True)
    assert units == [("Save", "Zachowaj", 2), ("Save", "Utrwal", 1), ("Save", "Zapisz", 1), ("Open", "Otwórz", 1)]
    assert left_out == {}


def test_bpt_i_is_unique_in_the_file_and_x_counts_from_one_in_each_segment() -> None:
    docs = [
        document("a", [("A [link](a.md) and **bold**", "[Łącze](a.md) i **pogrubienie**")]),
        document("b", [("The [docs](b.md)", "[Dokumentacja](b.md)"), ("`code` here", "`code` tutaj")]),
    ]
    for options in ({}, {"dedupe": False}, {"all_targets": True}):
        _, text, _ = export(docs, **options)
        units = re.findall(r"<tu .*?</tu>", text, re.S)
        i_by_unit = [set(re.findall(r'<bpt i="(\d+)"', unit)) for unit in units]
        assert i_by_unit == [{"1", "2"}, {"3"}, set()], options
        assert [re.findall(r' x="(\d+)"', unit.split("<tuv")[1]) for unit in units] == [["1", "2"], ["1"], ["1"]]
        assert re.findall(r'<ept i="(\d+)"', units[1]) == ["3", "3"]


def test_tags_carry_no_type_attribute() -> None:
    _, text, _ = export([document("a", [("![x](a.png) [a](b) *c*", "![x](a.png) [a](b) *c*")])])
    assert not re.search(r"<(bpt|ept|ph|it)\b[^>]* type=", text)


def test_a_unit_carries_the_properties_of_its_own_document_with_and_without_dedupe() -> None:
    docs = [
        document("a", [("Save", "Zapisz"), ("Open", "Otwórz")], translation="MT"),
        document("b", [("Save", "Zapisz"), ("Close", "Zamknij")], translation="HT"),
    ]
    for dedupe, expected in (
        (True, [("a.md#a-0", "a.md", "MT"), ("a.md#a-1", "a.md", "MT"), ("b.md#b-1", "b.md", "HT")]),
        (
            False,
            [
                ("a.md#a-0", "a.md", "MT"),
                ("a.md#a-1", "a.md", "MT"),
                ("b.md#b-0", "b.md", "HT"),
                ("b.md#b-1", "b.md", "HT"),
            ],
        ),
    ):
        _, text, _ = export(docs, dedupe=dedupe)
        tree = etree.fromstring(text.encode())
        found = [
            (tu.get("tuid"), tu.findtext("prop[@type='x-file']"), tu.findtext("prop[@type='x-translation-type']"))
            for tu in tree.iter("tu")
        ]
        assert found == expected, dedupe


def test_x_occurrences_counts_every_pair_past_the_table_of_small_counts() -> None:
    for count in (1, 63, 64, 65, 200):
        docs = [document(f"d{n}", [("Save", "Zapisz")]) for n in range(count)]
        units, _, _ = export(docs)
        assert units == [("Save", "Zapisz", count)]


def test_a_file_of_texts_that_cannot_be_made_in_the_scratch_folder_is_a_scratch_error(tmp_path: Path) -> None:
    # A worker that cannot write its units' texts (a full disk, a folder gone) raises the error the
    # parent reports as the scratch folder's, not an OSError taken for the output's.
    gone = str(tmp_path / "gone")
    with pytest.raises(OutputError, match="cannot write a scratch file"):
        render_tmx(document("a", [("Save", "Zapisz")]), ExportOptions(scratch=gone))


def test_the_texts_written_by_the_rendering_process_make_the_same_tmx(tmp_path: Path) -> None:
    documents = [document("a", [("Save", "Zapisz"), ("Open", "Otwórz")]), document("b", [("Save", "Zachowaj")])]
    assert export(documents, scratch=str(tmp_path))[1] == export(documents)[1]
    assert [path.name[:6] for path in tmp_path.iterdir()] == ["texts-"]


@pytest.mark.parametrize("pairs", [[("Save", "Zapisz")], [("Save", "")]], ids=["units", "no unit"])
def test_the_file_of_texts_of_a_run_is_closed_when_its_tmx_is_written(
    tmp_path: Path, pairs: list[tuple[str, str]]
) -> None:
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("open files are listed in /proc")
    for _ in range(3):  # one process, several runs (the library, extract -j 1)
        export([document("a", pairs)], scratch=str(tmp_path))
    assert [link for link in _open_files() if link.startswith(str(tmp_path))] == []


def _open_files() -> list[str]:
    links = []
    for descriptor in list(Path("/proc/self/fd").iterdir()):
        with contextlib.suppress(FileNotFoundError):  # the listing's own, closed since
            links.append(os.readlink(descriptor))
    return links
