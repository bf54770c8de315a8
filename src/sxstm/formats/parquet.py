"""Parquet writer, through pyarrow (the one module that imports it): one typed row per pair.

``-o pairs.parquet`` writes one file; ``-o folder/`` (a name without ``.parquet``) writes one
file per language pair, ``folder/en-US_pl-PL.parquet``, which ``datasets.load_dataset("parquet",
data_files="folder/*.parquet")``, DuckDB's ``read_parquet('folder/*.parquet')`` and polars'
``read_parquet`` read as they are (every file holds the locale columns too).

Columns: the JSONL export's fields (``id``, ``source``, ``target``, ``source_locale``,
``target_locale``, ``translation_type``, ``path``, ``context`` as strings, ``line`` and
``column`` as int32), ``qa_codes`` (the codes of the pair's QA findings with ``extract --qa``,
else null) and ``metadata`` (the document's front matter as a JSON object, dictionary-encoded, so
stored about once per document). pyarrow is an extra (``pip install 'sxstm[parquet]'``): it is a
large wheel that the other formats do not need.

Workers render each pair as a JSON line; the main process parses them in batches with pyarrow's
JSON reader and writes a row group per batch, so memory stays flat however many pairs.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import itertools
import json
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any, BinaryIO

from sxstm.errors import UsageError
from sxstm.formats.records import record
from sxstm.formats.registry import Chunk, ExportOptions, ExportReport, register
from sxstm.model import Document
from sxstm.output import atomic_output

_encode = json.JSONEncoder(ensure_ascii=False).encode
_BATCH = 1 << 22  # bytes of JSON lines per row group (about 12,000 pairs)


def _pyarrow() -> tuple[ModuleType, ModuleType, ModuleType]:
    """Import pyarrow, or say how to install it."""
    try:
        return (
            importlib.import_module("pyarrow"),
            importlib.import_module("pyarrow.json"),
            importlib.import_module("pyarrow.parquet"),
        )
    except ImportError:
        raise UsageError("Parquet output needs pyarrow: pip install 'sxstm[parquet]'") from None


def schema() -> Any:
    """The Arrow schema of the rows."""
    pa = _pyarrow()[0]
    text = pa.string()
    return pa.schema(
        [
            *((name, text) for name in ("id", "source", "target", "source_locale", "target_locale")),
            ("translation_type", text),
            ("path", text),
            ("line", pa.int32()),
            ("column", pa.int32()),
            ("context", text),
            ("qa_codes", pa.list_(text)),
            ("metadata", text),
        ]
    )


def render_parquet(document: Document, options: ExportOptions) -> Chunk:
    """Render each pair as one JSON line of the row's fields."""
    metadata = _encode(json.dumps(document.metadata, ensure_ascii=False, sort_keys=True))
    lines = []
    for pair in document.pairs:
        row = record(document, pair)
        notes = options.notes.get(pair.id, ()) if options.checked else None
        row["qa_codes"] = None if notes is None else sorted({text.split()[1] for _, text in notes})
        lines.append(_encode(row)[:-1] + f', "metadata": {metadata}}}\n')
    return Chunk(
        document.path, document.source_locale, document.target_locale, (("", "".join(lines).encode()),), len(lines)
    )


def write_parquet(chunks: Iterable[Chunk], output: str, options: ExportOptions) -> tuple[ExportReport, str]:
    """Write one file, or with OUT not ending in ``.parquet`` a folder of one file per language pair."""
    # pyarrow is imported once the first document is in: the worker processes, forked by then,
    # do not carry it.
    if importlib.util.find_spec("pyarrow") is None:
        _pyarrow()  # says how to install it, before any document is read
    chunks = iter(chunks)
    first = next(chunks, None)
    chunks = itertools.chain([] if first is None else [first], chunks)
    pa, pajson, pq = _pyarrow()
    rows_schema = schema()
    parse = pajson.ParseOptions(explicit_schema=rows_schema, unexpected_field_behavior="error")
    split = not output.lower().endswith(".parquet")
    report = ExportReport()
    writers: dict[str, Any] = {}
    pending: dict[str, list[bytes]] = {}
    sizes: dict[str, int] = {}

    def flush(name: str, stream: BinaryIO) -> None:
        data = b"".join(pending.pop(name, []))
        sizes[name] = 0
        if data:
            read = pajson.ReadOptions(block_size=len(data) + 1)  # one block: a line never straddles two
            table = pajson.read_json(pa.BufferReader(data), read_options=read, parse_options=parse)
            if name not in writers:
                writers[name] = pq.ParquetWriter(stream, rows_schema, compression="zstd")
            writers[name].write_table(table.cast(rows_schema))

    with _Outputs(output, split=split) as outputs:
        if not split:
            outputs.stream("")
        for chunk in chunks:
            name = f"{chunk.source_locale}_{chunk.target_locale}" if split else ""
            report.findings.extend(chunk.findings)
            report.records += chunk.units
            for _, text in chunk.records:
                pending.setdefault(name, []).append(text)
                sizes[name] = sizes.get(name, 0) + len(text)
            if sizes[name] >= _BATCH:
                flush(name, outputs.stream(name))
        for name in list(pending):
            flush(name, outputs.stream(name))
        for name in outputs.names():
            if name not in writers:
                writers[name] = pq.ParquetWriter(outputs.stream(name), rows_schema, compression="zstd")
        for writer in writers.values():
            writer.close()
    where = f"{len(writers)} files in {output}" if split else output
    return report, where


class _Outputs(contextlib.ExitStack):
    """The files a Parquet export writes, opened atomically as they are first needed."""

    def __init__(self, output: str, *, split: bool) -> None:
        super().__init__()
        self.output = output
        self.split = split
        self._streams: dict[str, BinaryIO] = {}

    def names(self) -> list[str]:
        """The names of the files opened, in order."""
        return list(self._streams)

    def stream(self, name: str) -> BinaryIO:
        """The stream of the file ``name`` (a language pair, or ``""`` for the one file)."""
        if name not in self._streams:
            target = str(Path(self.output) / f"{name}.parquet") if self.split else self.output
            self._streams[name] = self.enter_context(atomic_output(target))
        return self._streams[name]


FORMAT = register(
    "parquet",
    (".parquet",),
    "Apache Parquet, one typed row per pair; -o folder/ writes a file per language pair",
    render=render_parquet,
    notes=True,
    files=write_parquet,
)
