"""QA checks on pairs: a registry of small functions, each documented by its docstring.

A check takes a pair and yields messages; the runner turns each into a finding at the pair's
location. Codes are stable and never reused. Register a check with :func:`check`; the CLI,
``--list-checks``, the README table and the tests iterate :data:`CHECKS`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sxstm.inline import Code, CodeKind, parse_inline
from sxstm.model import Document, Finding, Pair, Severity

CheckFunction = Callable[[Pair], Iterator[str]]


@dataclass(frozen=True, slots=True)
class Check:
    """A registered check."""

    code: str
    name: str
    severity: Severity
    function: CheckFunction

    @property
    def summary(self) -> str:
        """The first line of the check's documentation."""
        return (self.function.__doc__ or "").strip().splitlines()[0]


CHECKS: dict[str, Check] = {}


def check(code: str, name: str, severity: Severity) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check under a stable ``code`` and a kebab-case ``name``."""

    def register(function: CheckFunction) -> CheckFunction:
        if code in CHECKS or any(existing.name == name for existing in CHECKS.values()):
            raise ValueError(f"check {code} {name} is registered twice")
        CHECKS[code] = Check(code, name, severity, function)
        return function

    return register


def run_checks(document: Document, checks: tuple[Check, ...] = ()) -> list[Finding]:
    """Run ``checks`` (default: all) on every pair of ``document``; the reader's findings first,
    then the checks' in pair order."""
    findings = list(document.findings) if not checks else []
    for pair in document.pairs:
        for registered in checks or tuple(CHECKS.values()):
            for message in registered.function(pair):
                findings.append(
                    Finding(
                        document.path,
                        pair.line,
                        pair.column,
                        registered.severity,
                        registered.code,
                        registered.name,
                        message,
                        pair.id,
                    )
                )
    return findings


_IMAGE_TEXT_RE = re.compile(r"^!\[.*\](?=[(\[])", re.DOTALL)


def _codes(text: str, *types: str) -> Counter[str]:
    """Count the markup of the codes of ``types`` in a segment (of an image, what follows its
    alt text, which is for translation)."""
    return Counter(
        _IMAGE_TEXT_RE.sub("![…]", run.markup) if run.type == "image" else run.markup
        for run in parse_inline(text)
        if isinstance(run, Code) and run.kind is not CodeKind.OPEN and run.type in types
    )


def _lost(pair: Pair, *types: str) -> list[str]:
    return sorted((_codes(pair.source.text, *types) - _codes(pair.target.text, *types)).elements())


@check("SX201", "code-span-changed", Severity.ERROR)
def code_span_changed(pair: Pair) -> Iterator[str]:
    """Inline code must reach the translation unchanged.

    Code spans hold identifiers, commands and paths. A translation may move them but must not
    alter, drop or merge them.
    """
    for code in _lost(pair, "code"):
        yield f"{code} is missing or altered in the translation"


@check("SX202", "link-target-changed", Severity.ERROR)
def link_target_changed(pair: Pair) -> Iterator[str]:
    """Link and image targets must stay as in the source.

    The ``](url "title")`` part of a link, and a whole image, are not for translation: a changed
    URL breaks the link.
    """
    for code in _lost(pair, "link", "image"):
        yield f"{code} is missing or altered in the translation"


@check("SX203", "xref-changed", Severity.ERROR)
def xref_changed(pair: Pair) -> Iterator[str]:
    """Autolinks and ``<xref:…>`` references must reach the translation unchanged."""
    for code in _lost(pair, "autolink"):
        yield f"{code} is missing or altered in the translation"


@check("SX204", "html-tag-changed", Severity.ERROR)
def html_tag_changed(pair: Pair) -> Iterator[str]:
    """HTML tags of the source must all be in the translation, unchanged."""
    source = Counter(
        run.markup for run in parse_inline(pair.source.text) if isinstance(run, Code) and run.type.startswith("html:")
    )
    target = Counter(
        run.markup for run in parse_inline(pair.target.text) if isinstance(run, Code) and run.type.startswith("html:")
    )
    for tag in sorted((source - target).elements()):
        yield f"{tag} is missing or altered in the translation"


@check("SX205", "docfx-token-changed", Severity.ERROR)
def docfx_token_changed(pair: Pair) -> Iterator[str]:
    """Docfx tokens (``[!INCLUDE[…](…)]``, ``:::image …:::``) and ``{0}`` placeholders must stay."""
    for code in _lost(pair, "include", "alert", "docfx", "placeholder"):
        yield f"{code} is missing or altered in the translation"


_DAMAGED_ENTITY_RE = re.compile(r"&\s+#?\s*[A-Za-z0-9]+\s*;|&#?[A-Za-z0-9]+\s+;|&\s*#\s+x?[0-9A-Fa-f]+\s*;")


@check("SX206", "entity-damaged", Severity.ERROR)
def entity_damaged(pair: Pair) -> Iterator[str]:
    """HTML entities must not be split by spaces (``&lt ;``, ``& # x1F47D;``).

    Machine translation sometimes inserts spaces inside entities; the page then shows the
    entity's letters instead of the character.
    """
    for damaged in _DAMAGED_ENTITY_RE.findall(pair.target.text):
        if damaged not in pair.source.text:
            yield f"entity {damaged!r} is broken by spaces"


@check("SX207", "empty-target", Severity.ERROR)
def empty_target(pair: Pair) -> Iterator[str]:
    """A pair whose source has text must have a target with text."""
    if pair.source.text.strip() and not pair.target.text.strip():
        yield "the translation is empty"
