"""Checks across the whole run: the same source translated differently, and the reverse.

Workers reduce each pair to a :class:`Seen` (two 8-byte keys and a location); the main process
partitions the pairs by key into buckets on disk, counts each bucket (in C) and groups the keys
met with two or more variants, so that what it holds stays flat however large the run. The keys
of a document are mixed with its target locale's, so that a run over several locale trees
compares each language with itself only (a German and a Japanese translation of one source are
no inconsistency).
"""

from __future__ import annotations

import difflib
import re
from array import array
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress, count, repeat
from operator import itemgetter, lt

from sxstm.checks.keys import RECORD, locale_key, mix, partition, reduce_texts
from sxstm.checks.languages import LanguageProfile, profile_of
from sxstm.checks.registry import Profile, Scope, Seen, run_check, run_checks
from sxstm.checks.rows import Row, from_rows, to_rows
from sxstm.checks.scratch import Buckets, PickledSeen, SeenFile, Sides
from sxstm.checks.text import HAN
from sxstm.model import Document, Finding, Severity

_LISTED = 5  # variants named in a message; the rest are counted


def seen(document: Document, compared_by: tuple[str, ...] | None = None) -> Seen:
    """Reduce every pair of ``document`` to what the run-level checks ``compared_by`` (None:
    every one) need."""
    pairs = [pair for pair in document.pairs if pair.source.text.strip() and pair.target.text.strip()]
    sources, targets, folded, folded_ends, written = reduce_texts(
        [pair.source.text for pair in pairs], [pair.target.text for pair in pairs]
    )
    mixed = locale_key(document.target_locale)
    sources, targets = mix(sources, mixed), mix(targets, mixed)
    return Seen(
        document.path,
        tuple(pair.id for pair in pairs),
        array("l", (pair.line for pair in pairs)),
        array("l", (pair.target_column or pair.column for pair in pairs)),
        sources,
        targets,
        folded,
        folded_ends,
        written_sources=written,
        locale_key=mixed,
        locale=document.target_locale,
        compared_by=compared_by,
    )


def across(documents: Sequence[Seen], profile: Profile) -> Iterator[Finding]:
    """The findings of the run-level checks of ``profile`` on every pair of the run, none on a
    document that the check does not compare (``Seen.compared_by``)."""
    for registered in profile.checks:
        if registered.across is None:
            continue
        severity = profile.severity_of(registered)
        for document, index, message in registered.across(documents):
            if document.compared_by is not None and registered.code not in document.compared_by:
                continue
            yield Finding(
                document.path,
                document.lines[index],
                document.columns[index],
                severity,
                registered.code,
                registered.name,
                message,
                document.ids[index],
                f"{document.fingerprint(index):016x}",
                *document.texts(index),
            )


@run_check("SX406", "inconsistent-translation", Severity.INFO)
def inconsistent_translation(documents: Sequence[Seen]) -> Iterator[tuple[Seen, int, str]]:
    """The same source (3 or more words) is translated the same way across the run, in each
    target locale (documents of other locales are not compared). Each source translated two or
    more ways is reported once, at the first pair (in the order of the run) whose translation is
    not the most common one, naming every translation neutrally with how often and where it
    stands: the most common one is not always the right one (precision
    study, Chinese: a 21× majority was the broken variant). Quote style, capitals and a final
    full stop do not count as differences.

    Two translations are one where the difference is not the translator's (precision study,
    round 2: 4 of 20 findings were such, in four languages):

    - the translation follows its source: every pair of a variant has a source written
      differently from those of the most common one (``the "Software"`` against ``the
      'Software'``, a heading against a sentence with its full stop), so each translation goes
      with its own wording of the English;
    - a grammatical rewording in a language written with spaces (``zmiany w filmie`` and
      ``zmiany do filmu``, ``Grundlagen der`` and ``Grundlegendes zur``): the words that differ
      are plain words of the translation, none kept from the source (an untranslated word or a
      name), none in markup (a UI label in bold, a term in quotes or a link), with the same
      punctuation, each a word of the other variant inflected (the same first four letters) or
      a grammar word (where the language lists them, one of its list: German articles and
      prepositions, ``in der`` and ``auf der``, ``in den`` and ``unter den``, never two of
      opposite meaning such as ``vor`` and ``nach``, and the translation's even where the
      English has it, ``in``; otherwise a word of up to four letters), or the same words
      reordered, or a phrase put another way (two or more words on each side differ in one
      place: ``под названием`` and ``с именем``); a compound is one word with or without the
      hyphen that joins it (``Drittanbieter-Benachrichtigungen`` and
      ``Drittanbieterbenachrichtigungen``, both right: precision study, round 8, German);
    - one word moved to or from the end of the sentence, in a language that puts a verb or
      its particle there (German, Dutch: ``gibt die Stelle zurück (lt, LG, n)`` and ``gibt die
      Stelle (lt, LG, n) zurück.``): a plain word, not a negation, not from the source (``die
      Seite Razor`` and ``die Razor Seite``: a name moved);
    - a Chinese word in its fuller form and nothing else (``脚本基础`` and ``脚本基础知识``,
      "basics" and "basic knowledge": precision study, rounds 3 and 8, the one false finding of
      Chinese each time).

    One word for another (a term translated two ways: ``Ablaufschritt`` and ``Flowschritt``), a
    word dropped, or spacing damaged is reported.

    The variants are compared whole and shown from a little before their first difference (heads
    of 80 characters hid it in long paragraphs: precision study, German, 24 of 86 findings).

    In German, one word for its synonym was as frequent as a term translated two ways (precision
    study, rounds 8 and 9: 57 of 74 German findings real; see ``sxstm.checks.languages``).
    """
    return _differing(documents, "SX406", by_source=True)


@run_check("SX407", "inconsistent-source", Severity.INFO, default=False)
def inconsistent_source(documents: Sequence[Seen]) -> Iterator[tuple[Seen, int, str]]:
    """One translation (3 or more words, or 6 Chinese or Japanese characters) stands for one
    source across the run, in each target locale; each translation that stands for two or more
    sources is reported once, at the first pair whose source is not the most common one, with
    every source, how often and where it stands. Quote style, capitals and a final full stop do
    not count as differences, nor sources that differ in more than one word, or in a word
    inflected, shortened, a stop word or a synonym (``The size of this structure`` and ``The
    size of the structure``): only one word replaced (``left`` and ``right``) suggests that one
    of them is mistranslated; English documents reword freely what one translation serves well.

    English synonyms share one translation rightly (``utilize``/``use``, ``starts``/``runs`` on
    localhost), and no list of synonyms covers the words of every repository (precision study,
    Polish: 1 of 3 findings real).
    """
    return _differing(documents, "SX407", by_source=False)


Variant = tuple[int, int]  # (the grouping side's key, the other side's key)
Where = tuple[int, int]  # a pair: the number of its document in the run and its index there
_PLACES = 3  # places named per variant; the rest are counted
# Documents per bucket of the pairs' records: the bench's 12,510 documents in 24 buckets of
# about 15,000 records each, counted in a few MB. At most so many buckets, each a list of chunks.
_DOCUMENTS_PER_BUCKET = 512
_MOST_BUCKETS = 256


def _differing(
    documents: Sequence[Seen], code: str, *, by_source: bool, buckets: int = 0
) -> Iterator[tuple[Seen, int, str]]:
    """Once for each key of the grouping side (the source with ``by_source``, else the
    target) whose other side varies, beyond the harmless differences of :func:`_harmless`: at
    the first pair, in the order of the run, of a variant other than the most common one (of
    equally common ones, the first met). Only the documents that the check ``code`` compares
    count (a document ignored by path is neither reported nor counted).

    The pairs are partitioned by key into ``buckets`` (by default, as many as the documents ask
    for) on disk, and each bucket counted alone, so that what is held stays flat however large
    the run; the findings come out in the order of the run, their documents read from
    ``documents`` by number."""
    count_of = buckets or max(1, min(_MOST_BUCKETS, len(documents) // _DOCUMENTS_PER_BUCKET))
    found: list[tuple[Where, str]] = []
    with Buckets(count_of) as partitioned:
        for number, (sources, targets, writings, compared_by) in enumerate(_sides(documents)):
            if compared_by is not None and code not in compared_by:
                continue
            keys, others = (sources, targets) if by_source else (targets, sources)
            partitioned.added(partition(keys, others, writings, number, partitioned.buffers))
        for records in partitioned:
            found += _bucket_found(records, documents, by_source=by_source)
    found.sort(key=itemgetter(0))
    return ((documents[number], index, message) for (number, index), message in found)


def _sides(documents: Sequence[Seen]) -> Iterator[Sides]:
    """The sources, targets and written sources of each of ``documents``, and the run-level checks
    that compare it, in order (from a scratch file, read without the rest)."""
    if isinstance(documents, SeenFile):
        return documents.sides()
    return (
        (document.sources, document.targets, document.written_sources, document.compared_by) for document in documents
    )


def _bucket_found(records: array[int], documents: Sequence[Seen], *, by_source: bool) -> list[tuple[Where, str]]:
    """The findings of the keys of one bucket's ``records`` (see :func:`partition`), unordered."""
    # Counted in C (a Counter of the records' variants), in the order of the run: a bucket's
    # records were appended in that order.
    keys, others = records[0::RECORD], records[1::RECORD]
    counts = Counter(zip(keys, others, strict=True))  # each variant, in the order first met
    ways = Counter(map(itemgetter(0), counts))  # how many variants each key has
    varied = set(compress(ways, map(lt, repeat(1), ways.values())))
    if not varied:
        return []
    # The varied keys' variants with the first few pairs of each and how their sources are
    # written: the first place of a variant is where it was first met.
    writings, numbers, indexes = records[2::RECORD], records[3::RECORD], records[4::RECORD]
    groups: dict[int, list[Variant]] = {}  # key: its variants, in the order first met
    places: dict[Variant, list[Where]] = {}
    written: dict[Variant, set[int]] = {}
    for position in compress(count(), map(varied.__contains__, keys)):  # in C
        variant = keys[position], others[position]
        where = places.get(variant)
        if where is None:
            groups.setdefault(variant[0], []).append(variant)
            where = places[variant] = []
            written[variant] = set()
        if len(where) < _PLACES:
            where.append((numbers[position], indexes[position]))
        written[variant].add(writings[position])
    return judged(groups, counts, places, written, documents, by_source=by_source)


def judged(
    groups: dict[int, list[Variant]],
    counts: Mapping[Variant, int],
    places: dict[Variant, list[Where]],
    written: dict[Variant, set[int]],
    documents: Sequence[Seen],
    *,
    by_source: bool,
) -> list[tuple[Where, str]]:
    """The findings of the grouping side's keys of ``groups`` (each key's variants in the order
    first met), given how often each variant was met, its first pairs (the first where it was
    first met) in ``documents`` and how their sources are written: the variants that are not
    :func:`_harmless` beside the most common one, each found at the pair where it was first met
    (see :func:`_differing`), in no order."""
    # The texts compared, read in the order of the run (documents read from disk come in order).
    firsts = sorted({places[variant][0] for listed in groups.values() for variant in listed})
    texts, locales = {}, {}
    for where in firsts:
        document = documents[where[0]]
        texts[where], locales[where[0]] = document.texts(where[1]), document.locale
    found = []
    for listed in groups.values():
        listed.sort(key=lambda variant: -counts[variant])  # stable: of equal counts, the first met
        common, kept = listed[0], listed[:1]
        language = profile_of(locales[places[common][0][0]])
        for variant in listed[1:]:
            same_sources = bool(written[common] & written[variant]) or 0 in written[variant]
            if not _harmless(
                texts[places[common][0]],
                texts[places[variant][0]],
                language,
                same_sources=same_sources,
                by_source=by_source,
            ):
                kept.append(variant)
        if len(kept) > 1:
            here = min(kept[1:], key=lambda variant: places[variant][0])
            message = _named(kept, here, counts, places, texts, documents, by_source=by_source)
            found.append((places[here][0], message))
    return found


def _harmless(
    common: tuple[str, str],
    other: tuple[str, str],
    language: LanguageProfile,
    *,
    same_sources: bool,
    by_source: bool,
) -> bool:
    """Tell whether the variant first met at a pair of texts ``other`` (source, target) differs
    from the most common one, first met at ``common``, in nothing a reviewer would change (the
    reasons are in the checks' documentation), in a target ``language``; ``same_sources``: some
    pair of each variant has a source written alike (or one is unknown)."""
    if not by_source:
        return not _words_replaced(common[0], other[0])
    if not same_sources:
        return True  # the translation follows its source, written differently
    one, two, source = common[1], other[1], other[0]
    return _reworded(one, two, source, language) or _moved(one, two, source, language) or _lengthened(one, two)


_PUNCTUATION = ".,;:!?"
_SHORT = 4  # letters of a grammar word without a language's list ("w", "do", "eine", "der")
# From this many words differing in one place on each side, a phrase is put another way ("под
# названием" and "с именем"); a term translated two ways is one word for another, and a word
# dropped is one word for none.
_REPHRASED = 2


# Words compared at most on each side: a rewording is a sentence's, and the matcher's time grows
# with the square of the words (two paragraphs of 15,000 words took 24 s).
_MOST_WORDS = 1000


def _reworded(one: str, two: str, source: str, language: LanguageProfile) -> bool:
    """Tell whether translations ``one`` and ``two`` of ``source`` differ only in a rewording:
    plain words, not from the source (but the ``language``'s grammar words), same punctuation,
    and in each place each word inflected from a word of the other or a grammar word, the same
    words reordered, a compound with or without its hyphen, or a phrase put another way
    (:func:`inconsistent_translation`)."""
    if not one or not two:
        return False  # a text not kept
    left_words, right_words = one.split(), two.split()
    if len(left_words) > _MOST_WORDS or len(right_words) > _MOST_WORDS:
        return False
    in_source = {word.lower() for word in _TOKEN_RE.findall(source)}
    matcher = difflib.SequenceMatcher(None, left_words, right_words, autojunk=False)
    for operation, left_start, left_end, right_start, right_end in matcher.get_opcodes():
        if operation == "equal":
            continue
        left, right = left_words[left_start:left_end], right_words[right_start:right_end]
        if _marks(left) != _marks(right):
            return False  # punctuation added, dropped or changed
        left = [word.rstrip(_PUNCTUATION).lower() for word in left]
        right = [word.rstrip(_PUNCTUATION).lower() for word in right]
        if in_source.intersection(_TOKEN_RE.findall(" ".join(left + right))) - language.grammar_words:
            return False  # a word kept from the source (``Add-in`` and ``Addin``)
        left, right = _unjoined(left, right)
        if not all(map(_plain, left + right)):
            return False  # markup, digits, spacing
        if _NEGATIONS.intersection(left) != _NEGATIONS.intersection(right):
            return False  # a negation added or dropped (``Plik nie jest`` and ``Plik jest``)
        if _opposed(left, right, language):
            return False  # ``vor`` for ``nach``
        if sorted(left) == sorted(right) or min(len(left), len(right)) >= _REPHRASED:
            continue  # the same words reordered, or a phrase put another way
        for words, others in ((left, right), (right, left)):
            if any(
                not _grammar(word, language) and not any(word[:4] == other[:4] for other in others) for word in words
            ):
                return False  # a different word: a term translated two ways, or a word dropped
    return True


def _grammar(word: str, language: LanguageProfile) -> bool:
    """Tell whether ``word`` (small letters) is a grammar word of ``language``: one of its list,
    or without a list, a word of up to four letters."""
    return word in language.grammar_words if language.grammar_words else len(word) <= _SHORT


def _opposed(left: list[str], right: list[str], language: LanguageProfile) -> bool:
    """Tell whether the words ``left`` and ``right`` of one place hold two grammar words of
    opposite meaning of ``language``, one on each side (``vor`` and ``nach``)."""
    lefts, rights = set(left), set(right)
    return any(pair & lefts and pair & rights and pair & lefts != pair & rights for pair in language.opposites)


def _moved(one: str, two: str, source: str, language: LanguageProfile) -> bool:
    """Tell whether translations ``one`` and ``two`` of ``source`` differ only in one word moved
    to or from the end, in a ``language`` whose verbs close their clause (``gibt die Stelle
    zurück (lt, LG, n)`` and ``gibt die Stelle (lt, LG, n) zurück.``: precision study, round 8,
    German): a plain word, not from the source, no negation. A final full stop does not count,
    as in the keys."""
    if not language.verb_final:
        return False
    left, right = _without_stop(one).split(), _without_stop(two).split()
    if len(left) != len(right) or not 3 <= len(left) <= _MOST_WORDS:
        return False
    start = _first_difference([left, right])
    if _first_difference([left[::-1], right[::-1]]):
        return False  # the last words agree
    if len(left) - start < 3:
        return False  # two words swapped at the end ("Nachname Vorname"): neither is a verb that moved
    for ahead, behind in ((left[start:], right[start:]), (right[start:], left[start:])):
        if ahead[1:] == behind[:-1] and behind[-1] == ahead[0]:
            # The word moved from the head of the difference to the end.
            word = ahead[0]
            return _plain(word) and word.lower() not in _NEGATIONS | {
                token.lower() for token in _TOKEN_RE.findall(source)
            }
    return False


def _without_stop(text: str) -> str:
    """``text`` without a full stop that ends its last word."""
    if text[-1:] in ".\u3002" and text[-2:-1].strip():
        return text[:-1]
    return text


# Short words that negate, which are no grammar words: Polish, Czech, Russian, German, French,
# Italian, Spanish, Portuguese, Dutch, Swedish, Hungarian, English.
_NEGATIONS = frozenset(
    [
        *("nie", "ne", "не", "нет", "ни", "pas", "non", "no", "não", "niet", "geen", "ej", "nem", "not"),
        *("nicht", "nichts", "niemals", "kein", "keine", "keinen", "keinem", "keiner", "keines"),
    ]
)


# A hyphen between two letters: it joins a compound that may also be written closed.
_JOINING_RE = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


def _unjoined(left: list[str], right: list[str]) -> tuple[list[str], list[str]]:
    """``left`` and ``right`` without each word written on one side with the hyphens that join a
    compound and on the other closed, one for one (``drittanbieter-benachrichtigungen`` and
    ``drittanbieterbenachrichtigungen``)."""
    for words, others in ((left, right), (right, left)):
        for word in [word for word in words if _JOINING_RE.search(word)]:
            closed = _JOINING_RE.sub("", word)
            if closed in others and "-" not in closed:
                words.remove(word)
                others.remove(closed)
    return left, right


# A Chinese word in its fuller form, the same word to a reader: 基础 and 基础知识 ("basics",
# "basic knowledge"), in both scripts. Not 程序/程式: 应用 ("Apply") and 应用程序 ("application")
# are two words.
_FULLER_FORMS = ("知识", "知識")


def _lengthened(one: str, two: str) -> bool:
    """Tell whether one of the translations ``one`` and ``two`` is the other with a Chinese word
    in its fuller form (:data:`_FULLER_FORMS` added right after a Chinese character, before no
    other) and nothing else changed (:func:`inconsistent_translation`)."""
    short, long = sorted((one, two), key=len)
    at = _first_difference([short, long])
    for added in _FULLER_FORMS:
        end = at + len(added)
        if long[at:end] == added and long[:at] + long[end:] == short:
            doubled = long[at - len(added) : at] == added  # 基础知识知识: a word twice, no fuller form
            return (
                at > 0 and bool(_HAN_RE.match(long[at - 1])) and not _HAN_RE.match(long[end : end + 1]) and not doubled
            )
    return False


_HAN_RE = re.compile(f"[{HAN}]")


def _marks(words: list[str]) -> list[str]:
    """The punctuation that ends ``words``, sorted (nothing for a word without)."""
    return sorted(mark for mark in (word[len(word.rstrip(_PUNCTUATION)) :] for word in words) if mark)


def _plain(word: str) -> bool:
    """Tell whether ``word`` is a plain word of a language written with spaces: letters only, no
    markup, no hyphen, no ideographs (Chinese and Japanese do not space words, so a run of them
    is no word)."""
    return word.isalpha() and all(char < "\u2e80" for char in word)


# English words that change no meaning between two sources of one translation.
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "of",
        "to",
        "for",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "as",
        "is",
        "are",
        "be",
        "been",
        "was",
        "were",
        "it",
        "its",
        "and",
        "or",
        "not",
        "can",
        "will",
        "should",
        "may",
        "must",
        "which",
        "who",
        "what",
        "when",
        "where",
        "how",
        "all",
        "any",
        "each",
        "you",
        "your",
    ]
)
_TOKEN_RE = re.compile(r"[^\W_]+")


# Words that English documents use for one another: one translation serves both.
_SYNONYMS = frozenset(
    frozenset(pair.split("/"))
    for pair in (
        "app/application",
        "db/database",
        "run/execute",
        "build/compile",
        "verify/validate",
        "following/below",
        "go/navigate",
        "information/details",
        "demonstrates/shows",
        "start/launch",
    )
)


def _stem(word: str) -> str:
    """``word`` without one English ending (``using`` and ``use`` → ``us``)."""
    for ending in ("ing", "ed", "es", "s", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            return word[: -len(ending)]
    return word


def _words_replaced(common: str, other: str) -> bool:
    """Tell whether two English sources differ in one word replaced by another, all else equal
    (``left`` → ``right``, ``Instant`` → ``Automated``, ``remove`` → ``refresh``): then one
    translation for both is likely wrong. Not: words added or reordered, a word inflected or
    shortened (``match``/``matches``, ``app``/``application``), a stop word (``this``/``the``)
    or a synonym of :data:`_SYNONYMS`."""
    one, two = _TOKEN_RE.findall(common.lower()), _TOKEN_RE.findall(other.lower())
    if len(one) != len(two):
        return False
    changed = [(a, b) for a, b in zip(one, two, strict=True) if a != b]
    if len(changed) != 1:
        return False
    a, b = changed[0]
    inflected = a.startswith(b) or b.startswith(a) or (len(a) >= 5 and len(b) >= 5 and a[:4] == b[:4])
    inflected = inflected or _stem(a) == _stem(b)
    return not inflected and not {a, b} & _STOPWORDS and frozenset((a, b)) not in _SYNONYMS


def _named(
    listed: list[Variant],
    this: Variant,
    counts: Mapping[Variant, int],
    places: dict[Variant, list[Where]],
    texts: Mapping[Where, tuple[str, str]],
    documents: Sequence[Seen],
    *,
    by_source: bool,
) -> str:
    """The message for a finding at a pair of variant ``this``: every variant, how often, where
    it stands, the most common first; which one is right is for the reviewer to say (``texts``:
    those of each variant's first pair)."""
    what = "this source is translated" if by_source else "this translation stands for"
    named = []
    texts_shown = [texts[places[variant][0]][1 if by_source else 0] for variant in listed[:_LISTED]]
    start = _around_difference(texts_shown)
    windows = [_window(shown, start) for shown in texts_shown]
    for variant, shown in zip(listed[:_LISTED], windows, strict=True):
        text = f"\u201c{shown}\u201d " if shown else ""
        here = "this pair's; " if variant == this else ""
        named.append(f"{text}{counts[variant]}\u00d7 ({here}at {_places(places[variant], counts[variant], documents)})")
    more = len(listed) - _LISTED
    if more > 0:
        named.append(f"and {more} more")
    if len(set(windows)) < len(set(texts_shown)):  # three or more, two of them alike up to here
        named.append("some differ only further on")
    ways = f"{len(listed)} ways" if by_source else f"{len(listed)} sources"
    return f"{what} {ways} in the run; review which is right: " + "; ".join(named)


def _places(where: list[Where], count: int, documents: Sequence[Seen]) -> str:
    """The first pairs of a variant, ``path:line``, the path given once for a run of the same."""
    shown, path = [], ""
    for number, index in where:
        document = documents[number]
        shown.append(
            f"{document.lines[index]}" if document.path == path else f"{document.path}:{document.lines[index]}"
        )
        path = document.path
    more = count - len(where)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


_BEFORE_DIFFERENCE = 24  # characters shown before the first difference of the variants
_SHOWN = 80  # characters shown of each variant, from there
_WORD = 16  # characters looked back for a word's start


def _window(text: str, start: int) -> str:
    """:data:`_SHOWN` characters of ``text`` from ``start``, an ellipsis for each end cut."""
    shown = text[start : start + _SHOWN] if len(text) <= start + _SHOWN else text[start : start + _SHOWN - 1] + "\u2026"
    return "\u2026" + shown if start else shown


def _first_difference(texts: Sequence[Sequence[str]]) -> int:
    """Where ``texts`` (or lists of words) first differ (the length of the shortest, where it
    starts all the others)."""
    return next((i for i, chars in enumerate(zip(*texts, strict=False)) if len(set(chars)) > 1), min(map(len, texts)))


def _around_difference(texts: list[str]) -> int:
    """Where to start showing ``texts`` so that their first difference shows: a word start some
    characters before it (or there, in a text without spaces), 0 when it is near the start."""
    if len(texts) < 2 or not all(texts) or len(set(texts)) == 1:
        return 0
    same = _first_difference(texts)
    if same <= _BEFORE_DIFFERENCE + 8:
        return 0
    start = same - _BEFORE_DIFFERENCE
    space = texts[0].rfind(" ", max(0, start - _WORD), start + 1)
    return space + 1 if space >= 0 else start


@dataclass(frozen=True, slots=True)
class Checked:
    """A document after the checks: its path, its findings, and what the run-level checks need of it."""

    path: str
    findings: tuple[Finding, ...]
    seen: Seen | PickledSeen | None = None  # pickled once sent from a worker

    def __reduce__(self) -> tuple[object, ...]:
        # Sent from a worker for every document: its findings as rows of plain values, which
        # pickle in C (a finding pickled as itself goes field by field through Python), and its
        # Seen pickled as the main process keeps it (see PickledSeen), as its two strings of
        # bytes (a slotted dataclass is unpickled field by field in Python).
        seen = PickledSeen.of(self.seen) if isinstance(self.seen, Seen) else self.seen
        if seen is None:
            return _checked, (self.path, to_rows(self.findings))
        return _checked, (self.path, to_rows(self.findings), seen.sides, seen.rest)


def _checked(path: str, rows: tuple[Row, ...], sides: bytes | None = None, rest: bytes = b"") -> Checked:
    return Checked(path, from_rows(rows), None if sides is None else PickledSeen(sides, rest))


def check_document(document: Document, profile: Profile) -> Checked:
    """Run the pair checks of ``profile`` on ``document`` and keep what the run-level ones need."""
    checks = profile.checks_for(document)
    findings = tuple(run_checks(document, profile, checks))
    compared_by = tuple(c.code for c in checks if c.scope is Scope.RUN)
    if compared_by:
        return Checked(document.path, findings, seen(document, compared_by))
    return Checked(document.path, findings)
