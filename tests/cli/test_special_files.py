"""A FIFO or device named otherwise than ``*.md`` hangs no command: merge copies only regular
files into its output tree and ``qa --changed-since`` compares only regular files (issue 13,
"Hostile documents and trees")."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sxstm

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "docs.pl-pl" / "guide" / "sample.md"
SRC = Path(sxstm.__file__).resolve().parents[1]  # the sxstm under test: src/, or an installed build
GIT = ["git", "-c", "user.name=sxstm", "-c", "user.email=sxstm@example.com", "-c", "commit.gpgsign=false"]
pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def sxstm(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run sxstm in a child process, so that a hang ends in a timeout rather than a stuck suite."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    command = [sys.executable, "-m", "sxstm", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, timeout=120, check=False)


def test_merge_into_an_output_tree_reports_a_fifo_among_the_other_files_and_copies_the_rest(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copyfile(SAMPLE, docs / "a.md")
    (docs / "image.png").write_bytes(b"\x89PNG")
    os.mkfifo(docs / "notes.txt")
    review = tmp_path / "r.po"
    assert sxstm("extract", str(docs), "-q", "-o", str(review)).returncode == 0
    result = sxstm("merge", str(review), "--into", str(docs), "-o", str(tmp_path / "out"), "-q")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "notes.txt" in result.stderr and "not a regular file: a FIFO" in result.stderr
    assert (tmp_path / "out" / "a.md").read_bytes() == (docs / "a.md").read_bytes()
    assert (tmp_path / "out" / "image.png").read_bytes() == b"\x89PNG"
    assert not (tmp_path / "out" / "notes.txt").exists()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_changed_since_compares_a_document_turned_into_a_fifo_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sxstm.cli.changed import ChangedSince
    from sxstm.model import Finding, Severity

    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copyfile(SAMPLE, docs / "a.md")
    subprocess.run([*GIT, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "add", "."], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "docs"], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    changed = ChangedSince.open(["docs"], "HEAD")
    (docs / "a.md").unlink()
    os.mkfifo(docs / "a.md")  # between the read and the comparison: open() would wait for a writer
    finding = Finding("a.md", 1, 1, Severity.ERROR, "SX005", "unreadable-file", "cannot read", None)
    assert changed.keep([finding]) == [finding]


def test_qa_changed_since_reports_a_document_turned_into_a_fifo(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copyfile(SAMPLE, docs / "a.md")
    shutil.copyfile(SAMPLE, docs / "b.md")
    subprocess.run([*GIT, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "add", "."], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "docs"], cwd=tmp_path, check=True)
    (docs / "b.md").unlink()
    os.mkfifo(docs / "b.md")
    result = sxstm("qa", "docs", "--changed-since", "HEAD", "--format", "json", "-q", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "b.md:1:1: error: cannot read: not a regular file: a FIFO" in result.stderr
