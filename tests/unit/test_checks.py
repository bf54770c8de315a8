"""Every check: registered with a code, a name and documentation, and a passing and a failing case."""

from __future__ import annotations

from pathlib import Path

import pytest

from sxstm.checks import CHECKS, Profile, Scope, across, check_document, run_checks
from sxstm.model import Document, Pair, Segment, Severity, TranslationType

# code: (passing (source, target), failing (source, target)), from real pairs of the bench corpus where one exists
CASES = {
    "SX201": (
        ("Use `Release` DWORD:", "Użyj wartości `Release` DWORD:"),
        ("Use `Release` DWORD:", "Użyj `Wydanie` DWORD:"),
    ),
    "SX202": (
        ("See [the docs](a.md) and ![a cat](cat.png)", "Zobacz [dokumentację](a.md) i ![kot](cat.png)"),
        ("See [the docs](a.md).", "Zobacz [dokumentację](b.md)."),
    ),
    "SX203": (
        ("Call <xref:System.String>.", "Wywołaj <xref:System.String>."),
        ("Call <xref:System.String>.", "Wywołaj ciąg."),
    ),
    "SX204": (("A <br/> B", "A <br/> B"), ('Ends in <span style="color:red">red</span>', "Koniec")),
    "SX205": (
        (
            "By default, [!INCLUDE[vbtecdlinq](inc.md)] translates.",
            "Domyślnie [!INCLUDE[vbtecdlinq](inc.md)] tłumaczy.",
        ),
        ("{0} files", "pliki"),
    ),
    "SX206": (("Use &lt;T&gt;", "Użyj &lt;T&gt;"), ("Emoji &#x1F47D;", "Emoji & # x1F47D;")),
    "SX207": (("Text", "Tekst"), ("Text", " ")),
    "SX208": (
        ("ASP.NET Core 3.0 and 2.5 MB", "ASP.NET Core 3.0 i 2,5 MB"),
        ("Use .NET Framework 4.5 or later.", "Użyj .NET Framework 4,5 lub nowszego."),
    ),
    "SX209": (
        ("Catch System.Exception.", "Przechwyć System.Exception."),
        ("Catch System.Exception.", "Przechwyć System. Exception."),
    ),
    "SX210": (("Use `==` or a == b.", "Użyj `==` lub a == b."), ("if a == b", "jeśli a = = b")),
    "SX301": (("Call `Run`.", "Wywołaj `Run`."), ("Call `Run`.", "Wywołaj `Run` .")),
    "SX302": (("The `Task` type", "Typ `Task` jest"), ("The `Task` type", "`Task`to typ")),
    "SX303": (("One two.", "Jeden dwa."), ("One two.", "Jeden  dwa.")),
    "SX304": (("Text", "Tekst"), ("Text", "Tekst ")),
    "SX305": (("Call f (a) now.", "Wywołaj f (a) teraz."), ("Call f (a) now.", "Wywołaj f (a teraz.")),
    "SX306": (("Use the app.", "Użyj aplikacji."), ("Use the app.", "Użyj aplikacji aplikacji.")),
    "SX307": (("Run it with /debug.", "Uruchom z /debug."), ("Run it with /debug.", "Uruchom z /Debug.")),
    "SX401": (("Open the file now.", "Otwórz teraz plik."), ("Open the file now.", "Open the file now.")),
    "SX403": (
        ("This sentence has about forty characters.", "To zdanie ma około czterdziestu znaków."),
        ("This sentence has about forty characters.", "Tak."),
    ),
    "SX402": (("Text", "Tekst"), ("Text", "Tekst")),
    "SX211": (
        ("Select **Add Reference**.", "Wybierz **Dodaj odwołanie**."),
        ("❌ **DISALLOWED: Increasing the range**", "❌\\*\\*Niedozwolone: zwiększenie zakresu\\*\\*"),
    ),
    "SX212": (
        ("Integers from –9223372036854775808 to 1,000 and 2.5 MB", "Od –9223372036854775808 do 1 000 i 2,5 MB"),
        ("Integers from –9223372036854775808 to 9223372036854775807.", "Liczby od – do 9223372036854775807."),
    ),
    "SX213": (
        ("Write F# code in Visual Studio.", "Napisz kod języka F# w programie Visual Studio."),
        ("SignalR - Management", "Sygnalizujący — zarządzanie"),
    ),
    "SX308": (
        ("Call the `Run` method.", "Wywołaj metodę `Run`."),
        ("Call `Run`.", "Wywołaj. `Run`"),
    ),
    "SX309": (
        ("Fill the `Title` and `Price` fields.", "Wypełnij pola `Title` i `Price`."),
        (
            "When used within nested `For` loops, `Exit For` exits.",
            "W zagnieżdżonych pętlach `For` `Exit For` opuszcza.",
        ),
    ),
    "SX310": (
        ("The [`is` operator](is.md) matches.", "Operator [`is`](is.md) dopasowuje."),
        ("The [`is` operator](is.md) matches.", "Rozszerza [ `is` operatora](is.md)."),
    ),
    "SX311": (
        ("The [switch](./switch.md) statement.", "Instrukcja [switch](./switch.md)."),
        ("The [switch](./switch.md) statement.", "Instrukcja [Switch](./switch.md)."),
    ),
    "SX312": (
        ('Use "Cannot add the transport" here.', "Użyj „Nie można dodać transportu” tutaj."),
        ("The Azure Functions platform scales out.", 'Platforma Azure Functions "automatycznie skaluje się.'),
    ),
    "SX404": (
        ("Uses the `GetType` method to obtain it.", "Używa metody `GetType`, aby to uzyskać."),
        ("Uses the `GetType` method to obtain it.", "Używa metody `GetType` Aby to uzyskać."),
    ),
    "SX405": (
        ("'type' : interfaces cannot declare types", "'type': interfejsy nie mogą deklarować typów"),
        ("'type' : interfaces cannot declare types", '"Type": interfejsy nie mogą deklarować typów'),
    ),
}
RUN_LEVEL = {"SX406", "SX407"}


def document(source: str, target: str, context: str = "paragraph") -> Document:
    pair = Pair("a-1", Segment(source, 0, 0), Segment(target, 0, 0), 0, 0, 3, 5, context)
    return Document("a.md", "en-US", "pl-PL", TranslationType.MT, {}, (pair,))


def test_every_check_has_a_code_a_name_documentation_and_cases() -> None:
    assert set(CHECKS) == set(CASES) | RUN_LEVEL
    for registered in CHECKS.values():
        assert registered.code.startswith("SX") and registered.name == registered.name.lower()
        assert registered.summary and registered.function.__doc__


@pytest.mark.parametrize("code", sorted(CASES))
def test_check_passes_the_good_pair_and_flags_the_bad_one(code: str) -> None:
    (good_source, good_target), (bad_source, bad_target) = CASES[code]
    only = Profile((CHECKS[code],))
    assert run_checks(document(good_source, good_target), only) == []
    findings = run_checks(document(bad_source, bad_target, "fence" if code == "SX402" else "paragraph"), only)
    assert findings and all((f.code, f.line, f.pair_id) == (code, 3, "a-1") for f in findings)


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
