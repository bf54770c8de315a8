"""Run a function over items on every core, in input order: the process pool of every stage."""

from __future__ import annotations

import gc
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sized
from multiprocessing import get_context
from typing import TypeVar

_CHUNK = 16
A = TypeVar("A")
R = TypeVar("R")


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
