"""Locale codes: BCP 47 casing, locales named by folders such as ``docs.pl-pl``, and the
languages written without spaces between words."""

from __future__ import annotations

import re
from pathlib import PurePath

_TAG_RE = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|\d{3}))?$")
_FOLDER_RE = re.compile(r"(?:^|\.)([a-z]{2})-([a-z]{2}|hans|hant)$", re.IGNORECASE)

# ISO 639-1 codes, so that a folder such as "how-to" is not read as a locale.
_ISO_639_1 = frozenset(
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz"  # noqa: SIM905
    " ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik"
    " io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml"
    " mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd"
    " se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi"
    " vo wa wo xh yi yo za zh zu".split()
)

# Languages whose words are not separated by spaces (Chinese, Japanese, Thai, Lao, Khmer, Burmese),
# and Korean, which spaces phrases but attaches particles to the word before them: in all of
# them a word may touch an inline element, and a word count counts characters (as pocount does).
_NO_SPACE_LANGUAGES = frozenset({"zh", "ja", "ko", "th", "lo", "km", "my"})


def writes_without_spaces(locale: str) -> bool:
    """Tell whether the language of ``locale`` is written without spaces between words."""
    return locale.replace("_", "-").partition("-")[0].lower() in _NO_SPACE_LANGUAGES


def normalize_locale(tag: str) -> str | None:
    """Return ``tag`` in BCP 47 casing (``pl-pl`` → ``pl-PL``), or None if it is not a locale."""
    match = _TAG_RE.match(tag.strip())
    if match is None:
        return None
    language, script, region = match.groups()
    parts = [language.lower()]
    if script:
        parts.append(script.title())
    if region:
        parts.append(region.upper())
    return "-".join(parts)


def locale_from_folders(path: PurePath) -> str | None:
    """Return the locale named by the nearest folder of ``path`` (``docs.pl-pl`` → ``pl-PL``)."""
    for folder in path.parents:
        match = _FOLDER_RE.search(folder.name)
        if match and match.group(1).lower() in _ISO_639_1:
            region = match.group(2)
            return f"{match.group(1).lower()}-{region.title() if len(region) == 4 else region.upper()}"
    return None
