"""The members index: the people who opted in, INDEX_PAGE_SIZE a page (membres/index.md, membres/page-2.md...)."""

from __future__ import annotations

from pathlib import PurePosixPath

from entraide.content.i18n import Translator
from entraide.content.models import Member
from entraide.scoring.model import Standing
from entraide.site.context import SiteContext
from entraide.site.pages.common import front_matter_page, member_link, table
from entraide.site.pages.escape import text, xml
from entraide.site.pages.labels import role_label

INDEX_PAGE_SIZE = 250  # members listed on one index page (500 were refused by Zensical's search at 5,000 members)


def members_index_pages(
    ctx: SiteContext, *, public: dict[int, Member], standings: dict[int, Standing]
) -> dict[str, str]:
    """The list of public members, INDEX_PAGE_SIZE a page: membres/index.md, then membres/page-2.md...

    A page listing thousands of people is slow to read and heavy to search (Zensical's search refuses a
    page past 32,768 words); a community of up to INDEX_PAGE_SIZE members gets one page, as before.
    """
    tr = ctx.tr
    tracks = {t.id: t.name for t in ctx.community.rules.tracks}
    ordered = sorted(public.values(), key=lambda m: (m.display_name.casefold(), m.login.lower()))
    chunks = [ordered[i : i + INDEX_PAGE_SIZE] for i in range(0, len(ordered), INDEX_PAGE_SIZE)] or [[]]
    return {
        _index_path(number): _index_page(
            chunk, number=number, count=len(chunks), ctx=ctx, tr=tr, tracks=tracks, standings=standings
        )
        for number, chunk in enumerate(chunks, start=1)
    }


def _index_path(number: int) -> str:
    return "membres/index.md" if number == 1 else f"membres/page-{number}.md"


def _index_page(
    chunk: list[Member],
    *,
    number: int,
    count: int,
    ctx: SiteContext,
    tr: Translator,
    tracks: dict[str, str],
    standings: dict[int, Standing],
) -> str:
    rows = [
        (
            member_link(m, base="../"),
            role_label(m.role.value, tr=tr),
            text(tracks.get(m.track or "", m.track or "")),
            text(standings[m.id].level) if m.id in standings else "",
            standings[m.id].points if m.id in standings else 0,
        )
        for m in chunk
    ]
    listing = (
        table(
            [tr.gettext("Name"), tr.gettext("Role"), tr.gettext("Track"), tr.gettext("Level"), tr.gettext("Points")],
            rows,
            align="llllr",
        )
        if rows
        else f"*{tr.gettext('Nobody yet.')}*"
    )
    pager = _pager(number, count, tr=tr)
    body = (
        tr.gettext("Only people who agreed to appear publicly are listed.")
        + "\n\n"
        + (f"{pager}\n\n{listing}\n\n{pager}" if count > 1 else listing)
    )
    title = tr.gettext("Members") if count == 1 else f"{tr.gettext('Members')} ({number}/{count})"
    return front_matter_page(title, body, fallback=tr.gettext("Members"))


def _pager(number: int, count: int, *, tr: Translator) -> str:
    """Previous, every page number, next, in a landmark screen readers name, the current page marked as such.
    Markdown links inside the HTML (md_in_html), so both generators resolve and check them like any link."""
    links = [
        f'[{n}]({_href(n)}){{ aria-current="page" }}' if n == number else f"[{n}]({_href(n)})"
        for n in range(1, count + 1)
    ]
    if number > 1:
        links.insert(0, f'[← {tr.gettext("Previous page")}]({_href(number - 1)}){{ rel="prev" }}')
    if number < count:
        links.append(f'[{tr.gettext("Next page")} →]({_href(number + 1)}){{ rel="next" }}')
    label = xml(tr.gettext("Pages of the members list"))
    return f'<nav class="entraide-pager" aria-label="{label}" markdown="1">\n\n' + " · ".join(links) + "\n\n</nav>"


def _href(number: int) -> str:
    """The link from one index page to another: they sit side by side in membres/."""
    return PurePosixPath(_index_path(number)).name
