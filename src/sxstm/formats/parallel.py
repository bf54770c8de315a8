"""Parallel text: one plain UTF-8 file per language, line-aligned, one segment a line.

What Moses, OPUS, fairseq, Marian and sacrebleu read. ``-o corpus`` writes ``corpus.en-US`` and
``corpus.pl-PL`` (line *n* of one is the translation of line *n* of the other) and
``corpus.ids``, whose line *n* names the pair: ``path<TAB>id<TAB>line``. With several language
pairs (several trees), each pair gets its own three files: ``corpus.en-US_pl-PL.en-US``,
``corpus.en-US_pl-PL.pl-PL``, ``corpus.en-US_pl-PL.ids``.

A segment never spans lines: every line break inside it (LF, CR, and the others Python's
``str.splitlines`` breaks on, such as U+2028) becomes one space, as Moses' ``clean-corpus-n``
expects. A pair with an empty side is left out (and counted), as in TMX: an empty line trains
nothing. Tabs stay: the files are not tab-separated.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from typing import BinaryIO

from sxstm.formats.registry import Chunk, ExportOptions, ExportReport, register
from sxstm.model import Document
from sxstm.output import atomic_output

_BREAKS = str.maketrans(dict.fromkeys("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029", " "))
_EMPTY = "pairs with an empty side left out"


def one_line(text: str) -> str:
    """Return ``text`` on one line: every line break becomes a space."""
    return text.translate(_BREAKS)


def render_parallel(document: Document, options: ExportOptions) -> Chunk:
    """Render the lines of the source file, the target file and the ids file."""
    sources, targets, ids = [], [], []
    for pair in document.pairs:
        source, target = one_line(pair.source.text), one_line(pair.target.text)
        if not source.strip() or not target.strip():
            continue
        sources.append(source + "\n")
        targets.append(target + "\n")
        ids.append(f"{one_line(document.path)}\t{pair.id}\t{pair.line}\n")
    return Chunk(
        document.path,
        document.source_locale,
        document.target_locale,
        (("source", "".join(sources).encode()), ("target", "".join(targets).encode()), ("ids", "".join(ids).encode())),
        len(ids),
        left_out=len(document.pairs) - len(ids),
    )


def write_parallel(chunks: Iterable[Chunk], output: str, options: ExportOptions) -> tuple[ExportReport, str]:
    """Write the files of every language pair (see the module's documentation)."""
    report = ExportReport()
    streams: dict[tuple[str, str], dict[str, BinaryIO]] = {}
    with contextlib.ExitStack() as stack:
        for chunk in chunks:
            key = (chunk.source_locale, chunk.target_locale)
            if key not in streams:
                stem = f"{output}.{key[0]}_{key[1]}"
                streams[key] = {
                    part: stack.enter_context(atomic_output(f"{stem}.{name}"))
                    for part, name in (("source", key[0]), ("target", key[1]), ("ids", "ids"))
                }
            report.findings.extend(chunk.findings)
            report.records += chunk.units
            report.leave_out(_EMPTY, chunk.left_out)
            for part, text in chunk.records:
                streams[key][part].write(text)
    if len(streams) == 1:
        ((source, target),) = streams
        for name in (source, target, "ids"):
            os.replace(f"{output}.{source}_{target}.{name}", f"{output}.{name}")
        return report, f"{output}.{source} + {output}.{target} (ids in {output}.ids)"
    return report, f"{output}.SOURCE_TARGET.{{SOURCE,TARGET,ids}} for {len(streams)} language pairs"


FORMAT = register(
    "parallel",
    (".txt",),
    "plain text, a file per language (OUT.en-US, OUT.pl-PL) and OUT.ids, one segment a line",
    render=render_parallel,
    by_suffix=False,
    files=write_parallel,
)
