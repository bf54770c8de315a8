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
}


def document(source: str, target: str) -> Document:
    pair = Pair("a-1", Segment(source, 0, 0), Segment(target, 0, 0), 3, 5, "paragraph")
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
    findings = run_checks(document(bad_source, bad_target), only)
    assert findings and all((f.code, f.line, f.column, f.pair_id) == (code, 3, 5, "a-1") for f in findings)
