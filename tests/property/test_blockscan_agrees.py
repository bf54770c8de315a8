"""On any markdown built from the constructs found in sxs files, the scanner agrees with markdown-it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sxstm.sxs import blocks
from sxstm.sxs.blockscan import scan_contexts

LINE_STARTS = st.sampled_from(
    [
        "",
        " ",
        "  ",
        "   ",
        "    ",
        "> ",
        ">",
        "> > ",
        "- ",
        "* ",
        "1. ",
        "2) ",
        "  - ",
        "> - ",
        "   1. ",
        "-",
        "> [!NOTE]",
    ]
)
LINE_BODIES = st.sampled_from(
    [
        "x",
        "text x",
        "",
        "---",
        "===",
        "***",
        "```",
        "~~~",
        "``` cs",
        "# x",
        "## x",
        "| x | y |",
        "|---|---|",
        "x | y",
        "--|--",
        "<td>x",
        "<div>",
        "</div>",
        "<!-- c",
        "-->",
        "<br/>",
        "[a]: http://x",
        "- - -",
        '<a name="x"></a>x',
    ]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(LINE_STARTS, LINE_BODIES), min_size=1, max_size=12))
def test_scanner_agrees_with_markdown_it(lines: list[tuple[str, str]]) -> None:
    markdown = "\n".join(start + body for start, body in lines) + "\n"
    wanted = [number for number, (_, body) in enumerate(lines) if "x" in body]
    fast = scan_contexts(markdown, wanted)
    assert fast is None or fast == blocks.markdown_contexts(markdown, wanted), markdown
