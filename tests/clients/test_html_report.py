"""The HTML report in a real browser: Debian's headless Chromium, driven by Selenium.

The report of ../shared/corpus shows the JSON report's counts, a filter by check hides the other
checks, the highlighted spot is the text the finding names, and a pair holding ``<script>`` runs
nothing. Skips with the reason when Selenium, Chromium or its driver is missing (``.ci/run``
installs ``chromium`` and ``chromium-driver`` where it can).
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sxstm.cli import main

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def open_browser() -> Any:
    """A headless Chromium under Selenium; skip the test with the reason when there is none."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install selenium)")
    from selenium.common.exceptions import WebDriverException

    for program, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not Path(program).is_file():
            pytest.skip(f"{program} is missing: install the Debian package {package}")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument("--window-size=1280,900")
    try:
        return webdriver.Chrome(service=webdriver.ChromeService(CHROMEDRIVER), options=options)
    except WebDriverException as error:
        pytest.skip(f"Chromium does not start here: {error.msg}")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    driver = open_browser()
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def corpus_reports(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The HTML and the JSON report of ../shared/corpus."""
    out = tmp_path_factory.mktemp("html")
    corpus = str(shared / "corpus")
    for name in ("json", "html"):
        code = main(
            ["qa", corpus, "--exclude", "README.md", "-q", "--format", name, "--output", str(out / f"qa.{name}")]
        )
        assert code == 1
    return out / "qa.html", json.loads((out / "qa.json").read_text(encoding="utf-8"))


def load(browser: Any, page: Path) -> None:
    browser.get(page.as_uri())
    assert browser.find_element("tag name", "body").get_attribute("data-ready")


def choose(browser: Any, select: str, value: str) -> None:
    """Pick ``value`` in the filter ``select`` as a user would."""
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", select)).select_by_value(value)


def test_the_counts_shown_equal_the_json_report(browser: Any, corpus_reports: tuple[Path, dict[str, Any]]) -> None:
    page, report = corpus_reports
    findings = report["findings"]
    load(browser, page)
    shown = browser.execute_script(
        "var c = {}; document.querySelectorAll('[data-count-severity],[data-count-check]').forEach(function (e) {"
        " var k = e.hasAttribute('data-count-check') ? e.getAttribute('data-count-check')"
        " : e.getAttribute('data-count-severity'); c[k] = Number(e.textContent); }); return c;"
    )
    expected = Counter(f["severity"] for f in findings) + Counter(f["code"] for f in findings)
    assert shown == {key: expected[key] for key in shown} and set(shown) >= set(expected)
    assert browser.find_element("id", "total").text == str(len(findings))
    assert browser.find_element("id", "shown").get_attribute("data-matching") == str(len(findings))
    assert len(browser.find_elements("css selector", "article.finding")) == 100  # the first page only


def test_a_filter_by_check_hides_the_others(browser: Any, corpus_reports: tuple[Path, dict[str, Any]]) -> None:
    page, report = corpus_reports
    load(browser, page)
    choose(browser, "f-check", "SX305")
    cards = browser.find_elements("css selector", "article.finding")
    assert {card.get_attribute("data-code") for card in cards} == {"SX305"}
    assert len(cards) == sum(f["code"] == "SX305" for f in report["findings"])
    choose(browser, "f-check", "")
    assert browser.find_element("id", "shown").get_attribute("data-matching") == str(len(report["findings"]))


def test_the_highlighted_spot_is_the_text_the_finding_names(
    browser: Any, corpus_reports: tuple[Path, dict[str, Any]]
) -> None:
    page, _ = corpus_reports
    load(browser, page)
    choose(browser, "f-check", "SX213")  # "C# is written 'c#'": the source's term and the target's
    cards = browser.find_elements("css selector", "article.finding")
    written_as = []
    for card in cards:
        named = re.fullmatch(r"(.+) is written '(.+)'", card.find_element("css selector", ".msg").text)
        if named:  # not "Linux is not in the translation": nothing to mark in the target
            sides = card.find_elements("css selector", ".side")
            assert [mark.text for mark in sides[0].find_elements("tag name", "mark")] == [named.group(1)]
            assert [mark.text for mark in sides[1].find_elements("tag name", "mark")] == [named.group(2)]
            written_as.append(named.group(2))
    assert len(written_as) >= 5


def test_a_pair_holding_a_script_runs_nothing_and_shows_it_as_text(browser: Any, tmp_path: Path) -> None:
    folder = tmp_path / "docs.pl-pl"
    folder.mkdir()
    hostile = '<script>window.pwned = 1; alert(1)</script></textarea><img src=x onerror="window.pwned = 2">'
    (folder / "a.md").write_text(
        "---\nms.contentlocale: pl-PL\n---\n"
        f'<span data-ttu-id="1">Zrób to to teraz {hostile} «مرحبا».</span>'
        f'<span class="sxs-lookup"><span data-stu-id="1">Do it now {hostile} "quoted".</span></span>\n',
        encoding="utf-8",
    )
    assert main(["qa", str(folder), "-q", "--format", "html", "--output", str(tmp_path / "qa.html")]) == 0
    load(browser, tmp_path / "qa.html")
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
    assert browser.execute_script("return window.pwned === undefined")
    target = browser.find_element("css selector", ".side[data-label=target]")
    assert "window.pwned = 1; alert(1)" in target.text and "«مرحبا»" in target.text
    browser.find_element("id", "f-raw").click()
    assert hostile in target.text
    assert browser.execute_script("return document.querySelectorAll('main img, main textarea').length") == 0
