from sxstm.sxs.frontmatter import read_front_matter


def test_scalar_fields_are_unquoted() -> None:
    text = "---\ntitle: Tytuł — próba\nms.locfileid: \"74711287\"\nempty: ''\nquote: 'it''s'\n---\nbody\n"
    front = read_front_matter(text)
    assert front.fields == {"title": "Tytuł — próba", "ms.locfileid": "74711287", "empty": "", "quote": "it's"}
    assert text[front.body_start :] == "body\n"


def test_block_scalar_and_list_are_folded() -> None:
    front = read_front_matter("---\ndescription: >-\n  one\n  two\nms.topic: x\nauthor:\n  - a\n---\n")
    assert front.fields["description"] == "one two"
    assert front.fields["ms.topic"] == "x"


def test_no_front_matter_starts_body_at_zero() -> None:
    front = read_front_matter("# Title\n---\n")
    assert front.fields == {} and front.body_start == 0 and front.closed


def test_unclosed_front_matter_is_flagged() -> None:
    assert not read_front_matter("---\ntitle: x\n").closed
