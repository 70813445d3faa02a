"""Leaderboards for each window of `rules.leaderboards`.

Rows hold every member with points in the window (moderator-hidden members and bots excluded), ranked by
points, then whoever reached their total first, then login. Rows are not cut at the window's `limit`:
the pages drop non-public members first and then cut, so a private member never takes a public place.
"""

from __future__ import annotations

import datetime as dt
import operator
from bisect import bisect_left
from collections.abc import Iterable
from operator import attrgetter

import numpy as np

from entraide.content.models import LeaderboardWindow, Member, Rules
from entraide.scoring.model import Award, Leaderboard, LeaderboardRow


def leaderboards(
    awards: tuple[Award, ...], members: Iterable[Member], *, rules: Rules, as_of: dt.date
) -> tuple[Leaderboard, ...]:
    hidden = {login.casefold() for login in (*rules.privacy.hidden, *rules.bots)}
    shown = [member for member in members if member.login.casefold() not in hidden]
    earned = _Earned(awards)
    boards = []
    for window in rules.leaderboards:
        ranked = [member for member in shown if not window.roles or member.role in window.roles]
        for scope, people, keep in _scopes(window, ranked, rules=rules, as_of=as_of):
            board_id = window.id if scope is None else f"{window.id}-{scope}"
            title = window.title if scope is None else f"{window.title} · {_scope_name(window, scope, rules)}"
            boards.append(
                Leaderboard(
                    id=board_id, title=title, window=window.window, scope=scope, rows=_rows(earned, people, keep)
                )
            )
    return tuple(boards)


Keep = tuple[dt.datetime, dt.datetime] | None  # awarded within [start, end) UTC; None: every award counts


class _Earned:
    """The awards as columns (member code, points) beside their moments, in time order: any window is one
    slice of them (two bisections of the moments), its totals and last awards per member a few array
    operations, computed once per distinct window (the all-time board and every track's share one)."""

    def __init__(self, awards: tuple[Award, ...]) -> None:
        self.ats: list[dt.datetime] = list(map(_AT, awards))
        ids = list(map(_MEMBER, awards))
        self.position = {member_id: code for code, member_id in enumerate(sorted(set(ids)))}
        count = len(ids)
        self.codes = np.fromiter(map(self.position.__getitem__, ids), np.int64, count)
        self.points = np.fromiter(map(_POINTS, awards), np.int64, count)
        # Equal exactly when two awards' moments are equal (time order): ranks "who reached it first" as they do.
        changed = np.fromiter(map(operator.ne, self.ats[1:], self.ats[:-1]), np.int64, max(count - 1, 0))
        self.moments = np.concatenate((np.zeros(min(count, 1), np.int64), np.cumsum(changed))).tolist()
        self.windows: dict[Keep, tuple[list[int], list[int], list[int]]] = {}

    def within(self, keep: Keep) -> tuple[list[int], list[int], list[int]]:
        """(awards, points, position of the last award) in the window, per member code."""
        if keep not in self.windows:
            low, high = (
                (0, len(self.ats)) if keep is None else (bisect_left(self.ats, keep[0]), bisect_left(self.ats, keep[1]))
            )
            codes, groups = self.codes[low:high], len(self.position)
            last = np.full(groups, -1, dtype=np.int64)
            np.maximum.at(last, codes, np.arange(low, high, dtype=np.int64))
            totals = np.bincount(codes, weights=self.points[low:high], minlength=groups).astype(np.int64)
            self.windows[keep] = (np.bincount(codes, minlength=groups).tolist(), totals.tolist(), last.tolist())
        return self.windows[keep]


_MEMBER, _AT, _POINTS = attrgetter("member_id"), attrgetter("at"), attrgetter("points")


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


def _rows(earned: _Earned, members: list[Member], keep: Keep) -> tuple[LeaderboardRow, ...]:
    """Ranked by (more points, reached first, login casefolded, id): one tuple per row sorted as it is,
    instead of a key function called per member (tens of thousands of rows per board at 1M events)."""
    people = {member.id: member for member in members}
    counts, points, last = earned.within(keep)
    position, moments = earned.position, earned.moments
    ranked = []
    for member_id, member in people.items():
        code = position.get(member_id)
        if code is not None and counts[code]:  # awards come in time order: the last one in the window reached the total
            login = member.login
            ranked.append((-points[code], moments[last[code]], login.casefold(), member_id, login))
    ranked.sort()  # member ids are unique: the login after them never decides
    return tuple(
        LeaderboardRow(rank, member_id, login, -negated)
        for rank, (negated, _, _, member_id, login) in enumerate(ranked, start=1)
    )
