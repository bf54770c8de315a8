"""The check registry and runner: documentation, locations, run-level checks, profiles and glossaries.

Each check's own cases are its fixture file in tests/checks/fixtures/."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from sxstm.checks import CHECKS, Profile, Scope, across, check_document, keys, resolve, run_checks
from sxstm.checks.keys import key, reduce_texts
from sxstm.checks.registry import Check, Seen
from sxstm.checks.runner import holds, messages
from sxstm.errors import UsageError
from sxstm.model import Document, Finding, Pair, Segment, Severity, TranslationType
from sxstm.reports.sarif import rules


def document(source: str, target: str, context: str = "paragraph") -> Document:
    pair = Pair("a-1", Segment(source, 0, 0), Segment(target, 0, 0), 0, 0, 3, 5, context)
    return Document("a.md", "en-US", "pl-PL", TranslationType.MT, {}, (pair,))


def test_every_check_has_a_code_a_name_and_documentation() -> None:
    for registered in CHECKS.values():
        assert registered.code.startswith("SX") and registered.name == registered.name.lower()
        assert registered.summary and registered.doc


def test_a_finding_points_at_the_offending_spot_in_the_target() -> None:
    pair = Pair("a-1", Segment("See `x`.", 0, 0), Segment("Zobacz `x` .", 0, 0), 0, 0, 3, 5, "paragraph", 25)
    doc = Document("a.md", "en-US", "pl-PL", TranslationType.MT, {}, (pair,))
    (finding,) = run_checks(doc, Profile((CHECKS["SX301"],)))
    assert (finding.line, finding.column) == (3, 25 + len("Zobacz "))


def run_level_findings(texts: list[tuple[str, str]]) -> list[Finding]:
    """The findings of the run-level checks on one document of these (source, target) pairs, a line each."""
    pairs = tuple(
        Pair(f"a-{n}", Segment(source, 0, 0), Segment(target, 0, 0), 0, 0, n, 1, "paragraph")
        for n, (source, target) in enumerate(texts, 1)
    )
    doc = Document("a.md", "en-US", "pl-PL", TranslationType.MT, {}, pairs)
    profile = Profile(tuple(c for c in CHECKS.values() if c.scope is Scope.RUN))
    checked = check_document(doc, profile)
    assert checked.seen is not None
    return list(across([checked.seen], profile))


def test_run_level_checks_report_the_pairs_that_differ_from_the_most_common_translation() -> None:
    one, other = "Select the project in Solution Explorer.", "Remove the project in Solution Explorer."
    usual, rare = "Wybierz projekt w Eksploratorze.", "Zaznacz ten projekt teraz."
    texts = [(one, usual), (one, usual), (one, rare), (other, usual)]
    findings = run_level_findings(texts)
    assert [(f.code, f.line) for f in findings] == [("SX406", 3), ("SX407", 4)]
    assert findings[0].message == (
        "this source is translated 2 ways in the run; review which is right: "
        f"\u201c{usual}\u201d 2\u00d7 (at a.md:1, 2); \u201c{rare}\u201d 1\u00d7 (this pair's; at a.md:3)"
    )
    assert findings[1].message.startswith(
        f"this translation stands for 2 sources in the run; review which is right: \u201c{one}\u201d 2\u00d7 (at"
    )
    assert findings[1].target == usual  # the report shows the pair


def test_run_level_checks_compare_each_locale_with_itself_only() -> None:
    source = "Select the project in Solution Explorer."
    profile = Profile((CHECKS["SX406"],))

    def seen(path: str, locale: str, target: str) -> Seen:
        pairs = (Pair("a-1", Segment(source, 0, 0), Segment(target, 0, 0), 0, 0, 1, 1, "paragraph"),)
        checked = check_document(Document(path, "en-US", locale, TranslationType.MT, {}, pairs), profile)
        assert checked.seen is not None
        return checked.seen

    german = seen("de.md", "de-DE", "Wählen Sie das Projekt aus.")
    japanese = seen("ja.md", "ja-JP", "プロジェクトを選択します。")
    assert list(across([german, japanese], profile)) == []
    other = "Markieren Sie das Projekt im Explorer."
    (finding,) = across([german, japanese, seen("de2.md", "de-de", other)], profile)
    assert finding.path == "de2.md" and "2 ways" in finding.message
    assert finding.fingerprint == f"{key(source) ^ key(other):016x}"  # as before locales were mixed in


def test_variants_that_differ_only_in_quotes_capitals_or_a_final_full_stop_are_one() -> None:
    texts = [
        ('Select "Add new item" here.', "Wybierz element tutaj teraz."),
        ("Select \u201cadd new item\u201d here", "Wybierz element tutaj teraz."),
        ("Select 'Add New Item' here.", "wybierz element tutaj teraz"),
    ]
    assert run_level_findings(texts) == []


def test_checks_are_named_by_code_or_name_several_to_an_item() -> None:
    assert list(resolve(["SX406, inconsistent-source", "SX201"])) == ["SX406", "SX407", "SX201"]
    for empty in [",", "", "SX406,"]:  # not "no check named", which would run checks off by default
        with pytest.raises(UsageError, match="empty check name"):
            list(resolve([empty]))


def test_severity_overrides_and_ignores_by_path_and_locale() -> None:
    doc = document("Call `Run`.", "Wywołaj `Run` .")
    check = CHECKS["SX301"]
    assert run_checks(doc, Profile((check,), severity={"SX301": Severity.ERROR}))[0].severity is Severity.ERROR
    assert run_checks(doc, Profile((check,), per_path=(("a.*", frozenset({"SX301"})),))) == []
    assert run_checks(doc, Profile((check,), per_locale={"pl-pl": frozenset({"SX301"})})) == []
    assert run_checks(doc, Profile((check,), per_locale={"de-de": frozenset({"SX301"})})) != []
    assert run_checks(doc, Profile((check,), per_locale={"pl": frozenset({"SX301"})})) == []  # every Polish locale
    assert run_checks(doc, Profile((check,), per_locale={"p": frozenset({"SX301"})})) != []
    assert run_checks(doc, Profile((check,), per_locale={"pl_pl": frozenset({"SX301"})})) == []


def translated_two_ways(path: str, locale: str, usual: str, rare: str) -> Document:
    """A document of one source translated ``usual`` twice and ``rare`` once."""
    source = "Select the project in Solution Explorer."
    pairs = tuple(
        Pair(f"a-{n}", Segment(source, 0, 0), Segment(target, 0, 0), 0, 0, n, 1, "paragraph")
        for n, target in enumerate([usual, usual, rare], 1)
    )
    return Document(path, "en-US", locale, TranslationType.MT, {}, pairs)


def run_level(documents: list[Document], profile: Profile) -> list[Finding]:
    """The run-level findings of ``profile`` on ``documents``."""
    seen = [checked.seen for checked in (check_document(doc, profile) for doc in documents) if checked.seen]
    return list(across(seen, profile))


def run_level_codes(documents: list[Document], profile: Profile) -> list[tuple[str, str]]:
    """(path, code) of each run-level finding of ``profile`` on ``documents``."""
    return [(finding.path, finding.code) for finding in run_level(documents, profile)]


def test_ignores_by_path_and_locale_hold_for_a_run_level_check_beside_another() -> None:
    # Ignored SX406 still ran where SX407 kept the documents' keys (per-pair ignores only).
    polish = translated_two_ways("pl/a.md", "pl-PL", "Wybierz projekt w Eksploratorze.", "Zaznacz ten projekt teraz.")
    german = translated_two_ways("de/a.md", "de-DE", "Wählen Sie das Projekt aus.", "Markieren Sie das Projekt hier.")
    both = (CHECKS["SX406"], CHECKS["SX407"])
    assert run_level_codes([polish, german], Profile(both)) == [("pl/a.md", "SX406"), ("de/a.md", "SX406")]
    by_path = Profile(both, per_path=(("pl/*", frozenset({"SX406"})),))
    assert run_level_codes([polish, german], by_path) == [("de/a.md", "SX406")]
    by_locale = Profile(both, per_locale={"de-de": frozenset({"SX406"})})
    assert run_level_codes([polish, german], by_locale) == [("pl/a.md", "SX406")]


def test_a_document_ignored_by_path_is_not_counted_by_a_run_level_check_either() -> None:
    usual, rare = "Wybierz projekt w Eksploratorze.", "Zaznacz ten projekt teraz."
    kept = translated_two_ways("docs/a.md", "pl-PL", usual, rare)
    legacy = translated_two_ways("legacy/b.md", "pl-PL", rare, rare)  # counted, it made ``rare`` the majority
    for checks in [(CHECKS["SX406"],), (CHECKS["SX406"], CHECKS["SX407"])]:
        profile = Profile(checks, per_path=(("legacy/*", frozenset({"SX406"})),))
        (finding,) = run_level([kept, legacy], profile)
        assert (finding.path, finding.line) == ("docs/a.md", 3)
        assert f"\u201c{usual}\u201d 2\u00d7" in finding.message and "legacy" not in finding.message


def test_a_run_level_check_of_a_plugin_reports_nothing_where_it_is_ignored_even_if_it_compares_all() -> None:
    def every_first_pair(documents: Sequence[Seen]) -> Iterator[tuple[Seen, int, str]]:
        return ((document, 0, "seen") for document in documents)  # passes over nothing itself

    plugin = Check(
        "SX999", "every-first-pair", Severity.INFO, CHECKS["SX406"].function, Scope.RUN, across=every_first_pair
    )
    usual, rare = "Wybierz projekt w Eksploratorze.", "Zaznacz ten projekt teraz."
    documents = [translated_two_ways(f"{folder}/a.md", "pl-PL", usual, rare) for folder in ("docs", "legacy")]
    profile = Profile((plugin, CHECKS["SX406"]), per_path=(("legacy/*", frozenset({"SX999"})),))
    found = run_level_codes(documents, profile)  # legacy/a.md has a Seen, for SX406
    assert ("docs/a.md", "SX999") in found and ("legacy/a.md", "SX999") not in found


def test_a_language_turns_a_check_off_where_it_runs_by_default_but_not_where_it_is_named() -> None:
    # German SX406: one word for its synonym as often as a term translated two ways (languages.py).
    german = translated_two_ways("de.md", "de-DE", "Wählen Sie das Projekt aus.", "Markieren Sie das Projekt hier.")
    polish = translated_two_ways("pl.md", "pl-PL", "Wybierz projekt w Eksploratorze.", "Zaznacz ten projekt teraz.")
    by_default = Profile((CHECKS["SX406"],), by_default=frozenset({"SX406"}))
    assert run_level_codes([german, polish], by_default) == [("pl.md", "SX406")]
    named = Profile((CHECKS["SX406"],))
    assert run_level_codes([german, polish], named) == [("de.md", "SX406"), ("pl.md", "SX406")]
    assert "Off by default in German (de): select it by name (``--extend-select SX406``" in CHECKS["SX406"].summary
    (rule,) = (rule for rule in rules() if rule["id"] == "SX406")
    assert "Off by default in German (de)" in str(rule["fullDescription"])  # what code scanning shows


def test_a_glossary_adds_protected_terms_and_approved_translations(tmp_path: Path) -> None:
    glossary = tmp_path / "terms.csv"
    glossary.write_text("source,target\nContoso,\ntenant,dzierżawa\n", encoding="utf-8")
    profile = Profile((CHECKS["SX213"],), glossary=glossary, built_in_terms=False)
    assert run_checks(document("Contoso tenant", "Contoso dzierżawa"), profile) == []
    messages = [f.message for f in run_checks(document("Contoso tenant", "Kontoso najemca"), profile)]
    assert messages == [
        f"{term} is not in the translation (marked where it would stand)" for term in ("Contoso", "dzierżawa")
    ]


def test_space_before_punctuation_points_at_the_new_occurrence_not_the_first() -> None:
    source, target = "Run `a` . Then `b`.", "Uruchom `a` . Potem `b` ."
    pair = Pair("a-1", Segment(source, 0, 0), Segment(target, 0, 0), 0, 0, 3, 5, "paragraph", 25)
    doc = Document("a.md", "en-US", "pl-PL", TranslationType.MT, {}, (pair,))
    (finding,) = run_checks(doc, Profile((CHECKS["SX301"],)))
    assert finding.offset == target.index("`b`") and finding.column == 25 + target.index("`b`")


def test_a_lost_code_span_points_at_its_altered_counterpart_or_says_it_was_merged() -> None:
    altered = run_checks(document("Run `make` now.", "Uruchom `Make` teraz."), Profile((CHECKS["SX201"],)))
    assert [(f.message, f.offset, f.length) for f in altered] == [("`make` became `Make`", 8, 6)]
    merged = run_checks(
        document("Set `InputModel` and `Email`.", "Ustaw `InputModel``Email`."), Profile((CHECKS["SX201"],))
    )
    assert [f.message for f in merged] == [
        "`InputModel` and `Email` were merged into one code span: `InputModel``Email`"
    ]


def test_a_reference_link_lost_is_named_as_a_reference_not_a_fragment() -> None:
    (finding,) = run_checks(
        document("See [the docs][5] here.", "Zobacz dokumentację tutaj."), Profile((CHECKS["SX202"],))
    )
    assert finding.message.startswith("the link reference [5] is not in the translation")
    assert "][" not in finding.message


def test_a_pair_in_an_indented_paragraph_is_not_blamed_on_a_fence() -> None:
    indented = run_checks(document("Some text here.", "Tekst.", "code-block"), Profile((CHECKS["SX402"],)))
    fenced = run_checks(document("Some text here.", "Tekst.", "fence"), Profile((CHECKS["SX402"],)))
    assert indented == []  # the English page shows it as code too: nothing to fix in the translation
    assert "fence" in fenced[0].message


def test_a_key_folds_quotes_capitals_spacing_and_a_final_stop_and_skips_short_texts() -> None:
    assert key("Open the \u201cSoftware\u201d  page.") == key("open the 'software' page") != 0
    assert key("Two words") == 0


def test_a_pair_with_neither_side_keyed_keeps_no_texts() -> None:
    sources, targets, folded, ends, written = reduce_texts(
        ["Run it", "Open the page now"], ["Uruchom", "Otw\u00f3rz stron\u0119"]
    )
    assert (list(sources[:1]), list(targets), list(ends[:2])) == ([0], [0, 0], [0, 0])
    assert folded == b"Open the page now" + "Otw\u00f3rz stron\u0119".encode() and written[0] == 0 != written[1]


def test_a_pair_met_again_is_reduced_as_it_was_the_first_time() -> None:
    sources = ["Open the  page now", "Run it", "Open the  page now", "Select \u201cSave\u201d to keep it."]
    targets = [
        "Otw\u00f3rz stron\u0119 teraz",
        "Uruchom",
        "Otw\u00f3rz stron\u0119 teraz",
        "Wybierz \u201eZapisz\u201d.",
    ]
    keys._MEMO.clear()
    first = reduce_texts(sources, targets)
    again = reduce_texts(sources, targets)  # every pair from the memo now
    alone = []
    for source, target in zip(sources, targets, strict=True):
        keys._MEMO.clear()
        alone.append(reduce_texts([source], [target]))
    assert first == again
    assert [list(side) for side in (first[0], first[1], first[4])] == [
        [reduced[side][0] for reduced in alone] for side in (0, 1, 4)
    ]
    assert first[2] == b"".join(reduced[2] for reduced in alone)
    offset, ends = 0, []  # where each side's text ends, in the texts of all the pairs
    for reduced in alone:
        ends += [offset + end for end in reduced[3]]
        offset += len(reduced[2])
    assert list(first[3]) == ends
    assert first[2].count(b"Open the page now") == 2


def test_the_memo_of_reduced_pairs_is_forgotten_when_full_and_keeps_no_long_pair() -> None:
    sources = [f"Open page number {number} now" for number in range(keys._MEMO_SIZE + 10)]
    targets = [f"Otw\u00f3rz stron\u0119 numer {number}" for number in range(keys._MEMO_SIZE + 10)]
    keys._MEMO.clear()
    first = reduce_texts(sources, targets)
    assert 0 < len(keys._MEMO) <= keys._MEMO_SIZE
    assert reduce_texts(sources, targets) == first
    long_source, long_target = "word " * 200, "s\u0142owo " * 200
    reduce_texts([long_source], [long_target])
    assert (long_source, long_target) not in keys._MEMO


def test_needs_hold_where_a_string_is_found_or_the_test_passes() -> None:
    assert holds(("ab", "c"), "xcx") and not holds(("ab", "c"), "a b")
    assert holds(str.isupper, "AB") and not holds(str.isupper, "Ab")


def test_the_runner_skips_markup_checks_on_plain_pairs_and_checks_whose_needs_are_not_met() -> None:
    def say(pair: Pair, context: str) -> list[str]:
        return [f"{context}:{pair.target.text}"]

    tested = []

    def longer(source: str, target: str) -> bool:
        tested.append(source)
        return len(target) > len(source)

    pairs = (document("See `x`.", "Zobacz `x`.").pairs[0], document("Plain 1", "Zwykły").pairs[0])
    steps = [
        (say, True, None, None, None),
        (say, False, ("1",), None, None),
        (say, False, None, ("`",), None),
        (say, False, None, None, longer),
        (say, False, None, None, longer),
    ]
    assert messages(pairs, steps, "c", {}) == [
        (0, 0, "c:Zobacz `x`."),
        (0, 2, "c:Zobacz `x`."),
        (0, 3, "c:Zobacz `x`."),
        (0, 4, "c:Zobacz `x`."),
        (1, 1, "c:Zwykły"),
    ]
    assert tested == ["See `x`.", "Plain 1"]  # once a pair for the steps that share it


def test_a_repeated_pair_is_checked_once_and_each_copy_gets_its_findings_at_its_own_place() -> None:
    calls = []

    def say(pair: Pair, context: str) -> list[str]:
        calls.append(pair.id)
        return [f"{pair.context}:{pair.target.text}"]

    def pair(number: int, context: str = "paragraph") -> Pair:
        return Pair(f"a-{number}", Segment("Run it.", 0, 0), Segment("Uruchom.", 0, 0), 0, 0, number, 1, context)

    pairs = (pair(1), pair(2), pair(3, "heading"), pair(4))
    found = messages(pairs, [(say, False, None, None, None)], "c", {})
    assert found == [
        (0, 0, "paragraph:Uruchom."),
        (1, 0, "paragraph:Uruchom."),
        (2, 0, "heading:Uruchom."),
        (3, 0, "paragraph:Uruchom."),
    ]
    assert calls == ["a-1", "a-3"]  # once per texts and block context


def test_the_findings_of_a_pair_repeated_further_down_are_its_own_moved_to_its_line() -> None:
    once = document("Run `x` now  please.", "Uruchom `y`  teraz.")
    again = dataclasses.replace(once.pairs[0], id="a-2", line=9)
    alone = run_checks(once)
    moved = [dataclasses.replace(f, line=f.line + 6, pair_id="a-2") for f in alone]
    assert alone and run_checks(dataclasses.replace(once, pairs=(once.pairs[0], again))) == alone + moved
