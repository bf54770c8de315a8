"""qa of a reviewed file alone reports, as merge refuses, a target that breaks its table cell
(issue #13): the block context the export wrote beside each unit is read back."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from sxstm.cli import main
from sxstm.formats import read_reviewed
from sxstm.sxs.reader import parse_document

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SAMPLE = CORPUS / "docs.pl-pl" / "guide" / "sample.md"
CELL = "Nazwa"  # the target of a1b2c-108, a table cell
SENTENCE = "To jest pierwsze zdanie."  # the target of a1b2c-104, a paragraph
SPLIT = "a1b2c-108: a | in a table cell would split the cell (write \\| for a pipe)"

# format, suffix, the target as the file writes it, where a unit starts
FORMATS = {
    "xliff": ("xlf", ">{}<", "<trans-unit "),
    "xliff2": ("xlf", ">{}<", "<unit "),
    "po": ("po", 'msgstr "{}"', "#. context: "),
    "tmx": ("tmx", "<seg>{}</seg>", "<tu "),
}


def reviewed(tmp_path: Path, fmt: str, old: str, new: str) -> tuple[Path, int]:
    """Export the sample with a table as ``fmt``, put ``new`` in place of the target ``old``
    (file syntax as is); return the file and the line its edited unit starts at."""
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copyfile(SAMPLE, docs / "sample.md")
    suffix, written, unit_start = FORMATS[fmt]
    path = tmp_path / f"r.{suffix}"
    assert main(["extract", str(docs), "-q", "--no-fuzzy", "-f", fmt, "-o", str(path)]) == 0
    text = path.read_text(encoding="utf-8")
    at = text.index(written.format(old))
    assert text.count(written.format(old)) == 1
    path.write_text(text.replace(written.format(old), written.format(new)), encoding="utf-8")
    return path, text.count("\n", 0, text.rindex(unit_start, 0, at)) + 1


def sx010(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, object]]]:
    capsys.readouterr()
    code = main(["qa", str(path), "-q", "--format", "json"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, [finding for finding in json.loads(out)["findings"] if finding["code"] == "SX010"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_qa_reports_a_pipe_added_to_a_table_cell_as_sx010_at_the_units_line(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, line = reviewed(tmp_path, fmt, CELL, "A | B | C")
    code, findings = sx010(path, capsys)
    assert code == 1
    assert [(f["line"], f["message"]) for f in findings] == [(line, SPLIT)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_qa_accepts_an_escaped_pipe_in_a_table_cell(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    escaped = "A \\\\| B" if fmt == "po" else "A \\| B"
    path, _ = reviewed(tmp_path, fmt, CELL, escaped)
    assert [unit.target for unit in read_reviewed(path) if unit.pair_id == "a1b2c-108"] == ["A \\| B"]
    assert sx010(path, capsys)[1] == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_qa_accepts_a_pipe_in_a_paragraph(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = reviewed(tmp_path, fmt, SENTENCE, "A | B | C")
    assert sx010(path, capsys)[1] == []


def test_qa_reports_a_newline_in_a_table_cell_as_sx010(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, line = reviewed(tmp_path, "po", CELL, "A\\nB")
    message = "a1b2c-108: a newline in a table cell would break the table"
    assert [(f["line"], f["message"]) for f in sx010(path, capsys)[1]] == [(line, message)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_unit_read_back_has_the_block_context_of_its_pair(fmt: str, tmp_path: Path) -> None:
    folder = CORPUS / "docs.pl-pl"
    path = tmp_path / f"corpus.{FORMATS[fmt][0]}"
    assert main(["extract", str(folder), "-q", "-f", fmt, "-o", str(path)]) == 0
    contexts = {}
    for document in sorted(folder.rglob("*.md")):
        name = document.relative_to(folder).as_posix()
        contexts.update(((name, p.id), p.context) for p in parse_document(document.read_bytes(), name).pairs)
    units = list(read_reviewed(path))
    assert units and any("table-cell" in unit.context for unit in units)
    assert all(unit.context == contexts[(unit.path, unit.pair_id)] for unit in units)


def test_a_file_without_block_contexts_reads_as_before(tmp_path: Path) -> None:
    path, _ = reviewed(tmp_path, "po", CELL, CELL)
    path.write_text(re.sub(r"#\. context: [^\n]*\n", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    assert {unit.context for unit in read_reviewed(path)} == {""}
