"""Read the documents found by :mod:`sxstm.sxs.sources`, on every core, in order."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from sxstm.errors import SxstmError
from sxstm.model import Document, Finding, Pair
from sxstm.sxs.reader import DEFAULT_OPTIONS, ReadOptions, read_document
from sxstm.sxs.sources import Source, find_sources
from sxstm.workers import parallel_map

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    """What became of one source: the work's result, or the error that stopped its reading."""

    source: Source
    result: T | None
    findings: tuple[Finding, ...] = ()
    pairs: int = 0
    error: SxstmError | None = None
    locale: str = ""


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
    tasks = [(source, options, work) for source in sources]
    for source, outcome in zip(sources, parallel_map(_run, tasks, jobs=jobs), strict=True):
        yield Outcome(source, *outcome)


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


# What crosses back from a worker for a source: the fields of its Outcome after the source,
# which the parent already holds.
_Result = tuple[T | None, tuple[Finding, ...], int, SxstmError | None, str]


def _run(task: tuple[Source, ReadOptions, Callable[[Document], T]]) -> _Result[T]:
    source, options, work = task
    try:
        document = read_document(source.path, name=source.name, options=options)
    except SxstmError as error:
        return None, (), 0, error, ""
    return work(document), document.findings, len(document.pairs), None, document.target_locale
