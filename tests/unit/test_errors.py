from collections.abc import Callable
from pathlib import Path

import pytest

from sxstm.checks.glossary import read_glossary
from sxstm.errors import InputError, read_error
from sxstm.formats import FORMATS, read_reviewed
from sxstm.sxs.reader import read_document


def test_read_error_names_the_file_and_the_reason_only() -> None:
    error = read_error(FileNotFoundError(2, "No such file or directory", "/x/a.md"), "a.md", "the glossary")
    assert isinstance(error, InputError)
    assert (str(error), error.path) == ("a.md: cannot read the glossary: No such file or directory", "a.md")


@pytest.mark.parametrize(
    ("read", "suffix"),
    [
        (lambda path: read_document(path), ".md"),
        (lambda path: read_glossary(path), ".csv"),
        (lambda path: list(read_reviewed(path, FORMATS["tmx"])), ".tmx"),
        (lambda path: list(read_reviewed(path, FORMATS["po"])), ".po"),
    ],
)
def test_every_reader_reports_a_missing_file_the_same_way(
    read: Callable[[Path], object], suffix: str, tmp_path: Path
) -> None:
    with pytest.raises(InputError, match=r"cannot read(?: the glossary)?: No such file or directory$"):
        read(tmp_path / f"missing{suffix}")
