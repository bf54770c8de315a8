"""Read a file's bytes only if it is a regular file: a FIFO, a device or a folder is refused.

``open()`` on a FIFO waits for a writer and ``/dev/zero`` never ends, so a file found by name
(``*.md``) is opened without blocking and checked before a byte is read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_regular(path: str | Path) -> bytes:
    """Return the bytes of the regular file at ``path`` (symlinks followed).

    Raises :class:`OSError` for a file that is not regular, with a reason to show
    (``not a regular file: a FIFO``), as for any file that cannot be read.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "not a file")
            raise OSError(errno.EINVAL, f"not a regular file: {kind}")
        with open(descriptor, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(descriptor)
