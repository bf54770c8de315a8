"""Baselines: today's findings recorded, so that later runs of ``sxstm qa`` report only new ones.

A finding is known by its check, its document's path relative to the repository root, its pair
id and its message (which names the offending piece): the same from any working folder and
however the files were named, and an edit elsewhere in the pair does not revive it. A run-level
check's message counts and places the pair's variants in the whole run, so it is left out of the
key: such a finding holds when the run covers fewer or more documents.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TextIO

from sxstm.checks import CHECKS, Scope
from sxstm.errors import InputError
from sxstm.model import Finding
from sxstm.reports.registry import Report

BASELINE_VERSION = 2
FIELDS = ("code", "path", "pair_id", "message")
_RENEW = "write a new baseline with --write-baseline"

Key = tuple[str, str, str, str]


def baseline_key(finding: Finding, path: str) -> Key:
    """What identifies a finding across runs: check, repository ``path``, pair and message (none
    for a run-level check, whose message depends on the other documents of the run)."""
    registered = CHECKS.get(finding.code)
    message = "" if registered is not None and registered.scope is Scope.RUN else finding.message
    return finding.code, path, finding.pair_id or "", message


def report_key(report: Report, finding: Finding) -> Key:
    """The baseline key of ``finding`` in ``report``, by its path in the repository."""
    return baseline_key(finding, report.repository_path(finding.path))


def write_baseline(report: Report, out: TextIO) -> None:
    """Record today's findings, so that later runs report only new ones."""
    entries = [dict(zip(FIELDS, report_key(report, f), strict=True)) for f in report.findings]
    json.dump({"version": BASELINE_VERSION, "entries": entries}, out, ensure_ascii=False, indent=1)
    out.write("\n")


def read_baseline(path: Path) -> Counter[Key]:
    """Read the baseline at ``path``: how often each finding was recorded.

    Raises :class:`~sxstm.errors.InputError` saying what is wrong (with the line and column
    where the JSON itself is broken) when the file cannot be read or is not a baseline.
    """
    shown = str(path)
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except OSError as error:
        raise InputError(f"cannot read the baseline: {error.strerror or error}", path=shown) from error
    except UnicodeDecodeError as error:
        raise InputError(f"the baseline is not UTF-8 ({error.reason}); {_RENEW}", path=shown) from error
    except json.JSONDecodeError as error:
        raise InputError(
            f"the baseline is not JSON: {error.msg}; {_RENEW}", path=shown, line=error.lineno, column=error.colno
        ) from error
    if isinstance(data, dict) and data.get("version") == 1:
        raise InputError(
            "a version 1 baseline, keyed by paths as named on its run and by whole pairs; "
            f"version {BASELINE_VERSION} keys findings by repository path and message: {_RENEW}",
            path=shown,
        )
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION or "entries" not in data:
        raise InputError(
            f'not an sxstm baseline (a JSON object with "version": {BASELINE_VERSION} and "entries"); {_RENEW}',
            path=shown,
        )
    entries = data["entries"]
    if not isinstance(entries, list):
        raise InputError(f'"entries" is not a list; {_RENEW}', path=shown)
    return Counter(_key(entry, number, shown) for number, entry in enumerate(entries, 1))


def _key(entry: object, number: int, path: str) -> Key:
    """The key recorded by entry ``number`` (counted from 1) of a baseline."""
    if not isinstance(entry, dict):
        raise InputError(f"entry {number} is not a JSON object; {_RENEW}", path=path)
    missing = [name for name in FIELDS if name not in entry]
    if missing:
        raise InputError(f"entry {number} has no {missing[0]!r}; {_RENEW}", path=path)
    values = []
    for name in FIELDS:
        value = entry[name]
        if not isinstance(value, str):
            raise InputError(f"entry {number} has {name!r} {json.dumps(value)}, not a string; {_RENEW}", path=path)
        values.append(value)
    code, document, pair_id, message = values
    return code, document, pair_id, message
