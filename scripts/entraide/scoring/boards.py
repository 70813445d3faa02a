"""Leaderboards for each window of `rules.leaderboards`.

Rows hold every member with points in the window (moderator-hidden members and bots excluded), ranked by
points, then whoever reached their total first, then login. Rows are not cut at the window's `limit`:
the pages drop non-public members first and then cut, so a private member never takes a public place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from entraide.content.models import LeaderboardWindow, Member, Rules
from entraide.scoring.model import Award, Leaderboard, LeaderboardRow


def leaderboards(
    awards: tuple[Award, ...], members: Iterable[Member], *, rules: Rules, as_of: dt.date
) -> tuple[Leaderboard, ...]:
    hidden = {login.casefold() for login in (*rules.privacy.hidden, *rules.bots)}
    shown = [member for member in members if member.login.casefold() not in hidden]
    by_member: dict[int, list[Award]] = {}
    for award in awards:  # grouped once, so that a cohort's board reads only its members' awards
        by_member.setdefault(award.member_id, []).append(award)
    boards = []
    for window in rules.leaderboards:
        ranked = [member for member in shown if not window.roles or member.role in window.roles]
        for scope, people, keep in _scopes(window, ranked, rules=rules, as_of=as_of):
            board_id = window.id if scope is None else f"{window.id}-{scope}"
            title = window.title if scope is None else f"{window.title} · {_scope_name(window, scope, rules)}"
            boards.append(
                Leaderboard(
                    id=board_id, title=title, window=window.window, scope=scope, rows=_rows(by_member, people, keep)
                )
            )
    return tuple(boards)


Keep = Callable[[Award], bool] | None  # None: every award counts


def _scopes(
    window: LeaderboardWindow, members: list[Member], *, rules: Rules, as_of: dt.date
) -> list[tuple[str | None, list[Member], Keep]]:
    if window.window == "all_time":
        return [(None, members, None)]
    if window.window == "month":
        month, year_month = as_of.strftime("%Y-%m"), (as_of.year, as_of.month)
        return [(month, members, lambda award: (award.at.year, award.at.month) == year_month)]
    if window.window == "cohort":
        return [(c.id, [m for m in members if m.cohort == c.id], _between(c.start, c.end)) for c in rules.cohorts]
    return [(t.id, [m for m in members if m.track == t.id], None) for t in rules.tracks]


def _between(start: dt.date, end: dt.date) -> Callable[[Award], bool]:
    return lambda award: start <= award.at.date() <= end


def _scope_name(window: LeaderboardWindow, scope: str, rules: Rules) -> str:
    names = (
        {c.id: c.name for c in rules.cohorts}
        if window.window == "cohort"
        else {t.id: t.name for t in rules.tracks}
        if window.window == "track"
        else {}
    )
    return names.get(scope, scope)


def _rows(by_member: dict[int, list[Award]], members: list[Member], keep: Keep) -> tuple[LeaderboardRow, ...]:
    people = {member.id: member for member in members}
    totals: dict[int, int] = {}
    reached: dict[int, dt.datetime] = {}
    for member_id in people:
        awards = by_member.get(member_id, ())  # in time order: the last one reached the total
        kept = awards if keep is None else [award for award in awards if keep(award)]
        if kept:
            totals[member_id] = sum(award.points for award in kept)
            reached[member_id] = kept[-1].at
    order = sorted(totals, key=lambda mid: (-totals[mid], reached[mid], people[mid].login.casefold(), mid))
    return tuple(
        LeaderboardRow.trusted(rank=rank, member_id=mid, login=people[mid].login, points=totals[mid])
        for rank, mid in enumerate(order, start=1)
    )
