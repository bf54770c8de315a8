"""Write output files atomically: a temporary file beside the target, renamed when complete.

An output replaces nothing but a regular file, and never an input of the run (see
:func:`protect_inputs`). A character device or a FIFO (``/dev/null``, ``>(cmd)``), and a path
under ``/dev`` that leads to a regular file (``/dev/stdout`` redirected to one), are written as a
stream, never replaced: that is what users mean by them. A symbolic link to anything else, a
folder, a block device or a socket is refused.
Inside an output folder, a path is never written through a symbolic link that leads out of it.

What this process wrote is counted (:data:`LEDGER`), so an interrupted run can say what it left.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import itertools
import os
import shutil
import signal
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from sxstm.errors import OutputError

STDOUT = "-"


@dataclass(slots=True)
class Ledger:
    """What this process wrote: the files complete in place, and the folders it wrote into
    from workers too (whose files it cannot count)."""

    files: list[str] = field(default_factory=list)
    folders: list[str] = field(default_factory=list)

    def say(self) -> str:
        """Say truly what was written, for a run that stopped early."""
        if self.folders:
            where = ", ".join(self.folders)
            return f"{where} may hold part of the output: the files there are whole, but not all were written"
        if not self.files:
            return "no output file was written or changed"
        if len(self.files) == 1:
            return f"1 output file was written before the stop: {self.files[0]}"
        return f"{len(self.files):,} output files were written before the stop (the first: {self.files[0]})"


LEDGER = Ledger()
_inputs: set[tuple[int, int]] = set()
# The folders this process has made or found for its outputs: a tree of 12,510 files asks for
# its few hundred folders once each, not once a file.
_folders: set[str] = set()
# Those of them this process made (by mkdir) in this run.
_made: set[str] = set()
# The Ctrl-C the command line has seen: once one was, no output is begun, even if something on
# the way swallowed its KeyboardInterrupt.
INTERRUPTS: list[int] = []
# Set while an output is renamed and counted: the command line's handler then counts a Ctrl-C
# without raising it, and the rename raises it once done. (Not the signal mask: a thread of a
# library, pyarrow's, takes a Ctrl-C that the main thread blocks, and the main thread runs it.)
HOLD = [False]


def start_run() -> None:
    """Forget the inputs and the outputs of an earlier run in this process."""
    _inputs.clear()
    _outside.cache_clear()
    _folders.clear()
    _made.clear()
    INTERRUPTS.clear()
    LEDGER.files.clear()
    LEDGER.folders.clear()


def protect_inputs(paths: Iterable[str | Path]) -> None:
    """Remember the files the run reads: no output may replace one of them."""
    for path in paths:
        with contextlib.suppress(OSError):
            info = os.stat(path)
            if stat.S_ISREG(info.st_mode):
                _inputs.add((info.st_dev, info.st_ino))


@contextlib.contextmanager
def atomic_output(target: str | Path, *, within: str | Path | None = None) -> Iterator[BinaryIO]:
    """Open ``target`` for writing bytes; it appears only if the block completes (``-``: stdout).

    ``within``: the output folder ``target`` lies in; a symbolic link may not lead out of it.
    """
    if str(target) == STDOUT:
        yield from _stdout()
        return
    opened = _open(target, within)
    if isinstance(opened, str):
        yield from _stream(opened)
        return
    path, handle, temporary = opened
    with _kept(temporary, path, target), open(handle, "wb") as out:
        yield out


def write_file(target: str, data: bytes, *, within: str | None = None) -> None:
    """Write ``data`` to ``target`` as :func:`atomic_output` does, the whole of it at once.

    Written straight to the file's descriptor: a file object costs three system calls more
    (fstat, ioctl, lseek) and its making, a fifth of writing a small file (restore, measured on
    the bench).
    """
    if target == STDOUT:
        with atomic_output(target) as out:
            out.write(data)
        return
    opened = _open(target, within)
    if isinstance(opened, str):
        with _stream_file(opened) as out:
            out.write(data)
        return
    path, handle, temporary = opened
    with _kept(temporary, path, target):
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view) :]
        finally:
            os.close(handle)


@contextlib.contextmanager
def _kept(temporary: str, path: str, target: str | Path) -> Iterator[None]:
    """Put the ``temporary`` file in place at ``path`` once the block has written it whole;
    remove it if the block fails or is interrupted."""
    try:
        yield
        _keep(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise OutputError(f"cannot write: {error.strerror or error}", path=str(target)) from error
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _open(target: str | Path, within: str | Path | None) -> str | tuple[str, int, str]:
    """Check ``target`` and open its temporary file: return its path, the descriptor and the
    temporary's path, or only the path of a stream to write in place."""
    if INTERRUPTS:
        raise KeyboardInterrupt
    # One Path for its normal form, strings from there: a tree of 12,510 outputs paid a second
    # in pathlib for parents and names made again and again (restore, measured on the bench).
    path = target if isinstance(target, str) and is_normal_path(target) else str(Path(target))
    parent, name = os.path.split(path)
    parent = parent or "."
    # A folder this process made in this run holds nothing it did not write: no need to look
    # whether the file is there, and what it is (a failed lstat per file, restore into a new folder).
    kind, mode = ("new", None) if parent in _made else _existing(path)
    if kind == "stream":
        return path
    if within is not None:
        _refuse_outside(path, parent, str(within))
    try:
        if parent not in _folders:
            _make_folder(parent)
            _folders.add(parent)
        handle, temporary = _temporary(parent, name, _default_mode() if mode is None else mode)
    except OSError as error:
        raise OutputError(f"cannot write here: {error.strerror or error}", path=str(target)) from error
    return path, handle, temporary


def is_normal_path(path: str) -> bool:
    """Tell whether ``str(Path(path))`` is ``path`` itself, by string tests: POSIX paths without
    an empty or ``.`` part (``a//b``, ``./a``, ``a/./b``, ``a/``), most outputs' as their callers
    join them; making a Path to be sure cost merge and restore a few microseconds a file."""
    return (
        _POSIX
        and path != ""
        and path != "."
        and "//" not in path
        and "/./" not in path
        and not path.startswith("./")
        and not path.endswith(("/", "/."))
    )


_POSIX = os.sep == "/" and os.altsep is None


def _make_folder(folder: str) -> None:
    """Make ``folder`` (and its parents) unless it is there; remember it if this call made it."""
    try:
        os.mkdir(folder)
    except FileNotFoundError:  # a parent is missing too
        os.makedirs(os.path.dirname(folder), exist_ok=True)
        _make_folder(folder)
    except FileExistsError:
        if not os.path.isdir(folder):
            raise
    else:
        _made.add(folder)


def _keep(temporary: str, path: str) -> None:
    """Rename the complete temporary file onto ``path``, unless Ctrl-C was pressed meanwhile."""
    if INTERRUPTS:
        raise KeyboardInterrupt  # one was swallowed while the file was written: it is not kept
    # Renamed and counted with Ctrl-C held: raised between the two, it made the run say that
    # no output was written.
    HOLD[0] = True
    try:
        os.replace(temporary, path)
        LEDGER.files.append(path)
    finally:
        HOLD[0] = False
    if INTERRUPTS:
        raise KeyboardInterrupt


def _stdout() -> Iterator[BinaryIO]:
    if sys.stdout is None:
        raise OutputError("standard output is closed; name a file with -o")
    try:
        sys.stdout.flush()
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise  # the reader stopped early (| head): the command line ends quietly
    except OSError as error:
        if error.filename is not None:
            raise  # a file's, not stdout's
        raise OutputError(f"cannot write to standard output: {error.strerror or error}") from error


def _existing(path: str) -> tuple[str, int | None]:
    """Say what ``path`` is to an output: "new" (nothing there), "file" (a regular file to
    replace) or "stream" (a character device or a FIFO, through symbolic links, or a path under
    /dev that leads to a regular file: ``/dev/stdout`` > file), with the permissions of the file
    to replace (None if new); raise OutputError for the rest."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return "new", None
    except OSError as error:
        raise OutputError(f"cannot write here: {error.strerror or error}", path=str(path)) from error
    mode = info.st_mode
    if stat.S_ISLNK(mode):
        try:
            mode = os.stat(path).st_mode
        except OSError:
            mode = 0  # a link to nothing
        under_dev = Path(path).is_absolute() and Path(path).parts[1:2] == ("dev",)
        if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or (under_dev and stat.S_ISREG(mode)):
            return "stream", None
        raise OutputError(f"is a symbolic link (to {os.readlink(path)}); name the file it points to", path=path)
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return "stream", None
    if stat.S_ISDIR(mode):
        raise OutputError("is a folder, not a file to write", path=path)
    if not stat.S_ISREG(mode):
        raise OutputError("is not a regular file (a device or a socket); it is not replaced", path=path)
    if (info.st_dev, info.st_ino) in _inputs:
        raise OutputError("is an input of this run; writing it would replace it", path=path)
    return "file", stat.S_IMODE(mode)


def _stream(path: str) -> Iterator[BinaryIO]:
    try:
        with open(path, "wb") as out:
            yield out
    except OSError as error:
        raise OutputError(f"cannot write: {error.strerror or error}", path=path) from error


_stream_file = contextlib.contextmanager(_stream)


def _refuse_outside(path: str, parent: str, within: str) -> None:
    """Raise OutputError if a symbolic link takes ``path`` (in the folder ``parent``) out of the
    folder ``within``."""
    outside = _outside(within, parent)
    if outside:
        raise OutputError(
            f"a symbolic link inside {within} leads out of it (to {outside}); nothing is written there", path=path
        )


@functools.lru_cache(maxsize=4096)  # a tree's files share few folders; resolving costs a stat a part
def _outside(folder: str, parent: str) -> str:
    """The real folder ``parent`` is if it lies outside the real ``folder``; else ""."""
    real_folder, real_parent = os.path.realpath(folder), os.path.realpath(parent)
    inside = real_parent == real_folder or real_parent.startswith(real_folder.rstrip(os.sep) + os.sep)
    return "" if inside else real_parent


def _temporary(folder: str, name: str, mode: int) -> tuple[int, str]:
    """Create a temporary file in ``folder`` beside the file ``name``, with the permissions
    ``mode`` (those the file will have); return its descriptor and path.

    As ``tempfile.mkstemp`` makes it (made by this process alone: ``O_EXCL``, never through a
    link, readable by its owner only until the permissions are set), named by this process's id
    and a count instead of random letters, which cost restore a tenth of its time per file.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC | _BINARY
    while True:
        temporary = os.path.join(folder, f".{name}.{_PID[0]}-{next(_names)}.tmp")
        try:
            handle = os.open(temporary, flags, 0o600)
        except FileExistsError:
            continue  # left by an earlier process of the same id: take the next name
        break
    try:
        os.chmod(handle if os.chmod in os.supports_fd else temporary, mode)
    except OSError:
        os.close(handle)
        os.unlink(temporary)
        raise
    return handle, temporary


_names = itertools.count()
# This process's id, read once (a system call a file) and again in a forked worker.
_PID = [os.getpid()]
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=lambda: _PID.__setitem__(0, os.getpid()))
_NOFOLLOW, _CLOEXEC, _BINARY = (getattr(os, flag, 0) for flag in ("O_NOFOLLOW", "O_CLOEXEC", "O_BINARY"))


def _mode(path: Path) -> int:
    """The permissions a written file gets: those of the file it replaces, else the umask's."""
    return path.stat().st_mode & 0o7777 if path.exists() else _default_mode()


@functools.cache
def _default_mode() -> int:
    mask = os.umask(0o22)  # reading the umask means setting it; set it back at once
    os.umask(mask)
    return 0o666 & ~mask


def write_all(files: dict[Path, bytes], *, originals: dict[Path, bytes] | None = None) -> None:
    """Write every file, or none, and say which if that fails.

    ``originals``: what each file held when it was read; if one holds anything else now (edited
    meanwhile, or by a second run), none is written. All go to temporary files first, and an
    interrupt (Ctrl-C) then removes them; the renames run with interrupts held, and a failed one
    puts the files already renamed back as they were. An interrupt held is raised once the set
    is whole, so the files are all old or all new.
    """
    if INTERRUPTS:
        raise KeyboardInterrupt
    if originals is None:
        originals = {path: path.read_bytes() for path in files}  # to put back if a rename fails
    with _interrupts_held() as interrupted:
        temporaries: list[tuple[str, Path]] = []
        try:
            for path, data in files.items():
                _refuse_in_place(path)
                handle, temporary = _temporary(str(path.parent), path.name, _mode(path))
                temporaries.append((temporary, path))
                with open(handle, "wb") as out:
                    out.write(data)
                if interrupted:
                    raise KeyboardInterrupt
            _refuse_changed(files, originals)
            _rename_all(temporaries, originals)
        except OSError as error:
            raise OutputError(
                f"cannot write: {error.strerror or error}; no file was changed", path=str(error.filename)
            ) from error
        finally:
            for temporary, _ in temporaries:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
        LEDGER.files.extend(str(path) for path in files)
        if interrupted:
            raise KeyboardInterrupt


def _refuse_in_place(path: Path) -> None:
    info = path.lstat()
    if not stat.S_ISREG(info.st_mode):
        raise OutputError("is not a regular file (a symbolic link?); no file was changed", path=str(path))


def _refuse_changed(files: dict[Path, bytes], originals: dict[Path, bytes]) -> None:
    """Raise :class:`OutputError` if a file no longer holds what it held when read."""
    for path in files:
        if path.read_bytes() != originals[path]:
            raise OutputError(
                "changed since it was read (edited meanwhile, or by another run); no file was changed", path=str(path)
            )


def _rename_all(temporaries: list[tuple[str, Path]], originals: dict[Path, bytes]) -> None:
    """Rename every temporary file onto its path; if one fails, put back those already done."""
    done: list[Path] = []
    try:
        for temporary, path in temporaries:
            os.replace(temporary, path)
            done.append(path)
    except OSError as error:
        kept = []
        for path in done:
            try:
                _put_back(path, originals[path])
            except OSError:
                kept.append(str(path))
        if kept:
            raise OutputError(
                f"cannot write: {error.strerror or error}; and {len(kept):,} files already written could not be"
                f" put back: {', '.join(kept)}",
                path=str(error.filename),
            ) from error
        raise


def _put_back(path: Path, data: bytes) -> None:
    handle, temporary = _temporary(str(path.parent), path.name, _mode(path))
    try:
        with open(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def _interrupts_held() -> Iterator[list[int]]:
    """Hold SIGINT while the block runs: the list it yields gets an item per interrupt."""
    caught: list[int] = []

    def hold(signum: int, frame: object) -> None:
        caught.append(signum)

    try:
        previous = signal.signal(signal.SIGINT, hold)
    except ValueError:  # not the main thread: signals go elsewhere anyway
        yield caught
        return
    try:
        yield caught
    finally:
        signal.signal(signal.SIGINT, previous)


@contextlib.contextmanager
def scratch_space(folder: str = "") -> Iterator[None]:
    """Report a scratch file that could not be written (a full or failing disk) as such, naming
    the folder scratch files go to and how to choose another: a write error carries no file
    name, and would be taken for one of the output's (or of standard output). An error naming a
    file in ``folder`` (a scratch folder) is one too. The advice fits the error: room for a full
    disk, the limit of open files where it is reached."""
    try:
        yield
    except OSError as error:
        if error.filename is not None and not (folder and _within(os.fsdecode(error.filename), folder)):
            raise
        advice = _SCRATCH_ADVICE.get(error.errno or 0, _WRITABLE)
        raise OutputError(
            f"cannot write a scratch file: {error.strerror or error}; {advice}", path=tempfile.gettempdir()
        ) from error


_MORE_ROOM = "set TMPDIR to a folder with more room"
_WRITABLE = "set TMPDIR to a folder you can write to"
_SCRATCH_ADVICE = {
    errno.ENOSPC: _MORE_ROOM,
    errno.EDQUOT: _MORE_ROOM,
    errno.EFBIG: _MORE_ROOM,
    errno.EMFILE: "raise the limit of open files (ulimit -n)",
    errno.ENFILE: "too many files are open on this system: try again when fewer are",
}


@contextlib.contextmanager
def scratch_folder() -> Iterator[str]:
    """Make a folder of scratch files that several processes share (with TMPDIR, in the system's
    temporary folder); remove it and what it holds when the block ends."""
    with scratch_space(tempfile.gettempdir()):
        folder = tempfile.mkdtemp(prefix="sxstm-")
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _within(path: str, folder: str) -> bool:
    """Tell whether ``path`` is ``folder`` or in it."""
    return path == folder or path.startswith(os.path.join(folder, ""))
