"""output.is_normal_path is True only of paths that a Path would give back unchanged."""

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sxstm.output import is_normal_path


@pytest.mark.skipif(os.sep != "/", reason="the string tests answer for POSIX paths; elsewhere a Path is made")
@settings(max_examples=2000)
@given(st.text(alphabet="/.a\\\0é", max_size=12))
def test_a_path_told_normal_is_what_a_path_makes_of_it(path: str) -> None:
    if is_normal_path(path):
        assert str(Path(path)) == path


@pytest.mark.skipif(os.sep != "/", reason="the string tests answer for POSIX paths; elsewhere a Path is made")
@pytest.mark.parametrize("path", ["out/docs/a.md", "/tmp/out/docs/a b.md", "a", "../a/b.md", "a/.b/..c"])
def test_the_paths_merge_and_restore_write_are_told_normal(path: str) -> None:
    assert is_normal_path(path) and str(Path(path)) == path
