"""Time the HTML report of the bench corpus: writing it, and opening it in headless Chromium.

Usage: python benchmarks/bench_html.py [--corpus DIR] [--report FILE] [--runs N]

Writes ``sxstm qa --format html`` of the bench corpus (and the JSON report, for comparison), then
opens the page N times (default 3) in Debian's headless Chromium under Selenium and reads the
Performance API: the time from navigation until the findings are shown (the page's
``sxstm-shown-1`` mark) and until the load event, the longest task while loading, and how long
a filter by check, a text search and a scroll to the end of the list take to reach the screen
(until the second animation frame after the action). Prints the medians.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _corpus import bench_corpus

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"

# Run after an action: resolve with the time until the second animation frame, when it is painted.
PAINTED = """
var done = arguments[arguments.length - 1], started = performance.now();
(function () { %s })();
requestAnimationFrame(function () { requestAnimationFrame(function () { done(performance.now() - started); }); });
"""
FILTER = "var s = document.getElementById('f-check'); s.value = 'SX301'; s.dispatchEvent(new Event('change'));"
CLEAR = "var s = document.getElementById('f-check'); s.value = ''; s.dispatchEvent(new Event('change'));"
SEARCH = "var t = document.getElementById('f-text'); t.value = 'aplikacji'; t.dispatchEvent(new Event('change'));"
# Installed before the page's own script: the longest task of the main thread while it loads.
LONGEST_TASK = (
    "window.sxstmLongest = 0; new PerformanceObserver(function (list) { list.getEntries().forEach(function (e) {"
    " window.sxstmLongest = Math.max(window.sxstmLongest, e.duration); }); })"
    ".observe({type: 'longtask', buffered: true});"
)
SCROLL = "window.scrollTo(0, document.body.scrollHeight);"


def write_reports(corpus: Path, out: Path) -> None:
    for name in ("json", "html"):
        started = time.perf_counter()
        argv = ["qa", str(corpus), "--exit-zero", "-q", "--format", name, "--output", str(out / f"qa.{name}")]
        subprocess.run([sys.executable, "-m", "sxstm", *argv], check=True)
        size = (out / f"qa.{name}").stat().st_size
        print(f"sxstm qa --format {name}: {time.perf_counter() - started:.1f} s, {size / 1e6:.1f} MB")


def browser() -> Any:
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument("--window-size=1280,900")
    driver = webdriver.Chrome(service=webdriver.ChromeService(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": LONGEST_TASK})
    return driver


def open_once(driver: Any, page: Path) -> dict[str, float]:
    """Open ``page`` once; return the milliseconds of each measure."""
    driver.get("about:blank")
    driver.get(page.as_uri())
    timings = driver.execute_script(
        "var n = performance.getEntriesByType('navigation')[0];"
        "var shown = performance.getEntriesByName('sxstm-shown-1')[0];"
        "return {shown: shown.startTime, load: n.loadEventEnd, interactive: n.domInteractive,"
        " 'longest task': window.sxstmLongest};"
    )
    driver.set_script_timeout(60)
    timings["filter"] = driver.execute_async_script(PAINTED % FILTER)
    timings["clear"] = driver.execute_async_script(PAINTED % CLEAR)
    before = len(driver.find_elements("css selector", "article.finding"))
    timings["scroll"] = driver.execute_async_script(PAINTED % SCROLL)
    after = len(driver.find_elements("css selector", "article.finding"))
    assert after > before, "scrolling to the end rendered no more findings"
    timings["search"] = driver.execute_async_script(PAINTED % SEARCH)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="an unpacked bench corpus (default: unpack the archive)")
    parser.add_argument("--report", type=Path, help="an HTML report already written (skips writing)")
    parser.add_argument("--runs", type=int, default=3, help="times the page is opened (default: 3)")
    parser.add_argument("--out", type=Path, help="keep the reports in this folder (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sxstm-html-") as scratch:
        page = args.report
        if page is None:
            out = args.out or Path(scratch)
            out.mkdir(parents=True, exist_ok=True)
            with bench_corpus(args.corpus) as corpus:
                write_reports(corpus, out)
            page = out / "qa.html"
        measure(page.resolve(), args.runs)
    return 0


def measure(page: Path, runs: int) -> None:
    """Open ``page`` ``runs`` times and print the median of each measure."""
    driver = browser()
    try:
        timings = [open_once(driver, page) for _ in range(runs)]
    finally:
        driver.quit()
    print(f"{page} ({page.stat().st_size / 1e6:.1f} MB) in headless Chromium, median of {runs} (ms):")
    for key in timings[0]:
        print(f"  {key:>12}: {statistics.median(run[key] for run in timings):8.0f}")


if __name__ == "__main__":
    sys.exit(main())
