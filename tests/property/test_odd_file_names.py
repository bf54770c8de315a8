"""File names of any bytes, and front matter holding invalid UTF-8, survive every format and
report (issue 13): written as text by :func:`sxstm.sxs.names.path_text`, read back the same."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sxstm.cli.main import main
from sxstm.formats import read_reviewed
from sxstm.sxs.names import path_text, text_path

DOCUMENT = (
    "---\nms.contentlocale: pl-PL\ntitle: bad \xff bytes\n---\n"
    '# <span data-ttu-id="1">Tytuł</span><span class="sxs-lookup"><span data-stu-id="1">Title</span></span>\n'
).encode("latin-1", "ignore")
DOCUMENT = DOCUMENT.replace(b"Tytu", "Tytuł".encode()[:-2]).replace(b"bad \xff", b"bad \xff\xfe")

names = (
    st.binary(min_size=1, max_size=40)
    .filter(lambda raw: b"/" not in raw and b"\0" not in raw)
    .map(lambda raw: raw + b".md")
)


@given(st.binary(max_size=60))
def test_path_text_is_lossless_and_plain_text(raw: bytes) -> None:
    name = os.fsdecode(raw)
    text = path_text(name)
    assert text_path(text) == name
    text.encode("utf-8")  # no lone surrogates
    assert not any(ord(char) < 0x20 for char in text)


def test_real_names_are_left_as_they_are() -> None:
    for name in ("docs/zażółć gęślą.md", "ja-jp/ドキュメント.md", "a b/c-d_e.f.md"):
        assert path_text(name) == name


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=names)
def test_odd_names_survive_every_format_and_report(tmp_path: Path, raw: bytes) -> None:
    docs = tmp_path / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    docs.mkdir()
    try:
        (docs / os.fsdecode(raw)).write_bytes(DOCUMENT)
    except OSError:  # a name the file system refuses (too long)
        return
    shown = path_text(os.fsdecode(raw))
    for fmt in ("jsonl", "tsv", "po", "tmx", "xliff", "xliff2"):
        out = tmp_path / f"out.{fmt}"
        assert main(["extract", str(docs), "-q", "-f", fmt, "-o", str(out)]) in (0, 1)
        written = out.read_bytes().decode("utf-8")
        if fmt == "jsonl":
            assert json.loads(written.splitlines()[0])["document"] == shown
        if fmt in ("po", "tmx", "xliff", "xliff2"):
            assert {unit.path for unit in read_reviewed(out)} == {shown}
    corpus = tmp_path / "corpus"
    assert main(["extract", str(docs), "-q", "-f", "parallel", "-o", str(corpus)]) in (0, 1)
    ids = [line.split("\t")[0] for line in (tmp_path / "corpus.ids").read_text(encoding="utf-8").splitlines()]
    assert set(ids) <= {shown}
    for report in ("text", "json", "sarif", "github", "gitlab", "junit"):
        out = tmp_path / f"qa.{report}"
        assert main(["qa", str(docs), "-q", "--format", report, "--output", str(out)]) in (0, 1)
        out.read_bytes().decode("utf-8")
    assert main(["stats", str(docs)]) in (0, 1)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_msgfmt_accepts_the_po_of_a_name_with_a_newline(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "new\nline.md").write_bytes(DOCUMENT)
    (docs / "bad\xff.md".encode("latin-1").decode("utf-8", "surrogateescape")).write_bytes(DOCUMENT)
    out = tmp_path / "out.po"
    assert main(["extract", str(docs), "-q", "-f", "po", "-o", str(out)]) in (0, 1)
    checked = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(out)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_front_matter_with_invalid_utf8_reaches_jsonl_and_tsv(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_bytes(DOCUMENT)
    for fmt in ("jsonl", "tsv"):
        out = tmp_path / f"out.{fmt}"
        assert main(["extract", str(docs), "-q", "-f", fmt, "-o", str(out)]) in (0, 1)
        assert "Title" in out.read_bytes().decode("utf-8")


@pytest.mark.parametrize(
    "name",
    [
        "a very long file name with spaces that polib would wrap over two reference lines.md",
        "\x01" * 18 + "*.md",  # long once escaped: polib turned its "*" into "-"
    ],
)
def test_a_long_name_keeps_its_spaces_and_stars_in_the_po_reference(tmp_path: Path, name: str) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / name).write_bytes(DOCUMENT)
    out = tmp_path / "out.po"
    assert main(["extract", str(docs), "-q", "-f", "po", "-o", str(out)]) in (0, 1)
    assert {unit.path for unit in read_reviewed(out)} == {path_text(name)}
    assert sum(line.startswith("#: ") for line in out.read_text(encoding="utf-8").splitlines()) == 1
    if shutil.which("msgfmt") is not None:  # GNU gettext reads the long reference line too
        checked = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(out)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr
