"""Gettext PO writer (polib): one entry per pair, MT entries fuzzy so that reviewers see them."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from typing import BinaryIO

import polib

from sxstm.formats.pairs import export_text
from sxstm.formats.registry import Chunk, ExportOptions, ExportReport, register
from sxstm.formats.unique import unique_ids_sink
from sxstm.model import Document, Pair
from sxstm.sxs.problems import Problem
from sxstm.version import __version__


def render_po(document: Document, options: ExportOptions) -> Chunk:
    """Render an entry per pair; its msgctxt (the pair id) is added, made unique, when joined."""
    fuzzy = options.fuzzy and document.machine_translated
    records = tuple(
        (pair.id, str(_entry(document, pair, fuzzy, options.notes.get(pair.id, ()))).encode())
        for pair in document.pairs
    )
    return Chunk(document.path, document.source_locale, document.target_locale, records, len(records))


def join_po(chunks: Iterable[Chunk], out: BinaryIO, options: ExportOptions) -> ExportReport:
    """Write one catalogue: the header, then every entry with a msgctxt unique in the file.

    The header names the first document's locale; a catalogue of several locales is reported.
    """
    report = ExportReport()
    locales: dict[str, str] = {}
    contexts = unique_ids_sink()
    for chunk in chunks:
        if not locales:
            catalogue = polib.POFile(wrapwidth=0)
            catalogue.header = "Exported by sxstm from Microsoft Docs side-by-side markdown."
            catalogue.metadata = _header(chunk.target_locale)
            out.write(str(catalogue).encode())
        locales.setdefault(chunk.target_locale, chunk.path)
        for pair_id, entry in chunk.records:
            at = 0 if entry.startswith(b"msgid ") else entry.index(b"\nmsgid ") + 1
            out.write(b"\n%smsgctxt %s\n%s" % (entry[:at], _quote(contexts(pair_id)).encode(), entry[at:]))
            report.records += 1
    if len(locales) > 1:
        names = ", ".join(locales)
        report.findings.append(
            Problem.MIXED_LOCALES.at(
                next(iter(locales.values())), 1, 1, f"one PO holds several target locales ({names}); use --split"
            )
        )
    return report


def _quote(text: str) -> str:
    escaped: str = polib.escape(text)
    return f'"{escaped}"'


def _entry(document: Document, pair: Pair, fuzzy: bool, notes: tuple[tuple[int, str], ...]) -> polib.POEntry:
    source = export_text(pair.source)
    target = export_text(pair.target)
    comments = [f"context: {pair.context}", f"translation: {document.translation_type.value}"]
    flags = []
    if _newlines_differ(source, target):
        flags.append("fuzzy")
        comments.append("fuzzy: the target starts or ends with a newline the source does not (or the reverse)")
    elif fuzzy:
        flags.append("fuzzy")
    return polib.POEntry(
        msgid=source,
        msgstr=target,
        occurrences=[(document.path, str(pair.line))],
        comment="\n".join(comments),
        tcomment="\n".join(f"qa: {note}" for _, note in notes),
        flags=flags,
    )


def _newlines_differ(source: str, target: str) -> bool:
    return source.startswith("\n") != target.startswith("\n") or source.endswith("\n") != target.endswith("\n")


def _header(locale: str) -> dict[str, str]:
    stamp = time.strftime("%Y-%m-%d %H:%M+0000", time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))))
    return {
        "Project-Id-Version": "sxstm export",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": stamp,
        "PO-Revision-Date": stamp,
        "Last-Translator": "sxstm",
        "Language-Team": locale,
        "Language": locale.replace("-", "_"),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": f"sxstm {__version__}",
    }


FORMAT = register(
    "po",
    (".po", ".pot"),
    "gettext PO for review; msgctxt is the pair id, MT entries #, fuzzy (unless --no-fuzzy)",
    render=render_po,
    join=join_po,
)
