"""Check fixture files: real pairs that a check must flag, with the expected findings, and near
misses that it must not.

One file per check code, ``fixtures/SX209-identifier-split.txt``::

    # SX209 identifier-split
    locale: pl-PL

    ## split file name, lower-case extension (study: aspnetcore.pl-pl/mvc/views/overview.md)
    source: Open *Index.cshtml* and add the markup.
    target: Otwórz *index. cshtml* i dodaj znaczniki.
    expect: 1:9 SX209 identifier-split: "Index.cshtml" was split ("index. cshtml")

    ## near miss: the split is in the English too
    source: …
    target: …

A case starts at a ``## `` title (say where the pair comes from). It holds one or more
``source:``/``target:`` pairs (each on its own line of the case's document, in a paragraph unless
``prefix:`` gives the markdown before it, such as ``- `` or ``| ``), an optional ``locale:``, and
the ``expect:`` lines: ``line:column CODE name: message``, the line counted within the case (pair
k on line k) and the column within the target text (0: the finding is about the whole pair). A
case without ``expect:`` is a near miss.
A value is taken as written, unless it is a JSON string (``"…"``), which it must be when it has
edge spaces, a tab or a line break. ``pytest --regen`` rewrites the ``expect:`` lines.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from sxstm.checks import CHECKS, Profile, across, check_document
from sxstm.model import Finding
from sxstm.sxs.reader import parse_document

FOLDER = Path(__file__).parent / "fixtures"
_HEAD = "---\nms.contentlocale: {locale}\nms.translationtype: MT\n---\n"
_BODY_LINE = 5  # the first line after _HEAD


@dataclass
class Case:
    title: str
    line: int  # where the title stands in the fixture file
    pairs: list[tuple[str, str]] = field(default_factory=list)
    expect: list[str] = field(default_factory=list)
    locale: str = ""
    prefix: str = ""
    raw: list[str] = field(default_factory=list)  # the lines of the case but its expect: lines


@dataclass
class Fixture:
    path: Path
    code: str
    locale: str
    head: list[str]
    cases: list[Case]


def value(text: str) -> str:
    """A fixture value: as written, or decoded when it is a JSON string."""
    if len(text) >= 2 and text[0] == text[-1] == '"':
        try:
            decoded = json.loads(text)
        except json.JSONDecodeError:
            return text
        if isinstance(decoded, str):
            return decoded
    return text


def read_fixture(path: Path) -> Fixture:
    """Parse a fixture file; raise ValueError, naming the line, on anything it does not know."""
    head: list[str] = []
    cases: list[Case] = []
    locale = ""
    source: str | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("## "):
            cases.append(Case(line[3:].strip(), number, raw=[line]))
            continue
        key, _, rest = line.partition(": ")
        if not cases:
            head.append(line)
            if key == "locale":
                locale = rest.strip()
            continue
        case = cases[-1]
        if key != "expect":
            case.raw.append(line)
        if not line.strip() or line.startswith("#"):
            continue
        if key == "source":
            source = value(rest)
        elif key == "target" and source is not None:
            case.pairs.append((source, value(rest)))
            source = None
        elif key == "expect":
            case.expect.append(rest)
        elif key == "locale":
            case.locale = rest.strip()
        elif key == "prefix":
            case.prefix = value(rest)
        else:
            raise ValueError(f"{path}:{number}: expected source:, target:, expect:, locale: or prefix:, not {line!r}")
    code = path.name.split("-", 1)[0]
    if not locale:
        raise ValueError(f"{path}:1: the file names no locale: line")
    for case in cases:
        if not case.pairs:
            raise ValueError(f"{path}:{case.line}: the case {case.title!r} holds no source:/target: pair")
    return Fixture(path, code, locale, head, cases)


def run_case(code: str, case: Case, locale: str) -> list[str]:
    """The findings of check ``code`` on the case's pairs, as ``line:column CODE name: message``."""
    lines = []
    for number, (source, target) in enumerate(case.pairs, 101):
        lines.append(
            f'{case.prefix}<span data-ttu-id="fixture-{number}">{target}</span>'
            f'<span class="sxs-lookup"><span data-stu-id="fixture-{number}">{source}</span></span>'
        )
    text = _HEAD.format(locale=case.locale or locale) + "\n".join(lines) + "\n"
    document = parse_document(text.encode(), "case.md")
    if len(document.pairs) != len(case.pairs) or document.findings:
        problems = "; ".join(str(f) for f in document.findings)
        raise ValueError(f"the case's pairs do not read back as {len(case.pairs)} pairs: {problems}")
    profile = Profile((CHECKS[code],))
    checked = check_document(document, profile)
    findings = list(checked.findings) + list(across([checked.seen], profile) if checked.seen else [])
    by_line = {pair.line: pair for pair in document.pairs}
    return [_expectation(finding, by_line) for finding in findings]


def _expectation(finding: Finding, by_line: dict[int, object]) -> str:
    pair = by_line.get(finding.line)
    column = finding.column
    if pair is not None and getattr(pair, "target_column", 0):
        # Counted within the target; 0 for a finding about the whole pair, placed at its opening tag.
        column = max(0, finding.column - pair.target_column + 1)  # type: ignore[attr-defined]
    return f"{finding.line - _BODY_LINE + 1}:{column} {finding.code} {finding.name}: {finding.message}"


def write_fixture(fixture: Fixture, found: list[list[str]]) -> None:
    """Rewrite the fixture file with ``found`` as the expect: lines of each case."""
    out = list(fixture.head)
    for case, expect in zip(fixture.cases, found, strict=True):
        body = list(case.raw)
        tail = []
        while body and not body[-1].strip():
            tail.append(body.pop())
        out.extend(body)
        out.extend(f"expect: {line}" for line in expect)
        out.extend(tail)
    fixture.path.write_text("\n".join(out) + "\n", encoding="utf-8")


def fixture_files() -> list[Path]:
    return sorted(FOLDER.glob("SX*.txt"))
