"""The inline model: codes where markdown has markup, and exactly the same text back."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sxstm.sxs.inline import Code, CodeKind, _code, parse_inline, render_markdown
from sxstm.sxs.reader import read_document


def shape(text: str) -> list[tuple[str, str] | str]:
    return [run if isinstance(run, str) else (run.kind.value, run.markup) for run in parse_inline(text)]


def test_codes_made_through_the_slots_equal_those_made_by_the_dataclass() -> None:
    for partner in (None, 0, 3):
        made = _code(CodeKind.OPEN, "link", "[", partner)
        expected = Code(CodeKind.OPEN, "link", "[", partner)
        assert type(made) is Code
        assert (made, hash(made), repr(made)) == (expected, hash(expected), repr(expected))
    runs = parse_inline("**a** [b](c.md) <kbd>d</kbd> `e`")
    codes = [run for run in runs if isinstance(run, Code)]
    assert codes == [Code(code.kind, code.type, code.markup, code.partner) for code in codes]
    assert [code.partner for code in codes] == [2, 0, 6, 4, 10, 8, None]


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


def _reference_counts(markdown_it: object, text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for token in markdown_it.parseInline(text)[0].children or []:  # type: ignore[attr-defined]
        if token.type == "link_open":
            counts["autolink" if token.markup == "autolink" else "link"] += 1
        elif token.type in ("code_inline", "strong_open", "em_open", "image", "html_inline"):
            counts[token.type] += 1
    return counts


_OURS = {"code": "code_inline", "autolink": "autolink", "image": "image", "comment": "html_inline"}


def _our_counts(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for run in parse_inline(text):
        if not isinstance(run, Code):
            continue
        if run.type.startswith("html:"):
            counts["html_inline"] += 1  # markdown-it counts each tag, opening or closing
            continue
        if run.kind is CodeKind.CLOSE or (run.kind is CodeKind.OPEN and run.type == "link" and run.partner is None):
            continue
        name = {"link": "link", "strong": "strong_open", "emphasis": "em_open"}.get(run.type, _OURS.get(run.type))
        counts[name or ("html_inline" if run.type.startswith("html:") else run.type)] += 1
    return counts


def test_codes_agree_with_markdown_it_inline_parser_on_shared_corpus(shared: Path, manifest: dict[str, object]) -> None:
    """markdown-it-py is the reference for what is markup. Two differences are deliberate: a docfx
    [!INCLUDE[…](…)] is one code, not a link; [text][ref] is a link even where the segment cannot
    show that ref is defined."""
    from markdown_it import MarkdownIt

    markdown_it = MarkdownIt("commonmark")
    compared = 0
    for name in manifest:
        for pair in read_document(shared / "corpus" / name, name=name).pairs:
            for text in (pair.source.text, pair.target.text):
                if "[!INCLUDE" in text or "][" in text:
                    continue
                ours = Counter({k: v for k, v in _our_counts(text).items() if k in _KINDS})
                assert ours == _reference_counts(markdown_it, text), text
                compared += 1
    assert compared > 17_000


_KINDS = {"code_inline", "link", "autolink", "strong_open", "em_open", "image", "html_inline"}
