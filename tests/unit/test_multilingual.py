"""The multilingual writers: a TMX unit, JSONL object or TSV row per English segment."""

from __future__ import annotations

import json

from lxml import etree

from sxstm.formats.multilingual import MULTILINGUAL, MultilingualOptions
from sxstm.formats.tsv import unescape_field
from sxstm.model import MultilingualPair, Translation, TranslationType

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def translation(locale: str, text: str, **more: int) -> Translation:
    return Translation(locale, text, TranslationType.MT, f"{locale}/a.md", f"{locale}-1", 3, 1, **more)


PAIRS = [
    MultilingualPair(
        "a.md",
        "Run `make` and [read](x.md).",
        "en-US",
        "paragraph",
        (translation("de-DE", "Führen Sie `make` aus und [lesen](x.md)."), translation("ja-JP", "`make` を実行。")),
    ),
    MultilingualPair("a.md", "Note", "en-US", "heading", (translation("ja-JP", "メモ", occurrences=2, variants=3),)),
]
OPTIONS = MultilingualOptions("en-US", ("de-DE", "ja-JP", "fr-FR"))


def write(name: str, options: MultilingualOptions = OPTIONS) -> bytes:
    writer = MULTILINGUAL[name]
    data = writer.render(PAIRS, options).data
    if writer.finish is not None:  # two groups: the numbers of the second go on after the first's
        first, state = writer.finish(data, 0)
        data = first + writer.finish(data, state)[0]
    return writer.head(options) + data + writer.tail


def test_tmx_has_a_unit_per_english_segment_english_first_then_each_locale_that_has_it() -> None:
    root = etree.fromstring(write("tmx"))
    assert root.find("header").get("srclang") == "en-US"
    units = root.findall("body/tu")
    assert [[tuv.get(XML_LANG) for tuv in tu.findall("tuv")] for tu in units[:2]] == [
        ["en-US", "de-DE", "ja-JP"],
        ["en-US", "ja-JP"],
    ]
    assert "".join(units[0].find("tuv/seg").itertext()) == PAIRS[0].source
    variants = units[1].findall("tuv")[1]
    assert variants.findtext("prop[@type='x-variants']") == "3"
    assert variants.findtext("prop[@type='x-occurrences']") == "2"


def test_tmx_tags_pair_up_within_a_unit_and_are_numbered_uniquely_in_the_file() -> None:
    root = etree.fromstring(write("tmx"))
    first, second = root.findall("body/tu")[0], root.findall("body/tu")[2]
    source_tags = [bpt.get("i") for bpt in first.find("tuv/seg").iter("bpt")]
    assert source_tags == [bpt.get("i") for bpt in first.findall("tuv")[1].find("seg").iter("bpt")]
    assert not set(source_tags) & {bpt.get("i") for bpt in second.iter("bpt")}


def test_tmx_with_inline_text_keeps_the_markdown_as_text() -> None:
    root = etree.fromstring(write("tmx", MultilingualOptions("en-US", ("de-DE",), tags=False)))
    assert root.find("body/tu/tuv/seg").text == PAIRS[0].source


def test_jsonl_is_an_object_per_english_segment_with_a_map_of_translations() -> None:
    records = [json.loads(line) for line in write("jsonl").decode().splitlines()]
    assert records[0]["source"] == PAIRS[0].source
    assert {locale: t["text"] for locale, t in records[0]["translations"].items()} == {
        "de-DE": PAIRS[0].translations[0].text,
        "ja-JP": PAIRS[0].translations[1].text,
    }
    assert "メモ" in write("jsonl").decode()  # UTF-8, not \\u escapes


def test_tsv_has_a_column_per_locale_empty_where_a_locale_has_no_translation() -> None:
    header, first, second = write("tsv").decode().splitlines()[:3]
    assert header.split("\t") == ["path", "context", "en-US", "de-DE", "ja-JP", "fr-FR"]
    assert [unescape_field(cell) for cell in second.split("\t")] == ["a.md", "heading", "Note", "", "メモ", ""]
    assert first.split("\t")[3] == PAIRS[0].translations[0].text
