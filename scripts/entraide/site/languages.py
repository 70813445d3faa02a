"""A site in one language or several: which languages, where each lives, and which pages each one shows.

`languages: [fr, en]` in entraide.yml publishes the whole site once per language: the first at the site's
root, each other under /<code>/ (so /membres/lea/ and /en/membres/lea/ are the same page). Every generated
page is rendered once per language (`localized`); a hand-written page `page.md` is translated side by side
as `page.<code>.md` (`page_sources`). Both the MkDocs hook and `entraide pages` (Zensical's staging) take
their pages from here, so both generators publish the same pages in the same places.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from entraide.content.i18n import split_language, translator
from entraide.content.models import Rules
from entraide.site.context import SiteContext

NAMES = {"fr": "Français", "en": "English"}  # each language named in itself, as the switch shows it


def site_languages(rules: Rules) -> tuple[str, ...]:
    """The languages the site is published in, the first at its root (each once)."""
    return tuple(dict.fromkeys(rules.languages)) or (rules.language,)


def folder(language: str, languages: tuple[str, ...]) -> str:
    """Where `language`'s site sits under the site's root: '' for the first language, 'en/' for another."""
    return "" if language == languages[0] else f"{language}/"


def localized(ctx: SiteContext, language: str) -> SiteContext:
    """The same community and history, read in `language`: its texts, dates and numbers, and its pages."""
    rules = ctx.community.rules.model_copy(update={"language": language})
    community = ctx.community.model_copy(update={"rules": rules})
    docs = {target: ctx.docs[source] for target, source in page_sources(ctx.docs, language).items()}
    return dataclasses.replace(ctx, community=community, tr=translator(language), docs=docs)


def page_sources(paths: Iterable[str], language: str) -> dict[str, str]:
    """{page the `language` site shows: hand-written file it comes from}. `guide/index.en.md` is the English
    `guide/index.md`; a page with no translation into `language` shows as written; a translation into another
    language is not a page of its own."""
    chosen: dict[str, str] = {}
    for path in sorted(paths):
        page, written_in = split_language(path)
        if written_in is None:
            chosen.setdefault(page, path)
        elif written_in == language:
            chosen[page] = path
    return chosen


def alternates(languages: tuple[str, ...], current: str, site_url: str | None) -> list[dict[str, str]]:
    """The language switch (Material's `extra.alternate`) as seen from `current`'s site: for each language its
    name, its code, `link` (its root, relative to the current site's root) and `root` (its absolute address)."""
    up = "" if current == languages[0] else "../"
    entries = []
    for language in languages:
        link = up + folder(language, languages)
        root = f"{site_url.rstrip('/')}/{folder(language, languages)}" if site_url else ""
        entries.append({"name": NAMES.get(language, language), "lang": language, "link": link, "root": root})
    return entries


def translated_nav(nav: object, labels: Mapping[str, str]) -> object:
    """mkdocs.yml's `nav:` with its labels replaced by their translation (`extra.nav_translations.<code>`)."""
    if isinstance(nav, list):
        return [translated_nav(entry, labels) for entry in nav]
    if isinstance(nav, dict):
        return {labels.get(label, label): translated_nav(target, labels) for label, target in nav.items()}
    return nav


def configure(config: Any, rules: Rules, current: str) -> dict[str, str]:
    """Set, in a generator's configuration (MkDocs' own, or the mkdocs.yml mapping staged for Zensical), what
    changes for `current`'s site: the theme's language, the navigation's and the toggles' labels, the switch
    and the site's address. Returns the labels' translations, for the names plugins show."""
    languages = site_languages(rules)
    extra, theme = config["extra"], config["theme"]
    translations = extra.get("nav_translations")
    labels = dict((translations.get(current) if isinstance(translations, dict) else None) or {})
    extra["entraide_language"] = current
    theme["language"] = current
    config["nav"] = translated_nav(config.get("nav"), labels)
    if len(languages) > 1:
        extra["alternate"] = True  # the theme shows the switch (overrides/partials/alternate.html)
        extra["entraide_alternates"] = alternates(languages, current, rules.site_url)
    if rules.site_url:
        config["site_url"] = rules.site_url.rstrip("/") + "/" + folder(current, languages)
    if "palette" in theme:
        theme["palette"] = translated_palette(theme["palette"], labels)
    return labels


def translated_palette(palette: object, labels: Mapping[str, str]) -> object:
    """The theme's light/dark toggles (`theme.palette`) with their names translated like the navigation."""
    if not isinstance(palette, list):
        return palette
    translated = []
    for scheme in palette:
        toggle = scheme.get("toggle") if isinstance(scheme, dict) else None
        if isinstance(toggle, dict) and toggle.get("name") in labels:
            scheme = {**scheme, "toggle": {**toggle, "name": labels[toggle["name"]]}}
        translated.append(scheme)
    return translated


def merged_sitemap(sitemap: str, others: Iterable[str]) -> str:
    """The root sitemap listing every language's pages: the other sites' <url> entries added to the first's."""
    entries = "".join(
        other[other.find("<url>") : other.rfind("</url>") + len("</url>")] + "\n"
        for other in others
        if "<url>" in other
    )
    end = sitemap.rfind("</urlset>")
    return sitemap if end < 0 or not entries else sitemap[:end] + entries + sitemap[end:]
