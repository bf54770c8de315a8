"""The HTML reporter: escaping that document text cannot break, spots, tags and languages."""

from __future__ import annotations

import io
import json
from html.parser import HTMLParser

from sxstm.model import Finding, Severity
from sxstm.reports import REPORTERS, Report
from sxstm.reports.html import embed_json, language_of, report_data, spots_of, tagged

HOSTILE_SOURCE = "Run <script>alert(1)</script> and close </textarea> with \"quotes\" & 'apostrophes'."
HOSTILE_TARGET = "مرحبا <script>alert(1)</script></textarea> «cytat» \u2028 \u2029 --> <!-- ]]>"
HOSTILE_PATH = 'docs.ar-sa/<img src=x onerror=alert(1)> "a".md'


class _Elements(HTMLParser):
    """Every start tag of a page, and the text of each ``<script>`` element."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def _hostile_page() -> str:
    finding = Finding(
        HOSTILE_PATH, 3, 7, Severity.ERROR, "SX213", "protected-term-changed", "C# is written '<script>'",
        "p1", source=HOSTILE_SOURCE, target=HOSTILE_TARGET,
    )  # fmt: skip
    out = io.StringIO()
    REPORTERS["html"].write(Report([finding], [HOSTILE_PATH]), out)
    return out.getvalue()


def test_document_text_never_becomes_markup_of_the_page() -> None:
    page = _hostile_page()
    elements = _Elements()
    elements.feed(page)
    scripts = [attrs for tag, attrs in elements.tags if tag == "script"]
    assert [attrs.get("type") for attrs in scripts] == ["application/json", "application/json", None]  # data, pairs
    assert not any(tag in ("img", "textarea") for tag, _ in elements.tags)
    assert not any(name.startswith("on") for _, attrs in elements.tags for name in attrs)
    assert "<script>alert" not in page and "</textarea>" not in page and "\u2028" not in page
    data, pairs = json.loads(elements.scripts[0]), json.loads(elements.scripts[1])
    assert pairs[0][0] == tagged(HOSTILE_SOURCE, HOSTILE_TARGET)[0]
    assert "".join(run if isinstance(run, str) else run[2] for run in pairs[0][1]) == HOSTILE_TARGET
    assert data["documents"] == [[HOSTILE_PATH, "ar-SA"]]


def test_the_summary_shows_a_hostile_path_as_text() -> None:
    page = _hostile_page()
    assert "&lt;img src=x onerror=alert(1)&gt; &#34;a&#34;.md" in page


def test_embedded_json_holds_no_character_that_ends_a_script_element() -> None:
    text = embed_json(["</script><!-- & \u2028\u2029 >"])
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == ["</script><!-- & \u2028\u2029 >"]


def test_without_an_offset_the_quoted_texts_of_a_message_are_marked_on_both_sides() -> None:
    finding = Finding(  # not a registered check's: one of unknown origin, no place known
        "a.md", 1, 1, Severity.ERROR, "XX209", "identifier-split",
        "Microsoft.AspNetCore is split as 'Microsoft. AspNetCore'",
        source="Use Microsoft.AspNetCore here.", target="Użyj Microsoft. AspNetCore tutaj.",
    )  # fmt: skip
    data = report_data(Report([finding]))
    source_marks, target_marks = data["findings"][0][7:9]
    assert [finding.source[a:b] for a, b in source_marks] == ["Microsoft.AspNetCore"]
    assert [finding.target[a:b] for a, b in target_marks] == ["Microsoft. AspNetCore"]


def test_a_finding_about_the_whole_pair_marks_nothing() -> None:
    finding = Finding("a.md", 1, 1, Severity.INFO, "SX401", "untranslated", "the translation is the source, unchanged")
    assert spots_of(finding) == ([], [])


def test_tags_are_numbered_alike_on_both_sides() -> None:
    source, target = "Open [the file](a.md) with `code`.", "`code` otwiera [plik](a.md)."
    tagged_source, tagged_target = tagged(source, target)
    assert tagged_source == [
        "Open ",
        [1, "o", "["],
        "the file",
        [1, "c", "](a.md)"],
        " with ",
        [2, "i", "`code`"],
        ".",
    ]
    assert tagged_target == [
        [2, "i", "`code`"],
        " otwiera ",
        [1, "o", "["],
        "plik",
        [1, "c", "](a.md)"],
        ".",
    ]


def test_the_language_comes_from_the_folders_or_is_unknown() -> None:
    assert language_of("../corpus/osd.ja-jp/docs/a.md") == "ja-JP"
    assert language_of("review.xlf") == "unknown"


def test_without_an_offset_a_spot_in_prose_is_marked_before_the_same_text_in_a_link() -> None:
    finding = Finding(
        "a.md", 1, 1, Severity.ERROR, "XX213", "protected-term-changed", "OpenAPI is written 'openapi'",
        source="See [OpenAPI](openapi.md).", target="Zobacz [openapi](openapi.md) i openapi.",
    )  # fmt: skip
    source_marks, target_marks = report_data(Report([finding]))["findings"][0][7:9]
    assert source_marks == [[5, 12]] and target_marks == [[8, 15]]


def test_version_and_keyword_messages_name_each_side() -> None:
    def spots(message: str) -> tuple[list[str], list[str]]:
        return spots_of(Finding("a.md", 1, 1, Severity.INFO, "SX000", "x", message))

    assert spots("version 5.0 became 5,0") == (["5.0"], ["5,0"])
    assert spots("the keyword link [default] became [wartością domyślną]") == (["default"], ["wartością domyślną"])
    assert spots("'caption' became 'Caption'") == (["caption"], ["Caption"])
    assert spots("'die' twice in a row") == (["die"], ["die"])
    assert spots(".NET Core is written '.net Core'") == ([".NET Core"], [".net Core"])
    assert spots("SQL Server is not in the translation") == (["SQL Server"], ["SQL Server"])


def _marked(finding: Finding) -> tuple[list[str], list[str]]:
    source_marks, target_marks = report_data(Report([finding]))["findings"][0][7:9]
    return [finding.source[a:b] for a, b in source_marks], [finding.target[a:b] for a, b in target_marks]


def test_a_finding_with_an_offset_marks_that_spot_not_the_first_place_its_text_occurs() -> None:
    source, target = "Use C# and C# again.", "Użyj c# i C# oraz c# ponownie."
    finding = Finding(
        "a.md", 1, 1, Severity.ERROR, "SX213", "protected-term-changed", "C# is written 'c#'",
        source=source, target=target, offset=18, length=2, source_offset=11,
    )  # fmt: skip
    source_marks, target_marks = report_data(Report([finding]))["findings"][0][7:9]
    assert target_marks == [[18, 20]] and source_marks == [[11, 13]]


def test_an_offset_without_length_marks_the_named_text_there_or_a_caret() -> None:
    def finding(message: str, offset: int, source_offset: int = -1) -> Finding:
        return Finding(
            "a.md", 1, 1, Severity.WARNING, "SX208", "x", message,
            source="Version 5.0 and 5.0.", target="Wersja 5.0 i 5,0.", offset=offset, source_offset=source_offset,
        )  # fmt: skip

    assert _marked(finding("version 5.0 became 5,0", 13)) == (["5.0"], ["5,0"])  # the source by what it names
    assert _marked(finding("version 5.0 became 5,0", 13, 16)) == (["5.0"], ["5,0"])
    source_marks, target_marks = report_data(Report([finding("something is missing here", 11)]))["findings"][0][7:9]
    assert (source_marks, target_marks) == ([], [[11, 11]])  # a caret: a place, no length


def test_an_offset_at_an_inline_element_marks_the_element_and_offsets_count_the_raw_markup() -> None:
    source, target = "Open **Project Options** now.", "Otwórz [okno](a.md) **Opcje projektu** teraz  już."
    bold = Finding(
        "a.md", 1, 1, Severity.ERROR, "SX211", "x", "bold (**): 1 in the source, 0 in the translation",
        source=source, target=target, offset=target.index("**"), source_offset=5,
    )  # fmt: skip
    assert _marked(bold) == (["**"], ["**"])
    double = Finding(
        "a.md", 1, 1, Severity.WARNING, "SX303", "x", "a double space that the source does not have",
        source=source, target=target, offset=target.index("  "), length=2,
    )  # fmt: skip
    assert _marked(double) == ([], ["  "])


def test_a_finding_about_the_whole_pair_marks_nothing_on_either_side() -> None:
    finding = Finding(
        "a.md", 1, 1, Severity.WARNING, "SX406", "inconsistent-translation",
        "2 translations of this source in the run: “Zapisz 'plik'.” 1×, “Zachowaj 'plik'.” 1×",
        source="Save 'file'.", target="Zapisz 'plik'.",
    )  # fmt: skip
    assert report_data(Report([finding]))["findings"][0][7:9] == [[], []]
