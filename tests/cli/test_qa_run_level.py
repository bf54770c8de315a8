"""qa's run-level checks in a process of their own, beside the report being written: the report
of one process, byte for byte, and their errors said as the same errors."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from sxstm.checks import across
from sxstm.cli import main

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the run-level checks fork, or run in this process")

PAIR = (
    '<span data-ttu-id="a1b2c-10{n}">{target}</span><span class="sxs-lookup">'
    '<span data-stu-id="a1b2c-10{n}">{source}</span></span>\n\n'
)


def _documents(folder: Path) -> Path:
    """Three documents whose first source is translated two ways (SX406), with a warning each."""
    docs = folder / "docs.pl-pl"
    docs.mkdir()
    for number, first in enumerate(["To jest pierwsze zdanie.", "To jest pierwsze zdanie.", "To jest inne zdanie."]):
        body = PAIR.format(n=1, target=first, source="This is the first sentence.")
        body += PAIR.format(n=2, target="Uruchom `dotnet run` .", source="Run `dotnet run`.")
        (docs / f"page{number}.md").write_text(f"---\nms.contentlocale: pl-pl\n---\n\n{body}", encoding="utf-8")
    return docs


def _german(folder: Path) -> Path:
    """Three German documents whose first source is translated two ways (SX406)."""
    docs = folder / "docs.de-de"
    docs.mkdir()
    for number, first in enumerate(["Das ist der erste Satz.", "Das ist der erste Satz.", "Das ist ein Satz."]):
        body = PAIR.format(n=1, target=first, source="This is the first sentence.")
        (docs / f"page{number}.md").write_text(f"---\nms.contentlocale: de-de\n---\n\n{body}", encoding="utf-8")
    return docs


def test_german_runs_the_inconsistent_translation_check_only_where_it_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    docs = _german(tmp_path)
    assert main(["qa", str(docs), "-q", "--fail-on", "info"]) == 0
    assert "SX406" not in capsys.readouterr().out
    assert main(["qa", str(docs), "-q", "--fail-on", "info", "--select", "SX406"]) == 1
    assert "SX406" in capsys.readouterr().out
    (tmp_path / "pyproject.toml").write_text('[tool.sxstm.qa]\nselect = ["SX406", "SX301"]\n', encoding="utf-8")
    assert main(["qa", str(docs), "-q", "--fail-on", "info"]) == 1  # named in the settings
    assert "SX406" in capsys.readouterr().out
    (tmp_path / "pyproject.toml").unlink()
    # Beside the default checks: SX301 is one of them (a space before the full stop).
    (docs / "page3.md").write_text(
        f"---\nms.contentlocale: de-de\n---\n\n{PAIR.format(n=2, target='Das ist `x` .', source='It is `x`.')}",
        encoding="utf-8",
    )
    assert main(["qa", str(docs), "-q", "--fail-on", "info", "--extend-select", "SX406"]) == 1
    out = capsys.readouterr().out
    assert "SX406" in out and "SX301" in out
    assert main(["qa", str(docs), "-q", "--fail-on", "info", "--extend-select", "SX407"]) == 1
    out = capsys.readouterr().out
    assert "SX406" not in out and "SX301" in out  # a default check, still off in German


@pytest.mark.parametrize("report", ["text", "json", "sarif", "junit", "gitlab"])
def test_the_run_level_checks_in_a_process_of_their_own_give_the_report_of_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, report: str
) -> None:
    docs = _documents(tmp_path)
    alone, forked = tmp_path / "alone.out", tmp_path / "forked.out"
    assert main(["qa", str(docs), "-q", "--exit-zero", "-j", "1", "--format", report, "-o", str(alone)]) == 0
    pids = tmp_path / "pids"
    monkeypatch.setattr("sxstm.cli.qa._RUN_LEVEL_FORKED_FROM", 0)
    monkeypatch.setattr("sxstm.cli.qa.across", _noting_pid(pids))
    assert main(["qa", str(docs), "-q", "--exit-zero", "-j", "2", "--format", report, "-o", str(forked)]) == 0
    assert pids.read_text().split() != [str(os.getpid())]  # counted in another process
    assert b"SX406" in forked.read_bytes()
    assert forked.read_bytes() == alone.read_bytes()


def test_the_exit_code_and_summary_count_the_run_level_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sxstm.cli.qa._RUN_LEVEL_FORKED_FROM", 0)
    docs = _documents(tmp_path)
    assert main(["qa", str(docs), "-j", "2", "--fail-on", "info", "--ignore", "SX301", "-o", os.devnull]) == 1
    assert "0 errors, 0 warnings, 1 infos in 3 documents; 1 at or above info" in capsys.readouterr().err


def test_a_scratch_error_of_the_run_level_process_is_said_as_such_and_writes_no_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sxstm.cli.qa._RUN_LEVEL_FORKED_FROM", 0)
    monkeypatch.setattr("sxstm.cli.qa.across", _no_room)
    report = tmp_path / "qa.txt"
    assert main(["qa", str(_documents(tmp_path)), "-q", "-j", "2", "-o", str(report)]) == 1
    err = capsys.readouterr().err
    assert "cannot write a scratch file: No space left on device; set TMPDIR" in err and "Traceback" not in err
    assert not report.exists()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_scratch_file_the_run_level_checks_cannot_make_is_not_blamed_on_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    monkeypatch.setattr("sxstm.cli.qa._RUN_LEVEL_FORKED_FROM", 0)
    monkeypatch.setattr("sxstm.cli.qa.across", _no_descriptors)
    report = tmp_path / "qa.txt"
    assert main(["qa", str(_documents(tmp_path)), "-q", "-j", jobs, "-o", str(report)]) == 1
    err = capsys.readouterr().err
    assert "cannot write a scratch file: Too many open files; raise the limit of open files" in err
    assert "Traceback" not in err and "qa.txt" not in err
    assert not report.exists()


def _noting_pid(pids: Path) -> object:
    def noted(*args: object) -> Iterator[object]:
        with pids.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return across(*args)  # type: ignore[arg-type]

    return noted


def _no_room(*args: object) -> Iterator[object]:
    raise OSError(errno.ENOSPC, "No space left on device")


def _no_descriptors(*args: object) -> Iterator[object]:
    # As tempfile raises it when a bucket file cannot be opened: naming the file.
    raise OSError(errno.EMFILE, "Too many open files", os.path.join(tempfile.gettempdir(), "tmpabc123"))
