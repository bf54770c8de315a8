"""Ctrl-C at any moment of ``merge --in-place`` leaves the documents all old or all new as a
set, no temporary file, and a message that says which (issue 13, acceptance 2)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import sxstm
from sxstm.cli import main

SRC = Path(sxstm.__file__).resolve().parents[1]  # the sxstm under test: src/, or an installed build
DOCUMENTS = 2000
MOMENTS = 20


def span(pair: str, target: str, source: str) -> str:
    lookup = f'<span class="sxs-lookup"><span data-stu-id="{pair}">{source}</span></span>'
    return f'<span data-ttu-id="{pair}">{target}</span>{lookup}'


def document(number: int) -> str:
    pair = f"{number:05x}"
    title = span(f"{pair}-101", f"Tytuł {number}", f"Title {number}")
    paragraph = span(f"{pair}-102", f"Akapit {number}.", f"Paragraph {number}.")
    return f"---\nms.contentlocale: pl-PL\n---\n# {title}\n\n{paragraph}\n"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def put(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)


def merge_in_place(review: Path, docs: Path) -> subprocess.Popen[str]:
    # faulthandler: a run that does not end is killed with SIGABRT and shows where it waits.
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONFAULTHANDLER": "1"}
    command = [sys.executable, "-m", "sxstm", "merge", str(review), "--into", str(docs), "--in-place", "-q"]
    # A session of its own: Ctrl-C in a terminal reaches the whole process group, workers too.
    return subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)


def finish(process: subprocess.Popen[str], seconds: float, what: str) -> tuple[int, str]:
    """Wait ``seconds`` for ``process`` to end; its exit code and stderr, or a failure that shows
    where it hung (its stacks, dumped by faulthandler on SIGABRT)."""
    try:
        _, err = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGABRT)
        try:
            _, err = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            _, err = process.communicate()
        pytest.fail(f"{what}: merge did not end within {seconds:.0f} s; its stderr:\n{err}")
    return process.returncode, err


def test_ctrl_c_at_twenty_moments_of_an_in_place_merge_leaves_all_old_or_all_new(tmp_path: Path, capsys) -> None:
    docs = tmp_path / "docs"
    old = {f"d{n % 20:02d}/doc{n:04d}.md": document(n).encode() for n in range(DOCUMENTS)}
    put(docs, old)
    review = tmp_path / "r.po"
    assert main(["extract", str(docs), "-q", "--no-fuzzy", "-o", str(review)]) == 0
    review.write_text(re.sub(r'^msgstr "(.+)"$', r'msgstr "\1 (nowy)"', review.read_text("utf-8"), flags=re.M), "utf-8")
    started = time.monotonic()
    assert finish(merge_in_place(review, docs), 900, "the uninterrupted run")[0] == 0
    duration = time.monotonic() - started  # the moments are spread over one run as long as this one
    new = tree(docs)
    assert new != old and set(new) == set(old)
    # A loaded machine (CI: 2 cores running the whole suite) may make a run several times slower
    # than the one measured: each run gets far more time than that to end after the interrupt.
    patience = 120 + 10 * duration
    outcomes = []
    for moment in range(MOMENTS):
        put(docs, old)
        process = merge_in_place(review, docs)
        time.sleep(0.05 + duration * 1.4 * moment / (MOMENTS - 1))  # the last ones after the end, or in the renames
        os.killpg(process.pid, signal.SIGINT)
        returncode, err = finish(process, patience, f"moment {moment}")
        now = tree(docs)
        assert now in (old, new), f"moment {moment}: a mix of old and new documents"
        assert not [name for name in now if name.endswith(".tmp")], f"moment {moment}: temporary files left"
        started = returncode != -signal.SIGINT and not ("Traceback" in err and "sxstm" not in err)
        if not started:  # the interpreter itself was starting (killed, or site/runpy): no code of ours ran
            assert now == old, f"moment {moment}: killed by the interrupt after writing: {err!r}"
            outcomes.append("old")
            continue
        assert "Traceback" not in err, err
        if returncode == 0:  # finished before the interrupt
            assert now == new
        else:
            assert returncode == 130, err
            said_nothing = "no output file was written or changed" in err
            assert said_nothing == (now == old), f"moment {moment}: {err!r}"
            if now == new:
                assert f"{DOCUMENTS:,} output files were written" in err
        outcomes.append("new" if now == new else "old")
    print(
        f"{MOMENTS} interrupts over {duration:.1f} s: {outcomes.count('old')} all old, {outcomes.count('new')} all new"
    )
