"""Shared fixtures: the bundled sample corpus, and ../shared (skipped when absent)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import settings

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
SHARED = Path(os.environ.get("SXSTM_SHARED", REPO.parent / "shared"))

# Property tests prove what they prove whatever the machine's load: no per-example deadline, which
# failed a render test once on a busy CI machine while proving nothing about speed.
settings.register_profile("sxstm", deadline=None)
settings.load_profile("sxstm")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen",
        action="store_true",
        help="rewrite the expected outputs (check fixtures, golden files) from what the code does now; review the diff",
    )


@pytest.fixture(scope="session")
def regen(request: pytest.FixtureRequest) -> bool:
    """Whether to rewrite expected outputs instead of comparing with them."""
    return bool(request.config.getoption("--regen") or os.environ.get("SXSTM_REGEN_GOLDEN"))


@pytest.fixture(scope="session")
def shared() -> Path:
    """The read-only ../shared folder; tests that need it skip cleanly without it."""
    if not (SHARED / "corpus" / "manifest.json").is_file():
        pytest.skip("../shared is not here")
    return SHARED


@pytest.fixture(scope="session")
def manifest(shared: Path) -> dict[str, dict[str, object]]:
    return json.loads((shared / "corpus" / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def validator(shared: Path):
    """Run ../shared/schemas/validate.py on files; return its output lines that are not OK."""
    import subprocess
    import sys

    def validate(*paths: Path) -> list[str]:
        result = subprocess.run(
            [sys.executable, str(shared / "schemas" / "validate.py"), *map(str, paths)],
            capture_output=True,
            text=True,
            check=False,
        )
        return [line for line in result.stdout.splitlines() if not line.startswith("OK ")]

    return validate
