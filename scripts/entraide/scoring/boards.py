"""Leaderboards for each window of `rules.leaderboards`.

Rows hold every member with points in the window (moderator-hidden members and bots excluded), ranked by
points, then whoever reached their total first, then login. Rows are not cut at the window's `limit`:
the pages drop non-public members first and then cut, so a private member never takes a public place.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate
from operator import attrgetter

from entraide.content.models import LeaderboardWindow, Member, Rules
from entraide.scoring.model import Award, Leaderboard, LeaderboardRow


def leaderboards(
    awards: tuple[Award, ...], members: Iterable[Member], *, rules: Rules, as_of: dt.date
) -> tuple[Leaderboard, ...]:
    hidden = {login.casefold() for login in (*rules.privacy.hidden, *rules.bots)}
    shown = [member for member in members if member.login.casefold() not in hidden]
    by_member: dict[int, _Earned] = {}
    for member_id, at, points in map(_READ, awards):  # grouped once: a cohort's board reads only its members'
        earned = by_member.get(member_id)
        if earned is None:
            earned = by_member[member_id] = _Earned()
        earned.ats.append(at)
        earned.points.append(points)
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


Keep = tuple[dt.datetime, dt.datetime] | None  # awarded within [start, end) UTC; None: every award counts


class _Earned:
    """One member's awards in time order; any window's sum is two bisections and two running totals."""

    __slots__ = ("ats", "points", "running")

    def __init__(self) -> None:
        self.ats: list[dt.datetime] = []
        self.points: list[int] = []
        self.running: list[int] | None = None

    def within(self, keep: Keep) -> tuple[int, dt.datetime] | None:
        """(points, when the last of them was awarded) in the window; None when none falls in it."""
        ats = self.ats
        low, high = (0, len(ats)) if keep is None else (bisect_left(ats, keep[0]), bisect_left(ats, keep[1]))
        if high <= low:
            return None
        if self.running is None:
            self.running = list(accumulate(self.points, initial=0))
        return self.running[high] - self.running[low], ats[high - 1]


_READ = attrgetter("member_id", "at", "points")


def _scopes(
    window: LeaderboardWindow, members: list[Member], *, rules: Rules, as_of: dt.date
) -> list[tuple[str | None, list[Member], Keep]]:
    if window.window == "all_time":
        return [(None, members, None)]
    if window.window == "month":
        first = as_of.replace(day=1)
        after = (first + dt.timedelta(days=31)).replace(day=1)
        return [(as_of.strftime("%Y-%m"), members, _between(first, after - dt.timedelta(days=1)))]
    if window.window == "cohort":
        return [(c.id, [m for m in members if m.cohort == c.id], _between(c.start, c.end)) for c in rules.cohorts]
    return [(t.id, [m for m in members if m.track == t.id], None) for t in rules.tracks]


def _between(start: dt.date, end: dt.date) -> Keep:
    """Awarded from the first instant of `start` to the last of `end` (UTC), both days included."""
    last = dt.datetime.max.replace(tzinfo=dt.UTC) if end == dt.date.max else _midnight(end + dt.timedelta(days=1))
    return _midnight(start), last


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def _scope_name(window: LeaderboardWindow, scope: str, rules: Rules) -> str:
    names = (
        {c.id: c.name for c in rules.cohorts}
        if window.window == "cohort"
        else {t.id: t.name for t in rules.tracks}
        if window.window == "track"
        else {}
    )
    return names.get(scope, scope)


def _rows(by_member: dict[int, _Earned], members: list[Member], keep: Keep) -> tuple[LeaderboardRow, ...]:
    people = {member.id: member for member in members}
    totals: dict[int, int] = {}
    reached: dict[int, dt.datetime] = {}
    for member_id in people:
        earned = by_member.get(member_id)
        found = earned.within(keep) if earned is not None else None
        if found is not None:  # awards come in time order: the last one in the window reached the total
            totals[member_id], reached[member_id] = found
    order = sorted(totals, key=lambda mid: (-totals[mid], reached[mid], people[mid].login.casefold(), mid))
    return tuple(
        LeaderboardRow.trusted(rank=rank, member_id=mid, login=people[mid].login, points=totals[mid])
        for rank, mid in enumerate(order, start=1)
    )
