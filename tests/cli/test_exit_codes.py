"""Every error is an SxstmError whose exit code says whose fault it is; reader problems carry their codes."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from sxstm.checks import resolve
from sxstm.cli import main
from sxstm.errors import InputError, LocaleError, OutputError, SxstmError, UnreadableDocumentError, UsageError
from sxstm.sxs.reader import read_document

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_each_error_class_exits_with_the_code_of_whose_fault_it_is() -> None:
    assert (InputError.exit_code, OutputError.exit_code) == (1, 1)  # the data or the disk
    assert (UsageError.exit_code, LocaleError.exit_code) == (2, 2)  # the request
    assert not issubclass(OutputError, UsageError)


def test_an_output_that_cannot_be_written_exits_1_not_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    assert main(["extract", str(CORPUS), "-q", "-o", str(blocker / "out.tmx")]) == 1
    err = capsys.readouterr().err
    assert "cannot write here" in err and "Traceback" not in err


def test_a_binary_document_is_reported_as_sx006_at_its_first_nul(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = tmp_path / "image.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    with pytest.raises(UnreadableDocumentError) as raised:
        read_document(binary, name="image.md")
    assert (raised.value.finding.code, raised.value.finding.line, raised.value.finding.column) == ("SX006", 3, 1)
    assert main(["extract", str(binary), str(CORPUS / "docs.pl-pl"), "-q", "-o", str(tmp_path / "o.tmx")]) == 2
    assert "image.md:3:1: error: binary file (it holds NUL bytes), not sxs markdown [SX006 binary-file]" in (
        capsys.readouterr().err
    )


def test_an_unreadable_document_is_reported_as_sx005(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocumentError) as raised:
        read_document(tmp_path, name="folder.md")  # a folder: read_bytes fails
    assert raised.value.finding.code == "SX005"
    assert str(raised.value.finding).startswith("folder.md:1:1: error: cannot read")


def test_errors_cross_process_boundaries_intact() -> None:
    error = UnreadableDocumentError(_finding())
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), again.finding, str(again)) == (UnreadableDocumentError, error.finding, str(error))


def test_an_unknown_check_is_a_usage_error_of_the_library() -> None:
    with pytest.raises(UsageError, match="unknown check 'SX999'"):
        list(resolve(["SX999"]))
    assert issubclass(UsageError, SxstmError)


def _finding():  # type: ignore[no-untyped-def]
    from sxstm.sxs.problems import Problem

    return Problem.BINARY.at("a.md", 3, 4, "binary file")
