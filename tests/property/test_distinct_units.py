"""On any documents, the deduplicated TMX counted in buckets on disk keeps the units, counts and
order that the former count of every unit in memory kept, however the sources share buckets and
however many units' repeats are counted in memory before they are written."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from sxstm.formats import FORMATS, ExportOptions
from sxstm.formats.distinct import DistinctUnits
from sxstm.formats.tmx import render_tmx
from sxstm.model import Document
from sxstm.sxs.reader import ReadOptions, parse_document

# Few texts, so that sources repeat with several targets; a blank one, which is left out.
TEXTS = st.sampled_from(["Save", "Open", "Close", "Zapisz", "Otwórz", " "])
DOCUMENTS = st.lists(
    st.tuples(
        st.sampled_from(["pl-PL", "de-DE", "ja-JP"]),
        st.sampled_from(["HT", "MT"]),
        st.lists(st.tuples(TEXTS, TEXTS), max_size=6),
    ),
    max_size=8,
)

Unit = tuple[str, str, str, int]  # pair id, source, target, count


def make_documents(specs: Sequence[tuple[str, str, list[tuple[str, str]]]]) -> list[Document]:
    """Make a document per ``(locale, translation type, (source, target) pairs)``, ids unique in all."""
    documents = []
    for number, (locale, translation, pairs) in enumerate(specs):
        spans = "".join(
            f'<span data-ttu-id="d{number}-{n}">{target}</span>'
            f'<span class="sxs-lookup"><span data-stu-id="d{number}-{n}">{source}</span></span>\n\n'
            for n, (source, target) in enumerate(pairs)
        )
        text = f"---\nms.translationtype: {translation}\n---\n{spans}"
        documents.append(parse_document(text.encode(), f"d{number}.md", options=ReadOptions(target_locale=locale)))
    return documents


def former_units(documents: list[Document], *, all_targets: bool) -> list[Unit]:
    """The units the former count in memory wrote: a unit per distinct (source, target, locale),
    its first pair's id, its count; per source the most frequent unit (a tie to one met in a
    human translation, then to the first met), or every unit most frequent first; the sources
    in the order first met."""
    units: dict[tuple[str, str, str], list[int]] = {}  # -> [number, count, human]
    ids: list[str] = []
    sources: dict[tuple[str, str], int] = {}
    for document in documents:
        for pair in document.pairs:
            source, target = pair.source.text, pair.target.text
            if not source.strip() or not target.strip():
                continue
            key = (source, target, document.target_locale)
            if key not in units:
                units[key] = [len(units), 0, 0]
                ids.append(pair.id)
                sources.setdefault((source, document.target_locale), len(sources))
            units[key][1] += 1
            units[key][2] |= not document.machine_translated
    order = sorted(units, key=lambda k: (sources[k[0], k[2]], -units[k][1], -units[k][2], units[k][0]))
    if not all_targets:
        order = [key for n, key in enumerate(order) if n == 0 or order[n - 1][0::2] != key[0::2]]
    return [(ids[units[key][0]], key[0], key[1], units[key][1]) for key in order]


def written_units(documents: list[Document], *, all_targets: bool, scratch: str = "") -> list[Unit]:
    """The units of the TMX written of ``documents`` (the units' texts written in ``scratch``)."""
    out = io.BytesIO()
    FORMATS["tmx"].write(documents, out, ExportOptions(all_targets=all_targets, scratch=scratch))
    return [
        (
            tu.findtext("prop[@type='x-id']") or "",
            "".join(tu.findall("tuv")[0].find("seg").itertext()),
            "".join(tu.findall("tuv")[1].find("seg").itertext()),
            int(tu.findtext("prop[@type='x-occurrences']") or 0),
        )
        for tu in etree.fromstring(out.getvalue()).iter("tu")
    ]


def chosen_in_buckets(
    documents: list[Document],
    buckets: int,
    recent: int,
    *,
    all_targets: bool,
    spilled: bool,
    processes: int = 1,
    distinct: list[int] | None = None,
) -> list[tuple[str, int]]:
    """The pair id and count of each unit chosen with ``buckets`` buckets, ``recent`` units'
    repeats counted at once, the texts written by the process rendering them if ``spilled``
    (as workers do: here in two files, a document in each in turn), else sent with the records;
    counted on ``processes`` from the first unit. The distinct units are appended to ``distinct``."""
    with (
        tempfile.TemporaryDirectory() as first,
        tempfile.TemporaryDirectory() as second,
        DistinctUnits(buckets=buckets, recent=recent, apart_from=1) as memory,
    ):
        folders = (first, second) if spilled else ("", "")
        for number, document in enumerate(documents):
            records = iter(render_tmx(document, ExportOptions(scratch=folders[number % 2])).records)
            kind, record = next(records)
            if spilled:
                memory.add(record, next(records)[1], human=kind == "ht")
            else:
                memory.add_texts(record, records, human=kind == "ht")
        chosen = memory.chosen(all_targets=all_targets, processes=processes)
        units = [(text.split(b'"')[0].decode(), count) for _, text, count in chosen]
        if distinct is not None:
            distinct.append(memory.distinct)
        return units


@settings(max_examples=200)
@given(DOCUMENTS, st.booleans())
def test_the_tmx_keeps_the_units_counts_and_order_of_the_count_in_memory(
    specs: list[tuple[str, str, list[tuple[str, str]]]], all_targets: bool
) -> None:
    documents = make_documents(specs)
    expected = former_units(documents, all_targets=all_targets)
    assert written_units(documents, all_targets=all_targets) == expected
    with tempfile.TemporaryDirectory() as scratch:
        assert written_units(documents, all_targets=all_targets, scratch=scratch) == expected


@settings(max_examples=200)
@given(DOCUMENTS, st.booleans())
def test_the_units_chosen_are_the_same_whatever_the_buckets_the_repeats_gathered_and_whoever_writes_the_texts(
    specs: list[tuple[str, str, list[tuple[str, str]]]], all_targets: bool
) -> None:
    documents = make_documents(specs)
    expected = [(pair_id, count) for pair_id, _, _, count in former_units(documents, all_targets=all_targets)]
    for buckets, recent, spilled in ((1, 1, False), (2, 2, True), (5, 3, True), (64, 1000, False), (64, 1000, True)):
        chosen = chosen_in_buckets(documents, buckets, recent, all_targets=all_targets, spilled=spilled)
        assert chosen == expected, (buckets, recent, spilled)


@settings(max_examples=25, deadline=None)  # a process forked per example
@given(DOCUMENTS, st.booleans())
def test_the_units_counted_in_two_processes_are_those_counted_in_one(
    specs: list[tuple[str, str, list[tuple[str, str]]]], all_targets: bool
) -> None:
    documents = make_documents(specs)
    for buckets in (2, 5, 64):  # 5: the forked process counts one bucket fewer
        one: list[int] = []
        two: list[int] = []
        expected = chosen_in_buckets(documents, buckets, 3, all_targets=all_targets, spilled=True, distinct=one)
        chosen = chosen_in_buckets(
            documents, buckets, 3, all_targets=all_targets, spilled=True, processes=2, distinct=two
        )
        assert (chosen, two) == (expected, one), buckets
