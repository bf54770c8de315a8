"""Baselines: what a broken one says, and that a written one reads back."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from sxstm.errors import InputError
from sxstm.model import Finding, Severity
from sxstm.reports.baseline import baseline_key, read_baseline, write_baseline
from sxstm.reports.registry import Report


def _read_error(tmp_path: Path, text: str | bytes) -> InputError:
    path = tmp_path / "baseline.json"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_baseline(path)
    assert caught.value.path == str(path)
    return caught.value


def test_a_written_baseline_reads_back_with_its_repeats(tmp_path: Path) -> None:
    finding = Finding("a.md", 3, 1, Severity.ERROR, "SX201", "code-span-changed", "lost", "p-1", "f00d")
    out = io.StringIO()
    write_baseline(Report([finding, finding], repository_paths={"a.md": "docs/a.md"}), out)
    (tmp_path / "b.json").write_text(out.getvalue(), encoding="utf-8")
    assert read_baseline(tmp_path / "b.json") == {("SX201", "docs/a.md", "p-1", "lost"): 2}
    assert baseline_key(finding, "docs/a.md") == ("SX201", "docs/a.md", "p-1", "lost")


def test_a_version_1_baseline_is_refused_with_what_to_do(tmp_path: Path) -> None:
    error = _read_error(tmp_path, '{"version":1,"entries":[]}')
    assert error.message.startswith("a version 1 baseline") and "--write-baseline" in error.message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"version":2,"entries":[{"code":1}]}', "entry 1 has no 'path'; write a new baseline with --write-baseline"),
        (
            '{"version":2,"entries":[{"code":"SX201","path":"a.md","pair_id":null,"message":""}]}',
            "entry 1 has 'pair_id' null, not a string; write a new baseline with --write-baseline",
        ),
        ('{"version":2,"entries":[{"code":"SX201","path":"a.md","pair_id":"","message":""}, 7]}', "entry 2 is"),
        ('{"version":2,"entries":{}}', '"entries" is not a list'),
        ("[]", 'not an sxstm baseline (a JSON object with "version": 2 and "entries")'),
        ('{"version":3,"entries":[]}', "not an sxstm baseline"),
        ('{"entries":[]}', "not an sxstm baseline"),
    ],
)
def test_a_malformed_baseline_says_what_is_wrong_and_what_to_do(tmp_path: Path, text: str, message: str) -> None:
    error = _read_error(tmp_path, text)
    assert message in error.message and "--write-baseline" in error.message
    assert error.line is None


def test_broken_json_is_placed_at_its_line_and_column(tmp_path: Path) -> None:
    error = _read_error(tmp_path, '{"version": 1,\n "entries": [,]}')
    assert (error.line, error.column) == (2, 14)
    assert error.message.startswith("the baseline is not JSON: Expecting value;")
    assert str(error).endswith(f"baseline.json:2:14: {error.message}")


def test_a_baseline_that_is_not_utf8_or_not_there_is_an_input_error(tmp_path: Path) -> None:
    assert "not UTF-8" in _read_error(tmp_path, b'{"version": 1, "entries": ["caf\xe9"]}').message
    with pytest.raises(InputError, match="cannot read the baseline"):
        read_baseline(tmp_path / "missing.json")


def test_a_run_level_finding_is_keyed_without_its_message_which_depends_on_the_run() -> None:
    finding = Finding("a.md", 3, 1, Severity.INFO, "SX406", "inconsistent-translation", "2 translations; at b.md:4")
    other_run = Finding("a.md", 3, 1, Severity.INFO, "SX406", "inconsistent-translation", "3 translations; at c.md:9")
    assert baseline_key(finding, "docs/a.md") == baseline_key(other_run, "docs/a.md")
