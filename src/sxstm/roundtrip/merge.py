"""Merge reviewed translations back into sxs documents, changing only the TARGET of each pair.

A reviewed unit names its document and pair (XLIFF, PO, and TMX written by sxstm), its document
only (PO without ``msgctxt``, XLIFF from ``po2xliff``: the pair is found by its source text), or
only its source text (TMX from elsewhere, and the further occurrences of a deduplicated TMX
unit): then every pair of DOCS with that SOURCE takes the target. Every byte outside the
replaced targets stays as it was: front matter, other pairs, line ends, BOM, final newline.

The content decides, never an XLIFF state (CAT tools leave states as they found them): a target
equal to the document's is unchanged; an empty one, a copy of the English source, one marked
``#, fuzzy``, or one holding a CAT tool's tag left as text is not applied (see :func:`judge`);
any other is the reviewer's edit and applied where it keeps the markdown whole.
"""

from __future__ import annotations

import enum
import functools
import os
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from sxstm.errors import OutputError, SxstmError, read_error
from sxstm.formats.xmltext import INVALID_XML_RE
from sxstm.model import Pair, ReviewedUnit, Segment
from sxstm.output import write_file
from sxstm.roundtrip.reviewed import Slice, read_slice
from sxstm.roundtrip.unchanged import conflicting, same_language, unchanged_by_spans
from sxstm.sxs.containers import containers_of
from sxstm.sxs.files import read_regular
from sxstm.sxs.names import text_path
from sxstm.sxs.reader import ReadOptions, parse_document
from sxstm.sxs.spans import span_balance
from sxstm.workers import shared_data

_SXS_MARKUP_RE = re.compile(r"data-[ts]tu-id|sxs-lookup", re.IGNORECASE)
_SPAN_TAG_RE = re.compile(r"</?span\b", re.IGNORECASE)
# Characters that are not text in a document: C0 and C1 controls but tab and newline (a CR
# alone is a line break to markdown), lone surrogates (bytes that are not UTF-8), non-characters.
_NOT_TEXT_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# A line that starts a block of its own, wherever a paragraph's line would only continue it:
# heading, list item, quote, HTML block, fence, thematic break or setext underline, table row.
_BLOCK_LINE_RE = re.compile(
    r"^[ \t]*(?:\#{1,6}(?:[ \t]|$)|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|>|<[A-Za-z/!?]|```|~~~"
    r"|(?:[-*_][ \t]*){3,}$|=+[ \t]*$|\|)"
)
_PIPE_RE = re.compile(r"(?<!\\)\|")
_FENCE_LINE_RE = re.compile(r"^[ \t>]*(?:```|~~~)", re.MULTILINE)
_CAT_TAG_RE = re.compile(r"</?[a-z]\d+/?>")  # OmegaT's <g0/>, <f0>, </f0>, <l1/> left as text
_DRIVE_RE = re.compile(r"[A-Za-z]:")  # a Windows drive (C:), at the start of a document path


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
    """The verdict on one reviewed unit (at ``line`` of the reviewed file), with the reason and
    the content rule (a key of :data:`RULES`) that kept it out, if one did."""

    line: int
    verdict: Verdict
    reason: str = ""
    rule: str = ""


# The content rules that keep a differing target out: key -> (why, in a summary; what to do
# when every unit of a file fell to it, with {count}).
RULES: dict[str, tuple[str, str]] = {
    "empty": (
        "empty in the reviewed file",
        "all {count:,} units are empty: OmegaT writes no translation for PO entries marked fuzzy; "
        "export with --no-fuzzy for OmegaT",
    ),
    "source-copy": (
        "a copy of the English source",
        "all {count:,} units are copies of the English source: translate them, or merge with --accept-source-copies",
    ),
    "cat-tag": ("a CAT tool's tag left as text", "all {count:,} units hold CAT tool tags as text: fix the tags"),
    "fuzzy": (
        "still marked fuzzy",
        "all {count:,} units are marked fuzzy: export with --no-fuzzy for OmegaT, or merge with --include-fuzzy",
    ),
    "ambiguous": ("no pair id, and a source with several targets", "merge a file that names the pairs"),
}


@dataclass(frozen=True, slots=True)
class Rules:
    """What the content rules may let through on request."""

    include_fuzzy: bool = False  # PO targets still marked ``#, fuzzy``
    accept_source_copies: bool = False  # targets equal to their English source


@dataclass(frozen=True, slots=True)
class MergeTask:
    """One document of DOCS and the units that name it, as ``(line, pair id, source, target,
    fuzzy, locale)`` (pair id "": found by source text; locale "": the file names none); where
    to write the result (``output``), and whether to send the bytes back (``keep``, for a diff
    or an all-or-nothing write)."""

    path: str
    name: str
    units: tuple[tuple[int, str, str, str, bool, str], ...]
    options: ReadOptions
    output: str | None = None
    keep: bool = False
    rules: Rules = Rules()
    folder: str | None = None  # the output folder: no symbolic link may lead out of it


@dataclass(frozen=True, slots=True)
class FileMerge:
    """A document after merging: its new bytes (None if unchanged) and the verdicts."""

    name: str
    original: bytes
    merged: bytes | None
    results: tuple[UnitResult, ...]  # the units not applied, and why
    applied: int = 0
    unchanged: int = 0
    by_source: int = 0  # pairs that took a target known by source text
    changed: bool = False
    error: SxstmError | None = None


@dataclass(slots=True)
class Plan:
    """Units sorted by the document they name, and the verdicts reached before reading any."""

    by_document: dict[str, list[ReviewedUnit]] = field(default_factory=dict)
    by_source: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    results: list[UnitResult] = field(default_factory=list)


class Planner:
    """Decide for each reviewed unit whether it goes to a document of DOCS, and record the
    verdict on those that do not: unsafe paths are refused, units naming no document reported.
    What the target holds is judged with the document (:func:`judge`).

    With ``by_source`` (a TMX), every target is also known by its source text and locale, for
    the pairs of DOCS that no unit names; a source with several targets applies to none of them,
    one target only as :func:`judge` allows.
    """

    def __init__(self, plan: Plan, documents: Collection[str], *, rules: Rules, by_source: bool) -> None:
        self.plan = plan
        self.documents = documents
        self.rules = rules
        self.by_source = by_source

    def decide(self, unit: ReviewedUnit) -> bool:
        """Return True if ``unit`` goes to its document; else record why not."""
        plan = self.plan
        if unit.path is not None and not safe_path(unit.path):
            plan.results.append(UnitResult(unit.line, Verdict.REFUSED, f"unsafe document path {unit.path!r}"))
            return False  # nor is its target known by source text: the whole unit is refused
        if self.by_source and unit.target is not None:
            plan.by_source.setdefault((unit.source, unit.locale.lower()), set()).add(unit.target)
        if unit.path is None or (self.by_source and unit.pair_id is None):
            if not self.by_source:
                plan.results.append(UnitResult(unit.line, Verdict.MISSING, "the unit names no document"))
            return False
        elif unit.path not in self.documents:
            plan.results.append(UnitResult(unit.line, Verdict.MISSING, f"no document {unit.path} in DOCS"))
        else:
            return True
        return False


def plan_merge(units: Iterable[ReviewedUnit], planner: Planner) -> None:
    """Sort all ``units`` that go to a document into ``planner.plan.by_document``."""
    for unit in units:
        if planner.decide(unit):
            planner.plan.by_document.setdefault(unit.path or "", []).append(unit)


def task_units(units: Iterable[ReviewedUnit]) -> tuple[tuple[int, str, str, str, bool, str], ...]:
    """The units of a :class:`MergeTask`: what a worker needs of each, cheap to send."""
    return tuple(
        (unit.line, unit.pair_id or "", unit.source, unit.target or "", unit.fuzzy, unit.locale) for unit in units
    )


def stream_groups(units: Iterable[ReviewedUnit], planner: Planner) -> Iterator[tuple[str, list[ReviewedUnit]]]:
    """Yield ``(document, units)`` as soon as a document's units are read (files keep them
    together); units of a document met again later are refused, as applying them would undo
    the first."""
    done: set[str] = set()
    current: str = ""
    group: list[ReviewedUnit] = []
    for unit in units:
        if group and unit.path == current and not planner.by_source:
            group.append(unit)  # the document of the unit before, which took it: decided alike
            continue
        if not planner.decide(unit):
            continue
        path = unit.path or ""
        if path in done:
            planner.plan.results.append(
                UnitResult(unit.line, Verdict.REFUSED, f"the units of {path} are not together in the file")
            )
            continue
        if path != current and group:
            done.add(current)
            yield current, group
            group = []
        current = path
        group.append(unit)
    if group:
        yield current, group


@dataclass(frozen=True, slots=True)
class MergeSetup:
    """What every document's merge shares: DOCS by name, how to read them, where to write."""

    documents: dict[str, str]  # name -> the file's path
    options: ReadOptions
    rules: Rules = Rules()
    folder: Path | None = None  # -o: the whole tree is written there; else results are kept

    def task(self, name: str, units: Iterable[ReviewedUnit]) -> MergeTask:
        # Joined as strings, not as a Path per document that pathlib parses and prints again:
        # write_file makes the one Path it needs.
        folder = None if self.folder is None else os.fspath(self.folder)
        return MergeTask(
            self.documents[name],
            name,
            task_units(units),
            self.options,
            None if folder is None else os.path.join(folder, text_path(name)),
            folder is None,
            self.rules,
            folder,
        )


@dataclass(frozen=True, slots=True)
class SliceMerge:
    """The documents one slice of the reviewed file named, merged; the verdicts reached before
    reading them; or the error that stopped reading the slice."""

    merges: tuple[FileMerge, ...] = ()
    results: tuple[UnitResult, ...] = ()
    error: SxstmError | None = None


def merge_slice(piece: Slice) -> SliceMerge:
    """Read one slice of the reviewed file and merge the documents it names, inside a
    :func:`~sxstm.workers.parallel_map` worker whose shared data is a :class:`MergeSetup`."""
    setup = shared_data()
    assert isinstance(setup, MergeSetup)
    plan = Plan()
    planner = Planner(plan, setup.documents.keys(), rules=setup.rules, by_source=False)
    merges = []
    try:
        for name, group in stream_groups(read_slice(piece), planner):
            merges.append(merge_file(setup.task(name, group)))
    except SxstmError as error:
        return SliceMerge(error=error)
    return SliceMerge(tuple(merges), tuple(plan.results))


@functools.lru_cache(maxsize=1024)  # asked once per unit of a TMX or PO read whole
def safe_path(path: str) -> bool:
    """Tell whether ``path`` stays below the folder it is relative to (no ``..``, not absolute).

    ``path`` is a name as outputs write it (:func:`~sxstm.sxs.names.path_text`): the file name it
    stands for is checked, so that an escaped ``\\x2e\\x2e`` is ``..`` and a name with a byte that is
    not UTF-8 (``\\xff``) is fine.
    """
    path = text_path(path)
    if not path or "\\" in path or "\0" in path or _DRIVE_RE.match(path):
        return False
    # What PurePosixPath(path) tells by is_absolute() and parts, without parsing a Path: a
    # merge asks once per document, more documents than the cache holds.
    return not path.startswith("/") and ".." not in path.split("/")


def merge_in_worker(task: MergeTask) -> FileMerge:
    """Merge one document inside a :func:`~sxstm.workers.parallel_map` worker."""
    shared = shared_data()
    return merge_file(task, shared if isinstance(shared, dict) else None)


def merge_file(task: MergeTask, by_source: dict[tuple[str, str], set[str]] | None = None) -> FileMerge:
    """Apply the units of ``task`` (and any target known by source text) to one document."""
    try:
        data = read_regular(task.path)
        if not task.units and not by_source:
            return _finish(task, data, None, FileMerge(task.name, b"", None, ()))
        if not by_source and _unchanged(data, task):
            return _finish(task, data, None, FileMerge(task.name, b"", None, (), unchanged=len(task.units)))
        document = parse_document(data, task.name, options=replace(task.options, contexts=False))
    except (OSError, SxstmError) as error:
        failure = error if isinstance(error, SxstmError) else read_error(error, task.name)
        return FileMerge(task.name, b"", None, (), error=failure)
    text = data.decode("utf-8", "surrogateescape")
    pairs = {pair.id: pair for pair in reversed(document.pairs)}
    contexts: dict[str, str] = {}

    def context(pair: Pair) -> str:
        if not contexts:  # block contexts are needed only to judge a multi-line target
            contexts.update((p.id, p.context) for p in parse_document(data, task.name, options=task.options).pairs)
        return contexts.get(pair.id, "")

    results: list[UnitResult] = []
    edits: dict[str, tuple[Pair, str]] = {}
    by_text: dict[str, list[Pair]] = {}
    applied = unchanged = 0
    conflicts = conflicting(task.units)
    for line, pair_id, source, target, fuzzy, locale in task.units:
        if locale and not same_language(locale, document.target_locale):
            reason = f"the unit is in {locale} and {task.name} in {document.target_locale}: not applied"
            results.append(UnitResult(line, Verdict.REFUSED, reason))
            continue
        if pair_id:
            pair = pairs.get(pair_id)
            if pair is None:
                results.append(UnitResult(line, Verdict.MISSING, f"no pair {pair_id} in {task.name}"))
                continue
            if source != pair.source.text:
                results.append(UnitResult(line, Verdict.STALE, f"the source of {pair.id} changed since the export"))
                continue
            matched = [pair]
        else:  # the unit names no pair: the pairs with its source, if they agree
            if not by_text:
                for each in document.pairs:
                    by_text.setdefault(each.source.text, []).append(each)
            matched = by_text.get(source, [])
            if not matched:
                results.append(UnitResult(line, Verdict.MISSING, f"no pair with this source in {task.name}"))
                continue
            if len({each.target.text for each in matched}) > 1:
                reason = (
                    f"the unit names no pair, and its source occurs {len(matched)} times in {task.name} with"
                    " different targets: applied to none (merge a file that names the pairs: msgctxt, resname)"
                )
                results.append(UnitResult(line, Verdict.SKIPPED, reason, "ambiguous"))
                continue
        if (key := (pair_id, "" if pair_id else source)) in conflicts:
            where = ", ".join(map(str, conflicts[key]))
            reason = f"the units at lines {where} give {pair_id or 'this source'} different targets: none is applied"
            results.append(UnitResult(line, Verdict.REFUSED, reason))
            continue
        verdict, reason, rule = judge(text, matched[0], target, fuzzy=fuzzy, rules=task.rules, context=context)
        if verdict is Verdict.APPLIED:
            applied += 1
            edits.update((each.id, (each, target)) for each in matched)
        elif verdict is Verdict.UNCHANGED:
            unchanged += 1
        else:
            results.append(UnitResult(line, verdict, reason, rule))
    named = len(edits)
    locale = document.target_locale.lower()
    for pair in document.pairs if by_source else ():
        targets = by_source.get((pair.source.text, locale)) if by_source else None
        if not targets or len(targets) > 1 or pair.id in edits:
            continue
        target = next(iter(targets))
        if judge(text, pair, target, fuzzy=False, rules=task.rules, context=context)[0] is Verdict.APPLIED:
            edits[pair.id] = (pair, target)
    outcome = FileMerge(task.name, b"", None, tuple(results), applied, unchanged, len(edits) - named)
    if not edits:
        return _finish(task, data, None, outcome)
    pieces, pos = [], 0
    for pair, target in sorted(edits.values(), key=lambda edit: edit[0].target.start):
        pieces += [text[pos : pair.target.start], _with_prefixes(text, pair, target)]
        pos = pair.target.end
    pieces.append(text[pos:])
    return _finish(task, data, "".join(pieces).encode("utf-8", "surrogateescape"), outcome)


def _unchanged(data: bytes, task: MergeTask) -> bool:
    """Tell whether every unit of ``task`` gives the pair it names the source and target the
    document ``data`` holds, so that :func:`judge` would find them all unchanged (see
    :func:`~sxstm.roundtrip.unchanged.unchanged_by_spans`)."""
    return unchanged_by_spans(data, task.name, task.units, task.options)


def _finish(task: MergeTask, data: bytes, merged: bytes | None, outcome: FileMerge) -> FileMerge:
    """Write the document to ``task.output`` (merged, or as it was) and say what changed."""
    if task.output is not None:
        try:
            write_file(task.output, data if merged is None else merged, within=task.folder)
        except OutputError as error:
            return replace(outcome, error=error)
    if merged is None:
        return outcome  # not changed, as made (dataclasses.replace costs a copy field by field)
    if task.keep:
        return replace(outcome, original=data, merged=merged, changed=True)
    return replace(outcome, changed=True)


def judge(
    text: str, pair: Pair, target: str, *, fuzzy: bool, rules: Rules, context: Callable[[Pair], str]
) -> tuple[Verdict, str, str]:
    """Decide whether ``target`` (of a unit whose source is that of ``pair``) replaces the
    target of ``pair`` in the document ``text``: the verdict, the reason, the content rule.

    A target equal to the document's is unchanged. One that differs is applied unless it is
    empty (never), holds a CAT tool's tag as text (refused), copies the source or is still
    fuzzy (unless ``rules`` let it through), or would break the markdown (refused).
    """
    current = pair.target.text
    if target == current or target == INVALID_XML_RE.sub("", current):
        return Verdict.UNCHANGED, "", ""  # (an XML export drops what XML cannot hold)
    if not target.strip():  # blank is empty too: spaces alone would erase the translation as surely
        return Verdict.SKIPPED, "empty in the reviewed file; an empty target never replaces a translation", "empty"
    for tag in _CAT_TAG_RE.finditer(target):
        if tag.group() not in pair.source.text and tag.group() not in current:
            reason = f"CAT tool tag {tag.group()} left as text (OmegaT writes so the tags it cannot map); fix the tags"
            return Verdict.REFUSED, f"{reason} in the CAT tool", "cat-tag"
    if target == pair.source.text and not rules.accept_source_copies:
        reason = "a copy of the English source, not a translation (use --accept-source-copies to apply it)"
        return Verdict.SKIPPED, reason, "source-copy"
    if fuzzy and not rules.include_fuzzy:
        return Verdict.SKIPPED, "still marked fuzzy: clear the flag when reviewed, or use --include-fuzzy", "fuzzy"
    verdict, reason = _keeps_markdown(text, pair, target, context)
    return verdict, reason, ""


def not_text(target: str, allowed: str = "") -> str:
    """Say what in ``target`` is not text a document may hold (controls, NUL, a CR, lone
    surrogates); "" if nothing. Characters that ``allowed`` (the text replaced) holds pass."""
    for match in _NOT_TEXT_RE.finditer(target):
        char = match.group()
        if char == "\r" and target.startswith("\n", match.end()) and "\r\n" in allowed:
            continue  # the line ends of a CRLF document
        if char not in allowed:
            if char == "\r":
                return "a carriage return (CR), which markdown reads as a line break"
            return f"the character U+{ord(char):04X}, which is not text"
    return ""


def _spans_allowed(target: str, raw: str, source: str) -> bool:
    """Whether the ``<span>`` tags of ``target`` are safe: the same as the old target's, or taken
    from the source (a reviewer who keeps the source's inline span), and nested so that none
    closes a span it did not open (``A </span><span> B`` would close the sxs span)."""
    tags = [m.group().lower() for m in _SPAN_TAG_RE.finditer(target)]
    if tags == [m.group().lower() for m in _SPAN_TAG_RE.finditer(raw)]:
        return True
    if Counter(tags) - Counter(m.group().lower() for m in _SPAN_TAG_RE.finditer(source)):
        return False
    depth = 0
    for tag in tags:
        depth += -1 if tag.startswith("</") else 1
        if depth < 0:
            return False
    return depth == 0


def not_document_text(target: str, source: str, context: str = "") -> str:
    """Say why merge would refuse ``target`` as the translation of ``source`` wherever it lands,
    by the rules that need no document (text, sxs markup, span tags the source does not hold,
    a table cell's pipes and newlines where ``context``, the pair's block context, names one,
    lines); "" if nothing. Tags the document's target holds depend on the document and are
    left to merge."""
    if problem := not_text(target):
        return f"the target holds {problem}"
    if _SXS_MARKUP_RE.search(target):
        return "the target holds sxs span markup"
    tags = Counter(m.group().lower() for m in _SPAN_TAG_RE.finditer(target))
    if tags - Counter(m.group().lower() for m in _SPAN_TAG_RE.finditer(source)):
        return "the target adds <span> tags the source does not hold"
    if problem := _table_cell_problem(target, source, lambda: context):
        return problem
    if "\n" in target:  # the line rules, with the source as the pair's text in the document
        pair = Pair("", Segment(source, 0, len(source)), Segment(source, 0, len(source)), 0, 0, 1, 1, "")
        return _line_problem(pair, source, target)
    return ""


def _keeps_markdown(text: str, pair: Pair, target: str, context: Callable[[Pair], str]) -> tuple[Verdict, str]:
    """Decide whether ``target`` may replace the target of ``pair`` without breaking the document."""
    raw = text[pair.target.start : pair.target.end]
    if problem := not_text(target, raw):
        return Verdict.REFUSED, f"the target holds {problem}"
    if _SXS_MARKUP_RE.search(target):
        return Verdict.REFUSED, "the target holds sxs span markup"
    if span_balance(target) != span_balance(raw):
        return Verdict.REFUSED, "the target opens or closes a <span> it does not close or open"
    if not _spans_allowed(target, raw, text[pair.source.start : pair.source.end]):
        return Verdict.REFUSED, "the target adds or removes <span> tags"
    if problem := _table_cell_problem(target, raw, lambda: context(pair)):
        return Verdict.REFUSED, problem
    if "\n" in target and (reason := _line_problem(pair, raw, target)):
        return Verdict.REFUSED, reason
    return Verdict.APPLIED, ""


def _table_cell_problem(target: str, before: str, context: Callable[[], str]) -> str:
    """Say why ``target`` would break the table cell that held ``before``: an unescaped ``|``
    it adds, or a newline; "" if nothing, or if ``context`` (the pair's block context, asked
    only when the target has either) names no table cell."""
    adds_pipe = len(_PIPE_RE.findall(target)) > len(_PIPE_RE.findall(before))
    if (adds_pipe or "\n" in target) and "table-cell" in context():
        if adds_pipe:
            return "a | in a table cell would split the cell (write \\| for a pipe)"
        return "a newline in a table cell would break the table"
    return ""


def _line_problem(pair: Pair, raw: str, target: str) -> str:
    """Say why the lines of ``target`` (which holds a newline) would change the blocks of the
    document around ``pair``, whose target is ``raw`` in it; "" if they would not."""
    if _FENCE_LINE_RE.search(target, target.index("\n")):
        return "a line of the target would open or close a code fence"
    if "\n" not in pair.target.text and "\n" not in pair.source.text:
        return "a line break where the pair has none would change the document's blocks"
    if not target.split("\n", 1)[0].strip() and raw.split("\n", 1)[0].strip():
        # `<span data-ttu-id="…">` alone on the first line of a block is an HTML block (CommonMark 7)
        return "the first line of the target is empty: the pair's <span> tag would stand alone and start an HTML block"
    lines = set(pair.target.text.split("\n")[1:]) | set(pair.source.text.split("\n")[1:])
    for line in target.split("\n")[1:]:
        if _BLOCK_LINE_RE.match(line) and line not in lines:
            return f"the line {line.strip()!r} of the target would start a block of its own"
    if re.search(r"\n[ \t]*\n", target) and not re.search(r"\n[ \t>]*\n", raw):
        return "a blank line in the target would end its paragraph"
    return ""


def _with_prefixes(text: str, pair: Pair, target: str) -> str:
    """Give the continuation lines of ``target`` the container prefix the pair's lines carry."""
    if "\n" not in target:
        return target
    raw_lines = text[pair.target.start : pair.target.end].split("\n")
    plain_lines = pair.target.text.split("\n")
    if len(raw_lines) > 1:
        prefix = raw_lines[1][: len(raw_lines[1]) - len(plain_lines[1])]
    else:
        line_start = text.rfind("\n", 0, pair.start) + 1
        head = text[line_start : pair.start]
        prefix = "".join("> " if width == 0 else " " * width for width in containers_of(head))
    first, *rest = target.split("\n")
    return "\n".join([first, *(prefix + line if line else prefix.rstrip() for line in rest)])


def nothing_applied(results: Sequence[UnitResult]) -> list[str]:
    """Say why no unit of a file was applied: a line per reason with its count, and what to do
    if one content rule kept every unit out."""
    groups: dict[str, list[UnitResult]] = {}
    for result in results:
        groups.setdefault(result.rule or result.verdict.value, []).append(result)
    lines = []
    for key, group in groups.items():
        why = RULES[key][0] if key in RULES else f"{key}, e.g. {group[0].reason}"
        lines.append(f"no unit applied: {len(group):,} units {why}")
    if len(groups) == 1 and results[0].rule in RULES:
        lines.append(RULES[results[0].rule][1].format(count=len(results)))
    return lines


def count_verdicts(results: Sequence[UnitResult], *, applied: int = 0, unchanged: int = 0) -> dict[str, int]:
    """Count the verdicts, every one named; ``applied`` and ``unchanged`` come as numbers."""
    counts = dict.fromkeys((verdict.value for verdict in Verdict), 0)
    counts[Verdict.APPLIED.value], counts[Verdict.UNCHANGED.value] = applied, unchanged
    for result in results:
        counts[result.verdict.value] += 1
    return counts
