"""Every check proven on real pairs: the fixture files of ``fixtures/`` (see :mod:`fixtures`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sxstm.checks import CHECKS, Context
from sxstm.checks.glossary import built_in_terms
from sxstm.checks.runner import holds
from sxstm.model import Pair, Segment

from .fixtures import fixture_files, read_fixture, run_case, write_fixture

MIN_FLAGGED = MIN_NEAR_MISSES = 3


@pytest.mark.parametrize("path", fixture_files(), ids=lambda path: path.stem)
def test_check_flags_exactly_the_expected_findings_of_its_fixture(path: Path, regen: bool) -> None:
    fixture = read_fixture(path)
    assert fixture.code in CHECKS, f"{path.name} names no registered check"
    assert path.stem == f"{fixture.code}-{CHECKS[fixture.code].name}"
    found = [run_case(fixture.code, case, fixture.locale) for case in fixture.cases]
    if regen:
        write_fixture(fixture, found)
        return
    for case, lines in zip(fixture.cases, found, strict=True):
        assert lines == case.expect, f"{path.name}:{case.line}: {case.title}"


def test_every_check_has_a_fixture_with_flagged_pairs_and_near_misses() -> None:
    by_code = {read_fixture(path).code: read_fixture(path) for path in fixture_files()}
    thin = []
    for code in CHECKS:
        fixture = by_code.get(code)
        flagged = sum(bool(case.expect) for case in fixture.cases) if fixture else 0
        misses = sum(not case.expect for case in fixture.cases) if fixture else 0
        if flagged < MIN_FLAGGED or misses < MIN_NEAR_MISSES:
            thin.append(f"{code}: {flagged} flagged, {misses} near misses")
    assert thin == []


def test_a_check_finds_nothing_in_the_pairs_that_its_needs_skip() -> None:
    """The characters a check declares it needs are a true prefilter: on every pair of every
    fixture that lacks them, the check itself (called without the runner) finds nothing."""
    cases = [(case, read_fixture(path).locale) for path in fixture_files() for case in read_fixture(path).cases]
    pairs = [
        (Pair("p", Segment(s, 0, 0), Segment(t, 0, 0), 0, 0, 1, 1, "paragraph"), case.locale or locale)
        for case, locale in cases
        for s, t in case.pairs
    ]
    skipped = 0
    for registered in CHECKS.values():
        for pair, locale in pairs:
            needs_met = (registered.source_needs is None or holds(registered.source_needs, pair.source.text)) and (
                registered.target_needs is None or holds(registered.target_needs, pair.target.text)
            )
            if not needs_met:
                skipped += 1
                context = Context(locale, built_in_terms())
                assert list(registered.function(pair, context)) == [], f"{registered.code} on {pair.target.text!r}"
    assert skipped > 1000
