"""The HTML reporter: one self-contained page for the people who review translations.

The page holds a summary (findings per severity, per check as a bar chart, per language and per
document) and every finding beside its pair, source and target side by side, inline markup shown
as numbered tags the way a CAT tool shows them, the offending spot highlighted. Filters by
severity, check, language and document and a text search run in the page; the findings render
lazily, a page at a time, so that a run with tens of thousands of them opens at once.

Jinja2 is imported here only, and only when a page is written (it costs a command that writes
no HTML a twentieth of a second). The template is autoescaped; the findings travel as JSON inside a
``<script type="application/json">`` element, with ``<``, ``>``, ``&``, U+2028 and U+2029 written
as ``\\uXXXX`` escapes so that no document text can end that element, and the page's script puts
them into the page as text nodes only (never as markup).

Where the spot lies: a finding knows where its defect is in the target (``offset``, ``length``)
and, for some checks, the matching place in the source (``source_offset``); the page marks
exactly that, as the text reporter's ``▶…◀`` does. Where the length is unknown (0), the text the
message names is marked when it stands right at that place (``version 5.0 became 5,0`` marks
``5,0`` where the finding points); otherwise the place is shown as a caret between two
characters. A check's finding with no place is about the whole pair (inconsistent translation,
length ratio, a pair inside a code block) and marks nothing; only a finding of unknown origin
with no place falls back to the texts its message quotes, wherever they occur. The marks are ``[start,
end)`` offsets into the raw texts; the page maps them through the tag rendering (a mark over an
inline element highlights its tag).
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, TextIO

from sxstm.checks import CHECKS
from sxstm.formats.tags import number_codes
from sxstm.model import Finding, Severity
from sxstm.reports.registry import Report, reporter
from sxstm.reports.stats import Summary
from sxstm.sxs.inline import Code, CodeKind, Run, parse_inline
from sxstm.sxs.locales import locale_from_folders
from sxstm.sxs.problems import Problem

if TYPE_CHECKING:
    import jinja2

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
UNKNOWN_LANGUAGE = "unknown"
# The pairs travel in chunks, each parsed when a finding shown needs it (or in idle time, for the
# search), so that a page of 60,000 findings parses only its findings before showing them.
PAIRS_PER_CHUNK = 1000
TOP_DOCUMENTS = 25  # the summary's table of documents lists this many; the filter reaches them all


@functools.cache
def _environment() -> jinja2.Environment:
    """The Jinja2 environment of the pages, made at the first page."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("sxstm.reports", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


_KIND = {CodeKind.OPEN: "o", CodeKind.CLOSE: "c", CodeKind.ISOLATED: "i"}
_JSON_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)
# What a message quotes: 'x', "x", `x`, and the word before "became", "is split as", "is written"…
_QUOTED_RE = re.compile(r"'([^']+)'|\"([^\"]+)\"|`([^`]+)`|\[([^\]]+)\]")
_NAMED_RE = re.compile(
    r"^(?:the option |the number |the URL )?(.+?) "
    r"(?:is not in the translation|is missing|is capitalised|twice in a row|is written differently)"
)
_PREFIX_RE = re.compile(r"^(?:version|the option|the keyword link) ")
_VERB_RE = re.compile(r" (became|is split as|is written) (?!differently)")


@reporter(
    "html",
    "One self-contained HTML page: counts per severity, check, language and document, every finding beside its "
    "pair with the spot highlighted, filters and a search that work offline.",
    suffix="html",
)
def report_html(report: Report, out: TextIO) -> None:
    """Write one HTML page with the summary, the findings as escaped JSON, and the script that
    shows and filters them."""
    data = report_data(report)
    pairs = data.pop("pairs")
    chunks = [embed_json(pairs[start : start + PAIRS_PER_CHUNK]) for start in range(0, len(pairs), PAIRS_PER_CHUNK)]
    template = _environment().get_template("report.html.j2")
    summary = _summary(data, report)
    out.write(template.render(summary=summary, data=embed_json({**data, "chunk": PAIRS_PER_CHUNK}), pairs=chunks))


def embed_json(value: object) -> str:
    """JSON that can stand inside a ``<script>`` element: no ``<``, ``>``, ``&``, U+2028 or U+2029."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)


def report_data(report: Report) -> dict[str, Any]:
    """What the page's script is given: documents, checks, pairs and findings, each pair once."""
    documents: dict[str, int] = {}
    for path in [*report.documents, *(f.path for f in report.findings)]:
        documents.setdefault(path, len(documents))
    checks: dict[str, int] = {}
    pairs: dict[tuple[str, str], int] = {}
    findings = []
    rank = {severity: index for index, severity in enumerate(SEVERITIES)}
    ordered = sorted(report.findings, key=lambda f: (documents[f.path], f.line, f.column, f.code))
    for finding in ordered:
        checks.setdefault(finding.code, len(checks))
        pair = 0
        if finding.source or finding.target:
            pair = pairs.setdefault((finding.source, finding.target), len(pairs) + 1)
        source_marks, target_marks = marks_of(finding)
        findings.append(
            [
                documents[finding.path],
                finding.line,
                finding.column,
                rank[finding.severity],
                checks[finding.code],
                finding.message,
                pair,
                source_marks,
                target_marks,
            ]
        )
    return {
        "severities": [severity.value for severity in SEVERITIES],
        "documents": [[path, language_of(path)] for path in documents],
        "checks": [[code, *_described(code)] for code in checks],
        "pairs": [list(tagged(source, target)) for source, target in pairs],
        "findings": findings,
    }


def language_of(path: str) -> str:
    """The target language a document's folders name (``docs.pl-pl/…`` → ``pl-PL``), or ``unknown``."""
    return locale_from_folders(PurePath(path)) or UNKNOWN_LANGUAGE


def _described(code: str) -> tuple[str, str]:
    """The name and the one-sentence explanation of a check or reader problem."""
    if code in CHECKS:
        return CHECKS[code].name, CHECKS[code].sentence
    for problem in Problem:
        if problem.code == code:
            return problem.label, problem.description
    return "", ""


def tagged(source: str, target: str) -> tuple[list[str | list[object]], list[str | list[object]]]:
    """Both sides of a pair as text runs and tags ``[number, kind, markup]`` (kind ``o``, ``c``
    or ``i``), numbered alike on both sides as in the XLIFF export."""
    source_runs, target_runs = parse_inline(source), parse_inline(target)
    source_numbers, target_numbers = number_codes(source_runs, target_runs)
    return (
        [_run(run, number) for run, number in zip(source_runs, source_numbers, strict=True)],
        [_run(run, number) for run, number in zip(target_runs, target_numbers, strict=True)],
    )


def _run(run: Run, number: int) -> str | list[object]:
    if isinstance(run, Code):
        return [number, _KIND[run.kind], run.markup]
    return run


def spots_of(finding: Finding) -> tuple[list[str], list[str]]:
    """The texts a finding names in the source and in the target, longest first.

    ``X became Y``, ``X is split as 'Y'`` and ``X is written 'Y'`` name X in the source and Y in
    the target; otherwise what the message quotes, and the word it is about, may stand on either
    side. A finding's ``excerpt``, where the model has one, is the target's.
    """
    parts = _VERB_RE.split(finding.message, maxsplit=1)
    if len(parts) == 3:
        source, target = [_last_term(parts[0])], [_first_term(parts[2])]
    else:
        source = target = [next(g for g in m.groups() if g) for m in _QUOTED_RE.finditer(finding.message)]
        named = _NAMED_RE.match(finding.message)
        if named:
            source = target = [*source, named.group(1).strip("'\"`")]
    excerpt = getattr(finding, "excerpt", "")
    if isinstance(excerpt, str) and excerpt.strip():
        target = [excerpt, *target]
    return _longest_first(source), _longest_first(target)


def marks_of(finding: Finding) -> tuple[list[list[int]], list[list[int]]]:
    """The ``[start, end)`` marks of a finding in its source and its target (``start == end``: a
    caret, a place with no known length).

    The target is marked at ``offset`` (``length`` characters, or the text the message names if
    it starts there); the source at ``source_offset`` likewise, and where that is unknown, at the
    words the message names on the source's side (not its punctuation, which may stand
    anywhere). A finding of a registered check with no offset is about the whole pair (the
    checks place every other finding) and marks nothing; one of unknown origin with no offset
    falls back to the texts its message quotes, on both sides.
    """
    source_spots, target_spots = spots_of(finding)
    if finding.offset < 0:
        if finding.code in CHECKS:
            return [], []
        return _marks(finding.source, source_spots), _marks(finding.target, target_spots)
    target = [_spot_at(finding.target, finding.offset, finding.length, target_spots)]
    if finding.source_offset >= 0:
        return [_spot_at(finding.source, finding.source_offset, 0, source_spots)], target
    words = [spot for spot in source_spots if any(c.isalnum() for c in spot)]  # not a lone comma anywhere
    return _marks(finding.source, words), target


def _spot_at(text: str, offset: int, length: int, spots: Sequence[str]) -> list[int]:
    """The mark at ``offset``: ``length`` characters, else the longest spot that starts there,
    else the inline element that starts there, else a caret."""
    offset = min(offset, len(text))
    if length > 0:
        return [offset, min(offset + length, len(text))]
    for spot in spots:
        if text.startswith(spot, offset):
            return [offset, offset + len(spot)]
    at = 0
    for run in parse_inline(text) if offset < len(text) else ():
        size = len(run.markup if isinstance(run, Code) else run)
        if at == offset and isinstance(run, Code):
            return [offset, offset + size]
        if at + size > offset:
            break
        at += size
    return [offset, offset]


def _last_term(text: str) -> str:
    quoted = list(_QUOTED_RE.finditer(text))
    return next(g for g in quoted[-1].groups() if g) if quoted else _PREFIX_RE.sub("", text)


def _first_term(text: str) -> str:
    quoted = _QUOTED_RE.match(text)
    return next(g for g in quoted.groups() if g) if quoted else (text.split() or [""])[0]


def _longest_first(spots: Sequence[str]) -> list[str]:
    return sorted(dict.fromkeys(spot for spot in spots if spot.strip()), key=len, reverse=True)


def _marks(text: str, spots: Sequence[str]) -> list[list[int]]:
    """The ``[start, end)`` of the first place each spot occurs in ``text``, in its prose rather
    than in its markup where it can, without overlaps."""
    codes = []
    offset = 0
    for run in parse_inline(text) if spots else ():
        length = len(run.markup if isinstance(run, Code) else run)
        if isinstance(run, Code):
            codes.append((offset, offset + length))
        offset += length
    marks: list[list[int]] = []
    for spot in spots:
        places = [m.start() for m in re.finditer(re.escape(spot), text)]
        prose = [p for p in places if all(p + len(spot) <= a or p >= b for a, b in codes)]
        for start in (prose or places)[:1]:
            end = start + len(spot)
            if all(end <= a or start >= b for a, b in marks):
                marks.append([start, end])
    return sorted(marks)


def _summary(data: dict[str, Any], report: Report) -> dict[str, Any]:
    """The counts the page shows above the findings, rendered by the template."""
    findings = data["findings"]
    documents = data["documents"]
    checks = data["checks"]
    per_check = Counter(f[4] for f in findings)
    per_document = Counter(f[0] for f in findings)
    per_language: Counter[str] = Counter(documents[f[0]][1] for f in findings)
    documents_per_language: Counter[str] = Counter(language for _, language in documents)
    most = max(per_check.values(), default=1)
    return {
        "total": len(findings),
        "documents": len(documents),
        "clean": len(documents) - len(per_document),
        "severities": [(s, sum(f[3] == i for f in findings)) for i, s in enumerate(data["severities"])],
        "checks": [
            (checks[index][0], checks[index][1], count, round(100 * count / most, 1))
            for index, count in sorted(per_check.items(), key=lambda item: (-item[1], checks[item[0]][0]))
        ],
        "languages": [
            (language, documents_per_language[language], per_language[language])
            for language in sorted(documents_per_language)
        ],
        "top_documents": [(documents[index][0], count) for index, count in per_document.most_common(TOP_DOCUMENTS)],
        "failing": sum(report.failing(f) for f in report.findings),
        "fail_on": report.fail_on.value,
    }


def write_stats_html(summary: Summary, out: TextIO, *, by_file: bool = False) -> None:
    """Write the counts of ``sxstm stats`` as one self-contained page: per language, pairs split
    into machine- and human-translated as a bar scaled to the largest language (and per document
    with ``by_file``)."""
    most = max((counts.pairs for counts in summary.by_locale.values()), default=0) or 1
    locales = [
        (
            locale,
            counts,
            round(100 * counts.machine_translated / most, 1),
            round(100 * (counts.pairs - counts.machine_translated) / most, 1),
        )
        for locale, counts in sorted(summary.by_locale.items())
    ]
    template = _environment().get_template("stats.html.j2")
    documents = list(summary.by_document.items()) if by_file else []
    out.write(template.render(total=summary.total, locales=locales, documents=documents))
