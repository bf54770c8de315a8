"""Sample the findings of the recall checks (issue #12) across languages for a precision read.

Usage: python benchmarks/qa_recall_sample.py REPORT.json [REPORT.json ...] [--per-check 20] [--seed 12]

Each REPORT is the JSON report of ``sxstm qa --select … --format json`` over a corpus (the study
documents, the bench). Prints, per check, the number of findings by language, and up to
--per-check findings drawn in turn from each language (fixed seed), as a markdown table with an
empty verdict column for a reviewer to fill (benchmarks/qa-recall.md).
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
from pathlib import Path

CODES = ("SX209", "SX214", "SX215", "SX313", "SX314", "SX315", "SX316")
_LOCALE_RE = re.compile(r"\.([a-z]{2}-[a-z]{2})/")


def cell(text: str, width: int = 140) -> str:
    flat = " ".join(text.split()).replace("|", "\\|")
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def locale(path: str) -> str:
    match = _LOCALE_RE.search(path)
    return match.group(1) if match else "pl-pl"  # the bench is docs.pl-pl, unpacked without its folder name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reports", type=Path, nargs="+")
    parser.add_argument("--per-check", type=int, default=20)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    by_code: dict[str, dict[str, list[dict[str, object]]]] = collections.defaultdict(
        lambda: collections.defaultdict(list)
    )
    for report in args.reports:
        for finding in json.loads(report.read_text(encoding="utf-8"))["findings"]:
            if finding["code"] in CODES:
                finding["corpus"] = report.stem
                by_code[finding["code"]][locale(finding["path"])].append(finding)
    rng = random.Random(args.seed)
    for code in CODES:
        languages = by_code.get(code, {})
        counts = ", ".join(f"{lang} {len(found)}" for lang, found in sorted(languages.items()))
        print(f"### {code}: {sum(map(len, languages.values()))} findings ({counts})\n")
        pools = {lang: rng.sample(found, len(found)) for lang, found in sorted(languages.items())}
        picked = []
        while len(picked) < args.per_check and any(pools.values()):
            for lang in list(pools):
                if pools[lang] and len(picked) < args.per_check:
                    picked.append((lang, pools[lang].pop()))
        print("| # | lang | where | message | source | target | verdict |\n|---|---|---|---|---|---|---|")
        for number, (lang, finding) in enumerate(picked, 1):
            where = f"{finding['corpus']}: {cell(str(finding['path']).split('/data/')[-1], 80)}:{finding['line']}"
            print(
                f"| {number} | {lang} | {where} | {cell(str(finding['message']), 100)} | {cell(str(finding['source']))}"
                f" | {cell(str(finding['target']))} | |"
            )
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
