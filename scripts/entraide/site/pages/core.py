"""The core page source: leaderboards, challenges, badges and members (see `entraide.site.build.page_sources`)."""

from __future__ import annotations

from collections.abc import Iterator

from entraide.site.context import Rendered, SiteContext
from entraide.site.pages.badges import badge_pages
from entraide.site.pages.challenges import challenge_pages
from entraide.site.pages.common import public_members
from entraide.site.pages.leaderboards import leaderboard_pages
from entraide.site.pages.members import member_pages


def pages(ctx: SiteContext) -> Rendered:
    """Every core page, keyed by its path under docs/, rendered one at a time as they are read (a profile per
    public member: at ten million events, over a gigabyte of pages). Only public members are ever passed down."""
    return Rendered(lambda: _each(ctx))


def _each(ctx: SiteContext) -> Iterator[tuple[str, str]]:
    public = public_members(ctx.community)
    for part in (leaderboard_pages, challenge_pages, badge_pages):
        yield from part(ctx, public=public).items()
    yield from member_pages(ctx, public=public)
