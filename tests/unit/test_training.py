"""``--text plain`` and ``--text placeholders``: segment text for training, alike on both sides."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sxstm.cli import main
from sxstm.formats.training import TextMode, training_texts

# A real pair of ../shared/corpus (aspnetcore.pl-pl), with a link, emphasis and code spans.
SOURCE = "For more information, see [Configure **Identity**](xref:security/identity) and run `dotnet ef`."
TARGET = "Aby uzyskać więcej informacji, zobacz [Konfigurowanie **tożsamości**](xref:security/identity) i `dotnet ef`."


def test_plain_text_keeps_link_text_and_code_and_drops_the_markup() -> None:
    source, target = training_texts(SOURCE, TARGET, TextMode.PLAIN)
    assert source == "For more information, see Configure Identity and run dotnet ef."
    assert target == "Aby uzyskać więcej informacji, zobacz Konfigurowanie tożsamości i dotnet ef."


def test_plain_text_drops_images_and_html_and_keeps_entities_escapes_and_mt_placeholders() -> None:
    source, _ = training_texts("![diagram](a.png) Use <b>3</b> &lt;T&gt; \\* {0}<br/>end", "x", TextMode.PLAIN)
    assert source == "Use 3 <T> * {0} end"


def test_placeholders_number_the_codes_alike_on_both_sides() -> None:
    source, target = training_texts(SOURCE, TARGET, TextMode.PLACEHOLDERS)
    assert source == "For more information, see <1>Configure <2>Identity</2></1> and run <3/>."
    assert target == "Aby uzyskać więcej informacji, zobacz <1>Konfigurowanie <2>tożsamości</2></1> i <3/>."


def test_markdown_is_the_text_as_it_is() -> None:
    assert training_texts(SOURCE, TARGET, TextMode.MARKDOWN) == (SOURCE, TARGET)


@pytest.mark.parametrize("mode", ["plain", "placeholders"])
def test_every_format_takes_the_text_mode(mode: str, shared: Path, tmp_path: Path, validator) -> None:
    tree = str(shared / "corpus" / "aspnetcore.pl-pl")
    for name in ("c.tmx", "c.xlf", "c.po", "c.jsonl"):
        assert main(["extract", tree, "-q", "--text", mode, "-o", str(tmp_path / name)]) == 0
    assert validator(tmp_path / "c.tmx", tmp_path / "c.xlf") == []
    records = [json.loads(line) for line in (tmp_path / "c.jsonl").read_text(encoding="utf-8").splitlines()]
    texts = [r[side] for r in records if "document" not in r for side in ("source", "target")]
    assert not any("](" in text or "`" in text for text in texts)  # no link target, no code span left
    if mode == "placeholders":
        assert any("<1>" in text for text in texts)
        assert "<ph" not in (tmp_path / "c.tmx").read_text(encoding="utf-8")  # placeholders are text, not tags
