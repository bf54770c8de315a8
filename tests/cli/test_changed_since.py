"""``sxstm qa --changed-since REV`` reports only the findings on pairs changed since a git revision."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from sxstm.cli import main
from sxstm.cli.changed import _Git

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
GIT = ["git", "-c", "user.name=sxstm", "-c", "user.email=sxstm@example.com", "-c", "commit.gpgsign=false"]
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with the corpus's Polish guide committed, as the working folder."""
    shutil.copytree(CORPUS / "docs.pl-pl", tmp_path / "articles.pl-pl")
    subprocess.run([*GIT, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "add", "."], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "docs"], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _findings(capsys: pytest.CaptureFixture[str], *arguments: str) -> list[dict[str, Any]]:
    main(["qa", "articles.pl-pl", "--format", "json", "--exit-zero", "-q", *arguments])
    report = json.loads(capsys.readouterr().out)
    return list(report["findings"] if isinstance(report, dict) else report)


def test_editing_one_target_reports_only_that_pairs_findings(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = repository / "articles.pl-pl" / "guide" / "sample.md"
    assert len(_findings(capsys, "--changed-since", "HEAD")) == 0
    assert len(_findings(capsys)) == 3
    text = sample.read_text(encoding="utf-8")
    sample.write_text(text.replace("Użyj polecenia `dotnet build`.", "Użyj polecenia `dotnet biuld`."), "utf-8")
    findings = _findings(capsys, "--changed-since", "HEAD")
    assert [(f["code"], f["pair_id"]) for f in findings] == [("SX201", "a1b2c-105")]


def test_a_committed_edit_is_reported_against_the_commit_before(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = repository / "articles.pl-pl" / "guide" / "sample.md"
    text = sample.read_text(encoding="utf-8")
    sample.write_text(text.replace("Użyj polecenia `dotnet build`.", "Użyj polecenia `dotnet biuld`."), "utf-8")
    subprocess.run([*GIT, "commit", "-q", "-a", "-m", "edit"], cwd=repository, check=True)
    findings = _findings(capsys, "--changed-since", "HEAD~1")
    assert [(f["code"], f["pair_id"]) for f in findings] == [("SX201", "a1b2c-105")]
    assert _findings(capsys, "--changed-since", "HEAD") == []


def test_moved_lines_report_nothing(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample = repository / "articles.pl-pl" / "guide" / "sample.md"
    lines = sample.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[13], lines[15] = lines[15], lines[13]  # two paragraphs of pairs change places
    sample.write_text("".join(lines), encoding="utf-8")
    assert _findings(capsys, "--changed-since", "HEAD") == []


def test_a_new_file_counts_whole(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample = repository / "articles.pl-pl" / "guide" / "sample.md"
    shutil.copy(sample, sample.with_name("copy.md"))
    findings = _findings(capsys, "--changed-since", "HEAD")
    assert len(findings) == 3 and {f["path"] for f in findings} == {
        "articles.pl-pl/guide/copy.md"
    }  # relative to the working folder


def test_git_is_asked_about_each_file_once(
    repository: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sample = repository / "articles.pl-pl" / "guide" / "sample.md"
    text = sample.read_text(encoding="utf-8")
    copy = sample.with_name("z-copy.md")  # new, after sample.md: its pairs' findings and SX406's
    copy.write_text(text.replace("To jest pierwsze zdanie.", "To jest początkowe zdanie."), encoding="utf-8")
    asked: list[Path] = []
    changes = _Git.changes
    monkeypatch.setattr(_Git, "changes", lambda git, path: asked.append(path) or changes(git, path))
    findings = _findings(capsys, "--changed-since", "HEAD")
    assert {f["code"] for f in findings} == {"SX204", "SX402", "SX406"}
    assert sorted(asked) == [sample, copy]


def test_unknown_revision_exits_2(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qa", "articles.pl-pl", "--changed-since", "no-such-rev"]) == 2
    assert "unknown git revision 'no-such-rev'" in capsys.readouterr().err


def test_outside_a_repository_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(CORPUS / "docs.pl-pl", tmp_path / "docs.pl-pl")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert main(["qa", str(tmp_path / "docs.pl-pl"), "--changed-since", "HEAD"]) == 2
    assert "needs a git repository" in capsys.readouterr().err
