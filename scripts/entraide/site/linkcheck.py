"""The links of a built site's pages, checked on its HTML: every relative link to a page in a page's
<article> (what its Markdown wrote; the theme's navigation is the generator's) leads to a page of the site,
every `#anchor` to an id (or a named anchor) of the page it leads to. The same two checks as Zensical's own
(« page does not exist », « anchor does not exist »); like it, links to other files are not checked.

`entraide pages --zensical` builds with Zensical's own link validation turned off and checks the built site
here instead. Zensical 0.0.73 validates links by scanning each Markdown source again, byte by byte, in
Python, after Python-Markdown has already parsed it: measured at 1,000 members, a third of its processor
time (20 s with validation, 13.5 s without, the built site byte for byte the same). Reading the built HTML
with one regular expression per page costs a small fraction of that and sees the links as the reader gets them,
files handed to the site after the build included.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import unquote

# href and src values in double quotes (Python-Markdown and the theme's templates write no other kind);
# a value with a scheme (https:, mailto:, data:) or starting with / leaves the site, or depends on where
# the site is served (under a GitHub Pages project path, / is not the site's root).
_LINK = re.compile(rb'\s(?:href|src)="([^"]*)"')
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.\-]*:|/)")
# Ids, and names (of <a name> anchors; a name on another element counts too: telling them apart would scan
# every tag's attributes). Each pattern starts with its literal, which the regex engine finds ten times as
# fast as a leading \s; the space before it is checked on each match.
_ANCHORS = (re.compile(rb'id="([^"]+)"'), re.compile(rb'name="([^"]+)"'))
_SPACES = frozenset(b" \t\r\n")


@dataclass(frozen=True)
class Broken:
    page: str  # the page holding the link, relative to the site
    link: str  # the link as written in the page
    reason: str  # "no such page" or "no such anchor"

    def __str__(self) -> str:
        return f"{self.page}: {self.link} ({self.reason})"


def broken_links(paths: Iterable[str], *, read: Callable[[str], bytes]) -> list[Broken]:
    """Every link of the site's HTML pages that leads nowhere, page by page in path order, given the path of
    every file of the site (relative, with /) and how to read one (the caller's edge: this module reads no
    disk)."""
    files = frozenset(paths)
    anchors: dict[str, frozenset[str]] = {}
    found: list[Broken] = []
    for page in sorted(path for path in files if path.endswith(".html")):
        data = read(page)
        start, end = data.find(b"<article"), data.rfind(b"</article>")
        links = _LINK.finditer(data, start, end) if 0 <= start < end else iter(())
        for link in dict.fromkeys(_text(m.group(1)) for m in links):
            problem = _problem(page, link, files=files, anchors=anchors, read=read, data=data)
            if problem:
                found.append(Broken(page, link, problem))
    return found


def _problem(
    page: str,
    link: str,
    *,
    files: frozenset[str],
    anchors: dict[str, frozenset[str]],
    read: Callable[[str], bytes],
    data: bytes,
) -> str | None:
    if not link or _EXTERNAL.match(link):
        return None
    address, _, fragment = link.partition("#")
    address = address.partition("?")[0]
    if not _is_page(address):
        return None
    target = _target(page, unquote(address), files) if address else page
    if target is None:
        return "no such page"
    if fragment and target.endswith(".html"):
        if target not in anchors:
            anchors[target] = _ids(data if target == page else read(target))
        if unquote(fragment) not in anchors[target]:
            return "no such anchor"
    return None


def _is_page(address: str) -> bool:
    """A page's address: a folder (`defis/`), an HTML or Markdown file, or nothing (the same page)."""
    name = address.rpartition("/")[2]
    return "." not in name or name.endswith((".html", ".md")) or name in (".", "..")


def _target(page: str, address: str, files: frozenset[str]) -> str | None:
    """The site file a relative address leads to from `page`, or None."""
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), address))
    if path.startswith(".."):
        return None
    path = "" if path == "." else path
    for candidate in (path, f"{path}/index.html".lstrip("/")):
        if candidate in files:
            return candidate
    return None


def _ids(data: bytes) -> frozenset[str]:
    return frozenset(
        _text(m.group(1)) for pattern in _ANCHORS for m in pattern.finditer(data) if data[m.start() - 1] in _SPACES
    )


def _text(value: bytes) -> str:
    text = value.decode("utf-8")
    return html.unescape(text) if "&" in text else text
