"""Merge reviewed translations back into sxs documents, changing only the TARGET of each pair.

A reviewed unit names its document and pair (XLIFF, PO, and TMX written by sxstm), or only its
source text (TMX from elsewhere, and the further occurrences of a deduplicated TMX unit): then
every pair of DOCS with that SOURCE takes the target. Every byte outside the replaced targets
stays as it was: front matter, other pairs, line ends, BOM, final newline.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from sxstm.containers import containers_of
from sxstm.corpus import shared_data
from sxstm.errors import SxstmError
from sxstm.formats.xmltext import INVALID_XML_RE
from sxstm.model import Pair, ReviewedUnit
from sxstm.reader import ReadOptions, parse_document

_SPAN_OPEN_RE = re.compile(r"<span\b", re.IGNORECASE)
_SPAN_CLOSE_RE = re.compile(r"</span\s*>", re.IGNORECASE)
_SXS_MARKUP = ("data-ttu-id", "data-stu-id", "sxs-lookup")
_FENCE_LINE_RE = re.compile(r"^[ \t>]*(?:```|~~~)", re.MULTILINE)


class Verdict(enum.Enum):
    """What became of a reviewed unit."""

    APPLIED = "applied"
    UNCHANGED = "unchanged"
    STALE = "stale"
    MISSING = "missing"
    SKIPPED = "skipped"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class UnitResult:
    """The verdict on one reviewed unit, with the reason where it was not applied."""

    unit: ReviewedUnit
    verdict: Verdict
    reason: str = ""


@dataclass(frozen=True, slots=True)
class MergeTask:
    """One document of DOCS and the units that name it."""

    path: Path
    name: str
    units: tuple[ReviewedUnit, ...]
    options: ReadOptions


@dataclass(frozen=True, slots=True)
class FileMerge:
    """A document after merging: its new bytes (None if unchanged) and the verdicts."""

    name: str
    original: bytes
    merged: bytes | None
    results: tuple[UnitResult, ...]
    by_source: int = 0  # pairs that took a target known by source text
    error: SxstmError | None = None


@dataclass(slots=True)
class Plan:
    """Units sorted by the document they name, and the verdicts reached before reading any."""

    by_document: dict[str, list[ReviewedUnit]] = field(default_factory=dict)
    by_source: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    results: list[UnitResult] = field(default_factory=list)


def plan_merge(units: Iterable[ReviewedUnit], documents: set[str], *, include_mt: bool, by_source: bool) -> Plan:
    """Sort ``units`` by document; refuse unsafe paths, skip untranslated and (unless
    ``include_mt``) machine-translated units, and report units naming no document of DOCS.

    With ``by_source`` (a TMX), every target is also known by its source text and locale, for
    the pairs of DOCS that no unit names; a source with several targets applies to none of them.
    """
    plan = Plan()
    for unit in units:
        if unit.target is None:
            plan.results.append(UnitResult(unit, Verdict.SKIPPED, "untranslated"))
        elif unit.machine and not include_mt:
            plan.results.append(UnitResult(unit, Verdict.SKIPPED, "still machine translation (use --include-mt)"))
        elif unit.path is None or unit.pair_id is None:
            if by_source:
                plan.by_source.setdefault((unit.source, unit.locale.lower()), set()).add(unit.target)
            else:
                plan.results.append(UnitResult(unit, Verdict.MISSING, "the unit names no document and pair"))
        elif not safe_path(unit.path):
            plan.results.append(UnitResult(unit, Verdict.REFUSED, f"unsafe document path {unit.path!r}"))
        elif unit.path not in documents:
            plan.results.append(UnitResult(unit, Verdict.MISSING, f"no document {unit.path} in DOCS"))
        else:
            plan.by_document.setdefault(unit.path, []).append(unit)
            if by_source:
                plan.by_source.setdefault((unit.source, unit.locale.lower()), set()).add(unit.target)
    return plan


def safe_path(path: str) -> bool:
    """Tell whether ``path`` stays below the folder it is relative to (no ``..``, not absolute)."""
    if not path or "\\" in path or "\0" in path or re.match(r"^[A-Za-z]:", path):
        return False
    pure = PurePosixPath(path)
    return not pure.is_absolute() and ".." not in pure.parts


def merge_in_worker(task: MergeTask) -> FileMerge:
    """Merge one document inside a :func:`~sxstm.corpus.parallel_map` worker."""
    shared = shared_data()
    return merge_file(task, shared if isinstance(shared, dict) else None)


def merge_file(task: MergeTask, by_source: dict[tuple[str, str], set[str]] | None = None) -> FileMerge:
    """Apply the units of ``task`` (and any target known by source text) to one document."""
    try:
        data = task.path.read_bytes()
        document = parse_document(data, task.name, options=task.options)
    except (OSError, SxstmError) as error:
        failure = error if isinstance(error, SxstmError) else SxstmError(f"cannot read: {error}", path=task.name)
        return FileMerge(task.name, b"", None, (), error=failure)
    text = data.decode("utf-8", "surrogateescape")
    pairs = {pair.id: pair for pair in reversed(document.pairs)}
    results: list[UnitResult] = []
    edits: dict[str, tuple[Pair, str]] = {}
    for unit in task.units:
        pair = pairs.get(unit.pair_id or "")
        if pair is None:
            results.append(UnitResult(unit, Verdict.MISSING, f"no pair {unit.pair_id} in {task.name}"))
        elif unit.source != pair.source.text:
            results.append(UnitResult(unit, Verdict.STALE, f"the source of {pair.id} changed since the export"))
        else:
            verdict = _judge(text, pair, unit.target or "")
            results.append(UnitResult(unit, *verdict))
            if verdict[0] is Verdict.APPLIED:
                edits[pair.id] = (pair, unit.target or "")
    named = len(edits)
    locale = document.target_locale.lower()
    for pair in document.pairs if by_source else ():
        targets = by_source.get((pair.source.text, locale)) if by_source else None
        if not targets or len(targets) > 1 or pair.id in edits:
            continue
        target = next(iter(targets))
        if _judge(text, pair, target)[0] is Verdict.APPLIED:
            edits[pair.id] = (pair, target)
    if not edits:
        return FileMerge(task.name, b"", None, tuple(results))
    pieces, pos = [], 0
    for pair, target in sorted(edits.values(), key=lambda edit: edit[0].target.start):
        pieces += [text[pos : pair.target.start], _with_prefixes(text, pair, target)]
        pos = pair.target.end
    pieces.append(text[pos:])
    merged = "".join(pieces).encode("utf-8", "surrogateescape")
    return FileMerge(task.name, data, merged, tuple(results), len(edits) - named)


def _judge(text: str, pair: Pair, target: str) -> tuple[Verdict, str]:
    """Decide whether ``target`` may replace the target of ``pair`` without breaking the document."""
    if target == pair.target.text or target == INVALID_XML_RE.sub("", pair.target.text):
        return Verdict.UNCHANGED, ""  # (an XML export drops what XML cannot hold)
    if any(markup in target for markup in _SXS_MARKUP):
        return Verdict.REFUSED, "the target holds sxs span markup"
    raw = text[pair.target.start : pair.target.end]
    if _span_balance(target) != _span_balance(raw):
        return Verdict.REFUSED, "the target opens or closes a <span> it does not close or open"
    if "\n" in target:
        if "table-cell" in pair.context:
            return Verdict.REFUSED, "a newline in a table cell would break the table"
        if _FENCE_LINE_RE.search(target, target.index("\n")):
            return Verdict.REFUSED, "a line of the target would open or close a code fence"
        if re.search(r"\n[ \t]*\n", target) and not re.search(r"\n[ \t>]*\n", raw):
            return Verdict.REFUSED, "a blank line in the target would end its paragraph"
    return Verdict.APPLIED, ""


def _span_balance(text: str) -> int:
    return len(_SPAN_OPEN_RE.findall(text)) - len(_SPAN_CLOSE_RE.findall(text))


def _with_prefixes(text: str, pair: Pair, target: str) -> str:
    """Give the continuation lines of ``target`` the container prefix the pair's lines carry."""
    if "\n" not in target:
        return target
    raw_lines = text[pair.target.start : pair.target.end].split("\n")
    plain_lines = pair.target.text.split("\n")
    if len(raw_lines) > 1:
        prefix = raw_lines[1][: len(raw_lines[1]) - len(plain_lines[1])]
    else:
        line_start = text.rfind("\n", 0, pair.target.start) + 1
        head = text[line_start : text.rfind("<span data-ttu-id=", line_start, pair.target.start)]
        prefix = "".join("> " if width == 0 else " " * width for width in containers_of(head))
    first, *rest = target.split("\n")
    return "\n".join([first, *(prefix + line if line else prefix.rstrip() for line in rest)])


def count_verdicts(results: Sequence[UnitResult]) -> dict[str, int]:
    """Count the verdicts, every one named."""
    counts = dict.fromkeys((verdict.value for verdict in Verdict), 0)
    for result in results:
        counts[result.verdict.value] += 1
    return counts
