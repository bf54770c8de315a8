"""A PO that GNU gettext wrote is checked in the language its header names.

gettext's ``msgcat --lang`` rewrites the header entry (its own wrapping, its own ``Language``
field), as a translator's tools do; ``sxstm qa`` of the result must judge the units by that
language, as it judges the markdown they came from.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sxstm.cli import main

pytestmark = pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext's msgcat is not installed")

# One English sentence translated twice with another preposition: German lets one stand for
# the other (SX406 reports nothing), a language without the list counts "unter" as a term.
SOURCE = "For more information, see the following topics:"


def _pair(number: int, target: str) -> str:
    span = f'<span data-ttu-id="a1b2c-10{number}">{target}</span>'
    return f'{span}<span class="sxs-lookup"><span data-stu-id="a1b2c-10{number}">{SOURCE}</span></span>\n'


DOCUMENT = "---\nms.contentlocale: de-de\n---\n\n" + "\n".join(
    _pair(number, f"Weitere Informationen finden Sie {word} den folgenden Themen:")
    for number, word in ((1, "in"), (2, "unter"))
)


def test_qa_of_a_po_gettext_wrote_judges_by_the_language_gettext_put_in_its_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(DOCUMENT, encoding="utf-8")
    exported = tmp_path / "export.po"
    assert main(["extract", str(docs), "-q", "-o", str(exported)]) == 0
    found = {}
    for language in ("de", "pl_PL"):
        written = tmp_path / f"{language}.po"
        subprocess.run(["msgcat", f"--lang={language}", "-o", str(written), str(exported)], check=True)
        assert f'"Language: {language}\\n"' in written.read_text(encoding="utf-8")
        assert main(["qa", str(written), "-q", "--select", "SX406"]) == 0  # an info
        found[language] = "SX406" in capsys.readouterr().out
    assert main(["qa", str(docs), "-q", "--select", "SX406"]) == 0
    assert "SX406" not in capsys.readouterr().out
    assert found == {"de": False, "pl_PL": True}
