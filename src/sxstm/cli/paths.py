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
    # Each folder's place, worked out once, keyed by the folder as the file names it: a run
    # reports thousands of files in a few hundred folders, and a file's own part is its name.
    _shown: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    _real: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def shown(self, file: str | Path) -> str:
        """``file`` relative to the working folder, or absolute when outside it."""
        folder, name = _split(os.fspath(file))
        if name in _NOT_NAMES:  # "a/.." is not a file "..": normalised with its folder
            folder, name = os.path.split(os.path.abspath(file))
        shown = self._shown.get(folder)
        if shown is None:
            absolute = os.path.abspath(folder or os.curdir)
            relative = os.path.relpath(absolute, self.cwd)
            outside = relative == os.pardir or relative.startswith(os.pardir + os.sep)
            shown = self._shown[folder] = absolute if outside else "" if relative == os.curdir else relative
        return os.path.join(shown, name) if shown else name

    def in_repository(self, file: str | Path) -> str:
        """``file`` relative to the repository root in ``/`` form, or absolute when outside it."""
        folder, name = _split(os.fspath(file))
        if os.path.islink(file) or not name:
            real = os.path.realpath(file)
            root = os.path.join(self.root, "")  # ending in a separator
            return (real[len(root) :] if real.startswith(root) else real).replace(os.sep, "/")
        # The real path of its folder (links resolved, in order), from the root, and its name.
        place = self._real.get(folder)
        if place is None:
            real = os.path.join(os.path.realpath(os.path.join(self.cwd, folder)), "")
            root = os.path.join(self.root, "")
            place = self._real[folder] = (real[len(root) :] if real.startswith(root) else real).replace(os.sep, "/")
        return place + name

    @property
    def root_uri(self) -> str:
        """The repository root as a ``file:`` URI ending in ``/``."""
        return self.root.as_uri().rstrip("/") + "/"


_NOT_NAMES = ("", os.curdir, os.pardir)  # last parts of a path that name no file in its folder


def _split(path: str) -> tuple[str, str]:
    """``path``'s folder, as it is written, and its last part."""
    folder, _, name = path.rpartition(os.sep)
    return folder if folder or not path.startswith(os.sep) else os.sep, name


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
