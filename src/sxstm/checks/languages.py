"""What the checks know of a target language: one frozen profile per language (or script).

A check asks :func:`profile_of` with ``Context.locale`` and consults the rule it needs. Every
rule carries its reason beside it, from the typographic conventions of the language and what
the precision study (``benchmarks/precision/``) found real translations do.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from sxstm.sxs.locales import writes_without_spaces


@dataclass(frozen=True, slots=True)
class LanguageProfile:
    """The conventions of one target language that change what a check may call a defect."""

    # Punctuation that takes a space (or a no-break space) before it in this language.
    spaced_punctuation: str = ""
    # Words that may legitimately stand twice in a row (lower case): articles and pronouns.
    repeating_words: frozenset[str] = frozenset()
    # The script has no italics: a translation may drop the source's emphasis (*x*, _x_).
    drops_italics: bool = False
    # UI names are set in brackets ([保存]) rather than bold: a translation may drop **x**.
    brackets_for_bold: bool = False
    # Words are not separated by spaces: a number or an inline element may touch a word.
    without_spaces: bool = False
    # Nouns are capitalised: a word before the noun of the same stem is not the noun doubled.
    capitalises_nouns: bool = False


# French typography puts a (narrow) no-break space before the high punctuation marks : ; ! ?
# and inside guillemets « » (Imprimerie nationale; Microsoft's French style guide).
_FRENCH = LanguageProfile(
    spaced_punctuation=":;!?»",
    # Reflexive verbs double the pronoun: "vous vous connectez", "nous nous sommes".
    repeating_words=frozenset({"vous", "nous"}),
)

# German articles double as relative pronouns ("die Struktur, die die Koordinaten angibt",
# "das Objekt, durch das das Skript …", "der Parameter, der der Methode …"), and the formal
# "Sie" meets the pronoun "sie" ("bevor Sie sie bereitstellen"): grammar, not a doubled word.
_GERMAN = LanguageProfile(
    repeating_words=frozenset({"der", "die", "das", "den", "dem", "des", "sie"}),
    # "die stille Stille" (quiet enjoyment) is an adjective before its noun, not a word twice.
    capitalises_nouns=True,
)

# Dutch relative pronouns meet the article or pronoun they introduce ("de gebruikers die die
# rechten hebben", "het bestand dat dat programma opent"), and the formal "u" its reflexive
# ("wanneer u u aanmeldt"): grammar, as in German.
_DUTCH = LanguageProfile(repeating_words=frozenset({"die", "dat", "u"}))

# Chinese and Japanese have no italics (slanted CJK is unreadable), so the Microsoft style
# guides drop *emphasis*; words are not spaced, so digits touch characters (只是80資料行).
# Both set UI labels in brackets or quotes ([実行] ボタン, “借记”列) where English uses bold.
_CHINESE = LanguageProfile(drops_italics=True, brackets_for_bold=True, without_spaces=True)
_JAPANESE = LanguageProfile(drops_italics=True, brackets_for_bold=True, without_spaces=True)
_NO_SPACES = LanguageProfile(without_spaces=True)  # Thai, Lao, Khmer, Burmese, Korean particles
_DEFAULT = LanguageProfile()

_BY_LANGUAGE = {"fr": _FRENCH, "de": _GERMAN, "nl": _DUTCH, "zh": _CHINESE, "ja": _JAPANESE}


@functools.lru_cache(maxsize=64)
def profile_of(locale: str) -> LanguageProfile:
    """The profile of the language of ``locale`` (``fr-CA`` → French); the default if none."""
    language = locale.replace("_", "-").partition("-")[0].lower()
    if language in _BY_LANGUAGE:
        return _BY_LANGUAGE[language]
    return _NO_SPACES if writes_without_spaces(locale) else _DEFAULT
