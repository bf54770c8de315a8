from hypothesis import given, settings
from hypothesis import strategies as st

from sxstm.sxs.reader import ReadOptions, parse_document

FRAGMENTS = st.sampled_from(
    [
        '<span data-ttu-id="a-1">',
        '</span><span class="sxs-lookup"><span data-stu-id="a-1">',
        "</span></span>",
        "</span>",
        "<span>",
        "\n> ",
        "\n- ",
        "\n```\n",
        "|",
        "---\n",
        "\n",
        "x",
        "\udc80",
    ]
)


@settings(max_examples=300)
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=5)), max_size=40))
def test_reader_never_raises_on_arbitrary_text(parts: list[str]) -> None:
    data = "".join(parts).encode("utf-8", "surrogateescape")
    document = parse_document(data, "fuzz.md", options=ReadOptions(target_locale="pl-PL"))
    for pair in document.pairs:
        assert "sxs-lookup" not in pair.target.text and "data-ttu-id" not in pair.source.text


@given(st.binary(max_size=200))
def test_reader_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    parse_document(data, "fuzz.md", options=ReadOptions(target_locale="pl-PL"))
