"""Atomic output: whole files or none, the permissions users expect, clear refusals."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from sxstm import output
from sxstm.errors import OutputError
from sxstm.output import atomic_output, protect_inputs, write_all, write_file


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


def test_a_file_replaced_by_atomic_output_keeps_its_permissions_even_none(tmp_path: Path) -> None:
    for mode in (0o640, 0o000):
        target = tmp_path / f"{mode:o}.md"
        target.write_bytes(b"old")
        target.chmod(mode)
        with atomic_output(target) as out:
            out.write(b"new")
        assert stat.S_IMODE(target.stat().st_mode) == mode
        target.chmod(0o600)
        assert target.read_bytes() == b"new"


def test_a_tree_of_outputs_makes_each_folder_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    real_mkdir = os.mkdir

    def mkdir(name: str, *args: object, **kwargs: object) -> None:
        made.append(name)
        real_mkdir(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "mkdir", mkdir)
    output.start_run()
    for name in ("a/1.md", "a/2.md", "b/3.md", "a/4.md"):
        with atomic_output(tmp_path / name, within=tmp_path) as out:
            out.write(b"x")
    assert made == [str(tmp_path / "a"), str(tmp_path / "b")]
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["1.md", "2.md", "4.md"]


def test_write_file_writes_the_whole_of_its_bytes_and_no_temporary(tmp_path: Path) -> None:
    output.start_run()
    data = bytes(range(256)) * 5000
    write_file(str(tmp_path / "new" / "deep" / "a.md"), data, within=str(tmp_path))
    write_file(str(tmp_path / "new" / "deep" / "a.md"), data[:3], within=str(tmp_path))  # made by this run: replaced
    assert (tmp_path / "new" / "deep" / "a.md").read_bytes() == data[:3]
    assert [p.name for p in (tmp_path / "new" / "deep").iterdir()] == ["a.md"]
    assert output.LEDGER.files == [str(tmp_path / "new" / "deep" / "a.md")] * 2


def test_write_file_keeps_the_checks_of_a_folder_it_did_not_make(tmp_path: Path) -> None:
    output.start_run()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "link.md").symlink_to(tmp_path / "elsewhere.md")
    with pytest.raises(OutputError, match="symbolic link"):
        write_file(str(tmp_path / "out" / "link.md"), b"x", within=str(tmp_path / "out"))
    (tmp_path / "outside").mkdir()
    (tmp_path / "out" / "sub").symlink_to(tmp_path / "outside")
    with pytest.raises(OutputError, match="leads out of it"):
        write_file(str(tmp_path / "out" / "sub" / "a.md"), b"x", within=str(tmp_path / "out"))
    assert not (tmp_path / "elsewhere.md").exists()
    assert list((tmp_path / "outside").iterdir()) == []


def test_a_failed_block_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), atomic_output(tmp_path / "a.txt") as out:
        out.write(b"half")
        raise RuntimeError
    assert list(tmp_path.iterdir()) == []


def test_a_folder_is_not_a_file_to_write(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder"), atomic_output(tmp_path):
        pass


def test_write_all_refuses_every_file_if_one_changed_since_it_was_read(tmp_path: Path) -> None:
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_bytes(b"a")
    second.write_bytes(b"edited meanwhile")
    with pytest.raises(OutputError, match="changed since it was read"):
        write_all({first: b"A", second: b"B"}, originals={first: b"a", second: b"b"})
    assert (first.read_bytes(), second.read_bytes()) == (b"a", b"edited meanwhile")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]


def test_write_all_puts_back_the_files_renamed_before_one_failed(tmp_path: Path, monkeypatch) -> None:
    paths = [tmp_path / f"{n}.md" for n in range(5)]
    for path in paths:
        path.write_bytes(b"old")
    real = os.replace
    calls: list[str] = []

    def failing(source: str, target: str | Path) -> None:
        calls.append(str(target))
        if len(calls) == 3:
            raise PermissionError(13, "Permission denied", str(target))
        real(source, target)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OutputError, match="no file was changed"):
        write_all(dict.fromkeys(paths, b"new"))
    assert [path.read_bytes() for path in paths] == [b"old"] * 5
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(path.name for path in paths)


def test_write_all_does_not_replace_a_symbolic_link(tmp_path: Path) -> None:
    (tmp_path / "real.md").write_bytes(b"old")
    (tmp_path / "link.md").symlink_to(tmp_path / "real.md")
    with pytest.raises(OutputError, match="not a regular file"):
        write_all({tmp_path / "link.md": b"new"})
    assert (tmp_path / "link.md").is_symlink()


def test_an_output_never_replaces_an_input(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_bytes(b"input")
    protect_inputs([source])
    try:
        with pytest.raises(OutputError, match="an input of this run"), atomic_output(source):
            pass
    finally:
        output.start_run()
    assert source.read_bytes() == b"input"
