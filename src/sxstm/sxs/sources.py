"""Find the documents named on the command line: files as given, folders walked for ``*.md``."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sxstm.errors import UsageError
from sxstm.sxs.names import path_text

_SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__"})


@dataclass(frozen=True, slots=True)
class Source:
    """A file to read, and the name it is reported and exported under.

    ``path`` is the file's absolute path as text: a source crosses to a worker per document, and
    a ``Path`` costs ten times as much to make, send and make again there (0.5 CPU-s on the bench).
    ``name`` is the path below the input root as text (:func:`~sxstm.sxs.names.path_text`): a
    file it names is at ``root / text_path(name)``.
    """

    path: str
    name: str
    explicit: bool

    def __reduce__(self) -> tuple[type, tuple[str, str, bool]]:
        return Source, (self.path, self.name, self.explicit)  # a fifth of the default's cost


def find_sources(paths: Sequence[str | Path], *, exclude: Sequence[str] = (), every_file: bool = False) -> list[Source]:
    """List the files named by ``paths``: files as given, folders walked for ``*.md`` (or for
    every file, with ``every_file``).

    Files found in folders whose path below the root matches a glob of ``exclude`` are left
    out (``*`` matches across ``/``: ``*/includes/*``, ``README.md``).

    Names are relative to the input root: the common folder of all arguments (a single folder
    argument is its own root). Raises :class:`UsageError` for a path that does not exist.
    """
    if not paths:
        raise UsageError("no input: name sxs markdown files or folders")
    resolved = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise UsageError(f"no such file or folder: {given}")
        resolved.append(path.absolute())
    # Below the root, paths are text joined by os.walk: as Path objects, making and relating
    # 12,510 of them took 0.7 CPU-s, before any worker could start.
    root = os.path.join(input_root(resolved), "")
    sources: list[Source] = []
    seen: set[str] = set()
    for path in resolved:
        found = [(str(path), True)] if not path.is_dir() else [(p, False) for p in _walk(path, every_file=every_file)]
        # A folder os.walk cannot list is kept as a source: reading it reports the problem.
        for file, explicit in found:
            name = path_text(file.removeprefix(root).replace(os.sep, "/"))
            if file not in seen and (explicit or not _excluded(name, exclude)):
                seen.add(file)
                sources.append(Source(file, name, explicit))
    return sources


def input_root(paths: Sequence[str | Path]) -> Path:
    """The folder that names are relative to: the common folder of ``paths`` (a folder is its own)."""
    absolute = [Path(path).absolute() for path in paths]
    return Path(os.path.commonpath([path if path.is_dir() else path.parent for path in absolute]))


def _excluded(name: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)


def _walk(folder: Path, *, every_file: bool) -> Iterator[str]:
    """Walk ``folder``, following symlinked folders once each.

    A folder already walked (a symlink loop, or a second link to the same folder) is not walked
    again: its files are read under their first name.
    """
    unreadable: list[str] = []
    walked: set[tuple[int, int]] = set()
    for current, folders, files in os.walk(
        folder, onerror=lambda error: unreadable.append(error.filename), followlinks=True
    ):
        identity = _identity(current)
        if identity in walked:
            folders[:] = []
            continue
        if identity is not None:
            walked.add(identity)
        folders[:] = sorted(name for name in folders if name not in _SKIPPED_FOLDERS)
        for name in sorted(files):
            if every_file or name.lower().endswith(".md"):
                yield os.path.join(current, name)
    yield from unreadable


def _identity(folder: str) -> tuple[int, int] | None:
    try:
        info = os.stat(folder)
    except OSError:
        return None
    return info.st_dev, info.st_ino
