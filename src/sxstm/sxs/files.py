"""Read a file's bytes only if it is a regular file: a FIFO, a device or a folder is refused.

``open()`` on a FIFO waits for a writer and ``/dev/zero`` never ends, so a file found by name
(``*.md``) is opened without blocking and checked before a byte is read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_CHUNK = 1 << 20
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
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            kind = next((name for test, name in _KINDS if test(status.st_mode)), "not a file")
            raise OSError(errno.EINVAL, f"not a regular file: {kind}")
        # os.read rather than a file object, whose making costs more than reading a small file;
        # read until the end, as the file may have grown since fstat
        parts = [os.read(descriptor, status.st_size + 1)]
        while parts[-1]:
            parts.append(os.read(descriptor, _CHUNK))
        return b"".join(parts)
    finally:
        os.close(descriptor)
