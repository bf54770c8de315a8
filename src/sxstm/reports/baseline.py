"""Baselines: today's findings recorded, so that later runs of ``sxstm qa`` report only new ones."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from sxstm.errors import InputError
from sxstm.model import Finding

BASELINE_VERSION = 1
FIELDS = ("code", "path", "pair_id", "fingerprint")
_RENEW = "write a new baseline with --write-baseline"

Key = tuple[str, str, str, str]


def baseline_key(finding: Finding) -> Key:
    """What identifies a finding across runs: check, document, pair and the pair's fingerprint."""
    return finding.code, finding.path, finding.pair_id or "", finding.fingerprint


def write_baseline(findings: Sequence[Finding], out: TextIO) -> None:
    """Record today's findings, so that later runs report only new ones."""
    entries = [dict(zip(FIELDS, baseline_key(f), strict=True)) for f in findings]
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
    code, document, pair_id, fingerprint = values
    return code, document, pair_id, fingerprint
