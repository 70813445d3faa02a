"""Pieces shared by the renderers: who may appear, page framing, links, tables."""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterable, Sequence

from entraide.content.models import Community, Member
from entraide.scoring.model import Award, Leaderboard, Ledger, Reason, Standing
from entraide.site.pages.escape import text, yaml_string
from entraide.site.pages.escape import title as safe_title


def public_members(community: Community) -> dict[int, Member]:
    """Members who consented to a public profile and whom moderators did not hide, by GitHub id."""
    return community.public_members()


def standings_by_id(ledger: Ledger) -> dict[int, Standing]:
    return {standing.member_id: standing for standing in ledger.standings}


def public_ranking(
    board: Leaderboard, public: dict[int, Member], *, limit: int | None = None
) -> list[tuple[int, Member, int]]:
    """(rank, member, points) among public rows only, in the ledger's order.

    Ranks are recomputed among the people shown (ties share a rank: 1, 2, 2, 4) rather than shown with
    gaps: a gap would tell readers that someone who asked not to appear sits between two names.
    """
    ranked: list[tuple[int, Member, int]] = []
    for row in board.rows:
        member = public.get(row.member_id)
        if member is None:
            continue
        tied = ranked and ranked[-1][2] == row.points
        ranked.append((ranked[-1][0] if tied else len(ranked) + 1, member, row.points))
    return ranked[:limit] if limit is not None else ranked


def front_matter_page(page_title: str, body: str, *, fallback: str, searchable: bool = True) -> str:
    """A complete Markdown page; the title slot only ever holds characters that are safe everywhere.
    `searchable=False` keeps the page out of the search index (both generators read `search: exclude`)."""
    safe = safe_title(page_title, fallback=fallback)
    hidden = "" if searchable else "search:\n  exclude: true\n"
    return (
        f"---\ntitle: {yaml_string(safe)}\n{hidden}---\n\n# {text(page_title) or text(fallback)}\n\n{body.rstrip()}\n"
    )


def member_link(member: Member, *, base: str) -> str:
    return f"[{text(member.display_name)}]({base}membres/{member.login}.md)"


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], *, align: str | None = None) -> str:
    """A Markdown table; cells must already be escaped. `align` is one of 'l'/'r' per column."""
    aligns = align or "l" * len(headers)
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---:" if a == "r" else "---" for a in aligns) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def live_awards(ledger: Ledger) -> list[Award]:
    """Awards still standing (not revoked), oldest first: a list of the caller's own. Several sources of a
    build ask (profiles, challenges, the open ledger): the last ledger's are kept (its awards' places, no
    award copied) and copied out in C."""
    if not (_LIVE and _LIVE[0][0] is ledger):
        _LIVE[:] = [(ledger, _live(ledger))]
    return list(_LIVE[0][1])


_LIVE: list[tuple[Ledger, list[Award]]] = []  # the last ledger asked about, and its live awards


def _live(ledger: Ledger) -> list[Award]:
    """Hashing an award hashes all its fields (its event ids' tuple too): ~1 µs each, half a second at a
    million events, for a few hundred revocations. An award equal to a revoked one has its moment, so the
    moments are tested first, in C (their hashes are kept by the datetimes), and only the awards at a revoked
    award's moment are compared whole."""
    revoked = {revocation.award for revocation in ledger.revoked}
    awards = ledger.awards
    if not revoked:
        return list(awards)
    moments = {award.at for award in revoked}
    keep = [True] * len(awards)
    for index in itertools.compress(range(len(awards)), map(moments.__contains__, map(_AT, awards))):
        if awards[index] in revoked:
            keep[index] = False
    return list(itertools.compress(awards, keep))


_AT = operator.attrgetter("at")


def board_slug(board: Leaderboard) -> str:
    """File name for a leaderboard: its id, reduced to characters safe in a path."""
    cleaned = "".join(ch if ch.isascii() and (ch.isalnum() or ch == "-") else "-" for ch in board.id.lower())
    return cleaned.strip("-") or "classement"


def default_board(ledger: Ledger) -> Leaderboard | None:
    """The leaderboard the home page shows: the all-time one when there is one."""
    boards = ledger.leaderboards
    return next((b for b in boards if b.window == "all_time"), boards[0] if boards else None)


class ChallengeSlugs(dict[str, str | None]):
    """The challenge of each award reason (`Award.challenge`: a slug or None), worked out once per reason text
    and then read as a plain dict read: hundreds of thousands of awards, a few dozen reasons."""

    def __missing__(self, reason: str) -> str | None:
        slug = self[reason] = Reason.of(reason).challenge_slug
        return slug
