"""merge's safe_path answers, by string tests, what PurePosixPath tells of a document path."""

import re
from pathlib import PurePosixPath

from hypothesis import given, settings
from hypothesis import strategies as st

from sxstm.roundtrip.merge import safe_path
from sxstm.sxs.names import text_path

PARTS = st.sampled_from(["/", "//", ".", "..", "...", "a", "b.md", "C:", "\\x2e", "\\\\", " ", "\0", "\\xff", ".md"])


def _by_pure_path(path: str) -> bool:
    """safe_path as written before, with a PurePosixPath."""
    path = text_path(path)
    if not path or "\\" in path or "\0" in path or re.match(r"^[A-Za-z]:", path):
        return False
    pure = PurePosixPath(path)
    return not pure.is_absolute() and ".." not in pure.parts


@settings(max_examples=1000)
@given(st.lists(st.one_of(PARTS, st.text(alphabet="./\\x2e:aZ", max_size=4)), max_size=8))
def test_safe_path_answers_as_a_pure_posix_path(parts: list[str]) -> None:
    path = "".join(parts)
    assert safe_path(path) == _by_pure_path(path)
