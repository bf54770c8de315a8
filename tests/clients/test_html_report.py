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
from sxstm.reports.text import WIDTH

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


# What a side shows marked, in the order shown: the visible marks' text and the markup of each
# highlighted tag (its title), so that the tag view and the markdown view compare alike.
MARKED = """
return Array.prototype.map.call(arguments[0].querySelectorAll('mark, .tag.hl'), function (e) {
  if (!e.getClientRects().length) return null;
  return e.classList.contains('tag') ? e.title : (e.classList.contains('at') ? '|' : e.textContent);
}).filter(function (t) { return t !== null; });
"""


def marked(browser: Any, side: Any) -> list[str]:
    return list(browser.execute_script(MARKED, side))


@pytest.fixture(scope="module")
def text_report_spots(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], str]:
    """``(path:line:col, code)`` → the spot the text report marks ``▶…◀`` in the target, for the
    findings whose spot is known, short and on one line (the text report cuts no part of it)."""
    out = tmp_path_factory.mktemp("text") / "qa.txt"
    main(["qa", str(shared / "corpus"), "--exclude", "README.md", "-q", "--format", "text", "--output", str(out)])
    spots: dict[tuple[str, str], str] = {}
    seen: Counter[tuple[str, str]] = Counter()
    key = ("", "")
    for line in out.read_text(encoding="utf-8").splitlines():
        head = re.match(r"(\S.*?:\d+:\d+): \w+ (SX\d+) ", line)
        if head:
            key = (head.group(1), head.group(2))
            seen[key] += 1
        spot = (
            re.search("\u25b6([^\u25b6\u25c0\u23ce\u2192]+)\u25c0", line) if line.startswith("    target: ") else None
        )
        if spot and len(spot.group(1)) < WIDTH // 2:  # a longer one is cut
            spots[key] = spot.group(1)
    return {key: spot for key, spot in spots.items() if seen[key] == 1}  # one finding at that place


@pytest.mark.parametrize("code", ["SX216", "SX301", "SX302", "SX303", "SX305", "SX312"])
def test_the_highlighted_spot_is_the_text_the_text_report_marks(
    browser: Any, corpus_reports: tuple[Path, dict[str, Any]], text_report_spots: dict[tuple[str, str], str], code: str
) -> None:
    page, _ = corpus_reports
    spots = text_report_spots
    load(browser, page)
    for raw in (False, True):  # inline markup as tags, then as markdown
        if raw:
            browser.find_element("id", "f-raw").click()
        choose(browser, "f-check", code)
        compared = 0
        for card in browser.find_elements("css selector", "article.finding"):
            where = card.find_element("css selector", ".loc").text
            if (where, code) not in spots:
                continue
            target = card.find_element("css selector", ".side[data-label=target]")
            assert "".join(marked(browser, target)) == spots[where, code], where
            compared += 1
        assert compared >= 1


def test_a_term_written_otherwise_is_marked_where_the_finding_points(
    browser: Any, corpus_reports: tuple[Path, dict[str, Any]]
) -> None:
    page, _ = corpus_reports
    load(browser, page)
    choose(browser, "f-check", "SX213")  # "C# is written 'c#'": the source's term and the target's
    cards = browser.find_elements("css selector", "article.finding")
    written_as = []
    for card in cards:
        named = re.fullmatch(r"(.+) is written '(.+)'", card.find_element("css selector", ".msg").text)
        if named:  # not "Linux is not in the translation": a place where it is missing
            sides = card.find_elements("css selector", ".side")
            assert marked(browser, sides[0]) == [named.group(1)]
            assert marked(browser, sides[1]) == [named.group(2)]
            written_as.append(named.group(2))
    assert len(written_as) >= 5


def one_pair_report(tmp_path: Path, source: str, target: str) -> int:
    """Write a Polish document of one pair and its HTML QA report ``tmp_path/qa.html``; return qa's exit code."""
    folder = tmp_path / "docs.pl-pl"
    folder.mkdir()
    (folder / "a.md").write_text(
        "---\nms.contentlocale: pl-PL\n---\n"
        f'<span data-ttu-id="1">{target}</span>'
        f'<span class="sxs-lookup"><span data-stu-id="1">{source}</span></span>\n',
        encoding="utf-8",
    )
    return main(["qa", str(folder), "-q", "--format", "html", "--output", str(tmp_path / "qa.html")])


def test_spots_after_inline_elements_are_marked_in_the_tag_view_and_the_markdown_view(
    browser: Any, tmp_path: Path
) -> None:
    source = "Open [the file](a.md) with `code` and **Project Options**, now. Use C# here."
    target = "Otwórz [plik](a.md) z `code` i **Opcje projektu** , teraz , użyj c# tutaj."
    assert one_pair_report(tmp_path, source, target) == 1
    load(browser, tmp_path / "qa.html")
    shown = {}
    for raw in (False, True):
        if raw:
            browser.find_element("id", "f-raw").click()
        for card in browser.find_elements("css selector", "article.finding"):
            sides = card.find_elements("css selector", ".side")
            shown[card.get_attribute("data-code"), raw] = (marked(browser, sides[0]), marked(browser, sides[1]))
    assert shown["SX213", False] == shown["SX213", True] == (["C#"], ["c#"])
    assert shown["SX301", False] == shown["SX301", True] == ([], ["**", " ,"])  # the closing tag and what follows
    assert shown["SX313", False] == shown["SX313", True] == ([], ["|"])  # a caret before " ,"
    assert (
        browser.execute_script(
            "return document.querySelector('article[data-code=SX301] .side[data-label=target] .tag.hl').textContent"
        )
        == "</3>"
    )


def test_a_pair_holding_a_script_runs_nothing_and_shows_it_as_text(browser: Any, tmp_path: Path) -> None:
    hostile = '<script>window.pwned = 1; alert(1)</script></textarea><img src=x onerror="window.pwned = 2">'
    assert one_pair_report(tmp_path, f'Do it now {hostile} "quoted".', f"Zrób to to teraz {hostile} «مرحبا».") == 0
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


def test_a_source_translated_two_ways_shows_both_variants_where_they_differ_and_the_whole_pair(
    browser: Any, tmp_path: Path
) -> None:
    source = "Based on Underscore.js, copyright Jeremy Ashkenas, DocumentCloud and Investigative Reporters & Editors"
    kept = (
        "Basierend auf Underscore.js copyright Copyright Ashkenas, DocumentCloud and Investigativ Reporters & Editors"
    )
    damaged = kept.replace("Investigativ Reporters", "Investigat reporters")  # past the first 80 characters
    folder = tmp_path / "docs.de-de"
    folder.mkdir()
    for name, target in (("a.md", kept), ("b.md", kept), ("c.md", damaged)):
        (folder / name).write_text(
            "---\nms.contentlocale: de-DE\n---\n"
            f'<span data-ttu-id="1">{target}</span>'
            f'<span class="sxs-lookup"><span data-stu-id="1">{source}</span></span>\n',
            encoding="utf-8",
        )
    assert (
        main(["qa", str(folder), "-q", "--select", "SX406", "--format", "html", "--output", str(tmp_path / "qa.html")])
        == 0
    )
    load(browser, tmp_path / "qa.html")
    (card,) = browser.find_elements("css selector", "article.finding[data-code=SX406]")
    message = card.find_element("css selector", ".msg").text
    assert "Investigativ Reporters & Editors\u201d 2\u00d7" in message and "Investigat reporters" in message
    assert card.find_element("css selector", ".loc").text.endswith("/c.md:4:23")  # the minority variant
    assert damaged in card.find_element("css selector", ".side[data-label=target]").text  # the whole of it
