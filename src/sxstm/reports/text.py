"""The text reporter: one line per finding, for people at a terminal."""

from __future__ import annotations

from typing import TextIO

from sxstm.model import Finding
from sxstm.reports.registry import Report, reporter

WIDTH = 100  # characters of each side shown per finding
MARK = "\u25b6"  # put before the defect in the target
END = "\u25c0"  # and after it, when its length is known


@reporter(
    "text",
    "One line per finding (path:line:col: severity CODE name: message), then its pair's source and target "
    "around the defect, marked with ▶.",
    suffix="txt",
)
def report_text(report: Report, out: TextIO) -> None:
    """Write one line per finding, ``path:line:col: severity CODE name: message``, then the
    source and target of its pair: around the defect, marked ``▶`` (and closed ``◀`` where its
    length is known), or from the start for a finding about the whole pair."""
    # Written 512 lines at a time: a write through the text wrapper costs more than the
    # lines of a finding (64,645 findings on the bench, two writes each).
    lines: list[str] = []
    for finding in report.findings:
        lines.append(
            f"{finding.path}:{finding.line}:{finding.column}: {finding.severity.value} "
            f"{finding.code} {finding.name}: {finding.message}\n"
        )
        if finding.source or finding.target:
            source, target = excerpts(finding)
            lines.append(f"    source: {source}\n    target: {target}\n")
        if len(lines) >= 512:
            out.write("".join(lines))
            lines.clear()
    out.write("".join(lines))


def excerpts(finding: Finding, width: int = WIDTH) -> tuple[str, str]:
    """The source and target of a finding's pair as shown: around the spot where one is known."""
    if finding.offset < 0:
        return excerpt(finding.source, 0, width=width), excerpt(finding.target, 0, width=width)
    source_at = finding.source_offset
    if source_at < 0 and finding.target:
        source_at = finding.offset * len(finding.source) // len(finding.target)  # by its share of the length
    return (
        excerpt(finding.source, source_at, width=width),
        excerpt(finding.target, finding.offset, finding.length, width=width, mark=True),
    )


def excerpt(text: str, offset: int, length: int = 0, *, width: int = WIDTH, mark: bool = False) -> str:
    """``text`` around ``offset``, whitespace folded, at most ``width`` characters and an ellipsis
    at each cut end; with ``mark``, ``▶`` before the spot (and ``◀`` after its ``length``).
    Only a slice near the spot is looked at, so a long segment costs no more than a short one."""
    length = min(max(length, 0), width // 2)
    before = width * 2 // 5 if offset else 0
    start = max(0, offset - before * 2)  # twice as much: whitespace to fold
    end = min(len(text), offset + length + width * 2)
    head = _fold(text[start:offset])
    spot = _visible(text[offset : offset + length]) if length else ""
    if start == 0:
        head = head.lstrip()
    if len(head) > before:
        head, start = head[len(head) - before :], -1
        space = head.find(" ")
        head = head[space + 1 :] if 0 <= space < 15 else head  # not from the middle of a word
    room = width - len(head) - len(spot)
    # The tail is folded only a little past what fits (a start of a text folds to the start of
    # the whole folded), not all of the slice: all of it only where that part shrank to fit.
    after = offset + length
    part = min(end, after + max(room, 0) + 16)
    tail = _fold(text[after:part])
    if len(tail) <= room and part < end:
        tail = _fold(text[after:end])
    cut = len(tail) > room or end < len(text)
    tail = tail[: max(room, 0)].rstrip() if cut else tail.rstrip()
    if mark:
        spot = MARK + spot + (END if length else "")
    return ("…" if start else "") + head + spot + tail + ("…" if cut else "")


def _visible(text: str) -> str:
    """The defect itself, whitespace kept (it may be the defect): line breaks and tabs shown."""
    return text.replace("\r", "").replace("\n", "\u23ce").replace("\t", "\u2192")


def _fold(text: str) -> str:
    """Whitespace runs as one space, the edges kept as single spaces (so words stay apart)."""
    if not text:
        return ""
    folded = " ".join(text.split())
    lead = " " if text[0].isspace() and folded else ""
    trail = " " if text[-1].isspace() else ""
    return (lead + folded + trail) if folded else " "
