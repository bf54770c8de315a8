"""The fast PO reader: the units polib would give, exact line numbers, clear errors."""

from __future__ import annotations

import polib
import pytest

from sxstm.errors import InputError
from sxstm.formats.po import iter_po_units, po_charset, po_language
from sxstm.model import ReviewedUnit

CATALOGUE = r"""# Translator's header comment
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

#. context: paragraph
#: docs/a.md:3
#, fuzzy
msgctxt "a1b2c-101"
msgid ""
"A long source that a tool wrapped over "
"several lines, with \"quotes\", a tab\t and a backslash \\n."
msgstr "Długi \"cel\"\n w dwóch wierszach."

# a reviewer's comment
#: docs/a.md:5 docs/b.md:9
#, c-format, fuzzy
#| msgid "Old source"
msgctxt "a1b2c-102~2"
msgid "Second"
msgstr "Drugi"

#: docs/b.md:1
msgctxt "b0000-101"
msgid "Untranslated"
msgstr ""

#: docs/b.md:2
msgctxt "b0000-102"
msgid "Apple"
msgid_plural "Apples"
msgstr[0] "Jabłko"
msgstr[1] ""
"Jabłka"

#~ msgctxt "b0000-103"
#~ msgid "Obsolete"
#~ msgstr "Przestarzałe"

#: docs/b.md:4
msgctxt "b0000-104"
msgid "Reviewed"
msgstr "Sprawdzone"
"""


def polib_units(text: str) -> list[ReviewedUnit]:
    units = []
    for entry in polib.pofile(text, wrapwidth=0):
        if entry.obsolete:
            continue
        pair_id = entry.msgctxt.split("~")[0] if entry.msgctxt else None
        target = (entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr) or None
        document = entry.occurrences[0][0] if entry.occurrences else None
        units.append(ReviewedUnit(document, pair_id, entry.msgid, target, entry.linenum, "fuzzy" in entry.flags))
    return units


@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_every_entry_reads_as_polib_reads_it(line_end: str) -> None:
    text = CATALOGUE.replace("\n", line_end)
    units = list(iter_po_units(text.encode(), "r.po"))
    assert [(u.path, u.pair_id, u.source, u.target, u.fuzzy) for u in units] == [
        (u.path, u.pair_id, u.source, u.target, u.fuzzy) for u in polib_units(CATALOGUE)
    ]
    assert [u.pair_id for u in units] == ["a1b2c-101", "a1b2c-102", "b0000-101", "b0000-102", "b0000-104"]


def test_units_carry_the_line_their_entry_starts_on() -> None:
    units = list(iter_po_units(CATALOGUE.encode(), "r.po"))
    lines = CATALOGUE.split("\n")
    assert [lines[u.line - 1] for u in units] == [
        "#. context: paragraph",
        "# a reviewer's comment",
        "#: docs/b.md:1",
        "#: docs/b.md:2",
        "#: docs/b.md:4",
    ]


def test_a_slice_reports_the_lines_of_the_whole_file() -> None:
    data = CATALOGUE.encode()
    start = data.index(b"#: docs/b.md:1")
    first_line = data[:start].count(b"\n") + 1
    whole = list(iter_po_units(data, "r.po"))
    assert list(iter_po_units(data[start:], "r.po", first_line=first_line)) == whole[2:]


def test_octal_and_hex_escapes_are_read() -> None:
    (unit,) = iter_po_units(b'msgctxt "x"\nmsgid "a\\101\\x42"\nmsgstr "\\\\"\n', "r.po")
    assert (unit.source, unit.target) == ("aAB", "\\")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('msgid "a"\nmsgstr "b"\nbogus\n', 3, "not PO syntax"),
        ('msgid "a"\nmsgstr "unterminated\n', 2, "expected a quoted string"),
        ('msgstr "b"\n', 1, "msgstr before msgid"),
        ('#: a.md:1\nmsgid "a"\n', 1, "an entry without msgstr"),
    ],
)
def test_broken_syntax_is_an_input_error_at_its_line(text: str, line: int, message: str) -> None:
    with pytest.raises(InputError) as caught:
        list(iter_po_units(text.encode(), "r.po"))
    assert caught.value.line == line and message in caught.value.message


def test_the_header_names_the_charset() -> None:
    assert po_charset(b'"Content-Type: text/plain; charset=ISO-8859-2\\n"') == "ISO-8859-2"
    assert po_charset(b'"Content-Type: text/plain; charset=CHARSET\\n"') == "utf-8"
    (unit,) = iter_po_units(
        'msgctxt "x"\nmsgid "a"\nmsgstr "żółw"\n'.encode("iso-8859-2"), "r.po", charset="iso-8859-2"
    )
    assert unit.target == "żółw"


def test_the_header_names_the_target_locale_and_an_entry_does_not() -> None:
    header = b'msgid ""\nmsgstr ""\n"Language: de_DE\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    assert po_language(header + b'msgctxt "x"\nmsgid "a"\nmsgstr "b"\n') == "de-DE"
    assert po_language(header.replace(b"\n", b"\r\n")) == "de-DE"
    assert po_language(b"# a comment\n" + header.replace(b"de_DE", b"sr@latin")) == "sr"
    # Not a header: an entry whose translation starts a line with "Language:".
    assert po_language(b'msgctxt "x"\nmsgid "a"\nmsgstr ""\n"Language: fr\\n"\n') == ""
    assert po_language(b"") == ""
    assert po_language(b"\xef\xbb\xbf" + header.replace(b"de_DE", b"de_DE.UTF-8")) == "de-DE"
    assert po_language(b"# Licence\n#\n\n# Translators\n" + header) == "de-DE"
    wrapped = b'msgid ""\n"Language: fr, a long source"\nmsgstr "x"\n'  # no header: a wrapped source
    assert po_language(wrapped) == ""
    entry = b'msgctxt "x"\r\nmsgid "a"\r\nmsgstr ""\r\n"Language: fr\\n"\r\n'
    assert po_language(header.replace(b"Language: de_DE", b"X: y").replace(b"\n", b"\r\n") + entry) == ""


def test_bytes_that_are_not_the_charset_are_an_input_error_at_their_line_and_column() -> None:
    with pytest.raises(InputError) as caught:
        list(iter_po_units(b'msgid "a"\nmsgstr "\xff"\n', "r.po"))
    assert (caught.value.line, caught.value.column) == (2, 9)
