"""Reports name files a user can open, and baselines hold, from any folder of a repository.

A temporary git repository keeps its docs under ``articles/``; QA runs from the root, from
``articles/`` and on a list of files, the way CI and editors run it.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from sxstm.cli import main
from sxstm.cli.paths import ReportPaths

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
ODD = "docs.pl-pl/nowy plik #1 ż.md"  # a space, a hash and a non-ASCII letter, which URIs encode
PAIR = (
    '<span data-ttu-id="p-1">Uruchom `foo` i `baz`  teraz 1000 razy.</span>'
    '<span class="sxs-lookup"><span data-stu-id="p-1">Run `foo` and `bar` now 10 times.</span></span>\n'
)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git repository with sxs documents under ``articles/``, one with a pair of three findings."""
    root = tmp_path / "repo"
    (root / "articles" / "docs.pl-pl" / "guide").mkdir(parents=True)
    sample = (CORPUS / "docs.pl-pl" / "guide" / "sample.md").read_bytes()
    (root / "articles" / "docs.pl-pl" / "guide" / "sample.md").write_bytes(sample)
    front_matter = sample[: sample.index(b"---\n", 4) + 4]
    (root / "articles" / ODD).write_bytes(front_matter + PAIR.encode())
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def _runs(root: Path) -> Iterator[tuple[Path, list[str]]]:
    """Where a run starts and the DOCS it names: the root, articles/, and a list of files."""
    yield root, ["articles"]
    yield root / "articles", ["."]
    yield root / "articles" / "docs.pl-pl", ["guide/sample.md", "nowy plik #1 ż.md"]


def _qa(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    main(["qa", "-q", "--exit-zero", *args])
    return capsys.readouterr().out


def test_reports_name_files_that_exist_relative_to_the_working_folder(
    repository: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder, docs in _runs(repository):
        monkeypatch.chdir(folder)
        text = _qa(docs, capsys)
        named = {line.split(":", 1)[0] for line in text.splitlines() if not line.startswith(" ")}
        github = _qa([*docs, "--format", "github"], capsys)
        named |= {line.split("file=", 1)[1].split(",", 1)[0] for line in github.splitlines() if "file=" in line}
        gitlab = json.loads(_qa([*docs, "--format", "gitlab"], capsys))
        named |= {issue["location"]["path"] for issue in gitlab}
        assert len(named) == 2, (folder, named)
        assert all((folder / name).is_file() and not Path(name).is_absolute() for name in named), (folder, named)


def test_sarif_uris_resolve_against_srcroot_from_every_folder(
    repository: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], validator, tmp_path: Path
) -> None:
    for number, (folder, docs) in enumerate(_runs(repository)):
        monkeypatch.chdir(folder)
        written = tmp_path / f"qa{number}.sarif"
        main(["qa", "-q", "--exit-zero", *docs, "--format", "sarif", "--output", str(written)])
        assert validator(written) == []
        run = json.loads(written.read_text(encoding="utf-8"))["runs"][0]
        root = Path(unquote(urlsplit(run["originalUriBaseIds"]["%SRCROOT%"]["uri"]).path))
        assert root == repository.resolve()
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
        assert "articles/docs.pl-pl/nowy%20plik%20%231%20%C5%BC.md" in uris
        for result in run["results"]:
            location = result["locations"][0]["physicalLocation"]["artifactLocation"]
            assert location["uriBaseId"] == "%SRCROOT%"
            assert (root / unquote(location["uri"])).is_file()


def test_a_baseline_holds_from_every_folder_and_on_single_files(
    repository: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = repository / "baseline.json"
    monkeypatch.chdir(repository)
    assert main(["qa", "-q", "articles", "--write-baseline", str(baseline)]) == 0
    capsys.readouterr()
    for folder, docs in _runs(repository):
        monkeypatch.chdir(folder)
        assert _qa([*docs, "--baseline", str(baseline), "--fail-on", "info"], capsys) == "", folder
        for doc in docs:
            assert main(["qa", doc, "--baseline", str(baseline), "--fail-on", "info"]) == 0, (folder, doc)
            captured = capsys.readouterr()
            assert captured.out == "" and "stale entry" not in captured.err  # the other files' entries
    (repository / "articles" / ODD).unlink()
    monkeypatch.chdir(repository)
    main(["qa", "articles", "--baseline", str(baseline)])
    assert "stale entry" not in capsys.readouterr().err  # a document not checked: its entries are not judged


def test_a_changed_code_span_gives_one_new_finding_not_its_pairs_others(
    repository: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = repository / "baseline.json"
    monkeypatch.chdir(repository)
    assert main(["qa", "-q", "articles", "--write-baseline", str(baseline)]) == 0
    before = [line for line in _qa(["articles"], capsys).splitlines() if "p-1" in line or "nowy" in line]
    assert len([line for line in before if not line.startswith(" ")]) >= 2  # the pair has two findings
    document = repository / "articles" / ODD
    document.write_text(document.read_text(encoding="utf-8").replace("`foo` i", "`fooo` i"), encoding="utf-8")
    new = [line for line in _qa(["articles", "--baseline", str(baseline)], capsys).splitlines()]
    found = [line for line in new if not line.startswith(" ")]
    assert len(found) == 1 and "`foo`" in found[0], new


def test_junit_has_a_case_per_document_and_fails_only_at_fail_on(
    repository: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], validator, tmp_path: Path
) -> None:
    import xml.etree.ElementTree as ElementTree

    sample = repository / "articles" / "docs.pl-pl" / "guide" / "sample.md"
    text = sample.read_text(encoding="utf-8")
    (sample.parent / "clean.md").write_text(
        text[: text.index("---\n", 4) + 4] + PAIR.replace("`baz`  teraz 1000", "`bar` teraz 10"),
        encoding="utf-8",
    )
    monkeypatch.chdir(repository)
    written = tmp_path / "qa.xml"
    assert main(["qa", "-q", "articles", "--format", "junit", "--output", str(written), "--fail-on", "error"]) == 1
    assert validator(written) == []
    cases = {case.get("name"): case for case in ElementTree.parse(written).iter("testcase")}
    assert set(cases) == {
        "articles/docs.pl-pl/guide/clean.md",
        "articles/docs.pl-pl/guide/sample.md",
        f"articles/{ODD}",
    }
    assert cases["articles/docs.pl-pl/guide/clean.md"].find("failure") is None  # a passing case
    sample_case = cases["articles/docs.pl-pl/guide/sample.md"]
    assert [child.tag for child in sample_case] == ["failure", "system-out"]
    assert "SX402" in (sample_case.findtext("system-out") or "")  # an info: output, not a failure
    assert "SX402" not in (sample_case.findtext("failure") or "")


def test_paths_worked_out_per_folder_match_those_of_each_file_resolved_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ReportPaths resolves each folder once, as the file names it; a linked file, a linked folder,
    # a ".." after a link, a folder written two ways and a file outside the working folder must
    # come out as resolving each file alone gives.
    root = tmp_path / "repo"
    (root / "docs" / "sub").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    for name in ("docs/a.md", "docs/sub/b.md", "top.md"):
        (root / name).write_text("x")
    (tmp_path / "elsewhere" / "c.md").write_text("x")
    (root / "docs" / "linked").symlink_to(root / "docs" / "sub")
    (root / "docs" / "link.md").symlink_to(root / "top.md")
    (root / "docs" / "out").symlink_to(tmp_path / "elsewhere")
    monkeypatch.chdir(root / "docs")
    paths = ReportPaths(Path.cwd(), root.resolve())
    files = [
        "a.md",
        "sub/b.md",
        "linked/b.md",
        "link.md",
        "out/c.md",
        "linked/../a.md",
        "out/../c.md",
        "../top.md",
        "sub/../a.md",
        "./a.md",
        "sub//b.md",
        "linked/./b.md",
        "linked/../../top.md",
        str(root / "docs" / "linked" / "b.md"),
    ]
    for file in files * 2:  # the second time from the folders' cache
        absolute = os.path.abspath(file)
        relative = os.path.relpath(absolute)
        real = Path(os.path.realpath(file))
        assert paths.shown(file) == (absolute if relative.startswith("..") else relative)
        assert paths.in_repository(file) == (real.relative_to(root) if real.is_relative_to(root) else real).as_posix()
