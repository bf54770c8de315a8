"""Sample the findings of `sxstm qa` on the multilingual study corpus for the precision study.

Usage: python benchmarks/qa_sample.py [--corpus DIR] [--per-check 20 | --per-language 8] [--seed 4]
[--select CODE]... [--out DIR]

Runs `sxstm qa` (JSON report) on every language folder of the study corpus (``aspnetcore.pl-pl``,
``osd.ja-jp``…, the locale taken from the folder name) and writes, for EVERY check that fires,
one verdict file ``SXnnn.md`` into ``--out`` (default ``benchmarks/precision``): up to
--per-check findings drawn at random (fixed seed) and spread across the languages in turns (or,
with --per-language N, up to N findings of each language), each
with its language, ``path:line:column``, message, source and target, and empty ``verdict``
(``real|false``) and ``reason`` columns for a reviewer to fill blind. ``counts.md`` beside them
holds the number of findings per check and language. With ``--recall N`` it also writes
``recall.md``: N pairs with no finding at all, drawn at random, to be read for missed defects.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import random
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from _corpus import bench_corpus

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT.parent / "shared" / "study" / "multilingual.sxs.tar.xz"
Finding = dict[str, object]


@contextlib.contextmanager
def study_corpus(folder: Path | None) -> Iterator[Path]:
    """Yield ``folder``, or the study archive unpacked into a temporary folder outside the repo."""
    with bench_corpus(folder, ARCHIVE) as corpus:
        folders = [p for p in corpus.iterdir() if p.is_dir()] if folder is None else []
        yield folders[0] if len(folders) == 1 and "." not in folders[0].name else corpus


def languages(corpus: Path) -> list[Path]:
    """The language folders of the corpus (``name.ll-cc``), sorted."""
    return sorted(p for p in corpus.iterdir() if p.is_dir() and "." in p.name)


def run_qa(folder: Path, scratch: Path, select: Sequence[str]) -> list[Finding]:
    """The findings of ``sxstm qa`` on ``folder``, paths relative to the corpus."""
    report = scratch / f"{folder.name}.json"
    command = [sys.executable, "-m", "sxstm", "qa", str(folder), "-q", "--exit-zero", "--format", "json"]
    command += [f"--select={code}" for code in select]
    subprocess.run([*command, "--output", str(report)], check=True)
    findings: list[Finding] = json.loads(report.read_text(encoding="utf-8"))["findings"]
    for finding in findings:
        path = Path(str(finding["path"]))
        with contextlib.suppress(ValueError):
            path = path.resolve().relative_to(folder.parent.resolve())
        finding["path"] = path.as_posix()
        finding["language"] = folder.name.rsplit(".", 1)[-1]
    return findings


def spread(found: list[Finding], count: int, rng: random.Random) -> list[Finding]:
    """Up to ``count`` findings, drawn at random from each language in turn."""
    by_language: dict[str, list[Finding]] = collections.defaultdict(list)
    for finding in found:
        by_language[str(finding["language"])].append(finding)
    pools = [rng.sample(items, len(items)) for _, items in sorted(by_language.items())]
    chosen: list[Finding] = []
    while len(chosen) < count and any(pools):
        for pool in pools:
            if pool and len(chosen) < count:
                chosen.append(pool.pop())
    return chosen


def per_language(found: list[Finding], count: int, rng: random.Random) -> list[Finding]:
    """Up to ``count`` findings of each language, drawn at random, the languages in turns (so
    that a language with few findings is read as well as one with many)."""
    by_language: dict[str, list[Finding]] = collections.defaultdict(list)
    for finding in found:
        by_language[str(finding["language"])].append(finding)
    pools = [rng.sample(items, min(count, len(items))) for _, items in sorted(by_language.items())]
    return spread([f for pool in pools for f in pool], sum(map(len, pools)), rng)


def cell(text: object, width: int = 400) -> str:
    """``text`` for a table cell: line breaks as ⏎, runs of spaces as ␣ so that they show."""
    flat = re.sub(r"  +", lambda m: "\u2423" * len(m.group()), str(text).replace("\n", "\u23ce"))
    flat = flat.replace("\t", "\u2192").replace("|", "\\|")
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def verdict_file(code: str, name: str, found: list[Finding], sample: list[Finding]) -> str:
    counts = collections.Counter(str(f["language"]) for f in found)
    per_language = ", ".join(f"{language} {n:,}" for language, n in sorted(counts.items()))
    lines = [
        f"# {code} {name}: {len(found):,} findings ({per_language}), {len(sample)} sampled",
        "",
        "Verdict: `real` (a defect of the translation) or `false`; the reason in a few words.",
        "",
        "| # | language | where | message | source | target | verdict | reason |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for number, f in enumerate(sample, 1):
        where = f"{f['path']}:{f['line']}:{f['column']}"
        lines.append(
            f"| {number} | {f['language']} | {cell(where, 120)} | {cell(f['message'])} "
            f"| {cell(f['source'])} | {cell(f['target'])} | | |"
        )
    return "\n".join(lines) + "\n"


def counts_file(by_code: dict[tuple[str, str], list[Finding]], names: list[str]) -> str:
    lines = ["# Findings per check and language", "", "| check | " + " | ".join(names) + " | all |"]
    lines.append("|---|" + "---:|" * (len(names) + 1))
    for (code, name), found in sorted(by_code.items()):
        counts = collections.Counter(str(f["language"]) for f in found)
        row = " | ".join(f"{counts[n]:,}" if counts[n] else "" for n in names)
        lines.append(f"| {code} {name} | {row} | {len(found):,} |")
    return "\n".join(lines) + "\n"


def recall_file(folders: list[Path], flagged: set[tuple[str, str]], count: int, rng: random.Random) -> str:
    """``count`` pairs without findings, drawn from every language in turn."""
    sys.path.insert(0, str(ROOT / "src"))
    from sxstm.sxs.reader import read_document  # the package is found only now

    pools = []
    for folder in folders:
        pairs = []
        for path in sorted(folder.rglob("*.md")):
            relative = path.relative_to(folder.parent).as_posix()
            for pair in read_document(path).pairs:
                if pair.source.text.strip() and (relative, pair.id) not in flagged:
                    pairs.append((folder.name.rsplit(".", 1)[-1], f"{relative}:{pair.line}", pair))
        pools.append(rng.sample(pairs, min(len(pairs), count)))
    lines = [
        f"# Recall probe: {count} random pairs without findings",
        "",
        "Verdict: `ok` or the defect the checks missed.",
        "",
        "| # | language | where | source | target | verdict |",
        "|---|---|---|---|---|---|",
    ]
    number = 0
    while number < count and any(pools):
        for pool in pools:
            if pool and number < count:
                language, where, pair = pool.pop()
                number += 1
                lines.append(
                    f"| {number} | {language} | {cell(where, 120)} | {cell(pair.source.text)} "
                    f"| {cell(pair.target.text)} | |"
                )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="the unpacked study corpus (default: unpack the archive)")
    parser.add_argument("--per-check", type=int, default=20)
    parser.add_argument(
        "--per-language", type=int, default=0, help="sample up to N findings of each language per check instead"
    )
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--select", action="append", default=[], help="sample only these checks")
    parser.add_argument("--recall", type=int, default=0, help="also sample N pairs without findings")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "precision")
    args = parser.parse_args()
    with study_corpus(args.corpus) as corpus, tempfile.TemporaryDirectory() as scratch:
        folders = languages(corpus)
        findings = [f for folder in folders for f in run_qa(folder, Path(scratch), args.select)]
        by_code: dict[tuple[str, str], list[Finding]] = collections.defaultdict(list)
        for finding in findings:
            by_code[(str(finding["code"]), str(finding["name"]))].append(finding)
        args.out.mkdir(parents=True, exist_ok=True)
        rng = random.Random(args.seed)
        for (code, name), found in sorted(by_code.items()):
            if args.per_language:
                sample = per_language(found, args.per_language, rng)
            else:
                sample = spread(found, args.per_check, rng)
            (args.out / f"{code}.md").write_text(verdict_file(code, name, found, sample), encoding="utf-8")
        names = sorted({folder.name.rsplit(".", 1)[-1] for folder in folders})
        (args.out / "counts.md").write_text(counts_file(by_code, names), encoding="utf-8")
        if args.recall:
            flagged = {(str(f["path"]), str(f["pair_id"])) for f in findings}
            text = recall_file(folders, flagged, args.recall, rng)
            (args.out / "recall.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
