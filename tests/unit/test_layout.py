"""The package layout: stages import only from themselves and the stages before them."""

from __future__ import annotations

import ast
from pathlib import Path

import sxstm

PACKAGE = Path(sxstm.__file__).parent

# The stages in the order data flows through them; the base modules come first.
STAGES = (
    ("model", "errors", "version", "output", "workers"),
    ("sxs",),
    ("checks",),
    ("formats",),
    ("roundtrip",),
    ("reports",),
    ("cli",),
)


def _stage(module: str) -> int:
    """The stage of ``sxstm.<first>.…`` (the package root and ``__main__`` come last)."""
    first = module.split(".")[1] if "." in module else ""
    for rank, names in enumerate(STAGES):
        if first in names:
            return rank
    return len(STAGES)


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "sxstm":
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names if alias.name.split(".")[0] == "sxstm")
    return found


def _modules() -> list[tuple[Path, str]]:
    return [
        (path, ".".join(("sxstm", *path.relative_to(PACKAGE).with_suffix("").parts)))
        for path in sorted(PACKAGE.rglob("*.py"))
    ]


def test_every_module_belongs_to_a_stage() -> None:
    loose = [name for path, name in _modules() if _stage(name) == len(STAGES) and path.parent != PACKAGE]
    assert loose == []
    top = sorted(path.stem for path, _ in _modules() if path.parent == PACKAGE)
    assert top == sorted(["__init__", "__main__", *STAGES[0]])


def test_imports_run_down_the_stages_and_never_through_the_package_root() -> None:
    wrong = []
    for path, name in _modules():
        if name in ("sxstm.__init__", "sxstm.__main__"):
            continue
        for line, imported in _imports(path):
            if imported == "sxstm" or _stage(imported) > _stage(name):
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports {imported}")
    assert wrong == []
