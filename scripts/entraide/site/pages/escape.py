"""The one escaping path for text people write (names, bios, pseudonyms, titles, comments).

`text(s)` returns a string that, placed in Markdown or HTML content, shows exactly `s` and nothing else:
no tag, no link, no emphasis, no Jinja. Every character that means something to HTML, Markdown, the
Markdown extensions used here (tables, attribute lists, emoji shortcodes, maths) or Jinja becomes a
numeric character reference. Python-Markdown passes character references through untouched, and the
browser turns them back into the characters, so the reader sees the text as written.
Whitespace runs (newlines included) collapse to one space: member text never starts a block.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

# Characters that start markup somewhere along the way (HTML, Markdown, its extensions, Jinja).
_SPECIAL = frozenset("&<>\"'`*_{}[]()#+-.!|~^=:\\%$@")
_ENTITIES = {ord(ch): f"&#{ord(ch)};" for ch in _SPECIAL}
_WHITESPACE = re.compile(r"\s+")
# Titles end up in <title>, the navigation and the search index, some of them unescaped by the theme:
# keep only letters, digits, spaces and harmless punctuation.
_TITLE_UNSAFE = re.compile(r"[^\w '’,.:;!?()/+-]", re.UNICODE)


def _visible(s: str) -> str:
    """Drop control and format characters (bidi overrides, zero-width joiners used to spoof)."""
    if s.isprintable():  # fast path: no control, format, private-use or unassigned character
        return s
    return "".join(ch for ch in s if unicodedata.category(ch)[0] != "C" or ch in "\t\n\r ")


def text(s: object) -> str:
    """Member text as inert Markdown/HTML content, shown verbatim."""
    return _text(s if type(s) is str else str(s))


@lru_cache(maxsize=1 << 16)
def _text(s: str) -> str:
    """`text` of a string, remembered: names, titles and levels come back on page after page."""
    plain = _WHITESPACE.sub(" ", _visible(s)).strip()
    return plain.translate(_ENTITIES)


def title(s: object, *, fallback: str = "") -> str:
    """A page title (front matter `title:`) safe in any theme slot: unsafe characters are dropped."""
    cleaned = _WHITESPACE.sub(" ", _TITLE_UNSAFE.sub("", _visible(str(s)))).strip()
    return cleaned or fallback


def yaml_string(s: str) -> str:
    """A YAML double-quoted scalar for front matter (input is already a safe title)."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def xml(s: object) -> str:
    """Member text inside SVG or XML (chart labels, titles): markup characters escaped, and control and
    format characters dropped, since XML 1.0 refuses most of them and a browser then shows no chart at all."""
    return html.escape(_visible(str(s)), quote=True)
