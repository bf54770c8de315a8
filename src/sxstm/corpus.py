"""Find the documents named on the command line and read them, on every core, in order."""

from __future__ import annotations

import fnmatch
import gc
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Generic, TypeVar

from sxstm.errors import SxstmError, UsageError
from sxstm.model import Document, Finding, Pair
from sxstm.reader import DEFAULT_OPTIONS, ReadOptions, read_document

_SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__"})
_CHUNK = 16
T = TypeVar("T")
A = TypeVar("A")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Source:
    """A file to read, and the name it is reported and exported under."""

    path: Path
    name: str
    explicit: bool


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
    root = Path(os.path.commonpath([p if p.is_dir() else p.parent for p in resolved]))
    sources: list[Source] = []
    seen: set[Path] = set()
    for path in resolved:
        found = [(path, True)] if not path.is_dir() else [(p, False) for p in _walk(path, every_file=every_file)]
        # A folder os.walk cannot list is kept as a source: reading it reports the problem.
        for file, explicit in found:
            name = file.relative_to(root).as_posix()
            if file not in seen and (explicit or not _excluded(name, exclude)):
                seen.add(file)
                sources.append(Source(file, name, explicit))
    return sources


def _excluded(name: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)


def _walk(folder: Path, *, every_file: bool) -> Iterator[Path]:
    unreadable: list[Path] = []
    for current, folders, files in os.walk(folder, onerror=lambda error: unreadable.append(Path(error.filename))):
        folders[:] = sorted(name for name in folders if name not in _SKIPPED_FOLDERS)
        for name in sorted(files):
            if every_file or name.lower().endswith(".md"):
                yield Path(current, name)
    yield from unreadable


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    """What became of one source: the work's result, or the error that stopped its reading."""

    source: Source
    result: T | None
    findings: tuple[Finding, ...] = ()
    pairs: int = 0
    error: SxstmError | None = None


def map_documents(
    sources: Sequence[Source],
    work: Callable[[Document], T],
    *,
    options: ReadOptions = DEFAULT_OPTIONS,
    jobs: int | None = None,
) -> Iterator[Outcome[T]]:
    """Read each source and apply ``work`` to its document, on ``jobs`` processes, in input order.

    ``work`` runs in the worker processes, so that only its result crosses back: it must be
    picklable (a module-level function, or a :func:`functools.partial` of one).
    """
    yield from parallel_map(_run, [(source, options, work) for source in sources], jobs=jobs)


def parallel_map(
    function: Callable[[A], R],
    items: Iterable[A],
    *,
    jobs: int | None = None,
    shared: object = None,
    chunk: int = _CHUNK,
) -> Iterator[R]:
    """Yield ``function(item)`` for every item, in order, on ``jobs`` processes (default: every core).

    Small inputs stay in this process; items that are not a sequence are taken as they come
    (and, by default, sent 4 at a time).
    ``function`` must be picklable (module level). ``shared`` is data every call may read through
    :func:`shared_data`, sent once to each worker. Items go to workers ``chunk`` at a time
    (1 for items that take long each).
    """
    size = len(items) if isinstance(items, Sized) else None
    workers = jobs or os.cpu_count() or 1
    if size is not None:
        workers = min(workers, max(1, size // chunk))
    if workers <= 1:
        _start_worker(shared, in_parent=True)
        yield from map(function, items)
        return
    context = get_context("fork" if hasattr(os, "fork") else "spawn")
    with context.Pool(workers, initializer=_start_worker, initargs=(shared,)) as pool:
        yield from pool.imap(function, items, chunksize=chunk if size is not None else min(chunk, 4))


_shared: object = None


def shared_data() -> object:
    """Return the ``shared`` data of the running :func:`parallel_map`."""
    return _shared


def _start_worker(shared: object, *, in_parent: bool = False) -> None:
    global _shared
    _shared = shared
    if not in_parent:
        # Ctrl-C reaches every process of the group; the parent alone stops the run.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # Workers make millions of short-lived objects and no reference cycles worth a
        # collector's pass: the cyclic collector only costs time here.
        gc.disable()


def read_documents(
    sources: Sequence[Source], *, options: ReadOptions = DEFAULT_OPTIONS, jobs: int | None = None
) -> Iterator[Document | SxstmError]:
    """Read ``sources`` in parallel; yield each document, or the error that stopped its reading."""
    for outcome in map_documents(sources, _identity, options=options, jobs=jobs):
        yield outcome.error if outcome.result is None else outcome.result  # type: ignore[misc]


def iter_pairs(
    paths: Sequence[str | Path], *, options: ReadOptions = DEFAULT_OPTIONS, jobs: int | None = None
) -> Iterator[tuple[Document, Pair]]:
    """Yield ``(document, pair)`` for every pair under ``paths``, in order.

    Files that cannot be read are skipped; use :func:`read_documents` to see why.
    """
    for document in read_documents(find_sources(paths), options=options, jobs=jobs):
        if isinstance(document, Document):
            for pair in document.pairs:
                yield document, pair


def _identity(document: Document) -> Document:
    return document


def _run(task: tuple[Source, ReadOptions, Callable[[Document], T]]) -> Outcome[T]:
    source, options, work = task
    try:
        document = read_document(source.path, name=source.name, options=options)
    except SxstmError as error:
        return Outcome(source, None, error=error)
    return Outcome(source, work(document), document.findings, len(document.pairs))
