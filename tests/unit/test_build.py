"""The build under test: the modules setup.py compiles with mypyc, and which build the tests run.

CI runs the suite twice (.ci/run): against an installed wheel compiled with mypyc, then against
the pure sources. ``SXSTM_EXPECT_BUILD=compiled|pure`` says which run this is, so that a compile
that silently fell back to pure Python (or sources that shadow the installed wheel) fails here.
"""

from __future__ import annotations

import ast
import importlib
import os
import pickle
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

import sxstm
from sxstm.version import build, docstring

REPO = Path(__file__).resolve().parents[2]
BUILDS = {"compiled": "compiled with mypyc", "pure": "pure Python"}


def _compiled_modules() -> list[str]:
    """The module names of setup.py's ``COMPILED`` list, read without running setup.py."""
    for node in ast.parse((REPO / "setup.py").read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "COMPILED" for t in node.targets):
            paths = ast.literal_eval(node.value)
            return ["sxstm." + path.removesuffix(".py").replace("/", ".") for path in paths]
    raise AssertionError("setup.py has no COMPILED list")


def _is_extension(module: str) -> bool:
    return str(importlib.import_module(module).__file__).endswith(tuple(EXTENSION_SUFFIXES))


def test_setup_compiles_modules_that_exist() -> None:
    modules = _compiled_modules()
    assert modules and len(set(modules)) == len(modules)
    for module in modules:
        assert (REPO / "src" / (module.replace(".", "/") + ".py")).is_file(), module


def test_version_names_the_build() -> None:
    result = subprocess.run([sys.executable, "-m", "sxstm", "--version"], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == f"sxstm {sxstm.__version__} ({build()})"


@pytest.mark.skipif(
    "SXSTM_EXPECT_BUILD" not in os.environ, reason="SXSTM_EXPECT_BUILD=compiled|pure (.ci/run) is unset"
)
def test_the_build_under_test_is_the_one_expected() -> None:
    expected = os.environ["SXSTM_EXPECT_BUILD"]
    assert expected in BUILDS, f"SXSTM_EXPECT_BUILD must be one of {sorted(BUILDS)}"
    assert build() == BUILDS[expected]
    compiled = [module for module in _compiled_modules() if _is_extension(module)]
    if expected == "compiled":
        assert compiled == _compiled_modules()
        assert REPO / "src" not in Path(sxstm.__file__).resolve().parents, "the sources shadow the installed build"
    else:
        assert compiled == []
    # Subprocesses (`python -m sxstm` in the CLI tests) run the same build as this process.
    result = subprocess.run([sys.executable, "-m", "sxstm", "--version"], capture_output=True, text=True, check=True)
    assert result.stdout.strip().endswith(f"({BUILDS[expected]})")


def test_docstrings_are_read_from_the_source_where_mypyc_dropped_them() -> None:
    from sxstm.formats.tmx import render_tmx

    tree = ast.parse((REPO / "src" / "sxstm" / "formats" / "tmx.py").read_text(encoding="utf-8"))
    (node,) = (n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "render_tmx")
    assert docstring(render_tmx) == ast.get_docstring(node, clean=False) != ""


def test_objects_sent_to_worker_processes_pickle_in_either_build() -> None:
    # A frozen class compiled by mypyc does not pickle as a dataclass does: each class of a
    # compiled module that crosses to a worker (sxstm.workers) says how in __reduce__.
    from sxstm.errors import SxstmError
    from sxstm.roundtrip.restore import Restored, RestoreTask
    from sxstm.sxs.reader import ReadOptions, parse_document

    options = ReadOptions(source_locale="en-GB", target_locale="pl-PL", contexts=False)
    assert pickle.loads(pickle.dumps(options)) == options
    sample = REPO / "corpus" / "docs.pl-pl" / "guide" / "sample.md"
    document = parse_document(sample.read_bytes(), str(sample))
    assert pickle.loads(pickle.dumps(document)) == document
    task = RestoreTask(str(sample), "sample.md", "out/sample.md", "target", "out")
    assert pickle.loads(pickle.dumps(task)) == task
    finding = document.findings[0] if document.findings else None
    restored = Restored("sample.md", 3, copied=False, findings=(finding,) if finding else (), error=SxstmError("x"))
    again = pickle.loads(pickle.dumps(restored))
    assert (again.name, again.pairs, again.copied, again.findings) == (restored.name, 3, False, restored.findings)
    assert isinstance(again.error, SxstmError) and str(again.error) == "x"
    # The profile goes to every worker of qa, with each check's needs (some are compiled functions).
    from sxstm.checks import default_profile

    assert pickle.loads(pickle.dumps(default_profile())) == default_profile()
