"""Slices of a reviewed file read the same units, with the same lines, as the whole file."""

from __future__ import annotations

from pathlib import Path

import pytest

from sxstm.cli import main
from sxstm.formats import FORMATS, format_of_reviewed, read_reviewed, xmlread
from sxstm.roundtrip.reviewed import UnsafeCutError, read_slice, slices

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.mark.parametrize(
    ("fmt", "folder", "documents"),
    [("xliff", ".", 5), ("po", ".", 6), ("xliff2", "samples.fr-fr", 2)],  # PO: the header too; XLIFF 2: one locale
)
def test_slices_read_the_units_of_the_whole_file(fmt: str, folder: str, documents: int, tmp_path: Path) -> None:
    export = tmp_path / f"corpus.{'po' if fmt == 'po' else 'xlf'}"
    assert main(["extract", str(CORPUS / folder), "-f", fmt, "-q", "-o", str(export)]) == 0
    chosen = format_of_reviewed(export)
    assert chosen is FORMATS[fmt]
    cut = slices(export, chosen, size=1)
    assert cut is not None
    pieces = list(cut)
    assert len(pieces) == documents  # cut at every document
    assert [unit for piece in pieces for unit in read_slice(piece)] == list(read_reviewed(export))


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_slices_left_unfinished_close_the_file_without_error(fmt: str, tmp_path: Path) -> None:
    # merge stops taking slices at a damaged one: closing the rest must not fail (a BufferError,
    # printed as a traceback, came from the map that the cuts still iterated over).
    export = tmp_path / f"corpus.{'po' if fmt == 'po' else 'xlf'}"
    assert main(["extract", str(CORPUS), "-f", fmt, "-q", "-o", str(export)]) == 0
    cut = slices(export, FORMATS[fmt], size=1)
    assert cut is not None
    next(cut)
    cut.close()


def test_a_file_with_text_between_its_file_elements_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "odd.xlf"
    path.write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a.md"/>text'
        '<file original="b.md"/><file original="c.md"/></xliff>'
    )
    cut = slices(path, FORMATS["xliff"], size=1)
    assert cut is not None
    with pytest.raises(UnsafeCutError):
        list(cut)


def test_a_tmx_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    path.write_text('<tmx version="1.4"><header srclang="en-US"/><body/></tmx>')
    assert format_of_reviewed(path) is FORMATS["tmx"] and slices(path, FORMATS["tmx"], size=1) is None


def test_an_xliff2_unit_joins_its_segments_and_ignorables(tmp_path: Path) -> None:
    path = tmp_path / "resegmented.xlf"
    path.write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-US" trgLang="pl-PL">'
        '<file id="f1" original="a.md"><unit id="a-1">'
        '<segment state="final"><source>One.</source><target>Jeden.</target></segment>'
        "<ignorable><source> </source></ignorable>"
        '<segment state="final"><source>Two.</source><target>Dwa.</target></segment>'
        "</unit></file></xliff>",
        encoding="utf-8",
    )
    (unit,) = read_reviewed(path)
    assert (unit.path, unit.pair_id, unit.source, unit.target, unit.locale) == (
        "a.md",
        "a-1",
        "One. Two.",
        "Jeden. Dwa.",
        "pl-PL",
    )


@pytest.mark.parametrize("fmt", ["xliff", "xliff2"])
def test_a_slice_parsed_whole_reads_as_one_read_as_it_streams(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = tmp_path / "corpus.xlf"
    folder = CORPUS / ("samples.fr-fr" if fmt == "xliff2" else ".")
    assert main(["extract", str(folder), "-f", fmt, "-q", "-o", str(export)]) == 0
    cut = slices(export, FORMATS[fmt], size=1)
    assert cut is not None
    pieces = list(cut)
    whole = [unit for piece in pieces for unit in read_slice(piece)]
    monkeypatch.setattr(xmlread, "WHOLE_BYTES", 0)  # every slice then streams, as a huge one does
    streamed = [unit for piece in pieces for unit in read_slice(piece)]
    assert whole == streamed and len(whole) > 1


def _mapped_file_kb() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("RssFile:"))


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="Linux: /proc/self/status tells RssFile")
def test_slicing_lets_go_of_the_pages_of_the_file_already_cut(tmp_path: Path) -> None:
    # The file is mapped to find its cuts: each page read stayed in the process until the map
    # closed, as much memory as the file (328 MB for the bench's XLIFF) though workers read the slices.
    unit = '<trans-unit id="1"><source>' + "x" * 4000 + "</source></trans-unit>"
    body = "".join(f'<file original="d{n}.md"><body>{unit}</body></file>\n' for n in range(8000))
    path = tmp_path / "big.xlf"
    path.write_text(f'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n{body}</xliff>\n')
    size_kb = path.stat().st_size // 1024
    before = _mapped_file_kb()
    cut = slices(path, FORMATS["xliff"], size=1 << 20)
    assert cut is not None
    pieces = [next(cut) for _ in range(25)]  # the map is still open: the cuts go on
    assert pieces[-1].end > size_kb * 1024 * 3 // 4
    assert _mapped_file_kb() - before < size_kb // 4
    cut.close()
