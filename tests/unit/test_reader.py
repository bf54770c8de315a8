import dataclasses
import pickle
from pathlib import Path

import pytest

from sxstm.errors import InputError, LocaleError
from sxstm.model import Pair, Segment, Severity, TranslationType
from sxstm.sxs.reader import ReadOptions, parse_document, read_document

PAIR = '<span data-ttu-id="a-101">Cel</span><span class="sxs-lookup"><span data-stu-id="a-101">Source</span></span>'


def test_front_matter_gives_locale_and_translation_type() -> None:
    text = f'---\nms.contentlocale: de-de\nms.translationtype: HT\n---\n# <a name="x"></a>{PAIR}\n'
    document = parse_document(text.encode(), "a.md")
    assert document.target_locale == "de-DE"
    assert document.translation_type is TranslationType.HT
    assert [(p.id, p.target.text, p.source.text, p.line, p.column, p.context) for p in document.pairs] == [
        ("a-101", "Cel", "Source", 5, 19, "heading")
    ]


def test_pairs_are_the_objects_the_model_constructors_make() -> None:
    text = f"- {PAIR}\n\n  [{PAIR}](x)\n"
    document = parse_document(text.encode(), "a.md", options=ReadOptions(target_locale="pl-PL"))
    for pair in document.pairs:
        fields = {field.name: getattr(pair, field.name) for field in dataclasses.fields(Pair)}
        fields["source"] = Segment(pair.source.text, pair.source.start, pair.source.end)
        fields["target"] = Segment(pair.target.text, pair.target.start, pair.target.end)
        made = Pair(**fields)
        assert pair == made and hash(pair) == hash(made) and repr(pair) == repr(made)
        assert pickle.loads(pickle.dumps(pair)) == made
        with pytest.raises(dataclasses.FrozenInstanceError):
            pair.line = 2  # type: ignore[misc]
    assert [pair.context for pair in document.pairs] == ["list-item/paragraph", "list-item/paragraph/link-text"]


def test_raw_slices_point_into_the_text() -> None:
    text = f"> {PAIR}\n"
    document = parse_document(text.encode(), "a.md", options=ReadOptions(target_locale="pl-PL"))
    pair = document.pairs[0]
    assert text[pair.target.start : pair.target.end] == "Cel"
    assert text[pair.source.start : pair.source.end] == "Source"
    assert text[pair.start : pair.end] == PAIR


def test_missing_locale_stops_with_the_file_named() -> None:
    with pytest.raises(LocaleError, match="--target-lang") as caught:
        parse_document(PAIR.encode(), "docs/a.md")
    assert caught.value.path == "docs/a.md"


def test_file_without_pairs_needs_no_locale() -> None:
    assert parse_document(b"# Title\n", "a.md").pairs == ()


def test_invalid_utf8_keeps_the_good_pairs_and_reports_the_damage() -> None:
    data = f"{PAIR}\n".encode() + b'<span data-ttu-id="a-102">\xd0'
    document = parse_document(data, "ru.md", options=ReadOptions(target_locale="ru-RU"))
    assert [p.id for p in document.pairs] == ["a-101"]
    codes = {(f.code, f.line, f.severity) for f in document.findings}
    assert ("SX001", 2, Severity.ERROR) in codes and ("SX002", 2, Severity.ERROR) in codes


def test_binary_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_bytes(b"\x89PNG\0\0")
    with pytest.raises(InputError, match="binary"):
        read_document(path)


def test_iter_pairs_walks_folders_in_order(tmp_path: Path) -> None:
    from sxstm import iter_pairs

    folder = tmp_path / "docs.pl-pl"
    folder.mkdir()
    (folder / "b.md").write_text(PAIR.replace("a-101", "b-101"), encoding="utf-8")
    (folder / "a.md").write_text(PAIR, encoding="utf-8")
    assert [(d.path, p.id, d.target_locale) for d, p in iter_pairs([folder])] == [
        ("a.md", "a-101", "pl-PL"),
        ("b.md", "b-101", "pl-PL"),
    ]


@pytest.mark.parametrize(("declared", "machine"), [("MT", True), ("HT", False), ("ht", False), ("", True)])
def test_only_a_human_translation_counts_as_reviewed(declared: str, machine: bool) -> None:
    text = f"---\nms.translationtype: {declared}\n---\n{PAIR}\n"
    document = parse_document(text.encode(), "a.md", options=ReadOptions(target_locale="pl-PL"))
    assert document.machine_translated is machine
