"""Fill the blind reviewers' verdicts into the precision study's tables and tally them.

Usage: python benchmarks/precision_tally.py [--study benchmarks/precision]

(``--study benchmarks/precision/round2`` or ``round3`` for a later round; rows with no verdict yet
are counted as unread, and the summary says how many are pending.)

The sampler (qa_sample.py) writes one table per check (``SXnnn.md``) and ``recall.md`` with empty
verdict columns. Reviewers, one per language, who never saw the code, read the rows of their
language and wrote ``verdicts/<reviewer>.tsv``: ``CHECK<TAB>ROW<TAB>real|false<TAB>reason`` (for
recall rows: ``recall<TAB>ROW<TAB>ok|missed<TAB>what``). This script writes those verdicts into the
tables (so each row shows its verdict) and ``summary.md``: per check and language, rows read and
rows judged real, with the precision target of the check's severity.
"""

from __future__ import annotations

import argparse
import collections
import re
from pathlib import Path

from sxstm.checks.registry import CHECKS

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"error": 0.95, "warning": 0.90, "info": 0.80}
_ROW_RE = re.compile(r"^\| (\d+) \| ([a-z]{2}-[a-z]{2}) \|")
# The bars between the cells of a row (a bar inside a cell is written \|). Splitting on " | " ran
# the empty verdict and reason cells into one and wrote the verdict over the target (rounds 1-2).
_CELL_RE = re.compile(r"(?<!\\)\|")


def read_verdicts(folder: Path) -> dict[tuple[str, int], tuple[str, str]]:
    verdicts = {}
    for path in sorted(folder.glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                check, row, verdict, *reason = line.split("\t")
                verdicts[check, int(row)] = (verdict.strip(), " ".join(reason).strip())
    return verdicts


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def fill(path: Path, key: str, verdicts: dict[tuple[str, int], tuple[str, str]]) -> list[tuple[str, str]]:
    """Write the verdicts into ``path``'s rows; return (language, verdict) of each row, the
    verdict "" where none is given yet."""
    lines, read = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _ROW_RE.match(line)
        if match and (key, int(match.group(1))) not in verdicts:
            read.append((match.group(2), ""))
        elif match:
            verdict, reason = verdicts[key, int(match.group(1))]
            cells = [text.strip() for text in _CELL_RE.split(line.strip()[1:-1])]
            if key == "recall":
                cells[-1] = cell(verdict if verdict == "ok" else f"{verdict}: {reason}")
            else:
                cells[-2:] = [verdict, cell(reason)]
            line = "| " + " | ".join(cells) + " |"
            read.append((match.group(2), verdict))
        lines.append(line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return read


def shown(real: int, read: int, target: float) -> str:
    """``real/read``, in bold when under ``target``."""
    if not read:
        return ""
    return f"**{real}/{read}**" if real / read < target else f"{real}/{read}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--study", type=Path, default=ROOT / "benchmarks" / "precision")
    args = parser.parse_args()
    verdicts = read_verdicts(args.study / "verdicts")
    rows: dict[str, list[tuple[str, str]]] = {}
    titles = {}
    for path in sorted(args.study.glob("SX*.md")):
        code = path.stem
        titles[code] = path.read_text(encoding="utf-8").split("\n", 1)[0].lstrip("# ").split(":")[0]
        rows[code] = fill(path, code, verdicts)
    recall = fill(args.study / "recall.md", "recall", verdicts) if (args.study / "recall.md").exists() else []
    languages = sorted({language for read in rows.values() for language, _ in read})
    pending = sum(not verdict for read in rows.values() for _, verdict in read)
    out = [
        "# Blind verdicts per check and language",
        "",
        "Each cell: findings judged real / findings read, from the reviewers' files in `verdicts/`"
        " (one reviewer per language, blind to the code). Bold: under the target of the check's severity"
        " (error 95 %, warning 90 %, info 80 %) at the check's severity now.",
        "",
        "| check | target | " + " | ".join(languages) + " | all |",
        "|---|---|" + "---:|" * (len(languages) + 1),
    ]
    for code, read in rows.items():
        checked = CHECKS.get(code.partition("-")[0])  # SX406-unspaced: a second sample of SX406
        severity = checked.severity.value if checked is not None else "dropped"
        target = TARGETS.get(severity, 0.0)
        counts = collections.defaultdict(lambda: [0, 0])
        for language, verdict in read:
            counts[language][0] += verdict == "real"
            counts[language][1] += bool(verdict)
        total = [sum(real for real, _ in counts.values()), sum(n for _, n in counts.values())]
        cells = [shown(*counts[language], target) if language in counts else "" for language in languages]
        unread = collections.Counter(language for language, verdict in read if not verdict)
        cells = [f"{c} ({unread[n]} unread)".strip() if unread[n] else c for c, n in zip(cells, languages, strict=True)]
        out.append(f"| {titles[code]} | {severity} | " + " | ".join(cells) + f" | {shown(*total, target)} |")
    if pending:
        out += ["", f"Verdicts pending: {pending} sampled rows have no verdict in `verdicts/` yet."]
    recall = [(language, verdict) for language, verdict in recall if verdict]
    missed = sum(verdict != "ok" for _, verdict in recall)
    if recall:
        out += [
            "",
            f"Recall probe: {len(recall)} unflagged pairs read, {missed} with a defect the checks missed (recall.md).",
        ]
    (args.study / "summary.md").write_text("\n".join(out) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
