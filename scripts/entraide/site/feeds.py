"""Feeds for feed readers: new success stories (the blog's posts), new challenges and upcoming events,
each as Atom (flux-<name>.xml) and RSS 2.0 (flux-<name>.rss). overrides/main.html lists them in the
head of every page.

Stories come from docs/temoignages/posts/ (front matter: date, authors, categories); a story whose author is
not a public member (no consent, or hidden by moderators) stops the build, naming the file. Every piece of text goes through `escape.xml`.
"""

from __future__ import annotations

import datetime as dt
from email.utils import format_datetime

from entraide.content import yamlfile
from entraide.content.errors import N_, Problem, UserError
from entraide.content.i18n import Translator
from entraide.content.models import Challenge, Frozen
from entraide.site.agenda import starts_at
from entraide.site.context import Pages, SiteContext
from entraide.site.pages.common import public_members
from entraide.site.pages.escape import xml

POSTS = "temoignages/posts/"


class Entry(Frozen):
    id: str
    title: str
    link: str
    at: dt.datetime
    summary: str = ""
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()


def pages(ctx: SiteContext) -> Pages:
    base = (ctx.community.rules.site_url or "").rstrip("/") + "/"
    if base == "/":
        return {}
    feeds = {
        "temoignages": stories(ctx, base=base),
        "defis": challenges(ctx, base=base),
        "evenements": events(ctx, base=base),
    }
    result: Pages = {}
    for name, entries in feeds.items():
        title = f"{ctx.community.rules.name} · {_feed_title(name, tr=ctx.tr)}"
        result[f"flux-{name}.xml"] = atom(entries, title=title, base=base, name=name, as_of=ctx.as_of)
        result[f"flux-{name}.rss"] = rss(entries, title=title, base=base, name=name)
    return result


def front_matter(text: str, *, path: str) -> dict[str, object]:
    if not text.startswith("---\n"):
        return {}
    head = text[4:].split("\n---", 1)[0]
    try:
        data, _ = yamlfile.loads(head, path=path, line_offset=1)
    except UserError:
        return {}  # MkDocs reports a broken front matter itself
    return data if isinstance(data, dict) else {}


def stories(ctx: SiteContext, *, base: str) -> list[Entry]:
    public = {m.login.casefold(): m for m in public_members(ctx.community).values()}
    entries = []
    for path, text in sorted(ctx.docs.items()):
        if not path.startswith(POSTS):
            continue
        meta = front_matter(text, path=f"docs/{path}")
        authors = _strings(meta.get("authors"))
        day = _date(meta.get("date"))
        hidden = [a for a in authors if a.casefold() not in public]
        if hidden:
            message = N_("{logins}: a story's author must be a member with a public profile", logins=", ".join(hidden))
            raise UserError([Problem(path=f"docs/{path}", field="authors", message=message)])
        if day is None or not authors:
            continue
        title = next((line[2:] for line in text.splitlines() if line.startswith("# ")), path)
        slug = str(meta.get("slug") or path.rsplit("/", 1)[-1].removesuffix(".md"))
        link = f"{base}temoignages/{day:%Y/%m/%d}/{slug}/"
        names = tuple(public[a.casefold()].display_name for a in authors)
        cats = _strings(meta.get("categories"))
        entries.append(Entry(id=link, title=title, link=link, at=_midnight(day), authors=names, categories=cats))
    return _newest_first(entries)


def _feed_title(name: str, *, tr: Translator) -> str:
    titles = {"temoignages": tr.gettext("Stories"), "defis": tr.gettext("New challenges")}
    return titles.get(name) or tr.gettext("Upcoming events")


def _summary(challenge: Challenge, *, tr: Translator) -> str:
    """« Niveau 2, 30 points, badge « Balises justes » »"""
    points = tr.ngettext("{n} point", "{n} points", challenge.points).format(n=tr.number(challenge.points))
    summary = tr.gettext("Level {n}").format(n=challenge.level) + ", " + points
    return summary + (", " + tr.gettext("badge “{name}”").format(name=challenge.badge) if challenge.badge else "")


def challenges(ctx: SiteContext, *, base: str) -> list[Entry]:
    first_seen = _first_seen(ctx)
    entries = []
    for c in ctx.community.challenges:
        day = c.opens or first_seen.get(c.slug) or ctx.as_of
        link = f"{base}defis/{c.slug}/"
        summary = _summary(c, tr=ctx.tr)
        entries.append(
            Entry(id=link, title=c.title, link=link, at=_midnight(day), summary=summary, categories=(c.track,))
        )
    return _newest_first(entries)


def _first_seen(ctx: SiteContext) -> dict[str, dt.date]:
    seen: dict[str, dt.date] = {}
    for event in ctx.events:
        slug = event.challenge
        if slug and (slug not in seen or event.at.date() < seen[slug]):
            seen[slug] = event.at.date()
    return seen


def events(ctx: SiteContext, *, base: str) -> list[Entry]:
    entries = []
    for item in ctx.community.rules.agenda:
        start = starts_at(item)
        if start.date() < ctx.as_of:
            continue
        link = f"{base}evenements/"
        summary = f"{start:%Y-%m-%d %H:%M} ({item.timezone}), {item.duration_minutes} min. {item.description}"
        entries.append(Entry(id=f"{base}evenements/{item.id}", title=item.title, link=link, at=start, summary=summary))
    return sorted(entries, key=lambda e: (e.at, e.id))


def _strings(value: object) -> tuple[str, ...]:
    """A front-matter list of names (a single name counts as a list of one)."""
    if isinstance(value, list | tuple):
        return tuple(str(item) for item in value)
    return (str(value),) if value else ()


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def _newest_first(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.at, e.id), reverse=True)


def atom(entries: list[Entry], *, title: str, base: str, name: str, as_of: dt.date) -> str:
    updated = max((e.at for e in entries), default=_midnight(as_of)).isoformat()
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{xml(title)}</title>",
        f"  <id>{xml(base)}flux-{name}.xml</id>",
        f'  <link rel="self" type="application/atom+xml" href="{xml(base)}flux-{name}.xml"/>',
        f'  <link rel="alternate" type="text/html" href="{xml(base)}"/>',
        f"  <updated>{updated}</updated>",
        f"  <author><name>{xml(title.split(' · ')[0])}</name></author>",
    ]
    for e in entries:
        lines += [
            "  <entry>",
            f"    <title>{xml(e.title)}</title>",
            f"    <id>{xml(e.id)}</id>",
            f'    <link rel="alternate" type="text/html" href="{xml(e.link)}"/>',
            f"    <updated>{e.at.isoformat()}</updated>",
            *[f"    <author><name>{xml(a)}</name></author>" for a in e.authors],
            *[f'    <category term="{xml(c)}"/>' for c in e.categories],
            *([f"    <summary>{xml(e.summary)}</summary>"] if e.summary else []),
            "  </entry>",
        ]
    return "\n".join([*lines, "</feed>"]) + "\n"


def rss(entries: list[Entry], *, title: str, base: str, name: str) -> str:
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
        "  <channel>",
        f"    <title>{xml(title)}</title>",
        f"    <link>{xml(base)}</link>",
        f"    <description>{xml(title)}</description>",
        f'    <atom:link rel="self" type="application/rss+xml" href="{xml(base)}flux-{name}.rss"/>',
    ]
    for e in entries:
        lines += [
            "    <item>",
            f"      <title>{xml(e.title)}</title>",
            f"      <link>{xml(e.link)}</link>",
            f'      <guid isPermaLink="false">{xml(e.id)}</guid>',
            f"      <pubDate>{format_datetime(e.at)}</pubDate>",
            *[f"      <category>{xml(c)}</category>" for c in e.categories],
            *([f"      <description>{xml(e.summary)}</description>"] if e.summary else []),
            "    </item>",
        ]
    return "\n".join([*lines, "  </channel>", "</rss>"]) + "\n"
