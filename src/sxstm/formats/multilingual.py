"""Multilingual writers (``extract --multilingual``): a multilingual pair per unit or row.

A writer here has the two halves of a bilingual one (see :mod:`.registry`): ``render`` turns
the multilingual pairs of one document group into bytes, in a worker process; ``head`` and
``tail`` wrap them, and ``finish`` fixes what only the whole file can (TMX tag numbers).

- ``tmx``: TMX 1.4b, a ``<tu>`` per multilingual pair, the English ``<tuv>`` first (the
  header's ``srclang``), then one ``<tuv>`` per locale, each with its pair id, line, translation
  type and, where its document had several targets for the English source, ``x-variants``
  (how many) beside ``x-occurrences`` (how many pairs had the target kept).
- ``jsonl``: one object per multilingual pair, the translations in a map by locale.
- ``tsv``: one row per multilingual pair, a column per locale (empty: no translation).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sxstm.formats.tags import number_codes, tmx_content
from sxstm.formats.tmx import renumber_tags, tmx_header
from sxstm.formats.tsv import escape_field
from sxstm.formats.xmltext import INVALID_XML_RE, escape_attr, escape_clean, invalid_chars
from sxstm.model import Finding, MultilingualPair, Translation
from sxstm.sxs.inline import has_markup, parse_inline
from sxstm.sxs.problems import Problem

_encode = json.JSONEncoder(ensure_ascii=False).encode


@dataclass(frozen=True, slots=True)
class MultilingualOptions:
    """What a multilingual writer needs to know of the whole run: the source locale, the
    locales of the trees in order (the TSV columns), and whether TMX marks inline codes as tags."""

    source_locale: str = "en-US"
    locales: tuple[str, ...] = ()
    tags: bool = True


@dataclass(frozen=True, slots=True)
class Rendered:
    """The multilingual pairs of one group as bytes, the translations a writer could not hold
    (TSV: a locale without a column), and findings about the data."""

    data: bytes
    records: int
    left_out: int = 0
    findings: tuple[Finding, ...] = ()


MultilingualRenderer = Callable[[Sequence[MultilingualPair], MultilingualOptions], Rendered]


@dataclass(frozen=True, slots=True)
class MultilingualFormat:
    """A registered multilingual writer."""

    name: str
    render: MultilingualRenderer
    head: Callable[[MultilingualOptions], bytes]
    tail: bytes = b""
    finish: Callable[[bytes, int], tuple[bytes, int]] | None = None  # (data, state) -> (data, state)


MULTILINGUAL: dict[str, MultilingualFormat] = {}


def _register(writer: MultilingualFormat) -> None:
    MULTILINGUAL[writer.name] = writer


def render_tmx(pairs: Sequence[MultilingualPair], options: MultilingualOptions) -> Rendered:
    """Render a ``<tu>`` per multilingual pair; tag numbers are unique among them (the join
    shifts them to be unique in the file)."""
    findings: list[Finding] = []
    units = []
    base = 0
    for number, pair in enumerate(pairs, 1):
        source, targets = _xml_texts(pair, findings, tags=options.tags)
        variants = [
            f'    <tu tuid="{escape_attr(pair.path)}#{number}">\n'
            f'      <prop type="x-file">{escape_attr(pair.path)}</prop>\n'
            f'      <prop type="x-context">{escape_clean(pair.context)}</prop>\n'
            f'      <tuv xml:lang="{escape_attr(pair.source_locale)}"><seg>{source}</seg></tuv>\n'
        ]
        for translation, target in zip(pair.translations, targets, strict=True):
            variants.append(
                f'      <tuv xml:lang="{escape_attr(translation.locale)}">\n'
                f'        <prop type="x-id">{escape_attr(translation.pair_id)}</prop>\n'
                f'        <prop type="x-line">{translation.line}</prop>\n'
                f'        <prop type="x-translation-type">{translation.translation_type.value}</prop>\n'
                + (
                    f'        <prop type="x-occurrences">{translation.occurrences}</prop>\n'
                    f'        <prop type="x-variants">{translation.variants}</prop>\n'
                    if translation.variants > 1
                    else ""
                )
                + f"        <seg>{target}</seg>\n      </tuv>\n"
            )
        variants.append("    </tu>\n")
        unit, base = renumber_tags("".join(variants).encode(), base)
        units.append(unit)
    return Rendered(b"".join(units), len(units), findings=tuple(findings))


def _xml_texts(pair: MultilingualPair, findings: list[Finding], *, tags: bool) -> tuple[str, list[str]]:
    """Return the ``<seg>`` content of the source and of each translation; characters XML
    cannot hold are dropped and reported."""
    source = _clean(pair.source, pair, None, findings)
    texts = [_clean(translation.text, pair, translation, findings) for translation in pair.translations]
    if not tags or not (has_markup(source) or any(has_markup(text) for text in texts)):
        return escape_clean(source), [escape_clean(text) for text in texts]
    source_runs = parse_inline(source)
    rendered = []
    source_xml = ""
    for text in texts:
        target_runs = parse_inline(text)
        source_numbers, target_numbers = number_codes(source_runs, target_runs)
        source_xml = tmx_content(source_runs, source_numbers)  # the same whatever the target
        rendered.append(tmx_content(target_runs, target_numbers))
    return source_xml or tmx_content(source_runs, number_codes(source_runs, ())[0]), rendered


def _clean(text: str, pair: MultilingualPair, translation: Translation | None, findings: list[Finding]) -> str:
    if not INVALID_XML_RE.search(text):
        return text
    where = translation or pair.translations[0]
    findings.append(
        Problem.XML_INVALID_CHAR.at(
            where.path,
            where.line,
            where.column,
            f"pair {where.pair_id}: dropped {', '.join(invalid_chars(text))}, which XML 1.0 cannot hold",
            where.pair_id,
        )
    )
    return INVALID_XML_RE.sub("", text)


_register(
    MultilingualFormat(
        "tmx",
        render_tmx,
        lambda options: tmx_header(options.source_locale).encode(),
        b"  </body>\n</tmx>\n",
        renumber_tags,
    )
)


def render_jsonl(pairs: Sequence[MultilingualPair], options: MultilingualOptions) -> Rendered:
    """Render one JSON object per multilingual pair, the translations in a map by locale."""
    lines = []
    for pair in pairs:
        translations = {
            translation.locale: {
                "text": translation.text,
                "translation_type": translation.translation_type.value,
                "path": translation.path,
                "id": translation.pair_id,
                "line": translation.line,
                "column": translation.column,
                "occurrences": translation.occurrences,
                "variants": translation.variants,
            }
            for translation in pair.translations
        }
        record = {
            "path": pair.path,
            "source_locale": pair.source_locale,
            "source": pair.source,
            "context": pair.context,
            "translations": translations,
        }
        lines.append(_encode(record) + "\n")
    return Rendered("".join(lines).encode(), len(lines))


_register(MultilingualFormat("jsonl", render_jsonl, lambda options: b""))


def render_tsv(pairs: Sequence[MultilingualPair], options: MultilingualOptions) -> Rendered:
    """Render one row per multilingual pair: path, context, the source, a column per locale."""
    rows = []
    left_out = 0
    for pair in pairs:
        cells = dict.fromkeys(options.locales, "")
        for translation in pair.translations:
            if translation.locale in cells:
                cells[translation.locale] = translation.text
            else:
                left_out += 1
        fields = [pair.path, pair.context, pair.source, *cells.values()]
        rows.append("\t".join(escape_field(field) for field in fields) + "\n")
    return Rendered("".join(rows).encode(), len(rows), left_out)


def _tsv_head(options: MultilingualOptions) -> bytes:
    return ("\t".join(["path", "context", options.source_locale, *options.locales]) + "\n").encode()


_register(MultilingualFormat("tsv", render_tsv, _tsv_head))
