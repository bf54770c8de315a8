from sxstm.sxs.containers import containers_of, strip_prefixes


def test_blockquote_prefix_is_stripped_from_continuation_lines() -> None:
    assert strip_prefixes("[Previous](a.md)\n> [Next](b.md)", containers_of("> ")) == "[Previous](a.md)\n[Next](b.md)"


def test_blockquote_without_space_is_stripped() -> None:
    assert strip_prefixes("a\n>[dalej](b.md)", containers_of(">")) == "a\n[dalej](b.md)"


def test_list_in_blockquote_strips_marker_and_indent() -> None:
    containers = containers_of("> - ")
    assert strip_prefixes("a\n>   b", containers) == "a\nb"
    assert strip_prefixes("a\n > b", containers) == "a\nb"


def test_lazy_continuation_keeps_its_text() -> None:
    assert strip_prefixes("a\n|  b", containers_of("- ")) == "a\n|  b"


def test_paragraph_continuation_keeps_leading_space() -> None:
    assert strip_prefixes("a \n **b**", containers_of("")) == "a \n **b**"


def test_indented_list_paragraph_strips_indent() -> None:
    assert strip_prefixes("a\n   b", containers_of("   ")) == "a\nb"
