"""The reduced text that blocks.py parses gives the same block context as the whole text."""

from pathlib import Path

from sxstm.sxs import blocks
from sxstm.sxs.frontmatter import read_front_matter
from sxstm.sxs.spans import SpanPair, scan_spans


def contexts(text: str, *, reduce: bool) -> list[str]:
    spans = [item for item in scan_spans(text) if isinstance(item, SpanPair)]
    lines = [text.count("\n", 0, span.tag_start) for span in spans]
    body = read_front_matter(text).body_start
    parsed = (
        blocks.reduce_text(text, [(s.tag_start, s.end) for s in spans], body)
        if reduce
        else ("\n" * text.count("\n", 0, body) + text[body:])
    )
    return blocks.markdown_contexts(parsed, lines)


def test_reduced_parse_agrees_with_full_parse_on_shared_corpus(shared: Path) -> None:
    files = sorted((shared / "corpus").rglob("*.md"))
    files = [f for f in files if "ground-truth" not in f.parts]
    assert len(files) >= 108
    for path in files:
        text = path.read_bytes().decode("utf-8", "replace")
        assert contexts(text, reduce=True) == contexts(text, reduce=False), path


def test_alert_and_list_containers_are_named() -> None:
    text = "> [!NOTE]\n> - x\n\n| a |\n|---|\n| b |\n"
    assert blocks.markdown_contexts(text, [1, 5]) == ["alert-note/list-item/paragraph", "table-cell"]


def test_unclosed_fence_holds_the_rest() -> None:
    assert blocks.markdown_contexts("```\ncode\n\nmore\n", [3]) == ["fence"]


def test_the_block_parser_of_sxstm_has_the_table_rule_on() -> None:
    assert "table" in blocks._markdown().get_active_rules()["block"]  # off in plain CommonMark
    assert blocks.markdown_contexts("a | b\n--|--\nc | d\n", [0, 2]) == ["table-cell", "table-cell"]
