"""Checks on bare URLs and on the punctuation of plain text around words and links."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sxstm.checks.registry import At, Context, Message, check
from sxstm.checks.text import MASK, runs, with_offsets
from sxstm.model import Pair, Severity
from sxstm.sxs.inline import Code

# A bare URL of the text (a link's or an autolink's is markup, masked); a full stop, comma or
# closing bracket at its end closes the sentence, not the URL.
_URL_RE = re.compile(r"\b(?:https?|wss?|ftp)://(?:\\<|[^\s<\"'`\uffff])+")
_URL_END = ".,;:!?)]}*_'\""


@check("SX215", "bare-url-changed", Severity.ERROR)
def bare_url_changed(pair: Pair, context: Context) -> Iterator[Message]:
    """A URL written out in the text reaches the translation unchanged (``https://aka.ms/x``
    must not become ``https://aka.ms/ x`` nor lose a character).

    A bare URL is an address, not prose: a space inside it, or a translated or dropped part,
    sends the reader elsewhere. Markdown links and autolinks are SX202's.
    """
    if "://" not in pair.source.text:
        return
    urls = [match.group(0).rstrip(_URL_END) for match in _URL_RE.finditer(_plain(pair.source.text))]
    if not urls:
        return
    target = _plain(pair.target.text)
    for url in dict.fromkeys(urls):
        if url not in target:
            spot = target.find(url.split("://", 1)[0] + "://")
            yield At(
                f"the URL {url} is missing or altered in the translation",
                _raw_offset(pair.target.text, max(spot, 0)),
            )


_KEPT = frozenset({"escape", "entity"})  # written in a URL as they are


def _plain(text: str) -> str:
    """``text`` with every code masked but backslash escapes and entities."""
    return "".join(run if isinstance(run, str) else run.markup if run.type in _KEPT else MASK for run in runs(text))


def _raw_offset(text: str, index: int) -> int:
    """The offset in ``text`` of the character at ``index`` of ``_plain(text)``."""
    seen = 0
    for offset, _, run in with_offsets(text):
        width = len(run) if isinstance(run, str) else len(run.markup) if run.type in _KEPT else 1
        if seen + width > index:
            return offset + (0 if isinstance(run, Code) and run.type not in _KEPT else index - seen)
        seen += width
    return len(text)
