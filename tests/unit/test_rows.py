"""Findings sent between processes as rows, and moved to another path."""

from __future__ import annotations

import pickle

from sxstm.checks import Checked
from sxstm.checks.rows import from_rows, moved, moved_rows, to_rows
from sxstm.model import Finding, Severity

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
