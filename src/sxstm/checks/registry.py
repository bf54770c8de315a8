"""The registry of QA checks, what a check is given, and the runner that turns its messages
into findings.

A check is a function of a pair and the :class:`Context` of its document; it yields a message
per defect, or an :class:`At` naming the spot in the target text. The runner places each at
``path:line:column`` of the markdown file. Codes are stable and never reused. The CLI,
``--list-checks``, the README table and the tests iterate :data:`CHECKS`.
"""

from __future__ import annotations

import enum
import fnmatch
import functools
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sxstm.checks.glossary import Terms, built_in_terms, read_glossary
from sxstm.checks.languages import profile_of, turned_off
from sxstm.checks.rows import finding_on, pair_fingerprint
from sxstm.checks.runner import Memo, Needs, PairNeeds, messages
from sxstm.errors import UsageError
from sxstm.model import Document, Finding, Pair, Severity
from sxstm.version import docstring


@dataclass(frozen=True, slots=True)
class At:
    """A message about the spot ``offset`` characters into the target text, ``length``
    characters long where known, and the matching place ``source_offset`` in the source where
    known (-1: unknown). Reports show the text around both."""

    message: str
    offset: int
    length: int = 0
    source_offset: int = -1


@dataclass(frozen=True, slots=True)
class Context:
    """What a check may know beyond the pair: the target locale, and the protected terms."""

    locale: str = ""
    terms: Terms = ()  # (source term, approved target term)


Message = str | At
CheckFunction = Callable[[Pair, Context], Iterator[Message]]


@dataclass(frozen=True, slots=True)
class Seen:
    """What the run-level checks are given of a document's pairs, as parallel arrays (cheap to
    send between processes): id, line, column, a key per side (0 for a side under 3 words, or 6
    Chinese or Japanese characters), a checksum of each source as written, and the text of each
    side (whitespace folded) for the checks that compare variants, messages that name them and
    reports that show them."""

    path: str
    ids: tuple[str, ...]
    lines: array[int]
    columns: array[int]
    sources: array[int]
    targets: array[int]
    folded: bytes = b""  # each pair's source then target, whitespace folded, UTF-8, one after the other
    folded_ends: array[int] = field(default_factory=lambda: array("L"))  # where each text ends in ``folded``
    # A checksum of each source as written (whitespace folded; quotes, capitals and a final full
    # stop kept, which ``sources`` folds away): 0 where ``sources`` is 0.
    written_sources: array[int] = field(default_factory=lambda: array("L"))
    locale_key: int = 0  # mixed into each key but 0 (see checks.keys.mix), so that locales never meet
    locale: str = ""  # the target locale, whose language profile judges a rewording
    # The run-level checks that compare the document's pairs: those of the profile not ignored on
    # it by path, locale or language (None: every one).
    compared_by: tuple[str, ...] | None = None

    def fingerprint(self, index: int) -> int:
        """The fingerprint of pair ``index``, its keys with the locale taken out (as a
        baseline written before keys were mixed knows it)."""
        source, target = self.sources[index], self.targets[index]
        return source ^ target if bool(source) == bool(target) else source ^ target ^ self.locale_key

    def texts(self, index: int) -> tuple[str, str]:
        """The source and target of pair ``index``, whitespace folded ("" where not kept)."""
        if not self.folded_ends:
            return "", ""
        start = self.folded_ends[2 * index - 1] if index else 0
        middle, end = self.folded_ends[2 * index], self.folded_ends[2 * index + 1]
        return self.folded[start:middle].decode("utf-8", "surrogatepass"), self.folded[middle:end].decode(
            "utf-8", "surrogatepass"
        )


# A run-level check is given every document of the run and yields (document, pair index, message).
RunCheckFunction = Callable[[Sequence[Seen]], Iterator[tuple[Seen, int, str]]]


class Scope(enum.Enum):
    """Where a check looks: one pair at a time, or every pair of the run together."""

    PAIR = "pair"
    RUN = "run"


@dataclass(frozen=True, slots=True)
class Check:
    """A registered check."""

    code: str
    name: str
    severity: Severity
    function: CheckFunction
    scope: Scope = Scope.PAIR
    markup: bool = False  # looks only at inline markup: skipped for pairs with none
    # What the source (the target) must hold for the check to possibly fire (see ``runner.holds``):
    # a pair where it is not found is skipped without a call (None: every pair is checked).
    source_needs: Needs | None = None
    target_needs: Needs | None = None
    across: RunCheckFunction | None = None  # a run-level check's function (``function`` yields nothing)
    default: bool = True  # runs unless the checks are chosen by name (False: only when named)
    # What the pair's source and target must pass for the check to possibly fire (None: every pair).
    pair_needs: PairNeeds | None = None

    def __reduce__(self) -> tuple[object, ...]:
        # A profile goes to the workers with every batch of documents (782 batches on the bench),
        # its checks field by field through Python: 2.4 ms to pickle and as long to unpickle. A
        # registered check goes as its code and is looked up in the worker's registry.
        if CHECKS.get(self.code) is self:
            return _registered, (self.code,)
        return Check, (
            self.code,
            self.name,
            self.severity,
            self.function,
            self.scope,
            self.markup,
            self.source_needs,
            self.target_needs,
            self.across,
            self.default,
            self.pair_needs,
        )

    @property
    def doc(self) -> str:
        """The check's documentation: the docstring of its function (from its source if compiled)."""
        return docstring(self.across or self.function).strip()

    @property
    def summary(self) -> str:
        """The first paragraph of the check's documentation, on one line, and where it is off
        by default, how to run it."""
        return " ".join([*self.doc.split("\n\n")[0].split(), self.off_by_default]).strip()

    @property
    def off_by_default(self) -> str:
        """Where the check is off by default (everywhere, or in some languages) and how to run it
        there; "" where it runs by default everywhere."""
        if self.default and not (languages := turned_off(self.code)):
            return ""
        where = "" if not self.default else f" in {', '.join(languages)}"
        return (
            f"Off by default{where}: select it by name (``--extend-select {self.code}`` adds it to the default checks)."
        )

    @property
    def sentence(self) -> str:
        """The first sentence of the check's documentation, on one line."""
        return first_sentence(self.summary)


# A literal (``System.Exception``, ``… \`x\`.``) is skipped whole; a full stop ends a sentence when
# it ends the text or whitespace follows, unless it closes an abbreviation or an ellipsis.
_LITERAL_OR_STOP_RE = re.compile(r"``(?:\\.|[^\\])*?``|(?<!\.)\.(?=\s|$)")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "cf.", "vs.")


def first_sentence(text: str) -> str:
    """The first sentence of ``text``, up to the full stop that ends it (all of ``text`` if none)."""
    for match in _LITERAL_OR_STOP_RE.finditer(text):
        end = match.end()
        if match.group() == "." and not text[:end].lower().endswith(_ABBREVIATIONS):
            return text[:end]
    return text


CHECKS: dict[str, Check] = {}


def _registered(code: str) -> Check:
    return CHECKS[code]


def check(
    code: str,
    name: str,
    severity: Severity,
    *,
    markup: bool = False,
    source_needs: str | Needs = "",
    target_needs: str | Needs = "",
    pair_needs: PairNeeds | None = None,
) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check of one pair at a time under a stable ``code`` and a kebab-case
    ``name``. A check with ``markup`` runs only on pairs where the source or target has inline
    markup; one with ``source_needs`` (``target_needs``) only where the source (the target)
    holds one of those characters, one of those strings (a tuple), or passes that test (a
    function of the text, module-level so that it pickles): something it holds wherever the
    check can find anything; one with ``pair_needs`` only where the source and the target pass
    that test (module-level too)."""

    def register(function: CheckFunction) -> CheckFunction:
        needs = _needs(source_needs), _needs(target_needs)
        _add(Check(code, name, severity, function, Scope.PAIR, markup, *needs, pair_needs=pair_needs))
        return function

    return register


def _needs(needs: str | Needs) -> Needs | None:
    """``needs`` as :func:`~sxstm.checks.runner.holds` takes it: a string as its characters (None for none)."""
    if isinstance(needs, str):
        return tuple(needs) or None
    return needs or None


def run_check(
    code: str, name: str, severity: Severity, *, default: bool = True
) -> Callable[[RunCheckFunction], RunCheckFunction]:
    """Register a check of every pair of the run together (see :mod:`sxstm.checks.consistency`);
    one not ``default`` runs only where chosen by name (``--select``). Its function should pass
    over a document whose ``Seen.compared_by`` lacks ``code`` (ignored there by path, locale or
    language): no finding is reported there in any case."""

    def register(function: RunCheckFunction) -> RunCheckFunction:
        _add(Check(code, name, severity, _per_pair_nothing, Scope.RUN, across=function, default=default))
        return function

    return register


def _per_pair_nothing(pair: Pair, context: Context) -> Iterator[Message]:
    return iter(())


def _add(registered: Check) -> None:
    if registered.code in CHECKS or any(existing.name == registered.name for existing in CHECKS.values()):
        raise ValueError(f"check {registered.code} {registered.name} is registered twice")
    CHECKS[registered.code] = registered


@dataclass(frozen=True, slots=True)
class Profile:
    """Which checks run where, at which severity: the QA settings of a run.

    ``per_path`` maps a glob of document paths (see ``path_forms``) to the checks ignored there;
    ``per_locale`` maps a locale (lower case) to the checks ignored for it and the locales below
    it (``de``: every German locale; ``zh``: ``zh-cn`` and ``zh-tw``). ``severity`` overrides a
    check's default. Protected terms come from the built-in list and the ``glossary`` file.
    ``by_default`` holds the checks that run because none was chosen by name: the target
    language may turn those off (``LanguageProfile.off``); a check named runs in every language.
    """

    checks: tuple[Check, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    per_path: tuple[tuple[str, frozenset[str]], ...] = ()
    per_locale: Mapping[str, frozenset[str]] = field(default_factory=dict)
    glossary: Path | None = None
    built_in_terms: bool = True
    by_default: frozenset[str] = frozenset()
    # The other names of a document's path (below the folder named) that a ``per_path`` glob
    # matches: as reports name it, from the repository root, from the settings' folder (see
    # ``sxstm.cli.qa.PathForms``).
    path_forms: Callable[[str], Sequence[str]] | None = None

    def checks_for(self, document: Document) -> tuple[Check, ...]:
        """The checks that run on ``document``, its path, locale and language considered."""
        locale = document.target_locale.replace("_", "-").lower()
        ignored = self.by_default & profile_of(locale).off
        for key, codes in self.per_locale.items():
            key = key.replace("_", "-")
            if locale == key or locale.startswith(f"{key}-"):
                ignored |= codes
        if self.per_path:
            paths = [document.path, *(self.path_forms(document.path) if self.path_forms else ())]
            for pattern, codes in self.per_path:
                if any(fnmatch.fnmatchcase(path, pattern) for path in paths):
                    ignored |= codes
        return tuple(c for c in self.checks if c.code not in ignored)

    def severity_of(self, registered: Check) -> Severity:
        return self.severity.get(registered.code, registered.severity)


@functools.lru_cache(maxsize=8)
def _terms(glossary: Path | None, locale: str, built_in: bool) -> Terms:
    """The protected terms for ``locale``: the built-in list, then the glossary's (which win)."""
    terms = dict(built_in_terms()) if built_in else {}
    terms.update(read_glossary(glossary, locale) if glossary else ())
    return tuple(terms.items())


def default_profile() -> Profile:
    checks = tuple(c for c in CHECKS.values() if c.default)
    return Profile(checks, by_default=frozenset(c.code for c in checks))


@functools.lru_cache(maxsize=4)
def _memo(codes: tuple[str, ...], context: Context) -> Memo[Message]:
    """What the checks ``codes`` said of each pair seen lately in ``context`` (see :func:`messages`)."""
    return {}


def run_checks(
    document: Document, profile: Profile | None = None, chosen: Sequence[Check] | None = None
) -> list[Finding]:
    """Run the checks of ``profile`` (default: all, as registered) on every pair of ``document``;
    the reader's findings first, then the checks' in pair order. ``chosen``: the profile's
    checks for ``document``, where the caller has them already."""
    profile = profile or default_profile()
    checks = [c for c in (profile.checks_for(document) if chosen is None else chosen) if c.scope is Scope.PAIR]
    steps = [(c.function, c.markup, c.source_needs, c.target_needs, c.pair_needs) for c in checks]
    context = Context(document.target_locale, _terms(profile.glossary, document.target_locale, profile.built_in_terms))
    findings = list(document.findings)
    pairs, fingerprint, fingerprinted = document.pairs, "", -1
    memo = _memo(tuple(c.code for c in checks), context)
    for index, number, message in messages(pairs, steps, context, memo):
        pair = pairs[index]
        if index != fingerprinted:
            fingerprint, fingerprinted = pair_fingerprint(pair), index
        findings.append(finding_at(document.path, pair, checks[number], profile, message, fingerprint))
    return findings


def finding_at(
    path: str, pair: Pair, registered: Check, profile: Profile, message: Message, fingerprint: str
) -> Finding:
    """The finding for ``message`` of ``registered`` on ``pair``, placed where it points."""
    text, offset, length, source_offset = (
        (message.message, message.offset, message.length, message.source_offset)
        if isinstance(message, At)
        else (message, -1, 0, -1)
    )
    severity = profile.severity_of(registered)
    return finding_on(
        path, pair, severity, registered.code, registered.name, text, fingerprint, offset, length, source_offset
    )


def select(names: Iterable[str], ignore: Iterable[str], extend: Iterable[str] = ()) -> tuple[Check, ...]:
    """The checks named by ``names`` (all that run by default if none) and by ``extend``, less
    those in ``ignore``; by code or name."""
    chosen, extended, dropped = set(names), set(extend), set(ignore)
    return tuple(
        c
        for c in CHECKS.values()
        if ({c.code, c.name} & extended or ({c.code, c.name} & chosen if chosen else c.default))
        and not {c.code, c.name} & dropped
    )


def resolve(names: Iterable[str]) -> Iterator[str]:
    """The codes of checks named by code or name, one or several to an item (``SX406,SX407``);
    raise UsageError for an unknown one."""
    by_name = {c.name: c.code for c in CHECKS.values()}
    for item in names:
        parts = [part.strip() for part in item.split(",")]
        if not all(parts):
            raise UsageError(f"empty check name in {item!r}; name checks as SX406 or SX406,SX407")
        yield from _codes(parts, by_name)


def _codes(names: Iterable[str], by_name: Mapping[str, str]) -> Iterator[str]:
    for name in names:
        if name in CHECKS:
            yield name
        elif name in by_name:
            yield by_name[name]
        else:
            raise UsageError(f"unknown check {name!r}; see sxstm qa --list-checks")
