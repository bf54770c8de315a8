"""The fast block scanner gives markdown-it-py's answers."""

from __future__ import annotations

from pathlib import Path

from sxstm.sxs import blocks
from sxstm.sxs.blockscan import scan_contexts
from sxstm.sxs.frontmatter import read_front_matter
from sxstm.sxs.spans import SpanPair, scan_spans


def both(markdown: str, lines: list[int]) -> tuple[list[str] | None, list[str]]:
    return scan_contexts(markdown, lines), blocks.markdown_contexts(markdown, lines)


def test_scanner_agrees_with_markdown_it_on_every_pair_of_shared_corpus(shared: Path) -> None:
    checked = 0
    for path in sorted((shared / "corpus").rglob("*.md")):
        text = path.read_bytes().decode("utf-8", "replace")
        spans = [item for item in scan_spans(text) if isinstance(item, SpanPair)]
        lines = [text.count("\n", 0, span.tag_start) for span in spans]
        reduced = blocks.reduce_text(text, [(s.tag_start, s.end) for s in spans], read_front_matter(text).body_start)
        fast, reference = both(reduced, lines)
        assert fast == reference, path
        checked += len(lines)
    assert checked > 8_000


def test_lazy_line_continues_a_quoted_paragraph() -> None:
    assert both("> a\nb\n", [1]) == (["blockquote/paragraph"], ["blockquote/paragraph"])


def test_blank_line_ends_a_blockquote() -> None:
    fast, reference = both("> a\n\nb\n", [2])
    assert fast == reference == ["paragraph"]


def test_setext_underline_turns_a_paragraph_into_a_heading() -> None:
    fast, reference = both("- a\n  b\n  ---\n", [0, 1])
    assert fast == reference == ["list-item/heading", "list-item/heading"]


def test_table_in_a_list_item_and_a_row_without_pipes() -> None:
    text = "- x\n\n  | a | b |\n  |---|---|\n  c\n"
    fast, reference = both(text, [2, 4])
    assert fast == reference == ["list-item/table-cell", "list-item/table-cell"]


def test_html_block_ends_at_a_blank_line() -> None:
    fast, reference = both("<td>\nx\n\ny\n", [1, 3])
    assert fast == reference == ["html-block", "paragraph"]


def test_tabs_in_indentation_are_left_to_markdown_it() -> None:
    assert scan_contexts("-\tx\n\ty\n", [1]) is None
