"""Aligning locale trees on the English segment: matching, order, majority, and what is not matched."""

from __future__ import annotations

from pathlib import Path

from sxstm.model import Document
from sxstm.sxs.pivot import (
    ABSENT,
    EMPTY_SIDE,
    NO_PAIRS,
    OTHER_COMMIT,
    RESEGMENTED,
    TEXT_DIFFERS,
    VARIANTS,
    align_documents,
    group_documents,
    read_group,
)
from sxstm.sxs.reader import ReadOptions, parse_document


def sxs(pairs: list[tuple[str, str]], locale: str, *, commit: str = "abc", kind: str = "MT") -> str:
    """Write an sxs document of ``(source, target)`` pairs in ``locale``."""
    spans = "".join(
        f'<span data-ttu-id="{locale}-{n}">{target}</span>'
        f'<span class="sxs-lookup"><span data-stu-id="{locale}-{n}">{source}</span></span>\n\n'
        for n, (source, target) in enumerate(pairs)
    )
    return f"---\nms.sourcegitcommit: {commit}\nms.translationtype: {kind}\nms.contentlocale: {locale}\n---\n{spans}"


def document(pairs: list[tuple[str, str]], locale: str, **front: str) -> Document:
    return parse_document(sxs(pairs, locale, **front).encode(), f"{locale}/a.md", options=ReadOptions())


def table(documents: list[Document]) -> list[tuple[str, dict[str, str]]]:
    return [
        (pair.source, {t.locale: t.text for t in pair.translations})
        for pair in align_documents("a.md", documents).pairs
    ]


def test_pairs_of_three_locales_join_on_the_english_text_with_whitespace_normalised() -> None:
    de = document([("Open the file.", "Öffnen Sie die Datei."), ("Save it.", "Speichern.")], "de-DE")
    ja = document([("Open  the\nfile.", "ファイルを開きます。"), ("Save it.", "保存します。")], "ja-JP")
    fr = document([("Save it.", "Enregistrez.")], "fr-FR")
    assert table([de, ja, fr]) == [
        ("Open the file.", {"de-DE": "Öffnen Sie die Datei.", "ja-JP": "ファイルを開きます。"}),
        ("Save it.", {"de-DE": "Speichern.", "ja-JP": "保存します。", "fr-FR": "Enregistrez."}),
    ]


def test_a_segment_only_a_later_tree_has_comes_after_the_last_segment_it_shares() -> None:
    de = document([("One.", "Eins."), ("Three.", "Drei.")], "de-DE")
    fr = document([("One.", "Un."), ("Two.", "Deux."), ("Three.", "Trois.")], "fr-FR")
    assert [source for source, _ in table([de, fr])] == ["One.", "Two.", "Three."]


def test_a_locale_with_two_targets_for_one_english_segment_keeps_the_most_frequent() -> None:
    de = document([("Note", "Hinweis"), ("Note", "Anmerkung"), ("Note", "Hinweis")], "de-DE")
    fr = document([("Note", "Remarque"), ("Note", "Note")], "fr-FR")
    alignment = align_documents("a.md", [de, fr])
    (pair,) = alignment.pairs
    german, french = pair.translations
    assert (german.text, german.occurrences, german.variants) == ("Hinweis", 2, 2)
    assert (french.text, french.occurrences, french.variants) == ("Remarque", 1, 2)  # a tie: the first met
    assert alignment.counts[VARIANTS, "de-DE"] == 1 and alignment.counts[VARIANTS, "fr-FR"] == 1


def test_pairs_with_an_empty_side_are_counted_and_left_out() -> None:
    de = document([("Title", " "), ("Body.", "Text.")], "de-DE")
    alignment = align_documents("a.md", [de])
    assert [pair.source for pair in alignment.pairs] == ["Body."]
    assert alignment.counts[EMPTY_SIDE, "de-DE"] == 1


def test_unmatched_segments_are_counted_by_reason() -> None:
    # the same commit: one sentence cut in two in French, one sentence reworded in German
    de = document([("Run it. Then stop.", "Ausführen. Dann stoppen."), ("Reworded.", "Umformuliert.")], "de-DE")
    fr = document([("Run it.", "Exécutez."), ("Then stop.", "Arrêtez."), ("Original.", "Original.")], "fr-FR")
    counts = align_documents("a.md", [de, fr]).counts
    assert counts[RESEGMENTED, "fr-FR"] == 1 and counts[RESEGMENTED, "de-DE"] == 2
    assert counts[TEXT_DIFFERS, "fr-FR"] == 1 and counts[TEXT_DIFFERS, "de-DE"] == 1
    # another commit: every difference is put down to it
    fr = document([("Run it.", "Exécutez.")], "fr-FR", commit="def")
    counts = align_documents("a.md", [de, fr]).counts
    assert counts[OTHER_COMMIT, "fr-FR"] == 2 and counts[OTHER_COMMIT, "de-DE"] == 1


def test_documents_are_grouped_by_their_path_inside_each_tree_and_absent_ones_counted(tmp_path: Path) -> None:
    for locale, names in (("de-DE", ["a.md", "sub/b.md"]), ("fr-FR", ["sub/b.md"])):
        for name in names:
            path = tmp_path / f"docs.{locale.lower()}" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(sxs([("Hello.", f"{locale} hello.")], locale), encoding="utf-8")
    groups = group_documents([tmp_path / "docs.de-de", tmp_path / "docs.fr-fr"])
    assert [(g.path, [s and s.name for s in g.sources]) for g in groups] == [
        ("a.md", ["docs.de-de/a.md", None]),
        ("sub/b.md", ["docs.de-de/sub/b.md", "docs.fr-fr/sub/b.md"]),
    ]
    first = read_group(groups[0], ReadOptions(), ["de-DE", "fr-FR"])
    assert first.alignment.counts == {(ABSENT, "fr-FR"): 1} and first.documents == 1
    (pair,) = read_group(groups[1], ReadOptions(), ["de-DE", "fr-FR"]).alignment.pairs
    assert [(t.locale, t.path) for t in pair.translations] == [
        ("de-DE", "docs.de-de/sub/b.md"),
        ("fr-FR", "docs.fr-fr/sub/b.md"),
    ]


def test_a_document_without_pairs_counts_once_not_once_per_segment() -> None:
    de = document([("One.", "Eins."), ("Two.", "Zwei.")], "de-DE")
    fr = document([], "fr-FR")
    alignment = align_documents("a.md", [de, fr])
    assert len(alignment.pairs) == 2 and alignment.counts == {(NO_PAIRS, "fr-FR"): 1}
    assert align_documents("a.md", [fr, fr]).counts == {}  # no locale has segments: nothing is lacking
