"""Every registered format: documented, chosen by suffix, safe with characters XML cannot hold,
and used by the commands as it declares (notes for extract --qa, a reader for qa and merge)."""

from __future__ import annotations

import io
import json
import pickle
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
from lxml import etree

from sxstm.cli import main
from sxstm.errors import InputError
from sxstm.formats import (
    FORMATS,
    ExportOptions,
    Targets,
    format_for_path,
    format_of_reviewed,
    read_reviewed,
    reviewed_suffixes,
)
from sxstm.model import ReviewedUnit
from sxstm.sxs.reader import ReadOptions, parse_document
from sxstm.version import docstring

SAMPLES = Path(__file__).resolve().parents[2] / "corpus" / "samples.fr-fr"  # one locale, one QA finding

ESCAPE = (
    '<span data-ttu-id="a-1">Kolor \x1b[31m</span>'
    '<span class="sxs-lookup"><span data-stu-id="a-1">Colour \x1b[31m</span></span>\n'
)


def test_every_format_has_a_summary_and_a_suffix() -> None:
    for fmt in FORMATS.values():
        assert fmt.summary and fmt.suffixes and docstring(fmt.render) and docstring(fmt.join)


def test_suffix_picks_the_format() -> None:
    assert format_for_path("x.TMX").name == "tmx"
    assert format_for_path("x.xlf").name == "xliff"
    assert format_for_path("x.po").name == "po"


@pytest.mark.parametrize("name", ["tmx", "xliff", "xliff2"])
def test_control_characters_are_dropped_with_a_warning_and_the_xml_stays_valid(name: str) -> None:
    document = parse_document(ESCAPE.encode(), "a.md", options=ReadOptions(target_locale="pl-PL"))
    out = io.BytesIO()
    report = FORMATS[name].write([document], out, ExportOptions())
    etree.fromstring(out.getvalue())  # well-formed
    assert [f.code for f in report.findings] == ["SX008"]
    assert "U+001B" in report.findings[0].message
    assert b"Kolor [31m" in out.getvalue()


@pytest.mark.parametrize("name", ["tmx", "xliff", "xliff2", "po", "jsonl", "tsv"])
def test_a_chunk_renders_a_unit_when_read_and_is_whole_once_pickled(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # the PO header's date
    many = "".join(ESCAPE.replace("a-1", f"a-{number}") + "\n" for number in range(3))
    document = parse_document(many.encode(), "a.md", options=ReadOptions(target_locale="pl-PL"))
    chunk = FORMATS[name].render(document, ExportOptions())
    assert not isinstance(chunk.records, tuple | list)  # nothing rendered yet: a large document streams
    sent = pickle.loads(pickle.dumps(chunk))  # as a worker sends it: rendered whole, findings final
    assert isinstance(sent.records, tuple) and len(sent.records) >= 3
    if name in ("tmx", "xliff", "xliff2"):
        assert [f.code for f in sent.findings] == ["SX008"] * 3
    streamed, whole = io.BytesIO(), io.BytesIO()
    FORMATS[name].join([FORMATS[name].render(document, ExportOptions())], streamed, ExportOptions())
    FORMATS[name].join([sent], whole, ExportOptions())
    assert streamed.getvalue() == whole.getvalue()


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_extract_qa_attaches_notes_exactly_to_the_formats_that_declare_them(name: str, tmp_path: Path) -> None:
    fmt = FORMATS[name]
    plain, noted = tmp_path / f"plain{fmt.suffixes[0]}", tmp_path / f"noted{fmt.suffixes[0]}"
    assert main(["extract", str(SAMPLES), "-q", "-f", name, "-o", str(plain)]) == 0
    code = main(["extract", str(SAMPLES), "-q", "--qa", "-f", name, "-o", str(noted)])
    if fmt.notes:
        assert code == 0 and noted.read_bytes() != plain.read_bytes()  # the finding is a note
    else:
        assert code == 2 and not noted.exists()


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_qa_and_merge_read_back_exactly_the_formats_with_a_reader(name: str, tmp_path: Path) -> None:
    fmt = FORMATS[name]
    export, report = tmp_path / f"review{fmt.suffixes[0]}", tmp_path / "qa.json"
    assert main(["extract", str(SAMPLES), "-q", "-f", name, "-o", str(export)]) == 0
    if fmt.files is not None and not export.exists():  # parallel text: review.txt.en-US, review.txt.pl-PL
        export = sorted(tmp_path.glob(f"{export.name}.*"))[0]
    merged = main(["merge", str(export), "--into", str(SAMPLES), "--dry-run", "--include-mt", "-q"])
    if fmt.read is None:
        assert merged == 1 and not export.name.endswith(reviewed_suffixes())
        assert main(["qa", str(export), "-q"]) == 2  # taken for markdown, which it is not
        with pytest.raises(InputError):
            list(read_reviewed(export))
        return
    assert merged == 0 and format_of_reviewed(export) is fmt
    assert main(["qa", str(export), "-q", "--exit-zero", "--format", "json", "--output", str(report)]) == 0
    findings = json.loads(report.read_text(encoding="utf-8"))["findings"]
    assert findings and {finding["path"] for finding in findings} == {str(export)}  # read as a reviewed file


def test_a_reviewed_file_no_format_reads_is_reported_by_its_root_element(tmp_path: Path) -> None:
    path = tmp_path / "plain.xlf"
    path.write_text('<xliff version="1.2"><file original="a.md"/></xliff>', encoding="utf-8")
    with pytest.raises(
        InputError, match=r"not TMX or XLIFF: the root element is <xliff> \(without the XLIFF 1.2 or 2.0"
    ):
        format_of_reviewed(path)


MT_PAIR = (
    b"---\nms.translationtype: MT\n---\n"
    b'<span data-ttu-id="a-1">Zapisz [plik](a.md)</span>'
    b'<span class="sxs-lookup"><span data-stu-id="a-1">Save the [file](a.md)</span></span>\n'
)
XLIFF12 = "{urn:oasis:names:tc:xliff:document:1.2}"


def xliff12_unit(targets: Targets) -> etree._Element:
    document = parse_document(MT_PAIR, "a.md", options=ReadOptions(target_locale="pl-PL"))
    out = io.BytesIO()
    FORMATS["xliff"].write([document], out, ExportOptions(targets=targets))
    unit = etree.fromstring(out.getvalue()).find(f".//{XLIFF12}trans-unit")
    assert unit is not None
    return unit


def text_of(element: etree._Element | None) -> str | None:
    return None if element is None else "".join(element.itertext())


def test_xliff12_targets_mt_puts_the_mt_in_target_to_review() -> None:
    unit = xliff12_unit(Targets.MT)
    target = unit.find(f"{XLIFF12}target")
    assert text_of(target) == "Zapisz [plik](a.md)"
    assert target is not None and target.get("state") == "needs-review-translation"
    assert unit.find(f"{XLIFF12}alt-trans") is None


def test_xliff12_targets_source_copies_the_source_and_offers_the_mt_as_alt_trans() -> None:
    unit = xliff12_unit(Targets.SOURCE)
    target = unit.find(f"{XLIFF12}target")
    assert text_of(target) == "Save the [file](a.md)" and target is not None
    assert target.get("state") == "needs-translation" and target.get("state-qualifier") is None
    alt = unit.find(f"{XLIFF12}alt-trans")
    assert alt is not None and alt.get("origin") == "machine-translation"
    assert text_of(alt.find(f"{XLIFF12}target")) == "Zapisz [plik](a.md)"


def test_xliff12_targets_empty_has_no_target_and_offers_the_mt_as_alt_trans() -> None:
    unit = xliff12_unit(Targets.EMPTY)
    assert unit.find(f"{XLIFF12}target") is None
    assert text_of(unit.find(f"{XLIFF12}alt-trans/{XLIFF12}target")) == "Zapisz [plik](a.md)"


@pytest.mark.parametrize(
    ("targets", "state", "target"),
    [
        (Targets.MT, "translated", "Zapisz [plik](a.md)"),
        (Targets.SOURCE, "initial", "Save the [file](a.md)"),
        (Targets.EMPTY, "initial", None),
    ],
)
def test_xliff2_targets_choose_the_target_and_the_state(targets: Targets, state: str, target: str | None) -> None:
    document = parse_document(MT_PAIR, "a.md", options=ReadOptions(target_locale="pl-PL"))
    out = io.BytesIO()
    FORMATS["xliff2"].write([document], out, ExportOptions(targets=targets))
    units = list(read_reviewed_bytes(out.getvalue(), "xliff2"))
    segment = etree.fromstring(out.getvalue()).find(".//{urn:oasis:names:tc:xliff:document:2.0}segment")
    assert segment is not None and segment.get("state") == state
    assert units[0].target == target  # read as written, whatever the state: merge judges the content
    found = segment.find("{urn:oasis:names:tc:xliff:document:2.0}target")
    assert (found is None) == (target is None)


def read_reviewed_bytes(data: bytes, name: str) -> Iterator[ReviewedUnit]:
    reader = FORMATS[name].read
    assert reader is not None
    return reader("x.xlf", data)


def test_pot_has_every_msgstr_empty_and_no_fuzzy_flag(tmp_path: Path) -> None:
    assert main(["extract", str(SAMPLES), "-q", "-o", str(tmp_path / "t.pot")]) == 0
    assert main(["extract", str(SAMPLES), "-q", "-o", str(tmp_path / "t.po")]) == 0
    template, catalogue = polib.pofile(str(tmp_path / "t.pot")), polib.pofile(str(tmp_path / "t.po"))
    assert len(template) == len(catalogue) > 0 and any(entry.msgstr for entry in catalogue)
    assert all(entry.msgstr == "" and "fuzzy" not in entry.flags for entry in template)
