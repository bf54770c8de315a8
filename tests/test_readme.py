"""README.md's tables of formats, checks, reporters and commands are those the registries make."""

from __future__ import annotations

import pytest

from readme_tables import README, TABLES, markdown, regenerate


def test_readme_tables_are_generated_from_the_registries(regen: bool) -> None:
    text = README.read_text(encoding="utf-8")
    if regen:
        text = regenerate(text)
        README.write_text(text, encoding="utf-8")
    assert regenerate(text) == text, "README.md's tables are stale: run python tests/readme_tables.py"


def test_every_table_is_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    assert [name for name in TABLES if text.count(f"<!-- generated: {name} -->\n") != 1] == []


@pytest.mark.parametrize(
    ("docstring", "expected"),
    [
        ("Keep ``SignalR`` as is.", "Keep `SignalR` as is."),
        (r"glued (``\`Task\`to``)", "glued (`` `Task`to ``)"),
        (r"apart (``\`a\` and \`b\```)", "apart (`` `a` and `b` ``)"),
    ],
)
def test_docstring_literals_become_markdown_code_spans(docstring: str, expected: str) -> None:
    assert markdown(docstring) == expected
