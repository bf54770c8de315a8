"""Inline codes as TMX, XLIFF 1.2 and XLIFF 2 tags, numbered alike on both sides of a pair.

Text reaching this module holds no character XML cannot hold (segments.py removes them).

Codes of the source are numbered 1, 2, 3… in order. A target code takes the number of the first
source code not yet taken with the same markup (the same link URL, the same code span), so a CAT
tool can map them; a target code without a counterpart gets a number after the source's. An
opening and a closing code of one pair share the opener's number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sxstm.formats.xmltext import escape_attr, escape_clean
from sxstm.sxs.inline import CLOSE, ISOLATED, OPEN, Code, CodeKind, Run

# The code types XLIFF 1.2 ``ctype`` names; others are ``x-…``.
_STANDARD_TYPES = {"strong": "bold", "emphasis": "italic", "link": "link", "image": "image"}


def number_codes(source: Sequence[Run], target: Sequence[Run]) -> tuple[list[int], list[int]]:
    """Return the number of every run of ``source`` and ``target`` (0 for text)."""
    source_numbers = [0] * len(source)
    free: dict[tuple[int, str], list[int]] = {}
    count = 0
    for index, run in enumerate(source):
        if isinstance(run, Code):
            if run.kind is CLOSE and run.partner is not None:
                source_numbers[index] = source_numbers[run.partner]
                continue
            count += 1
            source_numbers[index] = count
            free.setdefault(_key(source, index), []).append(count)
    target_numbers = [0] * len(target)
    for index, run in enumerate(target):
        if isinstance(run, Code):
            if run.kind is CLOSE and run.partner is not None:
                target_numbers[index] = target_numbers[run.partner]
                continue
            candidates = free.get(_key(target, index))
            if candidates:
                target_numbers[index] = candidates.pop(0)
            else:
                count += 1
                target_numbers[index] = count
    return source_numbers, target_numbers


def _key(runs: Sequence[Run], index: int) -> tuple[int, str]:
    """What must agree for two codes to correspond: kind and markup (with the closer's, for a pair)."""
    code = runs[index]
    assert isinstance(code, Code)
    # The kind as a number, not the enum member: a member hashes by a call of Python code.
    if code.kind is OPEN:
        if code.partner is not None:
            closer = runs[code.partner]
            assert isinstance(closer, Code)
            return 0, f"{code.markup}\0{closer.markup}"
        return 0, code.markup
    return (1 if code.kind is CLOSE else 2), code.markup


def tmx_content(runs: Sequence[Run], numbers: Sequence[int], *, clean: bool = False) -> str:
    """Render runs as TMX ``<seg>`` content: ``<bpt>``/``<ept>``, ``<ph>`` and ``<it>``, without
    ``type``; ``i`` is the number within the pair, which the join makes unique in the file.
    ``clean``: the runs hold no character to escape (see :func:`~sxstm.formats.xmltext.needs_escape`)."""
    return _content(runs, numbers, _tmx_tag, clean=clean)


def xliff12_content(runs: Sequence[Run], numbers: Sequence[int], *, clean: bool = False) -> str:
    """Render runs as XLIFF 1.2 content: ``<bpt>``/``<ept>``, ``<ph>`` and ``<it>`` holding the markup.
    ``clean``: the runs hold no character to escape (see :func:`~sxstm.formats.xmltext.needs_escape`)."""
    return _content(runs, numbers, _xliff12_tag, clean=clean)


def _content(runs: Sequence[Run], numbers: Sequence[int], tag: Callable[[Code, int, str], str], *, clean: bool) -> str:
    # A loop, not a generator joined: mypyc makes a generator an object whose every step is a call.
    parts = []
    if clean:  # four tests for the segment, not four for each of its runs and codes
        for run, number in zip(runs, numbers, strict=True):
            parts.append(run if isinstance(run, str) else tag(run, number, run.markup))
        return "".join(parts)
    for run, number in zip(runs, numbers, strict=True):
        parts.append(escape_clean(run) if isinstance(run, str) else tag(run, number, escape_clean(run.markup)))
    return "".join(parts)


def _tmx_tag(code: Code, number: int, markup: str) -> str:
    # No ``type``: OmegaT 3.6 names a TMX tag by the first letter of its content, or of ``type``
    # where the content has none, and an XLIFF 1.2 tag by its content alone (``f`` where it has
    # no letter): with ``type="link"`` a link is ``<l0>`` in the TMX and ``<f0>`` in the XLIFF.
    if code.kind is ISOLATED:
        return f'<ph x="{number}">{markup}</ph>'
    if code.partner is None:
        return f'<it pos="{"begin" if code.kind is OPEN else "end"}" x="{number}">{markup}</it>'
    if code.kind is OPEN:
        return f'<bpt i="{number}" x="{number}">{markup}</bpt>'
    return f'<ept i="{number}">{markup}</ept>'


def _xliff12_tag(code: Code, number: int, markup: str) -> str:
    ctype = escape_attr(_STANDARD_TYPES.get(code.type, f"x-{code.type.replace(':', '-')}"))
    if code.kind is CodeKind.ISOLATED:
        return f'<ph id="{number}" ctype="{ctype}">{markup}</ph>'
    if code.partner is None:
        return (
            f'<it id="{number}" pos="{"open" if code.kind is CodeKind.OPEN else "close"}" ctype="{ctype}">{markup}</it>'
        )
    if code.kind is CodeKind.OPEN:
        return f'<bpt id="{number}" ctype="{ctype}">{markup}</bpt>'
    return f'<ept id="{number}">{markup}</ept>'


@dataclass(slots=True)
class OriginalData:
    """The ``<originalData>`` of an XLIFF 2 unit: each distinct markup once, as ``d1``, ``d2``…"""

    ids: dict[str, str]

    def ref(self, markup: str) -> str:
        if markup not in self.ids:
            self.ids[markup] = f"d{len(self.ids) + 1}"
        return self.ids[markup]

    def render(self) -> str:
        if not self.ids:
            return ""
        data = "".join(f'        <data id="{ref}">{escape_clean(markup)}</data>\n' for markup, ref in self.ids.items())
        return f"      <originalData>\n{data}      </originalData>\n"


def xliff2_content(runs: Sequence[Run], numbers: Sequence[int], data: OriginalData) -> str:
    """Render runs as XLIFF 2 content: ``<pc>`` for well-nested pairs, else ``<sc>``/``<ec>``; ``<ph>``."""
    nested = _well_nested(runs)
    parts = []
    for index, (run, number) in enumerate(zip(runs, numbers, strict=True)):
        if isinstance(run, str):
            parts.append(escape_clean(run))
            continue
        ref = data.ref(run.markup)
        if run.kind is CodeKind.ISOLATED:
            parts.append(f'<ph id="{number}" dataRef="{ref}"/>')
        elif run.partner is None:
            element = "sc" if run.kind is CodeKind.OPEN else "ec"
            parts.append(f'<{element} id="{number}" isolated="yes" dataRef="{ref}"/>')
        elif run.kind is CodeKind.OPEN and index in nested:
            closer = runs[run.partner]
            assert isinstance(closer, Code)
            parts.append(f'<pc id="{number}" dataRefStart="{ref}" dataRefEnd="{data.ref(closer.markup)}">')
        elif run.kind is CodeKind.OPEN:
            parts.append(f'<sc id="{number}" dataRef="{ref}"/>')
        elif run.partner in nested:
            parts.append("</pc>")
        else:
            parts.append(f'<ec startRef="{number}" dataRef="{ref}"/>')
    return "".join(parts)


def _well_nested(runs: Sequence[Run]) -> set[int]:
    """Return the openers whose pair closes while it is the innermost open pair."""
    stack: list[int] = []
    nested: set[int] = set()
    for index, run in enumerate(runs):
        if not isinstance(run, Code) or run.partner is None:
            continue
        if run.kind is CodeKind.OPEN:
            stack.append(index)
        elif stack and stack[-1] == run.partner:
            nested.add(stack.pop())
        elif run.partner in stack:
            stack.remove(run.partner)
    return nested
