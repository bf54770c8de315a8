"""A check of one changed file starts fast: it imports no library it does not use and starts no
worker process (issue 16, "a single changed file in a large repository is checked in well under
a second, startup included")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import sxstm

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "docs.pl-pl" / "guide" / "sample.md"
SRC = Path(sxstm.__file__).resolve().parents[1]  # the sxstm under test: src/, or an installed build

# Libraries that `qa` of a markdown file with the text report never needs: the HTML page's
# templates, markdown-it-py (the block scanner answers for the sample), and the process pool.
UNUSED_BY_QA = ("jinja2", "markdown_it", "multiprocessing", "concurrent.futures.process")

_PROBE = """
import json, sys
from sxstm.cli.main import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _modules_after(*argv: str) -> tuple[int, set[str]]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv], capture_output=True, text=True, env=env, timeout=120, check=True
    )
    report = json.loads(result.stdout.splitlines()[-1])
    return report["code"], set(report["modules"])


def test_qa_of_one_file_imports_neither_templates_nor_markdown_it_nor_the_process_pool() -> None:
    code, modules = _modules_after("qa", str(SAMPLE), "-q", "--exit-zero")
    assert code == 0
    assert sorted(modules & set(UNUSED_BY_QA)) == []


def test_qa_with_the_html_report_imports_jinja2_when_it_writes_the_page(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    code, modules = _modules_after("qa", str(SAMPLE), "-q", "--exit-zero", "--format", "html", "--output", str(page))
    assert code == 0
    assert "jinja2" in modules and page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_merge_and_restore_of_one_document_start_no_worker_process(tmp_path: Path) -> None:
    review = tmp_path / "r.xlf"
    code, _ = _modules_after("extract", str(SAMPLE), "-q", "-f", "xliff", "-o", str(review))
    assert code == 0
    code, modules = _modules_after("merge", str(review), "--into", str(SAMPLE), "-o", str(tmp_path / "merged"), "-q")
    assert code == 0 and "multiprocessing" not in modules
    assert (tmp_path / "merged" / SAMPLE.name).read_bytes() == SAMPLE.read_bytes()
    code, modules = _modules_after("restore", str(SAMPLE), "--side", "target", "-o", str(tmp_path / "clean"), "-q")
    assert code == 0 and "multiprocessing" not in modules
    assert (tmp_path / "clean" / SAMPLE.name).exists()
