"""Golden outputs of the bundled corpus/, one file per format beside this test.

Regenerate them only on purpose, and review the diff: ``pytest tests/golden --regen``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sxstm.cli import main
from sxstm.formats import FORMATS

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[1] / "corpus"
EXPECTED = HERE / "expected"


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_export_of_sample_corpus_matches_golden_file(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, regen: bool
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    out = tmp_path / f"corpus.{name}"
    argv = ["extract", str(CORPUS), "-q", "-f", name, "-o", str(out)]
    if name == "xliff2":
        argv[1] = str(CORPUS / "docs.pl-pl")  # XLIFF 2 holds one target locale per file
    if name == "parquet":
        pytest.skip("binary, and names the pyarrow version: tests/unit/test_parquet.py reads it back instead")
    assert main(argv) == 0
    # parallel text writes a file per language of each language pair, and an ids file
    written = [out] if out.exists() else sorted(tmp_path.glob(f"{out.name}.*"))
    assert written
    for path in written:
        golden = EXPECTED / path.name
        if regen:
            golden.parent.mkdir(exist_ok=True)
            golden.write_bytes(path.read_bytes())
        assert path.read_text(encoding="utf-8") == golden.read_text(encoding="utf-8")


def test_golden_files_show_the_hard_cases() -> None:
    text = (EXPECTED / "corpus.jsonl").read_text(encoding="utf-8")
    assert '"source": "[Previous](a.md)\\n[Next](b.md)"' in text  # blockquote prefix stripped
    assert '"source": "Source ending in <span style=\\"color:red\\">red</span>"' in text  # nested span kept whole
    assert '"target": "Bez potoku"' in text and '"context": "table-cell"' in text  # cell without leading pipe
    assert '"target": "Liste im Zitat,\\nzweite Zeile"' in text  # "> " plus list indent stripped
    assert '"context": "fence"' in text  # pair inside an unclosed fence is kept, marked


def test_golden_tmx_shows_inline_markup_as_tags() -> None:
    text = (EXPECTED / "corpus.tmx").read_text(encoding="utf-8")
    assert '<bpt i="1" x="1">[</bpt>' in text  # link text between bpt and ept
    assert '<bpt i="9" x="3">*</bpt>ważne<ept i="9">*</ept><ept i="8">**</ept>' in text  # nested, i unique in the file
    assert " type=" not in text.partition("<body>")[2].replace('<prop type="', "")  # OmegaT names tags by type
    assert '<ph x="1">`dotnet build`</ph>' in text  # code span
    assert '<ph x="1">&lt;xref:System.IO.File&gt;</ph>' in text  # xref
    assert '<ph x="1">![diagram](media/a.png "Diagram")</ph>' in text  # image
    assert '<ph x="4">&amp;lt;</ph>T<ph x="5">&amp;gt;</ph>' in text  # entities
    assert '<bpt i="2" x="1">&lt;span id="x"&gt;</bpt><ept i="2">&lt;/span&gt;</ept>' in text  # paired HTML
