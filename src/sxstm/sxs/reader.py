"""Read one sxs markdown file into a :class:`~sxstm.model.Document`.

Bytes are decoded as UTF-8; a damaged byte sequence is reported where it is, and only the
pairs that contain damage are left out. Front matter gives the locales and translation type;
the span scanner gives the pairs; markdown-it-py gives their block context.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, fields
from pathlib import Path, PurePath
from typing import Final

from sxstm.errors import LocaleError, UnreadableDocumentError, read_error
from sxstm.model import Document, Finding, Pair, Segment, TranslationType
from sxstm.sxs import blocks
from sxstm.sxs.containers import containers_of, strip_prefixes
from sxstm.sxs.files import read_regular
from sxstm.sxs.frontmatter import read_front_matter
from sxstm.sxs.lines import LineIndex, byte_position, has_line_end
from sxstm.sxs.locales import locale_from_folders, normalize_locale
from sxstm.sxs.names import path_text
from sxstm.sxs.problems import Problem
from sxstm.sxs.spans import SpanPair, SpanProblem, scan_spans
from sxstm.workers import by_fields

_DAMAGE_RE = re.compile("[\\udc80-\\udcff]+")  # an escape of the regex: mypyc refuses lone surrogates
_BINARY_PROBE = 8192


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Locales to use where a document does not name its own; ``contexts=False`` leaves the
    block context of pairs empty, for callers that do not need it (half the reading time)."""

    source_locale: str = "en-US"
    target_locale: str | None = None
    contexts: bool = True

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return by_fields(self)  # sent to the workers: compiled, the class pickles only so


DEFAULT_OPTIONS = ReadOptions()


def read_document(path: str | Path, *, name: str | None = None, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    """Read the file at ``path``; ``name`` is the path reported and exported (default: ``path``).

    Raises :class:`~sxstm.errors.UnreadableDocumentError` (SX005, SX006) when the file cannot be
    read or is binary, :class:`~sxstm.errors.LocaleError` when its target locale cannot be told.
    """
    shown = name if name is not None else str(path)
    try:
        data = read_regular(path)
    except OSError as error:
        message = read_error(error, shown).message
        raise UnreadableDocumentError(Problem.UNREADABLE.at(shown, 1, 1, message)) from error
    if b"\0" in data[:_BINARY_PROBE]:
        line, column = byte_position(data, data.index(b"\0", 0, _BINARY_PROBE))
        message = "binary file (it holds NUL bytes), not sxs markdown"
        raise UnreadableDocumentError(Problem.BINARY.at(shown, line, column, message))
    text, damaged = _decode(data)
    del data  # the bytes are not needed while the text is parsed: a file's size less at the peak
    # The file's own path, made absolute only if its folders are asked for the locale: most
    # documents name theirs, and making a Path absolute cost more than a small file's pairs.
    return _parse(text, shown, os.fspath(path), options, damaged=damaged)


def parse_document(
    data: bytes, name: str, *, location: PurePath | None = None, options: ReadOptions = DEFAULT_OPTIONS
) -> Document:
    """Parse the bytes of an sxs document; ``location`` is where to look for a locale folder."""
    text, damaged = _decode(data)
    return _parse(text, name, location, options, damaged=damaged)


def target_locale_of(text: str, name: str, options: ReadOptions = DEFAULT_OPTIONS) -> str:
    """Return the target locale :func:`parse_document` (without ``location``) gives the document
    ``text`` that holds pairs, from its front matter alone: merge tells an unchanged document so,
    without making its pairs. Raises :class:`~sxstm.errors.LocaleError` where it cannot be told."""
    return _target_locale(read_front_matter(text).fields, None, options, name, required=True)


def _decode(data: bytes) -> tuple[str, bool]:
    """The text of ``data``, invalid UTF-8 kept as lone surrogates, and whether there was any."""
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        return data.decode("utf-8", "surrogateescape"), True


def _parse(text: str, name: str, location: PurePath | str | None, options: ReadOptions, *, damaged: bool) -> Document:
    """Parse ``text``; ``location`` is where to look for a locale folder, a str the path of the file read."""
    findings: list[Finding] = []
    lines = LineIndex(text)
    if damaged:
        for match in _DAMAGE_RE.finditer(text):
            line, column = lines.position(match.start())
            raw = match.group().encode("utf-8", "surrogateescape")
            findings.append(Problem.INVALID_UTF8.at(name, line, column, f"invalid UTF-8 byte sequence {raw.hex(' ')}"))

    front = read_front_matter(text)
    if not front.closed:
        findings.append(
            Problem.UNCLOSED_FRONT_MATTER.at(name, 1, 1, "front matter opened by --- is never closed; read as text")
        )
    fields = front.fields
    if damaged:  # invalid UTF-8 in a field is shown as bytes, as in a file name
        fields = {key: path_text(value) if _DAMAGE_RE.search(value) else value for key, value in fields.items()}

    spans: list[SpanPair] = []
    for item in scan_spans(text):
        if isinstance(item, SpanProblem):
            line, column = lines.position(item.offset)
            findings.append(item.problem.at(name, line, column, item.message, item.pair_id))
        elif damaged and _DAMAGE_RE.search(text, item.target_start, item.source_end):
            line, column = lines.position(item.tag_start)
            findings.append(
                Problem.INVALID_UTF8.at(
                    name, line, column, f"pair {item.id} holds invalid UTF-8; it is not exported", item.id
                )
            )
        else:
            spans.append(item)

    target_locale = _target_locale(fields, location, options, name, required=bool(spans))
    pairs = _make_pairs(text, spans, front.body_start, lines, contexts=options.contexts)
    findings.sort(key=lambda finding: (finding.line, finding.column))
    return Document(
        path=name,
        source_locale=options.source_locale,
        target_locale=target_locale,
        translation_type=_translation_type(fields.get("ms.translationtype", "")),
        metadata=fields,
        pairs=pairs,
        findings=tuple(findings),
    )


def _make_pairs(
    text: str, spans: list[SpanPair], body_start: int, lines: LineIndex, *, contexts: bool
) -> tuple[Pair, ...]:
    if not spans:
        return ()
    starts = [lines.position(span.tag_start) for span in spans]
    if contexts:
        names = blocks.block_contexts(
            text, [(span.tag_start, span.end) for span in spans], [line - 1 for line, _ in starts], body_start
        )
    else:
        names = [""] * len(spans)
    pairs = []
    for span, (line, column), context in zip(spans, starts, names, strict=True):
        pair_id, tag_start, target_start, target_end, source_start, source_end, end = span
        if contexts and tag_start and text.startswith("[", tag_start - 1) and text.startswith(("](", "]["), end):
            context += "/link-text"
        source, target = pair_texts(text, span, tag_start - column + 1)
        pairs.append(
            _pair(
                pair_id,
                _segment(source, source_start, source_end),
                _segment(target, target_start, target_end),
                tag_start,
                end,
                line,
                column,
                context,
                column + target_start - tag_start,  # the opening tag holds no newline
            )
        )
    return tuple(pairs)


def pair_texts(text: str, span: SpanPair, line_start: int) -> tuple[str, str]:
    """The source and the target text of the pair ``span`` of ``text``, whose line starts at
    ``line_start``: raw, less the prefixes of the containers (quotes, lists) of the lines a
    segment runs on."""
    target = text[span.target_start : span.target_end]
    source = text[span.source_start : span.source_end]
    if has_line_end(text, span.target_start, span.source_end):
        containers = containers_of(text[line_start : span.tag_start])
        target, source = strip_prefixes(target, containers), strip_prefixes(source, containers)
    return source, target


# Pairs and segments are made by the hundred thousand. The __init__ of a frozen dataclass sets
# each field through object.__setattr__, which takes (CPython 3.11) three times as long as
# setting the slot through its descriptor, as these two do; test_reader proves they make the
# same objects. A field added to the model stops the import below.
_new: Final = object.__new__
# Final: mypyc reads them from C globals, not from the module's dict (15 reads a pair).
_SET_TEXT: Final = Segment.__dict__["text"].__set__
_SET_START: Final = Segment.__dict__["start"].__set__
_SET_END: Final = Segment.__dict__["end"].__set__
_SET_ID: Final = Pair.__dict__["id"].__set__
_SET_SOURCE: Final = Pair.__dict__["source"].__set__
_SET_TARGET: Final = Pair.__dict__["target"].__set__
_SET_PAIR_START: Final = Pair.__dict__["start"].__set__
_SET_PAIR_END: Final = Pair.__dict__["end"].__set__
_SET_LINE: Final = Pair.__dict__["line"].__set__
_SET_COLUMN: Final = Pair.__dict__["column"].__set__
_SET_CONTEXT: Final = Pair.__dict__["context"].__set__
_SET_TARGET_COLUMN: Final = Pair.__dict__["target_column"].__set__
if [field.name for field in fields(Segment)] != ["text", "start", "end"] or [field.name for field in fields(Pair)] != [
    "id",
    "source",
    "target",
    "start",
    "end",
    "line",
    "column",
    "context",
    "target_column",
]:
    raise ImportError("the fields of Segment or Pair changed: set each of them in sxs/reader.py")


def _segment(text: str, start: int, end: int) -> Segment:
    segment = _new(Segment)
    _SET_TEXT(segment, text)
    _SET_START(segment, start)
    _SET_END(segment, end)
    return segment


def _pair(
    pair_id: str,
    source: Segment,
    target: Segment,
    start: int,
    end: int,
    line: int,
    column: int,
    context: str,
    target_column: int,
) -> Pair:
    pair = _new(Pair)
    _SET_ID(pair, pair_id)
    _SET_SOURCE(pair, source)
    _SET_TARGET(pair, target)
    _SET_PAIR_START(pair, start)
    _SET_PAIR_END(pair, end)
    _SET_LINE(pair, line)
    _SET_COLUMN(pair, column)
    _SET_CONTEXT(pair, context)
    _SET_TARGET_COLUMN(pair, target_column)
    return pair


def _target_locale(
    fields: dict[str, str], location: PurePath | str | None, options: ReadOptions, name: str, *, required: bool
) -> str:
    declared = fields.get("ms.contentlocale")
    if declared:
        locale = normalize_locale(declared)
        if locale:
            return locale
    if options.target_locale:
        return options.target_locale
    if location is not None:
        from_folder = locale_from_folders(Path(location).absolute() if isinstance(location, str) else location)
        if from_folder:
            return from_folder
    if not required:
        return ""
    raise LocaleError(
        "cannot tell the target locale: no ms.contentlocale in front matter and no locale-named folder "
        "(such as docs.pl-pl); pass --target-lang, e.g. --target-lang pl-PL",
        path=name,
    )


def _translation_type(value: str) -> TranslationType:
    try:
        return TranslationType(value.strip().upper())
    except ValueError:
        return TranslationType.UNKNOWN
