"""sxstm.workers: order, lazy reading of iterators, shared data, a dead worker as an error, not a hang,
and work in a process of its own beside this one."""

from __future__ import annotations

import functools
import multiprocessing
import multiprocessing.connection
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sxstm.cli import main
from sxstm.errors import SxstmError, WorkerError
from sxstm.workers import parallel_map, run_in_background, shared_data

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def square(number: int) -> int:
    return number * number


def die_on_seven(number: int) -> int:
    if number == 7:
        os._exit(1)
    return number


def add_shared(number: int) -> int:
    offset = shared_data()
    assert isinstance(offset, int)
    return number + offset


def worker_pid(_: int) -> int:
    return os.getpid()


def test_results_keep_the_input_order_on_1000_items() -> None:
    assert list(parallel_map(square, list(range(1000)), jobs=2, chunk=3)) == [n * n for n in range(1000)]


def test_results_of_an_iterator_keep_the_input_order() -> None:
    assert list(parallel_map(square, iter(range(1000)), jobs=2)) == [n * n for n in range(1000)]


def test_an_iterator_is_read_only_a_few_batches_ahead_of_the_results() -> None:
    taken = 0

    def numbers() -> Iterator[int]:
        nonlocal taken
        for number in range(10_000):
            taken += 1
            yield number

    results = parallel_map(square, numbers(), jobs=2, chunk=1)
    assert [next(results) for _ in range(5)] == [0, 1, 4, 9, 16]
    assert taken < 100
    results.close()  # stops the workers


def test_a_worker_that_dies_raises_worker_error_promptly() -> None:
    start = time.monotonic()
    with pytest.raises(WorkerError, match="worker process died"):
        list(parallel_map(die_on_seven, list(range(100)), jobs=2, chunk=1))
    assert time.monotonic() - start < 30
    assert issubclass(WorkerError, SxstmError)


def die_on_zero(number: int) -> int:
    if number == 0:
        os._exit(1)
    return number


def test_a_worker_that_dies_while_items_are_still_sent_raises_worker_error() -> None:
    def slowly() -> Iterator[int]:
        for number in range(50):
            time.sleep(0.05)  # the death is seen while the next items are submitted
            yield number

    with pytest.raises(WorkerError):
        list(parallel_map(die_on_zero, slowly(), jobs=2, chunk=1))


def test_a_list_of_inputs_goes_to_workers_by_number_and_needs_no_lock_file(tmp_path: Path) -> None:
    # Under a limit of one byte a file, no lock file of a process pool can be made; the workers of
    # a list read their items from the memory they inherit, sent only the number of each batch.
    script = "from sxstm.workers import parallel_map; print(sum(parallel_map(abs, list(range(1000)), jobs=2, chunk=7)))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, preexec_fn=_files_of_one_byte
    )
    assert (result.returncode, result.stdout) == (0, "499500\n")


def _files_of_one_byte() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (1, 1))


@pytest.mark.parametrize("pipe", [(os, "pipe"), (multiprocessing.connection, "Pipe")], ids=["numbers", "results"])
def test_worker_processes_that_cannot_start_are_worker_error_saying_to_run_with_j_1(
    pipe: tuple[object, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_descriptors_left(*_: object) -> None:
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(*pipe, no_descriptors_left)
    with pytest.raises(WorkerError, match="cannot start worker processes: Too many open files; run with -j 1"):
        list(parallel_map(square, list(range(200)), jobs=2, chunk=1))


def test_two_maps_of_lists_at_once_both_end() -> None:
    # The workers of the second inherit the first's pipe of batch numbers: the first's must be
    # told to end, not left to wait for an end of file that never comes.
    first = parallel_map(square, list(range(50)), jobs=2, chunk=1)
    second = parallel_map(square, list(range(50)), jobs=2, chunk=1)
    assert list(zip(first, second, strict=True)) == [(n * n, n * n) for n in range(50)]
    assert not multiprocessing.active_children()


def slow_first_fail_fourth(number: int) -> int:
    if number == 0:
        time.sleep(0.5)
    if number == 3:
        raise KeyError(number)
    return number


def test_an_error_comes_in_its_turn_after_the_results_before_it() -> None:
    results = parallel_map(slow_first_fail_fourth, list(range(20)), jobs=2, chunk=1)
    assert [next(results) for _ in range(3)] == [0, 1, 2]
    with pytest.raises(KeyError):
        next(results)


def starts_a_process(number: int) -> int:
    with run_in_background(functools.partial(abs, -number)) as later:
        return later()


def test_a_worker_may_start_a_process_of_its_own() -> None:
    assert list(parallel_map(starts_a_process, list(range(40)), jobs=2, chunk=4)) == list(range(40))


class TwoArguments(Exception):
    def __init__(self, first: int, second: int) -> None:
        super().__init__(first)  # pickled with one argument: it cannot be made again from it
        self.second = second


def fails_oddly(number: int) -> int:
    if number == 5:
        raise TwoArguments(number, 2)
    return number


def test_an_error_that_cannot_be_made_again_here_is_worker_error_naming_it() -> None:
    with pytest.raises(WorkerError, match="a worker process failed: TypeError"):
        list(parallel_map(fails_oddly, list(range(20)), jobs=2, chunk=1))


def test_a_worker_ended_early_leaves_no_process_behind() -> None:
    results = parallel_map(worker_pid, list(range(400)), jobs=2, chunk=1)
    pids = {next(results) for _ in range(3)}
    results.close()
    assert pids and not multiprocessing.active_children()


def test_shared_data_reaches_every_worker() -> None:
    assert list(parallel_map(add_shared, list(range(200)), jobs=2, shared=1000, chunk=4)) == list(range(1000, 1200))


def test_small_inputs_stay_in_this_process() -> None:
    assert set(parallel_map(worker_pid, list(range(10)), jobs=2)) == {os.getpid()}


def test_large_inputs_run_in_worker_processes() -> None:
    assert os.getpid() not in set(parallel_map(worker_pid, list(range(200)), jobs=2, chunk=1))


def test_an_error_in_the_function_reaches_the_caller() -> None:
    with pytest.raises(ZeroDivisionError):
        list(parallel_map(lambda_free_divide, list(range(100)), jobs=2, chunk=1))


def lambda_free_divide(number: int) -> float:
    return 1 / (number - 50)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the patched batch function reaches workers by fork only")
def test_cli_turns_a_dead_worker_into_a_message_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    review = tmp_path / "review.po"
    assert main(["extract", str(CORPUS), "-q", "-o", str(review)]) == 0
    monkeypatch.setattr("sxstm.roundtrip.reviewed._SLICE_BYTES", 1)  # a slice per document, each to a worker
    monkeypatch.setattr("sxstm.workers._run_batch", _die)
    assert main(["merge", str(review), "--into", str(CORPUS), "--dry-run", "-j", "2", "-q"]) == 1
    err = capsys.readouterr().err
    assert "sxstm: error: a worker process died" in err and "Traceback" not in err


def _die(function: object, items: object) -> object:
    os._exit(1)


needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="run_in_background forks, or runs in this process")


@needs_fork
def test_run_in_background_runs_in_a_process_of_its_own_and_returns_its_result() -> None:
    held = list(range(100_000))  # read by the forked process as it was at the fork, never pickled
    with run_in_background(lambda: (os.getpid(), sum(held))) as later:
        held.clear()  # this process goes on; the other one has its own copy
        pid, total = later()
    assert pid != os.getpid() and total == sum(range(100_000))
    assert later() == (pid, total)  # asked again: the same result


def test_run_in_background_without_fork_runs_here_and_now() -> None:
    ran = []
    with run_in_background(lambda: ran.append(os.getpid()) or len(ran), fork=False) as later:
        assert ran == [os.getpid()]  # before the result is asked for
        assert later() == 1


@needs_fork
def test_run_in_background_raises_the_error_of_the_other_process_where_its_result_is_asked_for() -> None:
    with run_in_background(_fail_with_sxstm_error) as later, pytest.raises(SxstmError, match="no room") as raised:
        later()
    assert raised.value.path == "/scratch"


def _fail_with_sxstm_error() -> None:
    raise SxstmError("no room", path="/scratch")


@needs_fork
def test_run_in_background_a_process_that_dies_is_worker_error() -> None:
    with run_in_background(lambda: os._exit(3)) as later, pytest.raises(WorkerError, match="died"):
        later()


@needs_fork
def test_run_in_background_ends_its_process_when_the_block_ends_without_its_result() -> None:
    started = time.monotonic()
    with run_in_background(lambda: time.sleep(60)):
        assert multiprocessing.active_children()  # running
    assert not multiprocessing.active_children()  # ended and reaped
    assert time.monotonic() - started < 30  # at once, not after its minute


@needs_fork
def test_run_in_background_a_bug_there_is_raised_here_with_the_traceback_of_where_it_happened() -> None:
    with run_in_background(_divide_by_zero) as later, pytest.raises(ZeroDivisionError) as raised:
        later()
    assert any("_divide_by_zero" in note for note in raised.value.__notes__)


def _divide_by_zero() -> float:
    return 1 / 0


@needs_fork
def test_run_in_background_an_error_that_does_not_pickle_is_worker_error_naming_it() -> None:
    with run_in_background(_fail_unpicklably) as later, pytest.raises(WorkerError, match="ValueError: a lambda inside"):
        later()


def _fail_unpicklably() -> None:
    error = ValueError("a lambda inside")
    error.reason = lambda: None  # type: ignore[attr-defined]
    raise error


@needs_fork
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="whether a process runs is read in /proc")
def test_run_in_background_its_process_ends_itself_when_this_one_dies_first(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    # A parent that dies (kill -9, a CI timeout) while its child counts: the child's result,
    # larger than a pipe holds, has nobody to go to.
    script = (
        "import os, sys, time\n"
        "from sxstm.workers import run_in_background\n"
        "def count():\n"
        f"    open({str(pid_file)!r}, 'w').write(str(os.getpid()))\n"
        "    time.sleep(1)\n"
        "    return 'x' * 10_000_000\n"
        "with run_in_background(count):\n"
        f"    while not os.path.exists({str(pid_file)!r}): time.sleep(0.01)\n"
        "    os._exit(0)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    subprocess.run([sys.executable, "-c", script], env=env, check=True, timeout=60)
    child = int(pid_file.read_text())
    deadline = time.monotonic() + 30
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(child)


def _running(pid: int) -> bool:
    """Tell whether process ``pid`` runs (a zombie no parent reaped has ended)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status
