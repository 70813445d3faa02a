"""The core page source: leaderboards, challenges, badges and members (see `entraide.site.build.page_sources`)."""

from __future__ import annotations

from entraide.site.context import SiteContext
from entraide.site.pages.badges import badge_pages
from entraide.site.pages.challenges import challenge_pages
from entraide.site.pages.common import public_members
from entraide.site.pages.leaderboards import leaderboard_pages
from entraide.site.pages.members import member_pages


def pages(ctx: SiteContext) -> dict[str, str]:
    """Every core page, keyed by its path under docs/. Only public members are ever passed down."""
    public = public_members(ctx.community)
    result: dict[str, str] = {}
    for part in (leaderboard_pages, challenge_pages, badge_pages, member_pages):
        result.update(part(ctx, public=public))
    return result
