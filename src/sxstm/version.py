"""The version of sxstm and which build runs, in a module of its own so that every stage can name them.

A wheel may hold modules compiled to C by mypyc (setup.py says which): the same source, faster.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

__version__ = "0.1.0"


def build() -> str:
    """Say which build of sxstm runs: "compiled with mypyc" or "pure Python".

    The compiled build holds extension modules beside the ``.py`` files, and Python imports an
    extension module before a source file of the same name.
    """
    from importlib.machinery import EXTENSION_SUFFIXES

    package = Path(__file__).parent
    compiled = any(path.name.endswith(tuple(EXTENSION_SUFFIXES)) for path in package.rglob("*.*"))
    return "compiled with mypyc" if compiled else "pure Python"


def docstring(function: Callable[..., object]) -> str:
    """Return the docstring of a module-level ``function``, read from its source where mypyc dropped it.

    A function compiled by mypyc has no ``__doc__``; the wheel keeps each module's ``.py`` file
    beside its extension module.
    """
    if function.__doc__ is not None:
        return function.__doc__
    module = sys.modules[function.__module__].__file__
    if module is None:
        return ""
    path = Path(module)
    return _docstrings(path.with_name(path.name.split(".")[0] + ".py")).get(function.__name__, "")


@cache
def _docstrings(source: Path) -> dict[str, str]:
    import ast

    try:
        tree = ast.parse(source.read_text(encoding="utf-8"))
    except OSError:
        return {}
    functions = (node for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef))
    return {node.name: ast.get_docstring(node, clean=False) or "" for node in functions}
