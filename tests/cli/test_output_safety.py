"""Outputs replace nothing but a regular file, never an input of the run, and never write
through a symbolic link out of their folder; a closed or full stdout is a message, not a
traceback (issue 13, "Outputs")."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import sxstm
from sxstm.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "docs.pl-pl" / "guide" / "sample.md"
SRC = Path(sxstm.__file__).resolve().parents[1]  # the sxstm under test: src/, or an installed build


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "a.md"
    shutil.copyfile(SAMPLE, path)
    return path


def sxstm(*args: str, stdout: int | None = subprocess.PIPE, shell_tail: str = "") -> subprocess.CompletedProcess[str]:
    """Run sxstm in a child process (stdout closed or full needs one), through a shell if asked."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    if shell_tail:
        command = " ".join([sys.executable, "-m", "sxstm", *args, shell_tail])
        return subprocess.run(["sh", "-c", command], capture_output=True, text=True, env=env, check=False)
    return subprocess.run(
        [sys.executable, "-m", "sxstm", *args], stdout=stdout, stderr=subprocess.PIPE, text=True, env=env, check=False
    )


def test_an_export_onto_its_own_input_is_refused(doc: Path, capsys) -> None:
    before = doc.read_bytes()
    assert main(["extract", str(doc), "-f", "jsonl", "-q", "-o", str(doc)]) == 1
    assert "is an input of this run" in capsys.readouterr().err
    assert doc.read_bytes() == before


def test_a_restore_into_the_folder_of_its_input_file_is_refused(doc: Path, capsys) -> None:
    before = doc.read_bytes()
    assert main(["restore", str(doc), "--side", "target", "-q", "-o", str(doc.parent)]) == 1
    assert "is an input of this run" in capsys.readouterr().err
    assert doc.read_bytes() == before


def test_a_qa_report_onto_a_document_it_checks_is_refused(doc: Path, capsys) -> None:
    other = doc.parent / "f.md"
    shutil.copyfile(doc, other)
    assert main(["qa", str(doc.parent), "-q", "--output", str(other)]) == 1
    assert "is an input of this run" in capsys.readouterr().err
    assert other.read_bytes() == doc.read_bytes()


def test_a_symbolic_link_is_not_replaced_by_a_file(doc: Path, tmp_path: Path, capsys) -> None:
    link = tmp_path / "out.jsonl"
    link.symlink_to(tmp_path / "elsewhere.jsonl")
    assert main(["extract", str(doc), "-q", "-o", str(link)]) == 1
    assert "is a symbolic link" in capsys.readouterr().err
    assert link.is_symlink() and not (tmp_path / "elsewhere.jsonl").exists()


def test_dev_null_is_written_as_a_stream_and_stays_a_device(doc: Path) -> None:
    if not stat.S_ISCHR(os.stat(os.devnull).st_mode):
        pytest.skip("/dev/null is not a device here (something replaced it)")
    assert main(["extract", str(doc), "-f", "jsonl", "-q", "-o", os.devnull]) == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_dev_stdout_is_written_as_a_stream(doc: Path) -> None:
    result = sxstm("extract", str(doc), "-f", "jsonl", "-q", "-o", "/dev/stdout")
    assert result.returncode == 0 and result.stdout.count("\n") > 10, result.stderr


def test_a_fifo_is_written_as_a_stream_not_replaced(doc: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    assert main(["extract", str(doc), "-q", "-o", str(fifo)]) == 0
    assert reader.communicate(timeout=30)[0].count(b"\n") > 10
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_folder_is_not_replaced(doc: Path, tmp_path: Path, capsys) -> None:
    (tmp_path / "out.jsonl").mkdir()
    assert main(["extract", str(doc), "-q", "-o", str(tmp_path / "out.jsonl")]) == 2  # a usage error
    assert "is a folder" in capsys.readouterr().err


def test_a_symbolic_link_inside_the_output_folder_is_not_followed_out_of_it(tmp_path: Path, capsys) -> None:
    docs = tmp_path / "docs" / "sub"
    docs.mkdir(parents=True)
    shutil.copyfile(SAMPLE, docs / "a.md")
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "sub").symlink_to(outside)
    assert main(["restore", str(tmp_path / "docs"), "--side", "target", "-q", "-o", str(tmp_path / "out")]) == 1
    assert "leads out of it" in capsys.readouterr().err
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "tail"),
    [
        (("stats", "{doc}"), ">&-"),
        (("qa", "{doc}"), ">&-"),  # a report written through a text wrapper
        (("qa", "{doc}", "--format", "sarif"), ">&-"),
        (("extract", "{doc}", "-f", "tmx", "-o", "-"), ">&-"),
        (("extract", "{doc}", "-f", "jsonl", "-o", "-"), ">/dev/full"),
        (("qa", "{doc}"), ">/dev/full"),
        (("stats", "{doc}"), ">/dev/full"),
    ],
)
def test_a_closed_or_full_stdout_is_a_message_and_exit_1(doc: Path, args: tuple[str, ...], tail: str) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    result = sxstm(*(arg.format(doc=doc) for arg in args), shell_tail=tail)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "cannot write to standard output" in result.stderr


def test_dev_stdout_redirected_to_a_file_is_written_through(doc: Path, tmp_path: Path) -> None:
    result = sxstm(
        "extract", str(doc), "-f", "jsonl", "-q", "-o", "/dev/stdout", shell_tail=f"> {tmp_path / 'x.jsonl'}"
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "x.jsonl").read_text(encoding="utf-8").count("\n") > 10


def _files_of_one_byte() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (1, 1))  # a write past it fails (EFBIG), as on a full disk


def _forty_open_files() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_NOFILE, (40, 40))


def _limited(limit: Callable[[], None], scratch: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``sxstm ARGS`` with scratch files in ``scratch`` and the resource ``limit`` set."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "TMPDIR": str(scratch)}
    return subprocess.run(
        [sys.executable, "-m", "sxstm", *args], capture_output=True, text=True, env=env, check=False, preexec_fn=limit
    )


# One document: under the limit no process pool can start (its semaphores are files too); the
# workers' files of TMX texts are tested in tests/unit/test_tmx.py.
@pytest.mark.parametrize("command", [("qa",), ("extract", "-f", "tmx", "-o", "-")])
def test_a_scratch_file_that_cannot_be_written_is_a_message_naming_its_folder_and_exit_1(
    doc: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    # qa keeps what its run-level checks need in scratch files, and TMX its distinct units; the
    # output goes to stdout (a pipe, which the limit spares): the failed write is the scratch
    # file's, not taken for stdout's.
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(doc, docs)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    result = _limited(_files_of_one_byte, scratch, *command, str(docs), "-q")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert f"{scratch}: cannot write a scratch file" in result.stderr
    assert "set TMPDIR to a folder with more room" in result.stderr
    assert not any(scratch.iterdir())  # the scratch folder of the run is removed


def test_a_pool_that_cannot_make_its_locks_is_worker_error_saying_to_run_with_j_1(tmp_path: Path) -> None:
    # The process pool that takes an input as it comes keeps its locks as files in /dev/shm
    # (missing in some containers, or full): under the limit none can be made, which was
    # reported as a failed write of standard output. (A list of inputs needs no lock, and the
    # command line turns a WorkerError into one line and exit 1: see tests/unit/test_workers.py.)
    if sys.platform != "linux":
        pytest.skip("the pool's locks are files under the limit on Linux")
    script = "from sxstm.workers import parallel_map; list(parallel_map(abs, iter(range(100)), jobs=2))"
    env = {**os.environ, "PYTHONPATH": str(SRC), "TMPDIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        preexec_fn=_files_of_one_byte,
    )
    assert "WorkerError: cannot start worker processes" in result.stderr and "run with -j 1" in result.stderr


def test_a_limit_of_open_files_too_low_for_the_scratch_files_is_a_message_saying_to_raise_it(
    doc: Path, tmp_path: Path
) -> None:
    # TMX counts its units in 64 bucket files: under a limit of 40 descriptors they cannot all open.
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    result = _limited(_forty_open_files, scratch, "extract", "-f", "tmx", "-o", "-", str(doc), "-q")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{scratch}: cannot write a scratch file" in result.stderr and "ulimit -n" in result.stderr
    assert list(scratch.iterdir()) == []
