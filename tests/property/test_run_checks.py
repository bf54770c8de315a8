"""The run-level checks, counted by buckets of keys on disk, find what grouping every pair at
once in memory found, on any run."""

from collections.abc import Iterator, Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from sxstm.checks import CHECKS, Profile, Seen, across
from sxstm.checks.consistency import _PLACES, Variant, Where, _differing, judged, seen
from sxstm.checks.scratch import SeenFile
from sxstm.model import Document, Pair, Segment, TranslationType

# A few sources and translations of 3 words or more, written in ways the keys fold together
# (quotes, capitals, a final full stop) or not, and one word replaced or inflected, so that
# sources get several translations and translations several sources.
SOURCES = st.sampled_from(
    [
        "Open the project file.",
        "open the project file",
        'Open the "project" file',
        "Close the project file.",
        "Open the projects file.",
        "Select the new item",
        "two words",
    ]
)
TARGETS = st.sampled_from(
    [
        "Otwórz plik projektu.",
        "otwórz plik projektu",
        "Otwórz plik do projektu.",
        "Zamknij plik projektu.",
        "Wybierz nowy element",
        "Wybierz nowy element teraz",
        "dwa słowa",
    ]
)
RUNS = st.lists(st.lists(st.tuples(SOURCES, TARGETS), max_size=6), max_size=6)


def _seen_of(run: list[list[tuple[str, str]]]) -> list[Seen]:
    documents = []
    for number, texts in enumerate(run):
        pairs = tuple(
            Pair(f"p-{line}", Segment(source, 0, 0), Segment(target, 0, 0), 0, 0, line, 1, "paragraph")
            for line, (source, target) in enumerate(texts, 1)
        )
        documents.append(seen(Document(f"d{number}.md", "en-US", "pl-PL", TranslationType.MT, {}, pairs)))
    return documents


def _differing_as_written(documents: Sequence[Seen], *, by_source: bool) -> Iterator[tuple[Seen, int, str]]:
    """The run-level checks' findings, grouped as they were before they were counted document by document."""

    def sides(document: Seen) -> Iterator[Variant]:
        keys, others = (document.sources, document.targets) if by_source else (document.targets, document.sources)
        return zip(keys, others, strict=True)

    counts: dict[Variant, int] = {}
    variants: dict[int, int] = {}
    for document in documents:
        for variant in sides(document):
            if not variant[0]:
                continue
            if variant in counts:
                counts[variant] += 1
            else:
                counts[variant] = 1
                variants[variant[0]] = variants.get(variant[0], 0) + 1
    groups: dict[int, list[Variant]] = {}
    for variant in counts:
        if variants[variant[0]] > 1:
            groups.setdefault(variant[0], []).append(variant)
    places: dict[Variant, list[Where]] = {variant: [] for listed in groups.values() for variant in listed}
    written: dict[Variant, set[int]] = {variant: set() for variant in places}
    for number, document in enumerate(documents):
        writings = document.written_sources
        for index, variant in enumerate(sides(document)):
            if variant in places:
                if len(places[variant]) < _PLACES:
                    places[variant].append((number, index))
                written[variant].add(writings[index] if writings else 0)
    found = sorted(judged(groups, counts, places, written, documents, by_source=by_source))
    return ((documents[number], index, message) for (number, index), message in found)


@settings(max_examples=300)
@given(RUNS)
def test_run_level_checks_fed_document_by_document_find_what_grouping_every_pair_at_once_found(
    run: list[list[tuple[str, str]]],
) -> None:
    documents = _seen_of(run)
    profile = Profile((CHECKS["SX406"], CHECKS["SX407"]))
    found = [(f.code, f.path, f.line, f.message) for f in across(documents, profile)]
    expected = [
        (code, document.path, document.lines[index], message)
        for code, by_source in (("SX406", True), ("SX407", False))
        for document, index, message in _differing_as_written(documents, by_source=by_source)
    ]
    assert found == expected


@settings(max_examples=300)
@given(RUNS, st.integers(1, 3))
def test_run_level_checks_partitioned_into_few_buckets_on_disk_find_what_grouping_every_pair_at_once_found(
    run: list[list[tuple[str, str]]], buckets: int
) -> None:
    documents = _seen_of(run)
    with SeenFile() as kept:
        for document in documents:
            kept.append(document)
        for by_source in (True, False):
            found = [
                (document.path, index, message)
                for document, index, message in _differing(kept, "SX406", by_source=by_source, buckets=buckets)
            ]
            expected = [
                (document.path, index, message)
                for document, index, message in _differing_as_written(documents, by_source=by_source)
            ]
            assert found == expected
