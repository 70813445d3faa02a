"""Challenge briefs: Markdown written by maintainers, published as HTML that cannot run anything.

Why render then clean, rather than escape the source: briefs are legitimately rich (headings, lists,
code, tables, links), so escaping them like member text would break them; but a brief comes in through
a pull request, and a reviewer can miss `<img onerror=...>` or `[x](javascript:...)` in a long diff. So
the brief is converted to HTML here with a fixed set of extensions, then every element and attribute
outside a small allowlist is dropped, and links keep only http(s), mailto and relative targets.
The result is re-serialised from parsed tokens (text is re-escaped), so no unparsed markup gets through,
and it is placed in the page as one raw HTML block that Markdown and mkdocs-macros leave alone.
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

import markdown

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "blockquote",
        "br",
        "code",
        "del",
        "em",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "kbd",
        "li",
        "ol",
        "p",
        "pre",
        "strong",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": frozenset({"href", "title"}),
    "code": frozenset({"class"}),
    "abbr": frozenset({"title"}),
    "td": frozenset({"align"}),
    "th": frozenset({"align"}),
}
# Elements whose content is code or styling, never text to show.
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "template", "noscript", "textarea", "title", "svg", "math"}
)
SAFE_SCHEMES = ("http://", "https://", "mailto:")
VOID_TAGS = frozenset({"br", "hr"})
# The page has its own <h1>: a brief's top headings move one level down.
RENAMED = {"h1": "h2"}
EXTENSIONS = ("fenced_code", "tables", "sane_lists", "abbr")


def markdown_html(source: str) -> str:
    """Maintainer Markdown -> sanitised HTML fragment."""
    html = markdown.markdown(source, extensions=list(EXTENSIONS), output_format="html")
    return clean(html)


def safe_url(url: str) -> bool:
    compact = "".join(url.split()).lower()
    if compact.startswith(SAFE_SCHEMES):
        return True
    # Relative links and anchors only: no scheme (a colon before any '/', '?' or '#') at all.
    head = compact.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return ":" not in head and not compact.startswith("//")


def clean(html: str) -> str:
    cleaner = _Cleaner()
    cleaner.feed(html)
    cleaner.close()
    return "".join(cleaner.out + [f"</{tag}>" for tag in reversed(cleaner.open)])


class _Cleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = RENAMED.get(tag, tag)
        if tag in DROPPED_WITH_CONTENT:
            self.dropping += 1
        elif not self.dropping and tag in ALLOWED_TAGS:
            self.out.append(f"<{tag}{_attributes(tag, attrs)}>")
            if tag not in VOID_TAGS:
                self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.dropping and tag in VOID_TAGS:
            self.out.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        tag = RENAMED.get(tag, tag)
        if tag in DROPPED_WITH_CONTENT:
            self.dropping = max(0, self.dropping - 1)
        elif not self.dropping and tag in self.open:
            while self.open:  # close what was left open inside, keeping the tree well formed
                inner = self.open.pop()
                self.out.append(f"</{inner}>")
                if inner == tag:
                    break

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            # Braces too: the page may one day pass through a template engine.
            self.out.append(escape(data, quote=False).replace("{", "&#123;").replace("}", "&#125;"))


def _attributes(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    kept = []
    for name, value in attrs:
        if name not in ALLOWED_ATTRIBUTES.get(tag, ()) or value is None:
            continue
        if name == "href" and not safe_url(value):
            continue
        if name == "class" and not value.startswith("language-"):
            continue
        kept.append(f' {name}="{escape(value, quote=True)}"')
    if tag == "a" and any(name == "href" for name, _ in attrs):
        kept.append(' rel="nofollow noopener"')
    return "".join(sorted(kept))
