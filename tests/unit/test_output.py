"""Atomic output: whole files or none, the permissions users expect, clear refusals."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from sxstm.errors import OutputError
from sxstm.output import atomic_output, write_all


def test_a_new_file_gets_the_umask_permissions_and_a_missing_folder_is_made(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    os.umask(mask)
    with atomic_output(tmp_path / "new" / "folder" / "a.txt") as out:
        out.write(b"x")
    written = tmp_path / "new" / "folder" / "a.txt"
    assert written.read_bytes() == b"x" and stat.S_IMODE(written.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in written.parent.iterdir()] == ["a.txt"]  # no temporary file left


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(b"old")
    target.chmod(0o604)
    write_all({target: b"new"})
    assert target.read_bytes() == b"new" and stat.S_IMODE(target.stat().st_mode) == 0o604


def test_a_failed_block_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), atomic_output(tmp_path / "a.txt") as out:
        out.write(b"half")
        raise RuntimeError
    assert list(tmp_path.iterdir()) == []


def test_a_folder_is_not_a_file_to_write(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder"), atomic_output(tmp_path):
        pass
