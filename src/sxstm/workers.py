"""Run a function over items on every core, in input order: the process pool of every stage.

The process pool's modules (multiprocessing, concurrent.futures: a tenth of a second to import)
are imported only when a run starts workers; a command on one file never does.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import pickle
import signal
import struct
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from dataclasses import fields
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

from sxstm.errors import SxstmError, WorkerError

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.connection import Connection

_CHUNK = 16
# Batches in flight per worker: enough that no worker waits while the oldest batch is still
# running, few enough that an iterator input is read only a little ahead of the results.
_AHEAD = 4
_DIED = "a worker process died (killed, or out of memory?), so the run stopped"  # of a pool's or run_in_background's
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

    Small inputs stay in this process; items that are not a sequence are taken as they come,
    a few batches ahead of the results (and, by default, sent 4 at a time).
    ``function`` must be picklable (module level). ``shared`` is data every call may read through
    :func:`shared_data`, sent once to each worker. Items go to workers ``chunk`` at a time
    (1 for items that take long each). A worker process that dies raises :class:`WorkerError`.
    """
    size = len(items) if isinstance(items, Sized) else None
    workers = jobs or os.cpu_count() or 1
    if size is not None:
        workers = min(workers, max(1, size // chunk))
    if workers <= 1:
        _start_worker(shared, in_parent=True)
        yield from map(function, items)
        return
    if isinstance(items, (list, tuple, range)) and hasattr(os, "fork"):
        yield from _forked_map(function, items, workers, shared, chunk)
        return
    batch = chunk if size is not None else min(chunk, 4)
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from multiprocessing import get_context

    context = get_context("fork" if hasattr(os, "fork") else "spawn")
    try:
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(shared,))
    except OSError as error:  # its locks are files in /dev/shm: none there (some containers), or full
        raise _not_started(error) from error
    pending: deque[Future[list[R]]] = deque()
    with _running(functools.partial(_stop, pool)):
        try:
            for part in _batches(items, batch):
                with _interrupts_held():  # a submit forks: Ctrl-C inside fork hooks is only printed, not raised
                    try:
                        future = pool.submit(_run_batch, function, part)  # raises too once the pool is broken
                    except OSError as error:  # it forks the workers: no memory, processes or descriptors left
                        raise _not_started(error) from error
                pending.append(future)
                if len(pending) >= workers * _AHEAD:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BrokenProcessPool as error:
            raise WorkerError(_DIED) from error
    pool.shutdown()


@contextlib.contextmanager
def _running(stop: Callable[[], None]) -> Iterator[None]:
    """Count a map's workers as running in this process while the block runs; end them with
    ``stop`` if it ends by an error, Ctrl-C or the caller stopping early (no result is wanted any
    more), or if :func:`stop_workers` is called meanwhile."""
    global _pools
    _pools += 1
    _live.add(stop)
    try:
        yield
    except BaseException:
        stop()
        raise
    finally:
        _pools -= 1
        _live.discard(stop)


def _forked_map(
    function: Callable[[A], R], items: Sequence[A], workers: int, shared: object, chunk: int
) -> Iterator[R]:
    """:func:`parallel_map` of a sequence, on ``workers`` processes forked now: each reads its
    items from the sequence it inherits, and takes the number of its next batch from a pipe they
    share (a worker free takes the next); each sends its results back through a pipe of its own,
    on which this process waits, on no thread of its own.

    ``ProcessPoolExecutor`` pickled each batch's items and function, and its two threads and a
    future per batch woke this process several times a batch while the two workers kept both
    cores busy: a TMX export of the bench switched contexts 9,622 times, and 2,281 so; its main
    process took 1.73 to 1.83 CPU-s, and 1.38 to 1.42 so. Nor are there locks, which that pool
    keeps as files in ``/dev/shm`` (missing in some containers)."""
    from multiprocessing import get_context
    from multiprocessing.connection import wait

    context = get_context("fork")
    batches = -(-len(items) // chunk)
    # Batches sent ahead of the one awaited: their numbers always fit in the pipe (a pipe of the
    # least size, one page), so that a write never waits on workers that wait to send results.
    ahead = min(workers * _AHEAD, 512)
    # Numbers of 8 bytes: a write of fewer than PIPE_BUF bytes is whole, so each read of 8 takes one.
    try:
        numbers, sending = os.pipe()
    except OSError as error:  # no descriptors left
        raise _not_started(error) from error
    ends: list[Connection] = []  # this process's end of each worker's pipe of results
    processes: list[Any] = []
    try:
        with _running(functools.partial(_end_forked, processes)):
            for _ in range(workers):
                try:
                    ours, theirs = context.Pipe(duplex=False)
                except OSError as error:  # no descriptors left
                    raise _not_started(error) from error
                ends.append(ours)
                inherited = (sending, *(end.fileno() for end in ends))
                process = context.Process(
                    target=_serve, args=(function, items, chunk, shared, numbers, theirs, inherited), daemon=True
                )
                try:
                    with _interrupts_held():  # the child ignores Ctrl-C before it can be pressed there
                        process.start()
                        processes.append(process)
                except OSError as error:  # no memory or processes left
                    raise _not_started(error) from error
                finally:
                    theirs.close()  # the worker holds it alone: its death is an end of file here
            os.close(numbers)
            numbers = -1
            # Batches back before the ones ahead of them: whether each was done, and its results or
            # the error it raised, raised only when its turn comes (earlier results first).
            done: dict[int, tuple[bool, Any]] = {}
            following = 0  # the next batch to send
            for wanted in range(batches):
                last = min(batches, wanted + ahead)  # the batches that may be sent by now end here
                while following < last:
                    _send_number(sending, following)
                    following += 1
                while wanted not in done:
                    for end in wait(ends):
                        number, finished, value = _received(end)  # type: ignore[arg-type]
                        done[number] = (finished, value)
                        if following < last:
                            _send_number(sending, following)
                            following += 1
                finished, value = done.pop(wanted)
                if not finished:
                    raise value
                yield from value
            # One end for each worker, not the end of the file: a process forked since (another
            # map's worker, a process run in the background) holds the pipe open too.
            for _ in processes:
                _send_number(sending, -1)
            for process in processes:
                process.join()
    finally:
        for descriptor in (numbers, sending):
            if descriptor >= 0:
                os.close(descriptor)
        for end in ends:
            end.close()


_NUMBER = struct.Struct("<q")


def _send_number(descriptor: int, number: int) -> None:
    try:
        os.write(descriptor, _NUMBER.pack(number))
    except OSError:  # no worker reads any more: they died
        raise WorkerError(_DIED) from None


def _received(end: Connection) -> tuple[int, bool, Any]:
    """What a worker sends through ``end`` of a batch: its number, whether it was done, and its
    results or the error it raised."""
    number, done, value = _outcome(end)
    return number, done, value


def _outcome(end: Connection) -> tuple[Any, ...]:
    """The outcome a worker process sent through ``end`` (see :func:`_pickled`)."""
    try:
        data = end.recv_bytes()
    except (EOFError, OSError):
        raise WorkerError(_DIED) from None
    try:
        outcome: tuple[Any, ...] = pickle.loads(data)
    except Exception as error:  # an error (or a result) that pickles but cannot be made again here
        raise WorkerError(f"a worker process failed: {type(error).__name__}: {error}") from None
    return outcome


def _serve(
    function: Callable[[A], R],
    items: Sequence[A],
    chunk: int,
    shared: object,
    numbers: int,
    end: Connection,
    inherited: tuple[int, ...],
) -> None:
    """A worker of :func:`_forked_map`: the results of each batch whose number it reads from
    ``numbers``, sent through ``end``, until a negative number (or this process's parent has gone)."""
    from multiprocessing import current_process

    # Started as a daemon, so that an interpreter's exit never waits for a worker left behind;
    # a daemon may start no process, and the work may start some (as the pool's workers could).
    current_process().daemon = False
    for descriptor in inherited:  # the parent's: holding one, a worker would hide the others' end
        os.close(descriptor)
    _start_worker(shared)
    while True:
        try:
            data = os.read(numbers, _NUMBER.size)
        except OSError:
            return
        if not data:
            return
        (number,) = _NUMBER.unpack(data)
        if number < 0:
            return
        try:
            batch = items[number * chunk : (number + 1) * chunk]
            sent = pickle.dumps((number, True, [function(item) for item in batch]), pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # sent to the parent, which raises it
            sent = _pickled(number, False, _noted(error))
        try:
            end.send_bytes(sent)
        except OSError:  # the parent is gone (or stopped listening): nobody to tell
            return


def _noted(error: Exception) -> Exception:
    """``error``, with where it happened noted as a traceback shows it, unless it is one of
    sxstm's own (not a bug)."""
    if not isinstance(error, SxstmError):
        error.add_note("".join(traceback.format_exception(error)).rstrip())
    return error


def _pickled(*outcome: object) -> bytes:
    """``outcome`` pickled, as a worker process sends it: its last two items are whether it was
    done and a result or an error. One that does not pickle is sent as a :class:`WorkerError`
    that names it, with done false."""
    try:
        return pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError) as failed:
        lost = outcome[-1]
        failure = WorkerError(f"a worker process failed: {type(lost).__name__}: {lost} ({failed})")
        return pickle.dumps((*outcome[:-2], False, failure), pickle.HIGHEST_PROTOCOL)


def _end_forked(processes: list[Any]) -> None:
    """End the workers of a :func:`_forked_map` now."""
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join()
    processes.clear()


@contextlib.contextmanager
def run_in_background(function: Callable[[], R], *, fork: bool = True) -> Iterator[Callable[[], R]]:
    """Start ``function`` in a process of its own, forked now, so that this one goes on with
    other work meanwhile; yield a function that waits for its result, or raises its error.

    With ``fork`` false, or where a process cannot be forked (no ``fork``; no memory, processes
    or descriptors left), ``function`` runs here and now, and its error is raised now. The
    process is ended when the block ends, whether its result was asked for or not, and ends
    itself if this one dies first. ``function`` reads the memory of this process as it is at the
    fork, and its open files: flush a buffered file first (the two processes share its offset).
    Nothing is pickled but the result.
    """
    if not fork or not hasattr(os, "fork"):
        yield _here(function)
        return
    from multiprocessing import get_context

    context = get_context("fork")
    try:
        receiving, sending = context.Pipe(duplex=False)
    except OSError:  # no descriptors left
        yield _here(function)
        return
    process = context.Process(target=_send_result, args=(function, receiving, sending), daemon=True)
    started = False
    try:
        try:
            with _interrupts_held():  # the child ignores Ctrl-C before it can be pressed there
                process.start()
                started = True
        except OSError:  # no memory, processes or descriptors left to fork
            pass
        sending.close()
        yield _waiting(receiving) if started else _here(function)
    finally:
        receiving.close()
        if started:
            if process.is_alive():
                process.terminate()
            process.join()


def _here(function: Callable[[], R]) -> Callable[[], R]:
    """``function``'s result, found now, as :func:`run_in_background` yields it."""
    value = function()
    return lambda: value


def _waiting(receiving: Connection) -> Callable[[], Any]:
    """A function that waits for the result :func:`_send_result` sends through ``receiving``
    (once), and returns it or raises its error."""
    outcome: list[tuple[bool, Any]] = []

    def result() -> Any:
        if not outcome:
            done, value = _outcome(receiving)
            outcome.append((done, value))
        done, value = outcome[0]
        if not done:
            raise value
        return value

    return result


def _send_result(function: Callable[[], object], receiving: Connection, sending: Connection) -> None:
    """Run ``function`` in the process :func:`run_in_background` forked; send back its result, or
    the error it raised (with this process's traceback, where it is not one of sxstm's own)."""
    receiving.close()  # if the parent dies, the send fails at once instead of waiting for a reader
    _start_worker(None)  # as a worker: Ctrl-C ignored, no cyclic collector
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # held over the fork
    try:
        sent = _pickled(True, function())
    except Exception as error:  # sent to the parent, which raises it
        sent = _pickled(False, _noted(error))
    try:
        sending.send_bytes(sent)
    except OSError:  # the parent is gone (or stopped listening): nobody to tell
        os._exit(1)


def _not_started(error: OSError) -> WorkerError:
    return WorkerError(f"cannot start worker processes: {error.strerror or error}; run with -j 1")


def stop_workers() -> None:
    """End the workers of every :func:`parallel_map` still open in this process: one whose
    generator was left suspended by Ctrl-C (and is closed only when collected) would otherwise
    keep the interpreter waiting for its workers, which ignore Ctrl-C, at exit."""
    while _live:
        _live.pop()()


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C back until the block ends, when it is raised in our code as usual."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _batches(items: Iterable[A], size: int) -> Iterator[list[A]]:
    """Cut ``items`` into lists of ``size``, taking them only as each list is asked for."""
    rest = iter(items)
    while part := list(islice(rest, size)):
        yield part


def _run_batch(function: Callable[[A], R], items: list[A]) -> list[R]:
    return [function(item) for item in items]


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel the batches not started and end the workers now, as ``multiprocessing.Pool`` does
    on leaving its ``with`` block (``ProcessPoolExecutor`` has no public way before Python 3.14)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join()


_shared: object = None
_live: set[Callable[[], None]] = set()  # what ends the workers of each parallel_map call not yet ended
_pools = 0  # parallel_map calls running in this process, whose workers ignore Ctrl-C from birth


def _ignore_interrupts_in_child() -> None:
    # A worker forked while Ctrl-C is pressed would raise KeyboardInterrupt before its
    # initializer runs; from the fork on, the parent alone answers Ctrl-C.
    if _pools:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_ignore_interrupts_in_child)


def by_fields(instance: Any) -> tuple[type, tuple[object, ...]]:
    """Return ``__reduce__`` of a frozen dataclass sent to or from a worker: its class and fields.

    Compiled by mypyc (setup.py), such a class does not pickle as the dataclass does; this tells
    pickle to call the class again with every field's value.
    """
    return type(instance), tuple(getattr(instance, field.name) for field in fields(instance))


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
