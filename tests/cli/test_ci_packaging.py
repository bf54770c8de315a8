"""The CI packaging: the pre-commit hook, run by the real pre-commit, and the GitHub Action's metadata."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
GIT = ["git", "-c", "user.name=sxstm", "-c", "user.email=sxstm@example.com", "-c", "commit.gpgsign=false"]
PAIR = (
    "---\nms.contentlocale: pl-pl\n---\n# Tytuł\n\n"
    '<span data-ttu-id="p1">Użyj polecenia `{target}`.</span>'
    '<span class="sxs-lookup"><span data-stu-id="p1">Use the `dotnet build` command.</span></span>\n'
)


def _commit_all(folder: Path) -> None:
    subprocess.run([*GIT, "init", "-q"], cwd=folder, check=True)
    subprocess.run([*GIT, "add", "."], cwd=folder, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "snapshot"], cwd=folder, check=True)


def _hook_repository(folder: Path) -> Path:
    """A committed copy of what pip needs to install this working tree, with the hook file."""
    folder.mkdir()
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(REPO / name, folder / name)
    shutil.copytree(REPO / "src", folder / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    _commit_all(folder)
    return folder


@pytest.mark.skipif(
    importlib.util.find_spec("pre_commit") is None or shutil.which("git") is None,
    reason="needs the pre-commit package (pip install -e '.[test]') and git",
)
def test_pre_commit_hook_fails_on_a_staged_defect_and_passes_after_the_fix_or_where_settings_ignore_it(
    tmp_path: Path,
) -> None:
    hooks = _hook_repository(tmp_path / "sxstm")
    docs = tmp_path / "docs"
    (docs / "articles").mkdir(parents=True)
    (docs / "README.txt").write_text("docs\n", encoding="utf-8")
    _commit_all(docs)
    page = docs / "articles" / "page.md"
    # pre-commit installs the hook's virtualenv with pip from the local path: offline, pip must find
    # setuptools and the dependencies in its configured index or wheel folder.
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}

    def run_hook() -> subprocess.CompletedProcess[str]:
        subprocess.run(["git", "add", "."], cwd=docs, check=True)
        command = [sys.executable, "-m", "pre_commit", "try-repo", str(hooks), "sxstm-qa"]
        return subprocess.run(command, cwd=docs, env=env, capture_output=True, text=True, check=False)

    page.write_text(PAIR.format(target="dotnet biuld"), encoding="utf-8")
    failed = run_hook()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout and "page.md:6:39: error SX201 code-span-changed" in failed.stdout, failed.stdout

    page.write_text(PAIR.format(target="dotnet build"), encoding="utf-8")
    passed = run_hook()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout

    # pre-commit names files from the repository root (articles/page.md) and qa then reads them
    # below their own folder: a glob of the repository's settings matches in that form too.
    (docs / "pyproject.toml").write_text(
        '[tool.sxstm.qa]\nper-path-ignores = { "articles/*" = ["code-span-changed"] }\n', encoding="utf-8"
    )
    page.write_text(PAIR.format(target="dotnet biuld"), encoding="utf-8")
    ignored = run_hook()
    assert ignored.returncode == 0, ignored.stdout + ignored.stderr
    assert "Passed" in ignored.stdout


def test_pre_commit_hook_checks_markdown_with_sxstm_qa() -> None:
    yaml = pytest.importorskip("yaml", reason="PyYAML reads the hook file")
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["language"], hook["types"]) == (
        "sxstm-qa",
        "sxstm qa",
        "python",
        ["markdown"],
    )
    assert hook.get("pass_filenames", True) is True


def test_action_is_a_composite_action_whose_run_steps_name_a_shell() -> None:
    yaml = pytest.importorskip("yaml", reason="PyYAML reads action.yml")
    action: dict[str, Any] = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["name"] and action["description"] and action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    assert [step.get("name") for step in steps if "run" in step and "shell" not in step] == []
    assert all(("run" in step) != ("uses" in step) for step in steps)
    uses = [step["uses"].split("@")[0] for step in steps if "uses" in step]
    assert uses == ["actions/setup-python", "github/codeql-action/upload-sarif"]
    runs = " ".join(step["run"] for step in steps if "run" in step)
    assert "--format sarif" in runs and "--format github" in runs and '"$GITHUB_ACTION_PATH"' in runs
    assert set(action["inputs"]) >= {"docs", "args"}
