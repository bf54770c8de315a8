"""A document without a locale of its own takes the one the run's other documents declare."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sxstm.cli import main

PAIR = (
    '<span data-ttu-id="{id}">Execute `{target}` agora.</span>'
    '<span class="sxs-lookup"><span data-stu-id="{id}">Run `dotnet build` now.</span></span>\n'
)


def _document(locale: str | None, pair_id: str, target: str) -> str:
    front = f"---\nms.contentlocale: {locale}\n---\n" if locale else ""
    return front + "# Title\n\n" + PAIR.format(id=pair_id, target=target)


def _folder(tmp_path: Path, *locales: str) -> Path:
    folder = tmp_path / "repo"
    (folder / "articles").mkdir(parents=True)
    (folder / "README.md").write_text(_document(None, "r1", "dotnet biuld"), encoding="utf-8")
    for number, locale in enumerate(locales):
        (folder / "articles" / f"a{number}.md").write_text(_document(locale, f"a{number}", "dotnet build"), "utf-8")
    return folder


def test_readme_without_locale_is_checked_under_the_locale_the_others_declare(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, "pt-BR", "pt-br")
    assert main(["qa", str(folder), "--format", "json"]) == 1
    captured = capsys.readouterr()
    findings = json.loads(captured.out)
    findings = findings["findings"] if isinstance(findings, dict) else findings
    assert {Path(finding["path"]).name for finding in findings} == {"README.md"}  # absolute: outside the working folder
    assert "README.md: no locale of its own; read as pt-BR" in captured.err


@pytest.mark.parametrize("command", ["extract", "stats"])
def test_readme_without_locale_does_not_stop_extract_or_stats(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, "pt-BR")
    out = tmp_path / "out.jsonl"
    argv = [command, str(folder)] + (["-o", str(out)] if command == "extract" else [])
    assert main(argv) == 0
    assert "read as pt-BR" in capsys.readouterr().err
    if command == "extract":
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        pairs = [r for r in records if "document" not in r]  # a line per document, then its pairs
        assert {(r["id"], r["target_locale"]) for r in pairs} == {("a0", "pt-BR"), ("r1", "pt-BR")}


@pytest.mark.parametrize("locales", [("pt-BR", "de-DE"), ()], ids=["disagree", "none"])
def test_readme_without_locale_stops_the_run_when_the_others_do_not_agree(
    locales: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, *locales)
    assert main(["qa", str(folder)]) == 2
    assert "README.md: cannot tell the target locale" in capsys.readouterr().err
