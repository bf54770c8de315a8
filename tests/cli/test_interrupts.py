"""Ctrl-C and failures while writing: what the run says is true, nothing is left half done,
and an interrupt is never swallowed (issue 13, "All-or-nothing is not")."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import sxstm
from sxstm.cli import main
from sxstm.cli.run import Run
from sxstm.output import Ledger

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus" / "docs.pl-pl"
SAMPLE = CORPUS / "guide" / "sample.md"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def many(tmp_path: Path) -> tuple[Path, Path]:
    """35 copies of the sample, and a PO that changes a target in each."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for number in range(35):
        shutil.copyfile(SAMPLE, docs / f"d{number:02d}.md")
    review = tmp_path / "r.po"
    assert main(["extract", str(docs), "-q", "--no-fuzzy", "-o", str(review)]) == 0
    text = review.read_text(encoding="utf-8")
    review.write_text(text.replace('msgstr "To jest pierwsze zdanie."', 'msgstr "Nowe zdanie."'), encoding="utf-8")
    return docs, review


def ctrl_c_swallowed() -> None:
    """Press Ctrl-C, and catch and drop its KeyboardInterrupt, as a careless library might."""
    try:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(1)
    except KeyboardInterrupt:
        pass


def interrupted_main(args: list[str]) -> int:
    """:func:`main` where an interrupt escaping it fails the test, not the whole pytest run."""
    try:
        return main(args)
    except KeyboardInterrupt:
        pytest.fail("a KeyboardInterrupt escaped main()")


def test_an_in_place_merge_with_one_unwritable_document_changes_none(many, monkeypatch, capsys) -> None:
    docs, review = many
    before = tree(docs)
    real = os.open

    def open_(path: str, flags: int, mode: int = 0o777, **kwargs: object) -> int:
        if os.path.basename(path).startswith(".d17.md.") and flags & os.O_CREAT:  # its temporary file
            raise PermissionError(13, "Permission denied", os.path.join(os.path.dirname(path), "d17.md"))
        return real(path, flags, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", open_)
    assert main(["merge", str(review), "--into", str(docs), "--in-place", "-q"]) == 1
    err = capsys.readouterr().err
    assert "d17.md: cannot write: Permission denied; no file was changed" in err and "Traceback" not in err
    assert tree(docs) == before  # and no .tmp left


def test_a_document_edited_during_an_in_place_merge_is_not_overwritten(many, monkeypatch, capsys) -> None:
    docs, review = many
    import sxstm.cli.merge as merge_command

    real = merge_command.write_all

    def edit_first(files, *, originals=None) -> None:
        (docs / "d05.md").write_text("edited by someone else\n", encoding="utf-8")
        real(files, originals=originals)

    monkeypatch.setattr(merge_command, "write_all", edit_first)
    before = tree(docs)
    assert main(["merge", str(review), "--into", str(docs), "--in-place", "-q"]) == 1
    assert "d05.md: changed since it was read (edited meanwhile, or by another run)" in capsys.readouterr().err
    after = tree(docs)
    assert after["d05.md"] == b"edited by someone else\n"
    assert {name: data for name, data in after.items() if name != "d05.md"} == {
        name: data for name, data in before.items() if name != "d05.md"
    }


def test_ctrl_c_during_extract_split_says_how_many_files_were_written(
    many, tmp_path: Path, monkeypatch, capsys
) -> None:
    import sxstm.cli.extract as extract_command

    real = extract_command.atomic_output
    calls = []

    def interrupted_third(*args, **kwargs):
        calls.append(args)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(extract_command, "atomic_output", interrupted_third)
    out = tmp_path / "out"
    assert main(["extract", str(many[0]), "--split", "-f", "po", "-j", "1", "-o", str(out)]) == 130
    err = capsys.readouterr().err
    assert "interrupted; 2 output files were written before the stop" in err
    assert len(list(out.rglob("*.po"))) == 2


def test_ctrl_c_during_restore_says_the_output_folder_may_be_partial(many, tmp_path: Path, monkeypatch, capsys) -> None:
    import sxstm.cli.restore as restore_command

    real = restore_command.parallel_map

    def interrupted_after_two(*args, **kwargs) -> Iterator[object]:
        for done, result in enumerate(real(*args, **kwargs)):
            if done == 2:
                raise KeyboardInterrupt
            yield result

    monkeypatch.setattr(restore_command, "parallel_map", interrupted_after_two)
    out = tmp_path / "out"
    assert main(["restore", str(many[0]), "--side", "target", "-j", "1", "-o", str(out)]) == 130
    err = capsys.readouterr().err
    assert f"interrupted; {out} may hold part of the output" in err
    assert "no output file was written" not in err


def test_an_interrupt_swallowed_on_the_way_still_ends_the_run_with_130(tmp_path: Path, monkeypatch, capsys) -> None:
    real = Run.done

    def swallowing(self: Run) -> None:
        ctrl_c_swallowed()
        real(self)

    monkeypatch.setattr(Run, "done", swallowing)
    assert interrupted_main(["stats", str(SAMPLE)]) == 130
    assert "sxstm: interrupted; no output file was written or changed" in capsys.readouterr().err


def test_an_interrupt_swallowed_while_an_output_is_written_keeps_that_output_out(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    real = Run.done

    def swallowing(self: Run) -> None:
        ctrl_c_swallowed()
        real(self)

    monkeypatch.setattr(Run, "done", swallowing)
    out = tmp_path / "out.jsonl"
    assert interrupted_main(["extract", str(SAMPLE), "-o", str(out)]) == 130
    assert "sxstm: interrupted; no output file was written or changed" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_an_interrupt_turned_into_another_error_still_ends_the_run_with_130(monkeypatch, capsys) -> None:
    def wrapping(self: Run) -> None:  # as Python 3.11 does where Ctrl-C lands in a class being made
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)
        except KeyboardInterrupt as interrupt:
            raise RuntimeError("Error calling __set_name__ on 'Field' instance") from interrupt

    monkeypatch.setattr(Run, "done", wrapping)
    assert interrupted_main(["stats", str(SAMPLE)]) == 130
    err = capsys.readouterr().err
    assert "sxstm: interrupted; no output file was written or changed" in err and "Traceback" not in err


def run_entry(script: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``script`` as ``python -m entry`` (from ``tmp_path``) with the sxstm under test; it
    runs the command line ``args`` through :func:`sxstm.__main__.run` where it says ``RUN``."""
    run = f"import sxstm.__main__ as m; sys.argv = ['sxstm', *{list(args)!r}]; raise SystemExit(m.run())"
    (tmp_path / "entry.py").write_text(script.replace("RUN", run))
    path = os.pathsep.join([str(tmp_path), str(Path(sxstm.__file__).resolve().parents[1])])  # the sxstm under test
    env = {**os.environ, "PYTHONPATH": path}
    return subprocess.run([sys.executable, "-m", "entry"], capture_output=True, text=True, env=env, timeout=60)


def test_ctrl_c_just_before_the_run_counts_it_is_one_line_and_exit_130(tmp_path: Path) -> None:
    # The moment CI met once: after loading, before main() has its handler (a traceback then).
    script = (
        "import os, signal, sys\n"
        "real = signal.signal\n"
        "def signal_(signum, handler):\n"
        "    if signum == signal.SIGINT and getattr(handler, '__name__', '') == 'interrupt':\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "    return real(signum, handler)\n"
        "signal.signal = signal_\n"
        "RUN\n"
    )
    done = run_entry(script, tmp_path, "stats", str(SAMPLE))
    assert done.stderr == "sxstm: interrupted; no output file was written or changed\n"
    assert done.returncode == 130 and done.stdout == ""


def test_python_dash_m_exits_with_the_run_s_code_after_a_ctrl_c_that_an_exec_met(tmp_path: Path) -> None:
    # Python marks a KeyboardInterrupt that left an exec() of a string (a dataclass being made,
    # in a lazy import) as unhandled, caught or not, and `python -m` acts on it as it exits:
    # killed by SIGINT after the run said 130, or 130 where the run ended well.
    script = (
        "import sys\n"
        "from sxstm.cli.run import Run\n"
        "real = Run.done\n"
        "def done(self):\n"  # as the run ends: no exec() of a string comes after it
        "    try:\n"
        "        exec('raise KeyboardInterrupt')\n"
        "    except KeyboardInterrupt:\n"
        "        pass\n"
        "    real(self)\n"
        "Run.done = done\n"
        "RUN\n"
    )
    done = run_entry(script, tmp_path, "stats", str(SAMPLE))
    assert done.returncode == 0, done.stderr


def test_a_command_started_with_ctrl_c_ignored_keeps_ignoring_it(tmp_path: Path) -> None:
    # As a shell starts a command in the background (`sxstm qa docs &` in a script): a Ctrl-C
    # at the terminal is for the command in the foreground.
    script = (
        "import os, signal, sys\n"
        "signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
        "from sxstm.cli.run import Run\n"
        "real = Run.done\n"
        "def done(self):\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    real(self)\n"
        "Run.done = done\n"
        "RUN\n"
    )
    done = run_entry(script, tmp_path, "stats", str(SAMPLE), "-q")
    assert (done.returncode, done.stderr) == (0, "")


def test_a_ctrl_c_in_a_finalizer_ends_the_run_with_130_and_prints_no_traceback(monkeypatch, capsys) -> None:
    real = Run.done

    class Finalized:
        def __del__(self) -> None:  # where Python can only print what it raises
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)

    def done(self: Run) -> None:
        Finalized()  # collected at once
        real(self)

    printed: list[object] = []  # what Python would print as "Exception ignored in …", a traceback
    monkeypatch.setattr(Run, "done", done)
    monkeypatch.setattr(sys, "unraisablehook", printed.append)
    assert interrupted_main(["stats", str(SAMPLE)]) == 130
    assert capsys.readouterr().err == "sxstm: interrupted; no output file was written or changed\n"
    assert printed == []


def test_a_second_ctrl_c_while_the_first_is_reported_changes_nothing(monkeypatch, capsys) -> None:
    def interrupting(self: Run) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(1)

    real = Ledger.say

    def say(self: Ledger) -> str:
        os.kill(os.getpid(), signal.SIGINT)  # raised at once, were it raised
        time.sleep(0.2)
        return real(self)

    monkeypatch.setattr(Run, "done", interrupting)
    monkeypatch.setattr(Ledger, "say", say)
    assert interrupted_main(["stats", str(SAMPLE)]) == 130
    assert capsys.readouterr().err == "sxstm: interrupted; no output file was written or changed\n"


def test_a_ctrl_c_right_after_a_swallowed_one_is_reported_prints_no_second_line(monkeypatch) -> None:
    def swallowing(self: Run) -> None:
        ctrl_c_swallowed()  # the run ends with 130 all the same, and says so once

    class Stderr(io.StringIO):
        def write(self, text: str) -> int:
            written = super().write(text)
            if text.endswith("\n") and self.getvalue().count("\n") == 1:
                os.kill(os.getpid(), signal.SIGINT)  # as the line is out
                time.sleep(0.2)
            return written

    err = Stderr()
    monkeypatch.setattr(Run, "done", swallowing)
    monkeypatch.setattr(sys, "stderr", err)
    assert interrupted_main(["stats", str(SAMPLE)]) == 130
    assert err.getvalue() == "sxstm: interrupted; no output file was written or changed\n"


def test_an_error_after_an_interrupt_that_was_swallowed_still_shows_its_traceback(monkeypatch) -> None:
    def failing(self: Run) -> None:
        ctrl_c_swallowed()
        raise KeyError("a bug of ours, not the interrupt")

    monkeypatch.setattr(Run, "done", failing)
    with pytest.raises(KeyError, match="a bug of ours"):
        main(["stats", str(SAMPLE)])


def test_ctrl_c_right_after_an_output_is_renamed_says_it_was_written(tmp_path: Path, monkeypatch, capsys) -> None:
    real = os.replace

    def replace(source: str, target: str) -> None:
        real(source, target)
        os.kill(os.getpid(), signal.SIGINT)  # raised, unless held, before the output is counted

    # A thread besides the main one, as pyarrow starts: it may take a Ctrl-C that the main
    # thread blocks, so that blocking it there holds nothing.
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    monkeypatch.setattr(os, "replace", replace)
    try:
        out = tmp_path / "out.jsonl"
        assert interrupted_main(["extract", str(SAMPLE), "-o", str(out)]) == 130
    finally:
        stop.set()
        thread.join()
    assert out.exists()
    assert capsys.readouterr().err == f"sxstm: interrupted; 1 output file was written before the stop: {out}\n"


def test_main_leaves_the_signal_mask_and_the_handler_as_it_found_them() -> None:
    before = signal.getsignal(signal.SIGINT)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        assert main(["stats", str(SAMPLE), "-q"]) == 0
        assert signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, ())
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    assert main(["stats", str(SAMPLE), "-q"]) == 0
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, ())
    assert signal.getsignal(signal.SIGINT) is before


def test_main_runs_in_a_thread_other_than_the_main_one() -> None:
    codes: list[int] = []
    thread = threading.Thread(target=lambda: codes.append(main(["stats", str(SAMPLE), "-q"])))
    thread.start()
    thread.join(60)
    assert codes == [0]


def test_ctrl_c_while_the_command_starts_is_one_line_and_exit_130() -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(sxstm.__file__).resolve().parents[1])}  # the sxstm under test
    command = [sys.executable, "-m", "sxstm", "stats", str(CORPUS)]
    for moment in range(12):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
        time.sleep(0.05 * moment)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        if "Traceback" in err and "sxstm" not in err:
            continue  # the interpreter itself was starting (site, runpy): no code of sxstm had run yet
        assert "Traceback" not in err, f"at {0.05 * moment:.2f} s: {err}"
        assert process.returncode in (0, 130, -signal.SIGINT), err
