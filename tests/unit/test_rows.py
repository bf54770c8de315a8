"""Findings made and placed in their file, sent between processes as rows, and moved to another path."""

from __future__ import annotations

import pickle

from sxstm.checks import Checked
from sxstm.checks.rows import finding_on, from_rows, moved, moved_rows, to_rows
from sxstm.model import Finding, Pair, Segment, Severity

FINDING = Finding("a.md", 3, 7, Severity.WARNING, "SX301", "space", "a message", "s2", "ab12", "Src", "Tgt", 1, 2, 0)
NO_PAIR = Finding("b.md", 1, 1, Severity.ERROR, "SX001", "broken-span", "broken")


def test_rows_make_the_same_findings_again() -> None:
    assert from_rows(to_rows((FINDING, NO_PAIR))) == (FINDING, NO_PAIR)


def test_moved_findings_differ_only_in_their_path() -> None:
    (one, two) = moved([FINDING, NO_PAIR], {"a.md": "docs/a.md", "b.md": "/abs/b.md"})
    assert one == Finding("docs/a.md", *[getattr(FINDING, name) for name in FINDING.__slots__[1:]])
    assert (two.path, two.pair_id, two.offset, two.source_offset) == ("/abs/b.md", None, -1, -1)


def test_moved_rows_are_the_rows_of_the_moved_findings() -> None:
    paths = {"a.md": "docs/a.md", "b.md": "/abs/b.md"}
    assert moved_rows((FINDING, NO_PAIR), paths) == list(to_rows(tuple(moved([FINDING, NO_PAIR], paths))))


def test_a_checked_document_pickles_whole() -> None:
    checked = Checked("a.md", (FINDING, FINDING))
    again = pickle.loads(pickle.dumps(checked))
    assert again == checked


def _pair(target: str, target_column: int) -> Pair:
    return Pair(
        "p1",
        Segment("Source text", 0, 11),
        Segment(target, 20, 20 + len(target)),
        0,
        40,
        5,
        3,
        "paragraph",
        target_column,
    )


def _placed(pair: Pair, offset: int, length: int = 0, source_offset: int = -1) -> tuple[int, int, int, int, int]:
    finding = finding_on("a.md", pair, Severity.WARNING, "SX301", "space", "m", "f", offset, length, source_offset)
    return finding.line, finding.column, finding.offset, finding.length, finding.source_offset


def test_a_finding_is_placed_at_its_spot_in_the_target_or_at_the_pair() -> None:
    one_line = _pair("Jeden wiersz", 40)
    assert _placed(one_line, 6, 3, 2) == (5, 46, 6, 3, 2)  # from where the target starts on the line
    assert _placed(one_line, -1, 3, 2) == (5, 3, -1, 0, 2)  # the whole pair: its line and column, no length
    assert _placed(one_line, -5) == (5, 3, -5, 0, -1)
    assert _placed(one_line, 99, -4, 99) == (5, 52, 12, 0, 11)  # past the ends: at the ends; a length unknown
    assert _placed(_pair("Jeden wiersz", 0), 6) == (5, 9, 6, 0, -1)  # the target's column unknown: the pair's


def test_a_finding_on_a_continuation_line_is_counted_from_its_line_start() -> None:
    two_lines = "Pierwszy\n  drugi wiersz"
    assert _placed(_pair(two_lines, 40), 13)[:2] == (6, 5)  # "d" of "drugi": counted from the newline
    assert _placed(_pair(two_lines, 0), 13)[:2] == (6, 3)  # the target's column unknown: the pair's
