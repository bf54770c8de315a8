"""Where reports point: files relative to the working folder, and to the repository root.

Reports name files the way ruff and flake8 do, relative to the working folder (absolute when
outside it), so that editors, terminals and CI annotations open them. Baselines, SARIF and
GitLab fingerprints use the path relative to the repository root (git's top level, else the
working folder), the same from whatever folder the run starts.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ReportPaths:
    """The working folder and the repository root that report paths are relative to."""

    cwd: Path
    root: Path
    # Each folder's place, worked out once: a run reports thousands of files in a few hundred folders.
    _shown: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    _real: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def shown(self, file: str | Path) -> str:
        """``file`` relative to the working folder, or absolute when outside it."""
        folder, name = os.path.split(os.path.abspath(file))
        shown = self._shown.get(folder)
        if shown is None:
            relative = os.path.relpath(folder, self.cwd)
            outside = relative == os.pardir or relative.startswith(os.pardir + os.sep)
            shown = self._shown[folder] = folder if outside else "" if relative == os.curdir else relative
        return os.path.join(shown, name) if shown else name

    def in_repository(self, file: str | Path) -> str:
        """``file`` relative to the repository root in ``/`` form, or absolute when outside it."""
        folder, name = os.path.split(os.path.join(self.cwd, file))
        if os.path.islink(file) or not name:
            real = os.path.realpath(file)
        else:  # the real path of its folder (links resolved, in order) and its name
            real_folder = self._real.get(folder)
            if real_folder is None:
                real_folder = self._real[folder] = os.path.realpath(folder)
            real = os.path.join(real_folder, name)
        root = os.path.join(self.root, "")  # ending in a separator
        return (real[len(root) :] if real.startswith(root) else real).replace(os.sep, "/")

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
