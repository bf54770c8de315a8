"""The XML formats read through lxml give each unit the line of its start tag, past line 65,535 too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sxstm.cli import main
from sxstm.formats import tmx, xliff2, xliff12
from sxstm.formats.xmlread import UnitReader, read_xml

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "docs.pl-pl"

READERS: dict[str, UnitReader] = {
    "xliff": xliff12._xliff12_units,
    "xliff2": xliff2._xliff2_units,
    "tmx": tmx._tmx_units,
}
_UNIT_TAG_RE = re.compile(rb"<(?:trans-unit|unit|tu)[\s>]")


def _one_line_a_unit(data: bytes) -> bytes:
    """Each unit on a line of its own, no text between its tags: its first child is an element."""
    return _UNIT_TAG_RE.sub(lambda tag: b"\n" + tag.group(), re.sub(rb">\s+<", b"><", data))


LAYOUTS = {
    "indented": lambda data: data,
    "crlf": lambda data: data.replace(b"\n", b"\r\n"),
    "one-line-a-unit": _one_line_a_unit,
}


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("exports")
    for name in READERS:
        assert main(["extract", str(CORPUS), "-f", name, "-q", "-o", str(folder / name)]) == 0
    return {name: (folder / name).read_bytes() for name in READERS}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("in_memory", [True, False], ids=["in-memory", "file"])
@pytest.mark.parametrize("name", READERS)
def test_a_unit_past_line_65535_is_read_at_its_own_line(
    name: str, in_memory: bool, layout: str, exports: dict[str, bytes], tmp_path: Path
) -> None:
    """libxml2 keeps an element's line in 16 bits; past it lxml gives the line where the unit's
    first text ends (one late for an indented unit, a line per line end of its source for a unit
    written on one line)."""
    data = LAYOUTS[layout](exports[name])
    starts = [tag.start() for tag in _UNIT_TAG_RE.finditer(data)]
    middle = starts[len(starts) // 2]  # blank lines before the first unit bring this one to line 65,535
    data = data[: starts[0]] + b"\n" * (65_534 - data.count(b"\n", 0, middle)) + data[starts[0] :]
    path = tmp_path / name
    path.write_bytes(data)
    units = list(read_xml(READERS[name], str(path), data if in_memory else None, 1))
    lines = [data.count(b"\n", 0, tag.start()) + 1 for tag in _UNIT_TAG_RE.finditer(data)]
    assert [unit.line for unit in units] == lines
    assert lines[0] < 65_535 == lines[len(lines) // 2] < lines[-1]
