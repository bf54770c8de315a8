"""Write output files atomically: a temporary file beside the target, renamed when complete."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from sxstm.errors import OutputError

STDOUT = "-"


@contextlib.contextmanager
def atomic_output(target: str | Path) -> Iterator[BinaryIO]:
    """Open ``target`` for writing bytes; it appears only if the block completes (``-``: stdout)."""
    if str(target) == STDOUT:
        sys.stdout.flush()
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    path = Path(target)
    if path.is_dir():
        raise OutputError("is a folder, not a file to write", path=str(target))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = _temporary(path)
    except OSError as error:
        raise OutputError(f"cannot write here: {error.strerror or error}", path=str(target)) from error
    try:
        with open(handle, "wb") as out:
            yield out
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise OutputError(f"cannot write: {error.strerror or error}", path=str(target)) from error
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _temporary(path: Path) -> tuple[int, str]:
    """Create a temporary file beside ``path``, with the permissions ``path`` will have."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temporary, _mode(path))
    except OSError:
        os.close(handle)
        os.unlink(temporary)
        raise
    return handle, temporary


def _mode(path: Path) -> int:
    """The permissions a written file gets: those of the file it replaces, else the umask's."""
    return path.stat().st_mode & 0o7777 if path.exists() else _default_mode()


@functools.cache
def _default_mode() -> int:
    mask = os.umask(0o22)  # reading the umask means setting it; set it back at once
    os.umask(mask)
    return 0o666 & ~mask


def write_all(files: dict[Path, bytes]) -> None:
    """Write every file, or none: all go to temporary files first, renamed once all are written."""
    written: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            handle, temporary = _temporary(path)
            written.append((temporary, path))
            with open(handle, "wb") as out:
                out.write(data)
    except OSError as error:
        for temporary, _ in written:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        raise OutputError(
            f"cannot write: {error.strerror or error}; no file was changed", path=str(error.filename)
        ) from error
    for temporary, path in written:
        os.replace(temporary, path)
