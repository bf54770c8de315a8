"""The command line: exit codes, messages, output files."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from sxstm.checks import CHECKS
from sxstm.cli import main
from sxstm.cli.command import Command
from sxstm.cli.main import commands
from sxstm.formats import FORMATS

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_help_exits_zero_and_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(f"{command.name} " in out and command.help in out for command in commands())


@pytest.mark.parametrize("command", commands(), ids=lambda command: command.name)
def test_help_of_every_command_exits_zero_and_names_its_options(
    command: Command, capsys: pytest.CaptureFixture[str]
) -> None:
    options = argparse.ArgumentParser(add_help=False)
    command.add_arguments(options)
    shown = [action for action in options._actions if action.help != argparse.SUPPRESS]  # not old aliases
    names = [name for action in shown for name in action.option_strings]
    assert main([command.name, "--help"]) == 0
    out = capsys.readouterr().out
    assert names and [name for name in names if name not in out] == []


def test_extract_help_lists_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--help"]) == 0
    out = capsys.readouterr().out
    assert all(f"  {name} " in out for name in FORMATS)


def test_extract_writes_the_format_named_by_the_suffix(tmp_path: Path) -> None:
    assert main(["extract", str(CORPUS), "-q", "-o", str(tmp_path / "out.jsonl")]) == 0
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    records = [line for line in lines if "document" not in line]  # a line per document, then its pairs
    assert len(records) == 42 and {r["target_locale"] for r in records} == {"pl-PL", "de-DE", "ja-JP", "fr-FR"}
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]  # no temporary file left


def test_extract_to_stdout_needs_a_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(CORPUS / "docs.pl-pl"), "-o", "-"]) == 2
    assert "--format" in capsys.readouterr().err
    assert main(["extract", str(CORPUS / "docs.pl-pl"), "-q", "-o", "-", "--format", "xliff2"]) == 0
    assert capsys.readouterr().out.startswith('<?xml version="1.0"')


def test_a_run_loads_only_its_own_commands_modules(tmp_path: Path) -> None:
    """An export never imports the checks, nor the merge; a check never imports the merge."""
    probe = (
        "import sys; from sxstm.cli import main; main(sys.argv[1:]);"
        " print(sorted(m for m in ('sxstm.checks', 'sxstm.cli.merge', 'sxstm.cli.qa') if m in sys.modules))"
    )
    runs = {
        "extract": ["extract", str(CORPUS / "docs.pl-pl"), "-q", "-j", "1", "-o", str(tmp_path / "o.tmx")],
        "qa": ["qa", str(CORPUS / "docs.pl-pl"), "-q", "-j", "1", "--exit-zero", "-o", str(tmp_path / "qa.txt")],
    }
    loaded = {
        name: subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True, check=True).stdout
        for name, argv in runs.items()
    }
    assert loaded == {"extract": "[]\n", "qa": "['sxstm.checks', 'sxstm.cli.qa']\n"}


def test_xliff2_refuses_several_locales_in_one_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(CORPUS), "-q", "-f", "xliff2", "-o", str(tmp_path / "x.xlf")]) == 2
    assert "--split" in capsys.readouterr().err
    assert not (tmp_path / "x.xlf").exists()


def test_split_writes_one_file_per_document(tmp_path: Path) -> None:
    assert main(["extract", str(CORPUS), "-q", "--split", "-f", "po", "-o", str(tmp_path)]) == 0
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.po")) == [
        "docs.de-de/guide/sample.md.po",
        "docs.ja-jp/guide/sample.md.po",
        "docs.pl-pl/guide/sample.md.po",
        "samples.fr-fr/ISSUE_TEMPLATE.md.po",
        "samples.fr-fr/no-final-newline.md.po",
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["extract", "no/such/folder", "-o", "x.tmx"], "no such file or folder"),
        (["extract", str(CORPUS), "-o", "x.docx"], "cannot tell the format"),
        (["extract", str(CORPUS), "-o", "x.tmx", "--target-lang", "polish"], "not a locale"),
        (["extract", str(CORPUS), "-o", "x.tmx", "-j", "0"], "--jobs"),
        (["extract", str(CORPUS), "-o", "x.tmx", "--format", "docx"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2_with_a_message(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_binary_file_named_explicitly_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    binary = tmp_path / "image.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    assert main(["extract", str(binary), str(CORPUS / "docs.pl-pl"), "-q", "-o", str(tmp_path / "o.tmx")]) == 2
    assert "binary file" in capsys.readouterr().err
    assert (tmp_path / "o.tmx").exists()  # the other files are exported


def test_folder_without_pairs_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "plain.md").write_text("# Just English\n", encoding="utf-8")
    assert main(["extract", str(tmp_path), "-o", str(tmp_path / "o.tmx")]) == 2
    assert "no sxs span pairs" in capsys.readouterr().err
    assert not (tmp_path / "o.tmx").exists()


def test_missing_locale_stops_the_run_naming_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.md").write_bytes((CORPUS / "samples.fr-fr" / "ISSUE_TEMPLATE.md").read_bytes())
    assert main(["extract", str(tmp_path), "-o", str(tmp_path / "o.tmx")]) == 2
    assert "a.md: cannot tell the target locale" in capsys.readouterr().err
    assert main(["extract", str(tmp_path), "-q", "--target-lang", "fr-fr", "-o", str(tmp_path / "o.tmx")]) == 0


def test_settings_come_from_pyproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.md").write_bytes((CORPUS / "samples.fr-fr" / "ISSUE_TEMPLATE.md").read_bytes())
    (tmp_path / "pyproject.toml").write_text('[tool.sxstm]\ntarget-lang = "fr-CA"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["extract", "a.md", "-q", "-o", "o.jsonl"]) == 0
    assert json.loads((tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()[0])["target_locale"] == "fr-CA"


def test_unknown_setting_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sxstm.toml").write_text('[tool.sxstm]\ncolour = "red"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["stats", str(CORPUS)]) == 2
    assert "unknown setting 'colour'" in capsys.readouterr().err


def test_stats_counts_pairs_per_locale(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(CORPUS), "--json", "-q"]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert counts["total"]["pairs"] == 42 and counts["locales"]["ja-JP"]["pairs"] == 8
    assert counts["total"]["identical"] == 1 and counts["total"]["in_code"] == 2
    assert "findings" not in counts["total"]  # qa counts findings; stats would count only the reader's


def test_python_dash_m_runs_the_same_command() -> None:
    result = subprocess.run([sys.executable, "-m", "sxstm", "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout.startswith("sxstm ")


def test_command_line_wins_over_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.md").write_bytes((CORPUS / "samples.fr-fr" / "ISSUE_TEMPLATE.md").read_bytes())
    (tmp_path / "pyproject.toml").write_text('[tool.sxstm]\ntarget-lang = "fr-CA"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["extract", "a.md", "-q", "--target-lang", "fr-BE", "-o", "o.jsonl"]) == 0
    assert json.loads((tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()[0])["target_locale"] == "fr-BE"


@pytest.mark.parametrize(
    ("setting", "message"),
    [('jobs = "two"', "takes a whole number"), ("quiet = 1", "true or false"), ('exclude = "x"', "a list of strings")],
)
def test_setting_of_the_wrong_type_is_a_usage_error(
    setting: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sxstm.toml").write_text(f"[tool.sxstm]\n{setting}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["stats", str(CORPUS)]) == 2
    assert message in capsys.readouterr().err


def test_output_into_a_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(CORPUS), "-q", "-f", "tmx", "-o", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_restore_writes_the_whole_tree(tmp_path: Path) -> None:
    assert main(["restore", str(CORPUS), "--side", "target", "-q", "-o", str(tmp_path / "out")]) == 0
    text = (tmp_path / "out" / "docs.pl-pl" / "guide" / "sample.md").read_text(encoding="utf-8")
    assert "sxs-lookup" not in text and "Przewodnik próbny" in text
    assert (tmp_path / "out" / "README.md").read_bytes() == (CORPUS / "README.md").read_bytes()


def test_restore_refuses_an_output_folder_inside_its_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.md").write_text("x\n", encoding="utf-8")
    assert main(["restore", str(tmp_path), "--side", "source", "-o", str(tmp_path / "out")]) == 2
    assert "inside DOCS" in capsys.readouterr().err


def test_qa_reports_findings_and_exits_1_or_0_as_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qa", str(CORPUS), "-q"]) == 1
    assert "SX204 html-tag-changed" in capsys.readouterr().out
    assert main(["qa", str(CORPUS), "-q", "--exit-zero"]) == 0
    assert main(["qa", str(CORPUS / "docs.de-de"), "-q"]) == 0
    assert main(["qa", str(CORPUS), "-q", "--format", "json", "--output", str(tmp_path / "qa.json")]) == 1
    report = json.loads((tmp_path / "qa.json").read_text(encoding="utf-8"))
    assert report["version"] == 1 and report["summary"] == {"error": 2, "info": 2}


def test_qa_lists_its_checks(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qa", "--list-checks"]) == 0
    listed = capsys.readouterr().out
    assert all(f"{code}  {c.name}" in listed for code, c in CHECKS.items())
    assert "SX002  orphan-target-span" in listed
    assert main(["qa"]) == 2


def test_qa_sarif_junit_and_github_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(CORPUS.parent)  # reports name files relative to the working folder
    for report, name in (("sarif", "qa.sarif"), ("junit", "qa-junit.xml"), ("github", "qa.txt")):
        assert main(["qa", str(CORPUS), "-q", "--format", report, "--output", str(tmp_path / name)]) == 1
    sarif = json.loads((tmp_path / "qa.sarif").read_text(encoding="utf-8"))
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "SX204")
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == "SX204"
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 41,
        "startColumn": 188,
    }  # where the lost tag would stand
    assert result["partialFingerprints"]["sxstmFinding/v2"].startswith(
        "SX204#corpus/docs.pl-pl/guide/sample.md#a1b2c-119#"
    )
    github = (tmp_path / "qa.txt").read_text(encoding="utf-8").splitlines()
    assert any(
        line.startswith("::error file=corpus/docs.pl-pl/guide/sample.md,line=41,col=188,title=SX204 html-tag-changed::")
        for line in github
    )
    assert any(line.startswith("::notice file=") for line in github)  # info findings


def test_github_commands_are_escaped_and_capped() -> None:
    import io

    from sxstm.model import Finding, Severity
    from sxstm.reports import Report
    from sxstm.reports.github import GITHUB_LIMIT, report_github

    many = [Finding("a,b:c.md", 1, 2, Severity.ERROR, "SX201", "code-span-changed", "50%\nlost") for _ in range(12)]
    out = io.StringIO()
    report_github(Report(many), out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "::error file=a%2Cb%3Ac.md,line=1,col=2,title=SX201 code-span-changed::50%25%0Alost"
    assert len(lines) == GITHUB_LIMIT + 1 and lines[-1].startswith("::notice title=sxstm qa::2 more errors")


def test_qa_select_and_ignore_by_code_or_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    assert main(["qa", str(CORPUS), "-q", "--ignore", "html-tag-changed"]) == 0
    assert main(["qa", str(CORPUS), "-q", "--select", "SX201"]) == 0
    assert main(["qa", str(CORPUS), "-q", "--select", "no-such-check"]) == 2
    (tmp_path / "pyproject.toml").write_text('[tool.sxstm.qa]\nignore = ["SX204"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["qa", str(CORPUS), "-q"]) == 0


def test_qa_settings_change_severities_and_ignore_by_path_and_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = tmp_path / "pyproject.toml"
    settings.write_text('[tool.sxstm.qa]\nseverity = { SX304 = "error" }\nignore = ["SX204"]\n', encoding="utf-8")
    assert main(["qa", str(CORPUS), "-q"]) == 1
    assert "error SX304 edge-whitespace-changed" in capsys.readouterr().out
    settings.write_text(
        '[tool.sxstm.qa]\nseverity = { edge-whitespace-changed = "error" }\nignore = ["SX204"]\n'
        'per-path-ignores = { "samples.*" = ["SX304"] }\n',
        encoding="utf-8",
    )
    assert main(["qa", str(CORPUS), "-q"]) == 0
    settings.write_text('[tool.sxstm.qa]\nseverity = { SX304 = "error" }\nignore = ["SX204"]\n', encoding="utf-8")
    assert main(["qa", str(CORPUS), "-q", "--per-locale-ignores", "pl-PL=SX304"]) == 1  # the SX304 is in fr-FR
    assert main(["qa", str(CORPUS), "-q", "--per-locale-ignores", "fr-FR=SX304"]) == 0
    settings.write_text('[tool.sxstm.qa]\nseverity = { SX304 = "fatal" }\n', encoding="utf-8")
    assert main(["qa", str(CORPUS), "-q"]) == 2


def test_qa_checks_a_reviewed_export_at_its_own_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for suffix in ("xlf", "po"):
        review = tmp_path / f"review.{suffix}"
        assert main(["extract", str(CORPUS / "docs.pl-pl"), "-q", "-o", str(review)]) == 0
        assert main(["qa", str(review), "-q", "--select", "SX204"]) == 1
        (line,) = [line for line in capsys.readouterr().out.splitlines() if "SX204" in line][:1]
        number = int(line.split(":")[1])
        assert (
            line.startswith(f"{review}:")
            and "a1b2c-119" in review.read_text(encoding="utf-8").splitlines()[number - 1 : number + 6].__str__()
        )


def test_qa_of_a_reviewed_po_judges_by_the_language_its_header_or_target_lang_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # German lets a preposition stand for another in one sentence translated twice (SX406);
    # without the locale, "unter" was a term of five letters.
    entries = "".join(
        f'#: docs/a.md:{number}\nmsgctxt "a1b2c-10{number}"\nmsgid "For more information, see the following topics:"\n'
        f'msgstr "Weitere Informationen finden Sie {word} den folgenden Themen:"\n\n'
        for number, word in ((1, "in"), (2, "unter"))
    )
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    german, unknown = tmp_path / "de.po", tmp_path / "unknown.po"
    german.write_text(header + '"Language: de_DE\\n"\n\n' + entries, encoding="utf-8")
    unknown.write_text(header + "\n" + entries, encoding="utf-8")
    found = []
    for argv in (
        [str(german)],
        [str(unknown)],
        [str(unknown), "--target-lang", "de-DE"],  # for a file that names no language
        [str(german), "--target-lang", "fr-FR"],  # not over the one the file names
    ):
        assert main(["qa", *argv, "-q", "--select", "SX406"]) == 0  # an info
        found.append("SX406" in capsys.readouterr().out)
    assert found == [False, True, False, False]
    assert main(["qa", str(unknown), "-q", "--target-lang", "xx-not-a-locale!"]) == 2


def test_extract_qa_attaches_findings_for_reviewers(tmp_path: Path) -> None:
    assert main(["extract", str(CORPUS / "docs.pl-pl"), "-q", "--qa", "-o", str(tmp_path / "r.xlf")]) == 0
    assert '<note from="sxstm-qa" priority="1">error SX204 html-tag-changed:' in (tmp_path / "r.xlf").read_text()
    assert main(["extract", str(CORPUS / "docs.pl-pl"), "-q", "--qa", "-o", str(tmp_path / "r.po")]) == 0
    entry = next(e for e in polib.pofile(str(tmp_path / "r.po")) if e.msgctxt == "a1b2c-119")
    assert entry.tcomment.startswith("qa: error SX204 html-tag-changed:")
    assert main(["extract", str(CORPUS / "docs.pl-pl"), "-q", "--qa", "-o", str(tmp_path / "r.tmx")]) == 2


def test_a_glossary_makes_its_terms_protected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    glossary = tmp_path / "terms.tbx"
    glossary.write_text(
        '<?xml version="1.0"?><martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p/>'
        '</sourceDesc></fileDesc></martifHeader><text><body><termEntry><langSet xml:lang="en"><tig>'
        '<term>guide</term></tig></langSet><langSet xml:lang="pl"><tig><term>poradnik</term></tig></langSet>'
        "</termEntry></body></text></martif>",
        encoding="utf-8",
    )
    assert main(["qa", str(CORPUS / "docs.pl-pl"), "-q", "--select", "SX213", "--glossary", str(glossary)]) == 1
    assert "poradnik is not in the translation" in capsys.readouterr().out
    assert main(["qa", str(CORPUS), "-q", "--glossary", str(tmp_path / "none.csv")]) == 2
    (tmp_path / "sxstm.toml").write_text('[qa]\nglossary = "terms.tbx"\nselect = ["SX213"]\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")  # the glossary is found beside the settings
    capsys.readouterr()
    assert main(["qa", str(CORPUS / "docs.pl-pl"), "-q"]) == 1
    assert "poradnik is not in the translation" in capsys.readouterr().out
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.tbx").write_text("<martif><bad", encoding="utf-8")
    capsys.readouterr()
    assert main(["qa", str(CORPUS), "-q", "--glossary", str(tmp_path / "broken.tbx")]) == 2
    assert "broken.tbx:1:13: cannot read the TBX glossary" in capsys.readouterr().err
    (tmp_path / "open.csv").write_text('term,target\n"unclosed\n', encoding="utf-8")
    (tmp_path / "latin.csv").write_bytes(b"caf\xe9\n")
    for name, where in (
        ("open.csv", "open.csv:2:1: not CSV"),
        ("latin.csv", "latin.csv:1:4: the glossary is not UTF-8"),
    ):
        assert main(["qa", str(CORPUS), "-q", "--glossary", str(tmp_path / name)]) == 2
        assert where in capsys.readouterr().err
    assert main(["qa", str(CORPUS), "-q", "--severity", "SX201=fatal"]) == 2
    assert "error, warning or info" in capsys.readouterr().err


def test_baseline_round_trip_reports_only_new_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(CORPUS, docs)
    baseline = tmp_path / "baseline.json"
    assert main(["qa", str(docs), "-q", "--write-baseline", str(baseline)]) == 0
    assert main(["qa", str(docs), "-q", "--baseline", str(baseline)]) == 0
    assert capsys.readouterr().out == ""
    sample = docs / "docs.ja-jp" / "guide" / "sample.md"
    sample.write_text(
        sample.read_text(encoding="utf-8").replace("このガイドでは、<xref:System.IO.File>", "このガイドでは、"),
        encoding="utf-8",
    )
    assert main(["qa", str(docs), "-q", "--baseline", str(baseline)]) == 1
    out = [line for line in capsys.readouterr().out.splitlines() if not line.startswith("    ")]
    assert len(out) == 1 and "SX203 xref-changed" in out[0]


def test_broken_baseline_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "b.json").write_text("[]", encoding="utf-8")
    assert main(["qa", str(CORPUS), "-q", "--baseline", str(tmp_path / "b.json")]) == 2
    assert "b.json: not an sxstm baseline" in capsys.readouterr().err


def test_binary_file_alone_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    binary = tmp_path / "image.md"
    binary.write_bytes(b"\x89PNG\0\0")
    assert main(["extract", str(binary), "-o", str(tmp_path / "o.tmx")]) == 2
    assert "nothing was written" in capsys.readouterr().err
    assert not (tmp_path / "o.tmx").exists()


def test_qa_prints_findings_of_a_document_without_pairs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "docs.pl-pl").mkdir()
    (tmp_path / "docs.pl-pl" / "broken.md").write_text('<span data-ttu-id="a-1">orphan\n', encoding="utf-8")
    shutil.copy(CORPUS / "docs.pl-pl" / "guide" / "sample.md", tmp_path / "docs.pl-pl" / "good.md")
    assert main(["qa", str(tmp_path), "-q", "--select", "SX207"]) == 1
    assert "broken.md:1:1: error:" in capsys.readouterr().err


def test_qa_and_stats_take_dash_o_as_extract_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample = str(CORPUS / "docs.pl-pl" / "guide" / "sample.md")
    main(["qa", sample, "-q", "--exit-zero", "--format", "json", "-o", str(tmp_path / "qa.json")])
    main(["stats", sample, "-q", "--format", "html", "-o", str(tmp_path / "stats.html")])
    assert json.loads((tmp_path / "qa.json").read_text(encoding="utf-8"))["findings"]
    assert (tmp_path / "stats.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    main(["qa", sample, "-q", "--exit-zero", "--format", "json", "-o", "-"])
    assert json.loads(capsys.readouterr().out)["findings"]
