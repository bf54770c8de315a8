"""Every check: registered with a code, a name and documentation, and a passing and a failing case."""

from __future__ import annotations

import pytest

from sxstm.checks import CHECKS, run_checks
from sxstm.model import Document, Pair, Segment, TranslationType

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
}


def document(source: str, target: str, context: str = "paragraph") -> Document:
    pair = Pair("a-1", Segment(source, 0, 0), Segment(target, 0, 0), 3, 5, context)
    return Document("a.md", "en-US", "pl-PL", TranslationType.MT, {}, (pair,))


def test_every_check_has_a_code_a_name_documentation_and_cases() -> None:
    assert set(CHECKS) == set(CASES)
    for registered in CHECKS.values():
        assert registered.code.startswith("SX") and registered.name == registered.name.lower()
        assert registered.summary and registered.function.__doc__


@pytest.mark.parametrize("code", sorted(CASES))
def test_check_passes_the_good_pair_and_flags_the_bad_one(code: str) -> None:
    (good_source, good_target), (bad_source, bad_target) = CASES[code]
    only = (CHECKS[code],)
    assert run_checks(document(good_source, good_target), only) == []
    findings = run_checks(document(bad_source, bad_target, "fence" if code == "SX402" else "paragraph"), only)
    assert findings and all((f.code, f.line, f.column, f.pair_id) == (code, 3, 5, "a-1") for f in findings)
