"""Gettext PO: the writer (polib), one entry per pair, MT entries fuzzy so that reviewers see
them; and the reader of reviewed PO files.

polib reads a whole catalogue into objects (12 s for the bench export's 411,162 entries);
merge needs only five fields of each entry, as they come, from any slice of the file that
starts at an entry. The reader is a line scanner for the PO syntax GNU gettext documents:
keywords with their continuation strings, ``#,`` flags, ``#:`` references, obsolete ``#~``
entries (skipped), other comments (ignored). Anything else is an :class:`InputError` at its
line and column.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import polib

from sxstm.errors import InputError, read_error
from sxstm.formats.pairs import export_text
from sxstm.formats.registry import Chunk, Cut, ExportOptions, ExportReport, register
from sxstm.formats.unique import unique_ids_sink
from sxstm.formats.units import reviewed_unit
from sxstm.model import Document, Pair, ReviewedUnit
from sxstm.sxs.lines import byte_position
from sxstm.sxs.locales import normalize_locale
from sxstm.sxs.problems import Problem
from sxstm.version import __version__


def render_po(document: Document, options: ExportOptions) -> Chunk:
    """Render an entry per pair; its msgctxt (the pair id) is added, made unique, when joined.

    A template (``options.template``, a ``.pot``) has every msgstr empty and no fuzzy entry.
    """
    fuzzy = options.fuzzy and document.machine_translated and not options.template
    records = (
        (
            pair.id,
            _entry(document, pair, fuzzy, options.notes.get(pair.id, ()), template=options.template).encode(),
        )
        for pair in document.pairs
    )
    return Chunk(document.path, document.source_locale, document.target_locale, records, len(document.pairs))


def join_po(chunks: Iterable[Chunk], out: BinaryIO, options: ExportOptions) -> ExportReport:
    """Write one catalogue: the header, then every entry with a msgctxt unique in the file.

    The header names the first document's locale; a catalogue of several locales is reported.
    """
    report = ExportReport()
    locales: dict[str, str] = {}
    contexts = unique_ids_sink()
    for chunk in chunks:
        if not locales:
            catalogue = polib.POFile(wrapwidth=0)
            catalogue.header = "Exported by sxstm from Microsoft Docs side-by-side markdown."
            catalogue.metadata = _header(chunk.target_locale)
            out.write(str(catalogue).encode())
        locales.setdefault(chunk.target_locale, chunk.path)
        for pair_id, entry in chunk.records:
            at = 0 if entry.startswith(b"msgid ") else entry.index(b"\nmsgid ") + 1
            out.write(b"\n%smsgctxt %s\n%s" % (entry[:at], _quote(contexts(pair_id)).encode(), entry[at:]))
            report.records += 1
    if len(locales) > 1:
        names = ", ".join(locales)
        report.findings.append(
            Problem.MIXED_LOCALES.at(
                next(iter(locales.values())), 1, 1, f"one PO holds several target locales ({names}); use --split"
            )
        )
    return report


def _quote(text: str) -> str:
    escaped: str = polib.escape(text)
    return f'"{escaped}"'


def _entry(document: Document, pair: Pair, fuzzy: bool, notes: tuple[tuple[int, str], ...], *, template: bool) -> str:
    source = export_text(pair.source)
    target = "" if template else export_text(pair.target)
    comments = [f"context: {pair.context}", f"translation: {document.translation_type.value}"]
    flags = []
    if not template and _newlines_differ(source, target):
        flags.append("fuzzy")
        comments.append("fuzzy: the target starts or ends with a newline the source does not (or the reverse)")
    elif fuzzy:
        flags.append("fuzzy")
    entry = str(
        polib.POEntry(
            msgid=source,
            msgstr=target,
            comment="\n".join(comments),
            tcomment="\n".join(f"qa: {note}" for _, note in notes),
            flags=flags,
        )
    )
    # The #: reference is written here, not by polib: polib wraps one longer than 78 columns at
    # its spaces (cutting a name isolated in U+2068 … U+2069 in two) and turns each "*" of it
    # into "-". It stands after the comments, before the flags, as polib would put it.
    at = 0
    while entry.startswith(("#. ", "# "), at):
        at = entry.index("\n", at) + 1
    return f"{entry[:at]}#: {_reference_name(document.path)}:{pair.line}\n{entry[at:]}"


def _newlines_differ(source: str, target: str) -> bool:
    return source.startswith("\n") != target.startswith("\n") or source.endswith("\n") != target.endswith("\n")


def _header(locale: str) -> dict[str, str]:
    stamp = time.strftime("%Y-%m-%d %H:%M+0000", time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))))
    return {
        "Project-Id-Version": "sxstm export",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": stamp,
        "PO-Revision-Date": stamp,
        "Last-Translator": "sxstm",
        "Language-Team": locale,
        "Language": locale.replace("-", "_"),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": f"sxstm {__version__}",
    }


# Reading reviewed PO files.

_STRING_RE = re.compile(r'"((?:[^"\\]|\\.)*)"[ \t]*\r?$')
_KEYWORD_RE = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]+")
_ESCAPE_RE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]+)|(.))")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "a": "\a", "\\": "\\", '"': '"'}
_CHARSET_RE = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")
_FIRST_KEYWORD_RE = re.compile(rb"^(?:msgctxt|msgid)\b", re.MULTILINE)
_HEADER_RE = re.compile(rb'msgid ""\r?\nmsgstr ')
_BLANK_LINE_RE = re.compile(rb"\r?\n\r?\n")
_LANGUAGE_RE = re.compile(rb'^"Language: *([A-Za-z0-9_@.-]+)', re.MULTILINE)
_SUFFIX_RE = re.compile(r"~\d+$")
_BLOCK_COMMENT = "#. context: "  # the block context (table-cell) as the export writes it
_QUOTED = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
_ENTRY_RE = re.compile(
    rf"(?P<comments>(?:#[^\n]*\n)*)(?:msgctxt (?P<context>{_QUOTED}(?:\n{_QUOTED})*)\n)?"
    rf"msgid (?P<msgid>{_QUOTED}(?:\n{_QUOTED})*)\nmsgstr (?P<msgstr>{_QUOTED}(?:\n{_QUOTED})*)\n?"
)


def read_po(
    path: str, data: bytes | None = None, *, line: int = 1, charset: str | None = None
) -> Iterator[ReviewedUnit]:
    """Yield a unit per entry of a reviewed PO (see :class:`~sxstm.formats.registry.Reader`),
    decoded in ``charset`` or else in the charset its header names."""
    if data is None:
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise read_error(error, path) from error
    yield from iter_po_units(data, path, first_line=line, charset=charset or po_charset(data[:4096]))


def po_charset(head: bytes) -> str:
    """The charset a PO file's header names (in its first bytes ``head``), UTF-8 by default."""
    match = _CHARSET_RE.search(head)
    name = match.group(1).decode("ascii") if match else "utf-8"
    return "utf-8" if name.upper() == "CHARSET" else name  # a template's placeholder


def po_language(head: bytes) -> str:
    """The locale the header of a PO file (its first bytes ``head``) names in ``Language``
    (``de_DE`` and ``de_DE.UTF-8`` → ``de-DE``); "" if none, or if its first entry is no header. A PO holds one
    language, so the header's is every unit's; the units do not carry it, as merge then
    refuses the units of another locale, which a PO exported from several (with a warning)
    holds under the first one's header."""
    head = head.removeprefix(b"\xef\xbb\xbf")
    first = _FIRST_KEYWORD_RE.search(head)
    if first is None or not _HEADER_RE.match(head, first.start()):
        return ""  # no entry, or a first entry with a context or a source: no header
    match = _LANGUAGE_RE.search(_BLANK_LINE_RE.split(head[first.start() :], maxsplit=1)[0])
    if match is None:
        return ""
    # A POSIX locale, language_TERRITORY.codeset@modifier: the codeset and modifier say nothing
    # of the language's rules.
    value = match.group(1).decode("ascii").partition(".")[0].partition("@")[0]
    return normalize_locale(value) or ""


def iter_po_units(data: bytes, path: str, *, first_line: int = 1, charset: str = "utf-8") -> Iterator[ReviewedUnit]:
    """Yield a unit per entry of ``data`` (a PO file, or a slice of one starting at an entry
    whose first line is ``first_line``).

    The pair id is the ``msgctxt`` without a ``~N`` suffix, the document the file of the first
    ``#:`` reference (no msgctxt: merge finds the pair by its source text); a ``#, fuzzy`` entry
    is marked fuzzy, an empty msgstr untranslated. The header entry and obsolete entries give no unit.
    """
    try:
        text = data.decode(charset).removeprefix("\ufeff")
    except (LookupError, UnicodeDecodeError) as error:
        line, column = byte_position(data, getattr(error, "start", 0), first_line=first_line)
        raise InputError(f"cannot read as PO in {charset}: {error}", path=path, line=line, column=column) from error
    line = first_line
    entry: _Entry | None = None  # an entry a block left open, continued by the next block
    # Entries are blocks between blank lines: most take one regular expression; the line
    # scanner reads the rest (obsolete and plural entries, odd spacing, \r\n line ends).
    for block in text.split("\n\n"):
        match = _ENTRY_RE.fullmatch(block) if entry is None else None
        unit = _fast(match, line) if match is not None else None
        if unit is not None:
            if unit.source or unit.pair_id is not None:  # not the header
                yield unit
        else:
            entry = yield from _scan(block, path, line, entry)
        line += block.count("\n") + 2
    if entry is not None:
        yield from entry.unit(path)


def _fast(match: re.Match[str], line: int) -> ReviewedUnit | None:
    """The unit of an entry ``_ENTRY_RE`` matched; None if its comments need the line scanner."""
    document, fuzzy = None, False
    comments = match.group("comments")
    for comment in comments.split("\n") if comments else ():
        kind = comment[1:2]
        if kind == ",":
            fuzzy = fuzzy or "fuzzy" in (flag.strip() for flag in comment[2:].split(","))
        elif kind == ":":
            document = document or _reference(comment[2:])
        elif kind == "~":
            return None
    context = match.group("context")
    msgid, msgstr = _joined(match.group("msgid")), _joined(match.group("msgstr"))
    pair_id = _SUFFIX_RE.sub("", _joined(context)) or None if context is not None else None
    target = msgstr if msgstr or not msgid else None
    return reviewed_unit(document, pair_id, msgid, target, line, "", _block_context(comments), fuzzy)


def _block_context(comments: str) -> str:
    """The block context the export's ``#. context:`` comment line among ``comments`` gives, ""
    if none (one search of the entry's comments, which costs less than a test on each line)."""
    at = comments.find(_BLOCK_COMMENT) if comments else -1
    while at > 0 and comments[at - 1] != "\n":  # only at the start of a line
        at = comments.find(_BLOCK_COMMENT, at + 1)
    return "" if at < 0 else comments[at + len(_BLOCK_COMMENT) : comments.find("\n", at)].rstrip("\r")


def _joined(strings: str) -> str:
    """The value of consecutive quoted lines ``"a"\\n"b"``: a quote never ends a line inside one."""
    value = strings[1:-1].replace('"\n"', "")
    return _ESCAPE_RE.sub(_unescape, value) if "\\" in value else value


def _scan(block: str, path: str, first_line: int, entry: _Entry | None) -> Generator[ReviewedUnit, None, _Entry | None]:
    """Read ``block`` line by line, continuing ``entry``; return the entry it leaves open."""
    entry = entry or _Entry(first_line)
    for number, line in enumerate(block.split("\n"), first_line):
        head = line[:1]
        if head == '"':
            entry.extend(_string(line, path, number, 1), path, number)
        elif head == "#":
            if entry.field == "msgstr" or entry.obsolete:
                yield from entry.unit(path)
                entry = _Entry(number)
            kind = line[1:2]
            if kind == ",":
                entry.fuzzy = entry.fuzzy or "fuzzy" in (flag.strip() for flag in line[2:].split(","))
            elif kind == ":" and entry.document is None:
                entry.document = _reference(line[2:])
            elif kind == "." and not entry.block and line.startswith(_BLOCK_COMMENT):
                entry.block = line[len(_BLOCK_COMMENT) :].rstrip("\r")
            elif kind == "~":
                entry.obsolete = True
        elif head == "m":
            match = _KEYWORD_RE.match(line)
            if match is None:
                raise InputError(f"not PO syntax: {line[:40]!r}", path=path, line=number, column=1)
            keyword = match.group(1)
            if keyword in ("msgctxt", "msgid") and (entry.field == "msgstr" or entry.obsolete):
                yield from entry.unit(path)
                entry = _Entry(number)
            entry.start(keyword, match.group(2), _string(line, path, number, match.end() + 1), path, number)
        elif line.strip():
            raise InputError(f"not PO syntax: {line[:40]!r}", path=path, line=number, column=1)
    if entry.field == "msgstr" or entry.obsolete:
        yield from entry.unit(path)
        return None
    return entry if entry.field or entry.document is not None or entry.fuzzy else None


class _Entry:
    """The entry being read: what a unit needs of it, and the field that strings continue."""

    __slots__ = ("block", "context", "document", "field", "fuzzy", "line", "msgid", "msgstr", "obsolete", "strings")

    def __init__(self, line: int) -> None:
        self.line = line
        self.field = ""
        self.context: list[str] | None = None
        self.msgid: list[str] | None = None
        self.msgstr: list[str] | None = None
        self.strings: list[str] = []  # where continuation strings go
        self.document: str | None = None
        self.block = ""  # the block context of the export's "#. context:" comment
        self.fuzzy = False
        self.obsolete = False

    def start(self, keyword: str, index: str | None, value: str, path: str, line: int) -> None:
        kept = [value]
        if keyword == "msgctxt":
            if self.msgid is not None or self.context is not None:
                raise InputError("msgctxt out of place", path=path, line=line, column=1)
            self.context = kept
        elif keyword == "msgid":
            if self.msgid is not None:
                raise InputError("a second msgid in one entry", path=path, line=line, column=1)
            self.msgid = kept
        elif self.msgid is None:
            raise InputError(f"{keyword} before msgid", path=path, line=line, column=1)
        elif keyword != "msgid_plural" and (index is None or int(index) == 0):
            self.msgstr = kept  # a plural entry keeps msgstr[0], as the source is the singular
        self.field = "msgstr" if keyword.startswith("msgstr") else keyword
        self.strings = kept

    def extend(self, value: str, path: str, line: int) -> None:
        if not self.field:
            raise InputError("a string with no keyword before it", path=path, line=line, column=1)
        self.strings.append(value)

    def unit(self, path: str) -> Iterator[ReviewedUnit]:
        if self.obsolete or (self.msgid is None and self.context is None):
            return
        if self.msgid is None or self.msgstr is None:
            missing = "msgid" if self.msgid is None else "msgstr"
            raise InputError(f"an entry without {missing}", path=path, line=self.line, column=1)
        msgid, msgstr = "".join(self.msgid), "".join(self.msgstr)
        if self.context is None and not msgid:
            return  # the header
        pair_id = _SUFFIX_RE.sub("", "".join(self.context or ())) or None
        target = msgstr if msgstr or not msgid else None
        yield ReviewedUnit(self.document, pair_id, msgid, target, self.line, fuzzy=self.fuzzy, context=self.block)


def _string(line: str, path: str, number: int, column: int) -> str:
    match = _STRING_RE.match(line, column - 1)
    if match is None:
        raise InputError("expected a quoted string", path=path, line=number, column=column)
    value = match.group(1)
    return _ESCAPE_RE.sub(_unescape, value) if "\\" in value else value


def _unescape(match: re.Match[str]) -> str:
    octal, hexadecimal, char = match.groups()
    if octal:
        return chr(int(octal, 8))
    if hexadecimal:
        return chr(int(hexadecimal, 16))
    return _ESCAPES.get(char, char)


def _reference_name(path: str) -> str:
    """Isolate a name holding white space in U+2068 … U+2069, as GNU gettext does: ``#:``
    references are separated by spaces."""
    return f"\u2068{path}\u2069" if any(char.isspace() for char in path) else path


def _reference(references: str) -> str | None:
    """The file of the first ``file:line`` reference (GNU gettext isolates names holding spaces
    in U+2068 … U+2069)."""
    text = references.strip()
    if text.startswith("\u2068"):
        end = text.find("\u2069")
        return text[1:end] if end > 0 else None
    first = text.split(None, 1)[0] if text else ""
    name, colon, number = first.rpartition(":")
    return (name if colon and number.isdigit() else first) or None


FORMAT = register(
    "po",
    (".po", ".pot"),
    "gettext PO for review; msgctxt is the pair id, MT entries #, fuzzy (unless --no-fuzzy)",
    render=render_po,
    join=join_po,
    read=read_po,
    language=po_language,
    notes=True,
    cut=Cut.PO_DOCUMENTS,
)
