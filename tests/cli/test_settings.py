"""Settings files: every mistake in them is one ``path: message`` line and exit 2, never a traceback."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sxstm.cli import main

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "pyproject.toml",
            '[tool.sxstm.qa]\nper-path-ignores = { "docs/*" = 5 }\n',
            "setting 'per-path-ignores' takes a table of strings or lists of strings, not {'docs/*': 5}",
        ),
        (
            "pyproject.toml",
            '[tool.sxstm.qa]\nper-path-ignores = { "docs/*" = [1, 2] }\n',
            "setting 'per-path-ignores' takes a table of strings or lists of strings, not {'docs/*': [1, 2]}",
        ),
        (
            "pyproject.toml",
            "[tool.sxstm.qa]\nseverity = { SX302 = 3 }\n",
            "setting 'severity' takes a table of strings or lists of strings, not {'SX302': 3}",
        ),
        ("pyproject.toml", "[tool.sxstm.qa]\ncolour = 1\n", "unknown setting 'colour' for sxstm qa"),
        (
            "pyproject.toml",
            '[tool.sxstm.qa]\nextend-select = ["SX406", "nope"]\n',
            "setting 'extend-select': unknown check 'nope'; see sxstm qa --list-checks",
        ),
        (
            "pyproject.toml",
            '[tool.sxstm.qa]\nper-path-ignores = { "x/*" = ["SX204", "nope"] }\n',
            "setting 'per-path-ignores': unknown check 'nope'; see sxstm qa --list-checks",
        ),
        ("pyproject.toml", "[tool.sxstm]\ncolour = 1\n", "unknown setting 'colour' in [tool.sxstm]"),
        ("pyproject.toml", '[tool.sxstm.qaa]\nignore = ["SX402"]\n', "unknown setting 'qaa' in [tool.sxstm]"),
        ("pyproject.toml", "[tool.sxstm]\nqa = 5\n", "[tool.sxstm.qa] must be a table of settings, not 5"),
        ("pyproject.toml", "[tool]\nsxstm = 5  # [tool.sxstm\n", "[tool.sxstm] must be a table of settings, not 5"),
        ("sxstm.toml", "[tool]\nsxstm = []\n", "[tool.sxstm] must be a table of settings, not []"),
        ("sxstm.toml", "tool = 5\n", "[tool] must be a table of settings, not 5"),
        ("sxstm.toml", "qa = true\n", "[qa] must be a table of settings, not True"),
        ("sxstm.toml", "jobs = true\n", "setting 'jobs' takes a whole number, not True"),
    ],
)
def test_malformed_settings_are_one_message_naming_the_file(
    name: str,
    text: str,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["qa", str(CORPUS), "-q"]) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", f"sxstm: error: {tmp_path / name}: {message}\n")


def test_toml_syntax_error_names_its_line_and_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.sxstm.qa\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["qa", str(CORPUS), "-q"]) == 2
    message = "invalid TOML: Expected ']' at the end of a table declaration"
    assert capsys.readouterr().err == f"sxstm: error: {tmp_path / 'pyproject.toml'}:4:15: {message}\n"


def test_settings_file_that_is_not_utf8_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sxstm.toml").write_bytes(b'source-lang = "\xff"\n')
    monkeypatch.chdir(tmp_path)
    assert main(["stats", str(CORPUS), "-q"]) == 2
    assert capsys.readouterr().err.startswith(f"sxstm: error: {tmp_path / 'sxstm.toml'}: cannot read settings: ")


def test_shared_setting_applies_to_the_commands_that_have_the_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.sxstm]\nfail-on = "info"\nper-path-ignores = { "*" = "SX402" }\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["extract", str(CORPUS), "-q", "-o", str(tmp_path / "o.jsonl")]) == 0  # has neither option
    capsys.readouterr()
    assert main(["qa", str(CORPUS / "docs.pl-pl"), "-q", "--select", "SX402"]) == 0
    assert "SX402" not in capsys.readouterr().out
    (tmp_path / "pyproject.toml").write_text('[tool.sxstm]\nfail-on = "info"\n', encoding="utf-8")
    assert main(["qa", str(CORPUS / "docs.pl-pl"), "-q", "--select", "SX402"]) == 1
    assert "SX402" in capsys.readouterr().out


def test_settings_are_found_from_the_checked_files_not_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repository, elsewhere = tmp_path / "repo", tmp_path / "elsewhere"
    (repository / ".git").mkdir(parents=True)
    elsewhere.mkdir()
    docs = repository / "articles" / "docs.pl-pl"
    shutil.copytree(CORPUS / "docs.pl-pl", docs)
    (repository / "pyproject.toml").write_text('[tool.sxstm.qa]\nignore = ["SX402"]\n', encoding="utf-8")
    (elsewhere / "sxstm.toml").write_text('[qa]\nfail-on = "info"\n', encoding="utf-8")  # not the nearest
    monkeypatch.chdir(elsewhere)
    assert main(["qa", str(docs), "-q", "--select", "SX402", "--exit-zero"]) == 0
    assert "SX402" not in capsys.readouterr().out
    monkeypatch.chdir(repository / "articles")
    one = next(docs.rglob("*.md"))
    assert main(["qa", str(one), "-q", "--select", "SX402", "--exit-zero"]) == 0
    assert "SX402" not in capsys.readouterr().out
    (repository / "pyproject.toml").unlink()  # no settings beside the files: the working folder's are used
    monkeypatch.chdir(elsewhere)
    assert main(["qa", str(docs), "-q", "--select", "SX402", "--exit-zero"]) == 0
    assert "SX402" in capsys.readouterr().out


def test_a_per_path_glob_matches_the_path_below_the_folder_named_as_reported_or_in_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repository = tmp_path / "repo"
    docs = repository / "articles" / "docs.pl-pl"
    shutil.copytree(CORPUS / "docs.pl-pl", docs)
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(repository)], check=True)
    monkeypatch.chdir(repository / "articles")
    globs = ["guide/*", "docs.pl-pl/guide/*"]  # below the folder named; as the report names the file
    globs += ["articles/docs.pl-pl/guide/*"] if shutil.which("git") else []  # from the repository root
    for glob in globs:
        assert main(["qa", "docs.pl-pl", "-q", "--select", "SX402", "--per-path-ignores", f"{glob}=SX402"]) == 0
        assert "SX402" not in capsys.readouterr().out
    assert main(["qa", "docs.pl-pl", "-q", "--select", "SX402", "--per-path-ignores", "elsewhere/*=SX402"]) == 0
    out = capsys.readouterr().out
    assert "docs.pl-pl/guide/sample.md" in out and "SX402" in out


def test_a_per_path_glob_in_settings_is_read_from_their_folder_and_misses_a_reviewed_file_beside_the_docs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = tmp_path / "articles"
    shutil.copytree(CORPUS / "docs.pl-pl", articles / "docs.pl-pl")
    (articles / "pyproject.toml").write_text(
        '[tool.sxstm.qa]\nper-path-ignores = { "docs.pl-pl/guide/*" = ["SX204"] }\n', encoding="utf-8"
    )
    for folder, docs in [(tmp_path, "articles/docs.pl-pl"), (articles / "docs.pl-pl", ".")]:
        monkeypatch.chdir(folder)
        assert main(["qa", docs, "-q", "--select", "SX204"]) == 0
        assert "SX204" not in capsys.readouterr().out
    monkeypatch.chdir(articles)
    assert main(["extract", "docs.pl-pl", "-q", "-f", "po", "-o", "review.po"]) == 0
    assert main(["qa", "review.po", "docs.pl-pl", "-q", "--select", "SX204"]) == 1
    out = capsys.readouterr().out
    assert "review.po" in out and "docs.pl-pl/guide" not in out


def test_a_severity_key_may_name_several_checks_and_globs_may_start_with_dot_slash_or_end_in_slash(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(CORPUS)
    assert main(["qa", "docs.pl-pl", "-q", "--select", "SX204,SX402", "--severity", "SX204,SX402=warning"]) == 0
    out = capsys.readouterr().out
    assert "warning SX204" in out and "warning SX402" in out and "error" not in out and "info" not in out
    for glob in ["./guide/", "./docs.pl-pl/guide/*", "guide/"]:
        assert main(["qa", "docs.pl-pl", "-q", "--select", "SX204", "--per-path-ignores", f"{glob}=SX204"]) == 0
        assert "SX204" not in capsys.readouterr().out
    assert main(["qa", "docs.pl-pl", "-q", "--severity", ",=error"]) == 2
    assert "empty check name in ','" in capsys.readouterr().err
