"""The checks' findings: made and placed in their file, as rows of plain values to send between
processes, and made again at another path.

Compiled with mypyc (``setup.py``): a run sends and re-makes every finding (64,645 on the bench).
A finding pickled as itself is taken apart and put together again field by field in Python (the
``__getstate__`` and ``__setstate__`` of a slotted dataclass call ``fields()`` and
``object.__setattr__`` for each); a tuple of its fields pickles in C. And ``dataclasses.replace``,
which gave each finding its shown path, calls the frozen dataclass's ``__init__``, which sets
each field through ``object.__setattr__``: three times as long as setting the slot through its
descriptor, as here and as the reader makes pairs. The checks' findings are made here too, each
placed at its line and column with its pair's fingerprint (run by the interpreter, with the
``__init__`` of the dataclass, they took 1.1 % more of the workers' instructions of qa on an
eighth of the bench). It makes no class of its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import fields
from typing import Final

from sxstm.model import Finding, Pair, Severity

# A finding's fields in order: path, line, column, severity, code, name, message, pair id,
# fingerprint, source, target, offset, length, source offset.
Row = tuple[str, int, int, Severity, str, str, str, str | None, str, str, str, int, int, int]

_FIELDS: Final = (
    "path",
    "line",
    "column",
    "severity",
    "code",
    "name",
    "message",
    "pair_id",
    "fingerprint",
    "source",
    "target",
    "offset",
    "length",
    "source_offset",
)
if tuple(field.name for field in fields(Finding)) != _FIELDS:
    raise ImportError("the fields of Finding changed: set each of them in checks/rows.py")
_new: Final = object.__new__
# Final: mypyc reads them from C globals, not from the module's dict.
_SET_PATH: Final = Finding.__dict__["path"].__set__
_SET_LINE: Final = Finding.__dict__["line"].__set__
_SET_COLUMN: Final = Finding.__dict__["column"].__set__
_SET_SEVERITY: Final = Finding.__dict__["severity"].__set__
_SET_CODE: Final = Finding.__dict__["code"].__set__
_SET_NAME: Final = Finding.__dict__["name"].__set__
_SET_MESSAGE: Final = Finding.__dict__["message"].__set__
_SET_PAIR_ID: Final = Finding.__dict__["pair_id"].__set__
_SET_FINGERPRINT: Final = Finding.__dict__["fingerprint"].__set__
_SET_SOURCE: Final = Finding.__dict__["source"].__set__
_SET_TARGET: Final = Finding.__dict__["target"].__set__
_SET_OFFSET: Final = Finding.__dict__["offset"].__set__
_SET_LENGTH: Final = Finding.__dict__["length"].__set__
_SET_SOURCE_OFFSET: Final = Finding.__dict__["source_offset"].__set__


def to_rows(findings: tuple[Finding, ...]) -> tuple[Row, ...]:
    """The fields of each of ``findings``, in order."""
    return tuple(_row(finding) for finding in findings)


def from_rows(rows: tuple[Row, ...]) -> tuple[Finding, ...]:
    """The findings of ``rows`` (see :func:`to_rows`)."""
    return tuple(_made(row[0], row) for row in rows)


def moved(findings: list[Finding], paths: dict[str, str]) -> list[Finding]:
    """``findings``, each at the path that ``paths`` maps its own to."""
    return [_made(paths[finding.path], _row(finding)) for finding in findings]


def moved_rows(findings: Sequence[Finding], paths: dict[str, str]) -> list[Row]:
    """The rows of ``findings``, each at the path that ``paths`` maps its own to: what
    :func:`to_rows` gives of :func:`moved`, without making the findings moved."""
    return [_row_at(paths[finding.path], finding) for finding in findings]


def _row(finding: Finding) -> Row:
    return _row_at(finding.path, finding)


def _row_at(path: str, finding: Finding) -> Row:
    return (
        path,
        finding.line,
        finding.column,
        finding.severity,
        finding.code,
        finding.name,
        finding.message,
        finding.pair_id,
        finding.fingerprint,
        finding.source,
        finding.target,
        finding.offset,
        finding.length,
        finding.source_offset,
    )


def _made(path: str, row: Row) -> Finding:
    """The finding of ``row`` at ``path``."""
    finding = _new(Finding)
    _SET_PATH(finding, path)
    _SET_LINE(finding, row[1])
    _SET_COLUMN(finding, row[2])
    _SET_SEVERITY(finding, row[3])
    _SET_CODE(finding, row[4])
    _SET_NAME(finding, row[5])
    _SET_MESSAGE(finding, row[6])
    _SET_PAIR_ID(finding, row[7])
    _SET_FINGERPRINT(finding, row[8])
    _SET_SOURCE(finding, row[9])
    _SET_TARGET(finding, row[10])
    _SET_OFFSET(finding, row[11])
    _SET_LENGTH(finding, row[12])
    _SET_SOURCE_OFFSET(finding, row[13])
    return finding


def finding_on(
    path: str,
    pair: Pair,
    severity: Severity,
    code: str,
    name: str,
    message: str,
    fingerprint: str,
    offset: int = -1,
    length: int = 0,
    source_offset: int = -1,
) -> Finding:
    """The finding of check ``code`` on ``pair`` of the document at ``path``, at the spot
    ``offset`` characters into the target text (past its end: at its end), ``length`` long (a
    negative length: unknown, 0), matching ``source_offset`` in the source (-1: unknown; past its
    end: its end). A negative ``offset`` is about the whole pair: at the pair's line and column,
    with no length."""
    target, source = pair.target.text, pair.source.text
    offset = min(offset, len(target))
    line, column = locate(pair, offset) if offset >= 0 else (pair.line, pair.column)
    return _made(
        path,
        (
            path,
            line,
            column,
            severity,
            code,
            name,
            message,
            pair.id,
            fingerprint,
            source,
            target,
            offset,
            max(length, 0) if offset >= 0 else 0,
            min(source_offset, len(source)),
        ),
    )


def locate(pair: Pair, offset: int) -> tuple[int, int]:
    """The line and column in the file of the character ``offset`` into the pair's target text
    (on a continuation line, counted from the end of its container prefix)."""
    text = pair.target.text
    newlines = text.count("\n", 0, offset)
    if not newlines or not pair.target_column:
        return pair.line + newlines, (pair.target_column or pair.column) + (offset if not newlines else 0)
    return pair.line + newlines, offset - text.rfind("\n", 0, offset)


def pair_fingerprint(pair: Pair) -> str:
    """Hash the pair's source and target, whitespace folded: a baseline entry outlives line moves."""
    text = " ".join(pair.source.text.split()) + "\0" + " ".join(pair.target.text.split())
    return hashlib.sha256(text.encode()).hexdigest()[:16]
