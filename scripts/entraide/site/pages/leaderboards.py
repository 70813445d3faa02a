"""Leaderboard pages: an index of every window and one page per window (classements/)."""

from __future__ import annotations

from entraide.content.models import Member
from entraide.scoring.model import Leaderboard
from entraide.site.context import SiteContext
from entraide.site.pages.common import (
    board_slug,
    front_matter_page,
    member_link,
    public_ranking,
    standings_by_id,
    table,
)
from entraide.site.pages.escape import text


def leaderboard_table(
    board: Leaderboard, *, ctx: SiteContext, public: dict[int, Member], base: str, limit: int | None = None
) -> str:
    """The ranked public rows of `board` as a Markdown table (or a sentence when empty)."""
    tr = ctx.tr
    levels = {member_id: standing.level for member_id, standing in standings_by_id(ctx.ledger).items()}
    ranking = public_ranking(board, public, limit=limit)
    if not ranking:
        return f"*{tr.gettext('No points in this leaderboard yet.')}*"
    rows = [
        (rank, member_link(member, base=base), text(levels.get(member.id, "")), points)
        for rank, member, points in ranking
    ]
    body = table(
        [tr.gettext("Rank"), tr.gettext("Name"), tr.gettext("Level"), tr.gettext("Points")], rows, align="rllr"
    )
    return f'<div class="entraide-leaderboard" markdown>\n\n{body}\n\n</div>'


def board_limit(board: Leaderboard, *, ctx: SiteContext) -> int | None:
    """The `limit` entraide.yml gives the board's window (boards of a scope carry '<id>-<scope>' ids)."""
    for rule in ctx.community.rules.leaderboards:
        if rule.window == board.window and (board.id == rule.id or board.id.startswith(f"{rule.id}-")):
            return rule.limit
    return None


def leaderboard_pages(ctx: SiteContext, *, public: dict[int, Member]) -> dict[str, str]:
    tr = ctx.tr
    pages = {}
    for board in ctx.ledger.leaderboards:
        body = "\n\n".join(
            [
                f"{tr.gettext('Data as of')} {ctx.tr.long_date(ctx.as_of)}. {tr.gettext('Ranks computed among public profiles; ties share a rank.')}",
                leaderboard_table(board, ctx=ctx, public=public, base="../", limit=board_limit(board, ctx=ctx)),
            ]
        )
        pages[f"classements/{board_slug(board)}.md"] = front_matter_page(
            board.title, body, fallback=tr.gettext("Leaderboard")
        )
    pages["classements/index.md"] = _index(ctx, public=public)
    return pages


def _index(ctx: SiteContext, *, public: dict[int, Member]) -> str:
    tr = ctx.tr
    sections = [
        f"{tr.gettext('Data as of')} {ctx.tr.long_date(ctx.as_of)}. {tr.gettext('Ranks computed among public profiles; ties share a rank.')}"
    ]
    for board in ctx.ledger.leaderboards:
        sections.append(f"## [{text(board.title)}]({board_slug(board)}.md)")
        sections.append(leaderboard_table(board, ctx=ctx, public=public, base="../", limit=5))
    return front_matter_page(tr.gettext("Leaderboards"), "\n\n".join(sections), fallback=tr.gettext("Leaderboards"))
