from sxstm.sxs.problems import Problem
from sxstm.sxs.spans import SpanPair, SpanProblem, scan_spans


def pair(pair_id: str, target: str, source: str) -> str:
    return (
        f'<span data-ttu-id="{pair_id}">{target}</span>'
        f'<span class="sxs-lookup"><span data-stu-id="{pair_id}">{source}</span></span>'
    )


def texts(text: str) -> list[tuple[str, str, str]]:
    return [
        (item.id, text[item.target_start : item.target_end], text[item.source_start : item.source_end])
        for item in scan_spans(text)
        if isinstance(item, SpanPair)
    ]


def test_pairs_on_one_line_are_found_in_order() -> None:
    text = pair("a-1", "Jeden.", "One.") + " " + pair("a-2", "Dwa.", "Two.")
    assert texts(text) == [("a-1", "Jeden.", "One."), ("a-2", "Dwa.", "Two.")]


def test_nested_span_ending_the_source_is_kept_whole() -> None:
    source = 'Ends in <span style="color:red">red</span>'
    assert texts(pair("a-1", "Koniec", source)) == [("a-1", "Koniec", source)]


def test_literal_span_in_code_on_both_sides_is_balanced() -> None:
    assert texts(pair("a-1", "Kod `<span>`", "Code `<span>`")) == [("a-1", "Kod `<span>`", "Code `<span>`")]


def test_target_without_partner_is_reported_and_next_pair_survives() -> None:
    text = '<span data-ttu-id="a-1">orphan ' + pair("a-2", "Dwa", "Two")
    items = list(scan_spans(text))
    problems = [item for item in items if isinstance(item, SpanProblem)]
    assert [p.problem for p in problems] == [Problem.ORPHAN_TARGET]
    assert texts(text) == [("a-2", "Dwa", "Two")]


def test_mismatched_ids_are_reported_not_paired() -> None:
    text = '<span data-ttu-id="a-1">T</span><span class="sxs-lookup"><span data-stu-id="a-9">S</span></span>'
    items = list(scan_spans(text))
    assert [item.problem for item in items if isinstance(item, SpanProblem)] == [Problem.ID_MISMATCH]


def test_source_span_without_target_is_reported() -> None:
    text = pair("a-1", "T", "S") + ' <span data-stu-id="a-2">lonely</span>'
    problems = [item for item in scan_spans(text) if isinstance(item, SpanProblem)]
    assert [p.problem for p in problems] == [Problem.ORPHAN_SOURCE]
