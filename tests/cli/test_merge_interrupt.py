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

from sxstm.cli import main

SRC = Path(__file__).resolve().parents[2] / "src"
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
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    command = [sys.executable, "-m", "sxstm", "merge", str(review), "--into", str(docs), "--in-place", "-q"]
    # A session of its own: Ctrl-C in a terminal reaches the whole process group, workers too.
    return subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)


def test_ctrl_c_at_twenty_moments_of_an_in_place_merge_leaves_all_old_or_all_new(tmp_path: Path, capsys) -> None:
    docs = tmp_path / "docs"
    old = {f"d{n % 20:02d}/doc{n:04d}.md": document(n).encode() for n in range(DOCUMENTS)}
    put(docs, old)
    review = tmp_path / "r.po"
    assert main(["extract", str(docs), "-q", "--no-fuzzy", "-o", str(review)]) == 0
    review.write_text(re.sub(r'^msgstr "(.+)"$', r'msgstr "\1 (nowy)"', review.read_text("utf-8"), flags=re.M), "utf-8")
    started = time.monotonic()
    assert merge_in_place(review, docs).wait() == 0
    duration = time.monotonic() - started
    new = tree(docs)
    assert new != old and set(new) == set(old)
    outcomes = []
    for moment in range(MOMENTS):
        put(docs, old)
        process = merge_in_place(review, docs)
        time.sleep(0.05 + duration * 1.2 * moment / MOMENTS)  # the last ones after the end, or in the renames
        os.killpg(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=120)
        now = tree(docs)
        assert now in (old, new), f"moment {moment}: a mix of old and new documents"
        assert not [name for name in now if name.endswith(".tmp")]
        started = process.returncode != -signal.SIGINT and not ("Traceback" in err and "sxstm" not in err)
        if not started:  # the interpreter itself was starting (killed, or site/runpy): no code of ours ran
            assert now == old
            outcomes.append("old")
            continue
        assert "Traceback" not in err, err
        if process.returncode == 0:  # finished before the interrupt
            assert now == new
        else:
            assert process.returncode == 130, err
            said_nothing = "no output file was written or changed" in err
            assert said_nothing == (now == old), f"moment {moment}: {err!r}"
            if now == new:
                assert f"{DOCUMENTS:,} output files were written" in err
        outcomes.append("new" if now == new else "old")
    print(
        f"{MOMENTS} interrupts over {duration:.1f} s: {outcomes.count('old')} all old, {outcomes.count('new')} all new"
    )
