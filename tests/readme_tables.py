"""The tables of README.md, generated from the registries: formats, checks, reporters, commands.

Each table sits between ``<!-- generated: NAME -->`` and ``<!-- end -->``. Run
``python tests/readme_tables.py`` (or ``pytest --regen``) to rewrite them in README.md, and
review the diff; ``tests/test_readme.py`` fails while README.md differs from what this makes.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from sxstm.checks import CHECKS
from sxstm.cli.main import commands
from sxstm.formats import FORMATS
from sxstm.reports import REPORTERS

README = Path(__file__).resolve().parents[1] / "README.md"


def reporter_summaries() -> list[tuple[str, str]]:
    """Each reporter's name and summary."""
    return [(name, registered.summary) for name, registered in REPORTERS.items()]


def formats_table() -> str:
    rows = [
        (f"`{f.name}`", ", ".join(f"`{s}`" for s in f.suffixes) if f.by_suffix else f"(`--format {f.name}`)", f.summary)
        for f in FORMATS.values()
    ]
    return table(("format", "suffixes", "summary"), rows)


def checks_table() -> str:
    rows = [(c.code, c.name, c.severity.value, markdown(c.summary)) for c in CHECKS.values()]
    return table(("code", "name", "severity", "what it checks"), rows)


def reporters_table() -> str:
    return table(("`--format`", "report"), [(f"`{name}`", markdown(summary)) for name, summary in reporter_summaries()])


def commands_table() -> str:
    return table(("command", "what it does"), [(f"`sxstm {c.name}`", c.help) for c in commands()])


TABLES: dict[str, Callable[[], str]] = {
    "formats": formats_table,
    "checks": checks_table,
    "reporters": reporters_table,
    "commands": commands_table,
}


def regenerate(text: str) -> str:
    """Return ``text`` with every generated table made anew; each must be there once."""
    for name, make in TABLES.items():
        begin = f"<!-- generated: {name} -->\n"
        if text.count(begin) != 1:
            raise ValueError(f"README.md must hold {begin.strip()} once")
        start = text.index(begin) + len(begin)
        end = text.index("<!-- end -->", start)
        text = text[:start] + make() + text[end:]
    return text


def first_paragraph(docstring: str | None) -> str:
    """The first paragraph of ``docstring``, on one line."""
    return " ".join((docstring or "").strip().split("\n\n")[0].split())


def markdown(text: str) -> str:
    """Turn the docstrings' ````literal```` spans into markdown code spans (backticks inside kept)."""
    return _LITERAL.sub(lambda match: _code_span(match.group(1).replace("\\`", "`")), text)


_LITERAL = re.compile(r"``(.+?)(?<!\\)``")


def _code_span(code: str) -> str:
    fence = "`" * (max((len(run) for run in re.findall("`+", code)), default=0) + 1)
    pad = " " if code.startswith("`") or code.endswith("`") else ""
    return f"{fence}{pad}{code}{pad}{fence}"


def table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A markdown table (``|`` in cells escaped)."""
    lines = [list(header), *(list(row) for row in rows)]
    text = [f"| {' | '.join(cell.replace('|', chr(92) + '|') for cell in line)} |" for line in lines]
    text.insert(1, "|" + "---|" * len(lines[0]))
    return "\n".join(text) + "\n"


def main() -> int:
    text = README.read_text(encoding="utf-8")
    new = regenerate(text)
    if new != text:
        README.write_text(new, encoding="utf-8")
        print(f"rewrote the generated tables of {README}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
