"""The inline model: codes where markdown has markup, and exactly the same text back."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sxstm.inline import Code, CodeKind, parse_inline, render_markdown
from sxstm.reader import read_document


def shape(text: str) -> list[tuple[str, str] | str]:
    return [run if isinstance(run, str) else (run.kind.value, run.markup) for run in parse_inline(text)]


def test_link_text_sits_between_its_two_codes() -> None:
    assert shape('see [the docs](a.md "Docs") now') == [
        "see ",
        ("open", "["),
        "the docs",
        ("close", '](a.md "Docs")'),
        " now",
    ]


def test_nested_emphasis_splits_a_run_of_three() -> None:
    runs = parse_inline("the **very *important*** field")
    assert [r.markup for r in runs if isinstance(r, Code)] == ["**", "*", "*", "**"]
    outer, inner = runs[1], runs[3]
    assert isinstance(outer, Code) and isinstance(inner, Code)
    assert outer.partner == 6 and inner.partner == 5  # ** … *…* … **


def test_isolated_codes() -> None:
    text = '`x` ![alt](a.png) <br/> <xref:System.String> [!INCLUDE[name](inc.md)] :::image type="icon":::'
    text += " {0} \\* &lt;"
    codes = [(r.type, r.markup) for r in parse_inline(text) if isinstance(r, Code)]
    assert [kind for kind, _ in codes] == [
        "code",
        "image",
        "html:br",
        "autolink",
        "include",
        "docfx",
        "placeholder",
        "escape",
        "entity",
    ]


def test_paired_html_tags_and_a_tag_without_partner() -> None:
    runs = parse_inline('<span id="a"></span> and <head> alone')
    kinds = [(r.kind, r.partner) for r in runs if isinstance(r, Code)]
    assert kinds == [(CodeKind.OPEN, 1), (CodeKind.CLOSE, 0), (CodeKind.OPEN, None)]


def test_unpaired_delimiters_and_backticks_stay_text() -> None:
    assert parse_inline("5 * 3 * 2 and ``not closed`") == ("5 * 3 * 2 and ``not closed`",)
    assert parse_inline("snake_case_name") == ("snake_case_name",)


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(list("ab *_`[]()<>/!&;#x\\{}:0\n")), max_size=40))
def test_render_gives_back_any_text(text: str) -> None:
    assert render_markdown(parse_inline(text)) == text


def test_every_pair_of_shared_corpus_renders_back_exactly(shared: Path, manifest: dict[str, object]) -> None:
    segments = 0
    for name in manifest:
        for pair in read_document(shared / "corpus" / name, name=name).pairs:
            for text in (pair.source.text, pair.target.text):
                runs = parse_inline(text)
                assert render_markdown(runs) == text
                for index, run in enumerate(runs):
                    if isinstance(run, Code) and run.partner is not None:
                        partner = runs[run.partner]
                        assert isinstance(partner, Code) and partner.partner == index
                segments += 1
    assert segments == 2 * 8659
