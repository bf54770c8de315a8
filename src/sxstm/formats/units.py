"""Reviewed units made as fast as the readers of reviewed files (XLIFF, PO) read them."""

from __future__ import annotations

from dataclasses import fields
from typing import Final

from sxstm.model import ReviewedUnit

# A reviewed unit is made through its slots' descriptors: the ``__init__`` of a frozen dataclass
# runs in Python (eight ``object.__setattr__`` calls), a few microseconds a unit (see sxs/reader.py).
# A field added to the model stops the import below.
_new: Final = object.__new__
_SET_PATH: Final = ReviewedUnit.__dict__["path"].__set__
_SET_PAIR_ID: Final = ReviewedUnit.__dict__["pair_id"].__set__
_SET_SOURCE: Final = ReviewedUnit.__dict__["source"].__set__
_SET_TARGET: Final = ReviewedUnit.__dict__["target"].__set__
_SET_LINE: Final = ReviewedUnit.__dict__["line"].__set__
_SET_FUZZY: Final = ReviewedUnit.__dict__["fuzzy"].__set__
_SET_LOCALE: Final = ReviewedUnit.__dict__["locale"].__set__
_SET_CONTEXT: Final = ReviewedUnit.__dict__["context"].__set__
if [field.name for field in fields(ReviewedUnit)] != [
    "path",
    "pair_id",
    "source",
    "target",
    "line",
    "fuzzy",
    "locale",
    "context",
]:
    raise ImportError("the fields of ReviewedUnit changed: set each of them in formats/units.py")


def reviewed_unit(
    path: str | None,
    pair_id: str | None,
    source: str,
    target: str | None,
    line: int,
    locale: str,
    context: str,
    fuzzy: bool = False,
) -> ReviewedUnit:
    """Return ``ReviewedUnit(path, pair_id, source, target, line, fuzzy=fuzzy, locale=locale,
    context=context)``, made field by field."""
    unit: ReviewedUnit = _new(ReviewedUnit)
    _SET_PATH(unit, path)
    _SET_PAIR_ID(unit, pair_id)
    _SET_SOURCE(unit, source)
    _SET_TARGET(unit, target)
    _SET_LINE(unit, line)
    _SET_FUZZY(unit, fuzzy)
    _SET_LOCALE(unit, locale)
    _SET_CONTEXT(unit, context)
    return unit
