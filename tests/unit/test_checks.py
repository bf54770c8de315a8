"""The check registry and runner: documentation, locations, run-level checks, profiles and glossaries.

Each check's own cases are its fixture file in tests/checks/fixtures/."""

from __future__ import annotations

from pathlib import Path

from sxstm.checks import CHECKS, Profile, Scope, across, check_document, run_checks
from sxstm.model import Document, Pair, Segment, Severity, TranslationType


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


def test_run_level_checks_report_the_pairs_that_differ_from_the_most_common_translation() -> None:
    one, other = "Select the project in Solution Explorer.", "Select a project in Solution Explorer."
    usual, rare = "Wybierz projekt w Eksploratorze.", "Zaznacz ten projekt teraz."
    texts = [(one, usual), (one, usual), (one, rare), (other, usual)]
    pairs = tuple(
        Pair(f"a-{n}", Segment(source, 0, 0), Segment(target, 0, 0), 0, 0, n, 1, "paragraph")
        for n, (source, target) in enumerate(texts, 1)
    )
    doc = Document("a.md", "en-US", "pl-PL", TranslationType.MT, {}, pairs)
    profile = Profile(tuple(c for c in CHECKS.values() if c.scope is Scope.RUN))
    checked = check_document(doc, profile)
    assert checked.seen is not None
    findings = list(across([checked.seen], profile))
    assert [(f.code, f.line) for f in findings] == [("SX406", 3), ("SX407", 4)]
    assert all("most common is at a.md:1" in f.message for f in findings)


def test_severity_overrides_and_ignores_by_path_and_locale() -> None:
    doc = document("Call `Run`.", "Wywołaj `Run` .")
    check = CHECKS["SX301"]
    assert run_checks(doc, Profile((check,), severity={"SX301": Severity.ERROR}))[0].severity is Severity.ERROR
    assert run_checks(doc, Profile((check,), per_path=(("a.*", frozenset({"SX301"})),))) == []
    assert run_checks(doc, Profile((check,), per_locale={"pl-pl": frozenset({"SX301"})})) == []
    assert run_checks(doc, Profile((check,), per_locale={"de-de": frozenset({"SX301"})})) != []


def test_a_glossary_adds_protected_terms_and_approved_translations(tmp_path: Path) -> None:
    glossary = tmp_path / "terms.csv"
    glossary.write_text("source,target\nContoso,\ntenant,dzierżawa\n", encoding="utf-8")
    profile = Profile((CHECKS["SX213"],), glossary=glossary, built_in_terms=False)
    assert run_checks(document("Contoso tenant", "Contoso dzierżawa"), profile) == []
    messages = [f.message for f in run_checks(document("Contoso tenant", "Kontoso najemca"), profile)]
    assert messages == ["Contoso is not in the translation", "dzierżawa is not in the translation"]
