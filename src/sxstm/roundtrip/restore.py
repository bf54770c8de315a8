"""Restore clean markdown from an sxs document: the target language, or the English source.

``target`` (rules T1 and T3 of the corpus README): every pair becomes its raw TARGET; then a link
reference definition followed by another with the same URL (translated label first, English
second) loses the English line, and ``\\*`` that the MT escaped (odd backslashes, while the
SOURCE has none) becomes ``*``, as the ``live`` branch publishes it.

``source`` (rule S): every pair becomes its raw SOURCE; the ``<a name="…"></a>`` anchors that
the pipeline injected into headings are removed, and of a duplicated link reference definition
the English (second) line is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sxstm.errors import OutputError, SxstmError, read_error
from sxstm.model import Finding
from sxstm.output import write_file
from sxstm.sxs.blockscan import SETEXT_UNDERLINE
from sxstm.sxs.files import read_regular
from sxstm.sxs.lines import LineIndex, byte_position
from sxstm.sxs.problems import Problem
from sxstm.sxs.spans import SpanPair, scan_spans
from sxstm.workers import by_fields

SIDES = ("target", "source")

_LINKREF_RE = re.compile(r"^[ ]{0,3}\[([^\]]+)\]:[ \t]*(\S+)")
_ESCAPED_STAR_RE = re.compile(r"(?<!\\)((?:\\\\)*)\\\*")
_ATX_ANCHOR_RE = re.compile(r'^((?:[ \t]*>)*[ \t]*#{1,6}[ \t]+)<a name="[^"]*"></a>', re.MULTILINE)
_LINE_ANCHOR_RE = re.compile(r'^((?:[ \t]*>)*[ \t]*)<a name="[^"]*"></a>')
_ANCHOR = '<a name="'
# The block scanner's underline, here on a whole raw line: blockquote prefixes, indent and CR kept.
_SETEXT_RE = re.compile(r"^(?:[ \t]*>)*[ ]{0,3}" + SETEXT_UNDERLINE + r"\r?$")


def restore_text(text: str, pairs: Iterable[SpanPair], side: str) -> str:
    """Return ``text`` with every pair (its spans, in order) replaced by the raw text of one
    side, and that side's corrections."""
    pieces = []
    pos = 0
    if side == "source":
        for pair in pairs:
            pieces.append(text[pos : pair.tag_start])
            pieces.append(text[pair.source_start : pair.source_end])
            pos = pair.end
    else:
        for pair in pairs:
            pieces.append(text[pos : pair.tag_start])
            target = text[pair.target_start : pair.target_end]
            # searched in place: a slice of the source for every pair cost a tenth of restoring
            if "\\*" in target and text.find("\\*", pair.source_start, pair.source_end) == -1:
                target = _unescape_stars(target)
            pieces.append(target)
            pos = pair.end
    pieces.append(text[pos:])
    restored = "".join(pieces)
    if side == "source":
        restored = _remove_anchors(restored)
    return _drop_duplicate_linkrefs(restored, keep="first" if side == "target" else "second")


def _unescape_stars(target: str) -> str:
    """Replace ``\\*`` escaped by an odd number of backslashes with ``*``."""
    return _ESCAPED_STAR_RE.sub(lambda match: match.group(1) + "*", target)


def _remove_anchors(text: str) -> str:
    """Remove the anchor that opens an ATX heading, and the one that opens a setext heading's
    first line.

    Both are looked for only on the lines that hold an anchor: trying the line patterns at every
    line start, or every line against the underline, took more time than the rest of restoring
    the English side (measured on the bench). The result is what the patterns give applied to
    every line (``_ATX_ANCHOR_RE.sub`` on the text, then ``_LINE_ANCHOR_RE`` on each line above
    an underline).
    """
    if _ANCHOR not in text:
        return text
    # An ATX match starts at a line start and holds the first anchor of that line, so trying the
    # line start of each anchor finds every match in order, as ``sub`` does.
    pieces = []
    pos = 0
    tried = -1
    at = text.find(_ANCHOR)
    while at != -1:
        line_start = text.rfind("\n", 0, at) + 1
        if line_start >= pos and line_start != tried:
            tried = line_start
            match = _ATX_ANCHOR_RE.match(text, line_start)
            if match is not None:
                pieces.append(text[pos : match.end(1)])
                pos = match.end()
        at = text.find(_ANCHOR, max(at + 1, pos))
    if pieces:
        pieces.append(text[pos:])
        text = "".join(pieces)
    if _ANCHOR not in text:
        return text
    pieces = []
    pos = 0
    at = text.find(_ANCHOR)
    while at != -1:
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        if line_end == -1:
            break  # the last line: no underline below it
        next_end = text.find("\n", line_end + 1)
        below = text[line_end + 1 :] if next_end == -1 else text[line_end + 1 : next_end]
        if _SETEXT_RE.match(below):  # the line is not blank: it holds an anchor
            line = text[line_start:line_end]
            pieces.append(text[pos:line_start])
            pieces.append(_LINE_ANCHOR_RE.sub(r"\1", line))
            pos = line_end
        at = text.find(_ANCHOR, line_end + 1)
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)


def _drop_duplicate_linkrefs(text: str, *, keep: str) -> str:
    """Of two link reference definitions in a row with one URL and two labels, keep one line."""
    if "]:" not in text:
        return text
    lines = text.split("\n")
    kept: list[str] = []
    number = 0
    while number < len(lines):
        line = lines[number]
        first = _LINKREF_RE.match(line)
        if first and number + 1 < len(lines):
            second = _LINKREF_RE.match(lines[number + 1])
            if second and second.group(2) == first.group(2) and second.group(1) != first.group(1):
                kept.append(line if keep == "first" else lines[number + 1])
                number += 2
                continue
        kept.append(line)
        number += 1
    return "\n".join(kept)


@dataclass(frozen=True, slots=True)
class RestoreTask:
    """One file to restore (or copy) to ``output``: paths as text, which cross to the workers
    for a tenth of what ``Path`` objects cost to send and make again there."""

    path: str
    name: str
    output: str
    side: str
    folder: str | None = None  # the output folder: no symbolic link may lead out of it

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return by_fields(self)  # sent to the workers: compiled, the class pickles only so


@dataclass(frozen=True, slots=True)
class Restored:
    """What became of one file: restored, copied unchanged, or left out with the reasons."""

    name: str
    pairs: int
    copied: bool
    findings: tuple[Finding, ...] = ()
    error: SxstmError | None = None

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return by_fields(self)  # sent back from the workers: compiled, the class pickles only so


def restore_file(task: RestoreTask) -> Restored:
    """Restore one file into ``task.output`` (atomically); copy a file without pairs unchanged.

    A file with damaged spans or invalid UTF-8 is not written: its findings say why.
    """
    try:
        data = read_regular(task.path)
    except OSError as error:
        return Restored(task.name, 0, copied=False, error=read_error(error, task.name))
    text = None
    if b"<span data-" in data:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line, column = byte_position(data, error.start)
            finding = Problem.INVALID_UTF8.at(task.name, line, column, "invalid UTF-8; the file is not restored")
            return Restored(task.name, 0, copied=False, findings=(finding,))
    if text is None:
        return _write(task, data, 0, copied=True)
    # Restore scans the spans alone rather than reading a whole Document: it needs neither
    # segments nor locales, and building them costs restore 60 % more time (measured on the bench).
    pairs, findings = [], []
    lines = None  # made for a damaged span only
    for item in scan_spans(text):
        if isinstance(item, SpanPair):
            pairs.append(item)
        else:
            lines = lines or LineIndex(text)
            line, column = lines.position(item.offset)
            findings.append(
                item.problem.at(task.name, line, column, f"{item.message}; the file is not restored", item.pair_id)
            )
    if findings:
        return Restored(task.name, len(pairs), copied=False, findings=tuple(findings))
    if not pairs:
        return _write(task, data, 0, copied=True)
    return _write(task, restore_text(text, pairs, task.side).encode("utf-8"), len(pairs), copied=False)


def _write(task: RestoreTask, data: bytes, pairs: int, *, copied: bool) -> Restored:
    try:
        write_file(task.output, data, within=task.folder)
    except OutputError as error:
        return Restored(task.name, pairs, copied=copied, error=error)
    return Restored(task.name, pairs, copied=copied)
