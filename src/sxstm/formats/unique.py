"""Make identifiers unique within one file of an export."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator


def unique_ids(ids: Iterable[str]) -> Iterator[str]:
    """Yield each id, suffixed ``~2``, ``~3``… when it was already yielded."""
    make_unique = unique_ids_sink()
    for original in ids:
        yield make_unique(original)


def unique_ids_sink() -> Callable[[str], str]:
    """Return a function that returns its argument, suffixed ``~2``, ``~3``… when seen before."""
    seen: set[str] = set()

    def make_unique(original: str) -> str:
        candidate, number = original, 1
        while candidate in seen:
            number += 1
            candidate = f"{original}~{number}"
        seen.add(candidate)
        return candidate

    return make_unique
