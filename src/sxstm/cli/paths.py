"""Where reports point: files relative to the working folder, and to the repository root.

Reports name files the way ruff and flake8 do, relative to the working folder (absolute when
outside it), so that editors, terminals and CI annotations open them. Baselines, SARIF and
GitLab fingerprints use the path relative to the repository root (git's top level, else the
working folder), the same from whatever folder the run starts.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ReportPaths:
    """The working folder and the repository root that report paths are relative to."""

    cwd: Path
    root: Path

    def shown(self, file: Path) -> str:
        """``file`` relative to the working folder, or absolute when outside it."""
        absolute = os.path.abspath(file)
        relative = os.path.relpath(absolute, self.cwd)
        return absolute if relative == os.pardir or relative.startswith(os.pardir + os.sep) else relative

    def in_repository(self, file: Path) -> str:
        """``file`` relative to the repository root in ``/`` form, or absolute when outside it."""
        real = Path(os.path.realpath(file))
        return (real.relative_to(self.root) if real.is_relative_to(self.root) else real).as_posix()

    @property
    def root_uri(self) -> str:
        """The repository root as a ``file:`` URI ending in ``/``."""
        return self.root.as_uri().rstrip("/") + "/"


def report_paths(start: Path) -> ReportPaths:
    """The paths of a run on documents under ``start``: its repository is git's top level there."""
    cwd = Path(os.getcwd())
    return ReportPaths(cwd, Path(os.path.realpath(repository_root(start) or cwd)))


def repository_root(start: Path) -> Path | None:
    """The top level of the git work tree holding ``start``, or None (no git, or not in one)."""
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=start,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return None
    top = result.stdout.strip()
    return Path(top) if result.returncode == 0 and top else None
