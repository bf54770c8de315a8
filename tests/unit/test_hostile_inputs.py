"""Hostile documents and trees (issue 13): only regular files are read, symlinked folders are
walked once, lone-CR line ends are line ends, and one broken span costs no rescan."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from sxstm.errors import UnreadableDocumentError
from sxstm.sxs import spans
from sxstm.sxs.documents import read_documents
from sxstm.sxs.lines import LineIndex
from sxstm.sxs.problems import Problem
from sxstm.sxs.reader import parse_document, read_document
from sxstm.sxs.sources import find_sources
from sxstm.sxs.spans import SpanPair, SpanProblem, scan_spans

FRONT = "---\nms.contentlocale: pl-PL\n---\n"


def pair(pair_id: str, target: str, source: str) -> str:
    return (
        f'<span data-ttu-id="{pair_id}">{target}</span>'
        f'<span class="sxs-lookup"><span data-stu-id="{pair_id}">{source}</span></span>'
    )


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fail a test that hangs (a FIFO opened for reading waits for a writer forever)."""

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("the read hung")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_named_md_is_reported_not_read(tmp_path: Path, deadline: None) -> None:
    (tmp_path / "a.md").write_text(FRONT + pair("1", "Jeden", "One") + "\n", encoding="utf-8")
    os.mkfifo(tmp_path / "b.md")
    results = list(read_documents(find_sources([tmp_path]), jobs=1))
    assert len(results[0].pairs) == 1  # type: ignore[union-attr]
    assert isinstance(results[1], UnreadableDocumentError)
    assert "not a regular file: a FIFO" in str(results[1])


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_symlink_to_a_device_is_reported_not_read(tmp_path: Path, deadline: None) -> None:
    (tmp_path / "z.md").symlink_to("/dev/zero")
    with pytest.raises(UnreadableDocumentError) as raised:
        read_document(tmp_path / "z.md", name="z.md")
    assert raised.value.finding.code == "SX005"
    assert "character device" in raised.value.finding.message


def test_symlinked_folders_are_walked_once_and_loops_end(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.md").write_text("x", encoding="utf-8")
    root = tmp_path / "docs"
    (root / "sub").mkdir(parents=True)
    (root / "a.md").write_text("a", encoding="utf-8")
    (root / "linked").symlink_to(outside)
    (root / "sub" / "loop").symlink_to(root)
    (root / "sub" / "again").symlink_to(outside)
    names = [source.name for source in find_sources([root])]
    assert names == ["a.md", "linked/x.md"]


def test_lone_cr_line_ends_keep_front_matter_and_lines() -> None:
    text = FRONT.replace("\n", "\r") + "# " + pair("1", "Tytuł", "Title") + "\r\rText " + pair("2", "Dwa", "Two") + "\r"
    document = parse_document(text.encode("utf-8"), "cr.md")
    assert document.target_locale == "pl-PL"
    assert [(p.line, p.column, p.context) for p in document.pairs] == [(4, 3, "heading"), (6, 6, "paragraph")]


def test_literal_span_opening_in_the_source_only_is_read_as_a_plain_scanner_does() -> None:
    source = "Add `<span asp-validation-for` to the form."
    text = FRONT + pair("1", "Dodaj to do formularza.", source) + "\n\n" + pair("2", "Dwa", "Two") + "\n"
    document = parse_document(text.encode("utf-8"), "a.md")
    assert [p.source.text for p in document.pairs] == [source, "Two"]
    assert document.findings == ()


def test_nested_span_lost_by_the_translation_still_ends_the_source_where_it_balances() -> None:
    source = 'Ends in <span class="x">red</span>'
    assert [item.source_end for item in scan_spans(pair("1", "Koniec", source)) if isinstance(item, SpanPair)] == [
        len(pair("1", "Koniec", source)) - len("</span></span>")
    ]


class _CountingText(str):
    """A text that counts the characters its searches read (up to the match found)."""

    searched = 0

    def find(self, sub: str, start: int | None = None, end: int | None = None) -> int:  # type: ignore[override]
        found = super().find(sub, start, end)
        stop = (len(self) if end is None else end) if found == -1 else found + len(sub)
        _CountingText.searched += stop - (start or 0)
        return found

    def rfind(self, sub: str, start: int | None = None, end: int | None = None) -> int:  # type: ignore[override]
        found = super().rfind(sub, start, end)
        stop = len(self) if end is None else end
        _CountingText.searched += stop - (start or 0 if found == -1 else found)
        return found

    def count(self, sub: str, start: int | None = None, end: int | None = None) -> int:  # type: ignore[override]
        _CountingText.searched += (len(self) if end is None else end) - (start or 0)
        return super().count(sub, start, end)


def _searched(text: str, work: object) -> int:
    _CountingText.searched = 0
    work(_CountingText(text))  # type: ignore[operator]
    return _CountingText.searched


def test_positions_on_one_long_line_cost_linear_time() -> None:
    def positions(n: int) -> int:
        text = pair("1", "x", "y") * n
        step = len(pair("1", "x", "y"))

        def work(counted: str) -> None:
            index = LineIndex(counted)
            for offset in range(0, len(counted), step):
                index.position(offset)

        return _searched(text, work)

    small, large = positions(500), positions(2000)
    assert large <= 5 * small


def test_unbalanced_span_in_targets_costs_no_rescan(monkeypatch: pytest.MonkeyPatch) -> None:
    balanced_chars = 0
    real = spans.span_balance

    def counted_balance(fragment: str) -> int:
        nonlocal balanced_chars
        balanced_chars += len(fragment)
        return real(fragment)

    monkeypatch.setattr(spans, "span_balance", counted_balance)

    def cost(n: int) -> tuple[int, int]:
        nonlocal balanced_chars
        balanced_chars = 0
        text = "\n".join(pair(str(i), "A <span B", "A B") for i in range(n))
        found = 0

        def work(counted: str) -> None:
            nonlocal found
            found = sum(isinstance(item, SpanPair) for item in scan_spans(counted))

        searched = _searched(text, work)
        assert found == n
        return searched + balanced_chars, len(text)

    (small, _), (large, large_size) = cost(500), cost(2000)
    assert large <= 5 * small
    assert large <= 10 * large_size


def test_many_orphan_targets_cost_no_rescan() -> None:
    def cost(n: int) -> int:
        text = '<span data-ttu-id="1">orphan\n' * n
        return _searched(text, lambda counted: [item for item in scan_spans(counted) if isinstance(item, SpanProblem)])

    assert cost(2000) <= 5 * cost(500)


def test_orphan_is_still_reported_after_the_scanner_changes() -> None:
    items = list(scan_spans('<span data-ttu-id="1">A</span><span class="sxs-lookup"><span data-stu-id="1">A'))
    assert Problem.ORPHAN_TARGET in [item.problem for item in items if isinstance(item, SpanProblem)]


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="no FIFOs or /dev/zero")
@pytest.mark.parametrize(
    "argv",
    [
        ["stats"],
        ["extract", "-f", "jsonl", "-o", "{out}/out.jsonl"],
        ["qa", "--format", "json", "--output", "{out}/qa.json"],
        ["restore", "--side", "target", "-o", "{out}/restored"],
    ],
)
def test_every_command_reports_a_hostile_tree_and_goes_on(
    tmp_path: Path, deadline: None, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from sxstm.cli.main import main

    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "a.md").write_text(FRONT + pair("1", "Jeden", "One") + "\n", encoding="utf-8")
    os.mkfifo(docs / "fifo.md")
    (docs / "z.md").symlink_to("/dev/zero")
    (docs / "sub" / "loop").symlink_to(docs)
    out = tmp_path / "out"
    out.mkdir()
    command, *rest = argv
    assert main([command, str(docs), "-q", *(arg.format(out=out) for arg in rest)]) == 1
    errors = capsys.readouterr().err
    assert "fifo.md" in errors and "not a regular file: a FIFO" in errors
    assert "z.md" in errors and "not a regular file: a character device" in errors


def test_lone_cr_continuation_lines_lose_their_blockquote_prefix() -> None:
    text = FRONT.replace("\n", "\r") + "> " + pair("1", "Jeden\r> dwa", "One\r> two") + "\r"
    (found,) = parse_document(text.encode("utf-8"), "cr.md").pairs
    assert (found.source.text, found.target.text, found.context) == ("One\rtwo", "Jeden\rdwa", "blockquote/paragraph")
