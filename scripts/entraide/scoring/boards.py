"""Leaderboards for each window of `rules.leaderboards`.

Rows hold every member with points in the window (moderator-hidden members and bots excluded), ranked by
points, then whoever reached their total first, then login. Rows are not cut at the window's `limit`:
the pages drop non-public members first and then cut, so a private member never takes a public place.
"""

from __future__ import annotations

import datetime as dt
import operator
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from itertools import repeat
from operator import attrgetter

import numpy as np
from numpy.typing import NDArray

from entraide.content.models import LeaderboardWindow, Member, Rules
from entraide.scoring.columns import FactColumns
from entraide.scoring.model import Award, Leaderboard, LeaderboardRow
from entraide.scoring.tally import Granted

Ints = NDArray[np.int64]


def leaderboards(
    awards: tuple[Award, ...],
    members: Iterable[Member],
    *,
    rules: Rules,
    as_of: dt.date,
    granted: tuple[FactColumns, Granted] | None = None,
) -> tuple[Leaderboard, ...]:
    """`granted`, when given, holds the columns of the facts the awards were given for and which facts they
    are (`integrity.apply_caps`): the awards' columns are then read from those, not from every award."""
    hidden = {login.casefold() for login in (*rules.privacy.hidden, *rules.bots)}
    earned = _Earned.of(awards) if granted is None else _Earned.given(*granted, count=len(awards))
    people = _People([member for member in members if member.login.casefold() not in hidden], earned)
    boards = []
    for window in rules.leaderboards:
        ranked = people.having("role", window.roles.__contains__) if window.roles else people.every
        for scope, chosen, keep in _scopes(window, people, ranked, rules=rules, as_of=as_of):
            board_id = window.id if scope is None else f"{window.id}-{scope}"
            title = window.title if scope is None else f"{window.title} · {_scope_name(window, scope, rules)}"
            boards.append(
                Leaderboard(
                    id=board_id,
                    title=title,
                    window=window.window,
                    scope=scope,
                    rows=_rows(earned, people, chosen, keep),
                )
            )
    return tuple(boards)


Keep = tuple[dt.datetime, dt.datetime] | None  # awarded within [start, end) UTC; None: every award counts


class _Earned:
    """The awards as columns (member code, points) in time order, with where each one's moment is found
    (`at[positions[i]]`): any window is one slice of them (two bisections of the moments), its totals and
    last awards per member a few array operations, computed once per distinct window (the all-time board
    and every track's share one)."""

    def __init__(self, at: list[dt.datetime], positions: Ints, codes: Ints, points: Ints, ids: Ints) -> None:
        """`codes`: each award's member as a position in `ids` (distinct member ids)."""
        self.at, self.positions, self.codes, self.points = at, positions, codes, points
        self.position = {member_id: code for code, member_id in enumerate(ids.tolist())}
        self.windows: dict[Keep, tuple[Ints, Ints, Ints]] = {}

    @classmethod
    def of(cls, awards: Sequence[Award]) -> _Earned:
        count = len(awards)
        ids, points = (np.fromiter(map(field, awards), np.int64, count) for field in (_MEMBER, _POINTS))
        distinct, codes = np.unique(ids, return_inverse=True)
        return cls(list(map(_AT, awards)), np.arange(count), codes.astype(np.int64), points, distinct)

    @classmethod
    def given(cls, columns: FactColumns, granted: Granted, *, count: int) -> _Earned:
        """The first `count` awards, from the columns of the facts they were given for (their moments are
        those facts' moments: no list of the awards' own is made)."""
        positions = np.asarray(granted[0][:count], dtype=np.int64)
        points = np.asarray(granted[1][:count], dtype=np.int64)
        return cls(columns.ats, positions, columns.codes[positions], points, columns.ids)

    def within(self, keep: Keep) -> tuple[Ints, Ints, Ints]:
        """(awards, points, rank of the moment of the last award) in the window, per member code: members
        whose last awards share a moment share a rank, as "who reached it first" ranks them."""
        if keep not in self.windows:
            low, high = 0, len(self.positions)
            if keep is not None:
                bounds = [bisect_left(self.at, moment) for moment in keep]  # in the moments' own list
                low, high = np.searchsorted(self.positions, bounds).tolist()
            codes, groups = self.codes[low:high], len(self.position)
            last = np.full(groups, -1, dtype=np.int64)
            np.maximum.at(last, codes, np.arange(low, high, dtype=np.int64))
            reached = np.flatnonzero(last >= 0)
            reached = reached[np.argsort(last[reached])]  # by their last awards, in time order
            moments = list(map(self.at.__getitem__, self.positions[last[reached]].tolist()))
            later = np.fromiter(map(operator.ne, moments[1:], moments[:-1]), np.int64, max(len(moments) - 1, 0))
            ranks = np.zeros(groups, dtype=np.int64)  # a member with no award in the window is never read
            ranks[reached[1:]] = np.cumsum(later)  # equal moments, equal ranks
            totals = np.bincount(codes, weights=self.points[low:high], minlength=groups).astype(np.int64)
            self.windows[keep] = np.bincount(codes, minlength=groups), totals, ranks
        return self.windows[keep]


class _People:
    """The members who may appear on a board, as columns read once (not once per board): id, login, their
    code among the award columns (-1: none, so no award) and their place in (login casefolded, id) order,
    the last tie-break of a board. A board's members are positions among them."""

    def __init__(self, members: list[Member], earned: _Earned) -> None:
        self.members = members
        self.logins: list[str] = [member.login for member in members]
        ids = [member.id for member in members]
        self.ids = np.array(ids, dtype=np.int64)
        self.codes = np.fromiter(map(earned.position.get, ids, repeat(-1)), np.int64, len(ids))
        by_name = sorted(range(len(ids)), key=lambda at: (self.logins[at].casefold(), ids[at]))
        self.place = np.empty(len(ids), dtype=np.int64)
        self.place[by_name] = np.arange(len(ids), dtype=np.int64)
        self.every = np.arange(len(ids), dtype=np.int64)
        self.unique = len(set(ids)) == len(ids)
        self.fields: dict[str, list[object]] = {}

    def having(self, field: str, test: Callable[[object], bool], among: Ints | None = None) -> Ints:
        """Positions (among `among`, else everyone) of the members whose `field` passes `test`. Each field is
        read from the members once, for every board that selects by it (reading tens of thousands of
        members' fields again per board cost more than the board itself)."""
        if field not in self.fields:
            self.fields[field] = list(map(attrgetter(field), self.members))
        chosen = self.every if among is None else among
        found = map(test, map(self.fields[field].__getitem__, chosen.tolist()))
        picked: Ints = chosen[np.fromiter(found, bool, len(chosen))]
        return picked


_MEMBER, _AT, _POINTS = attrgetter("member_id"), attrgetter("at"), attrgetter("points")


def _scopes(
    window: LeaderboardWindow, people: _People, chosen: Ints, *, rules: Rules, as_of: dt.date
) -> list[tuple[str | None, Ints, Keep]]:
    if window.window == "all_time":
        return [(None, chosen, None)]
    if window.window == "month":
        first = as_of.replace(day=1)
        after = (first + dt.timedelta(days=31)).replace(day=1)
        return [(as_of.strftime("%Y-%m"), chosen, _between(first, after - dt.timedelta(days=1)))]
    if window.window == "cohort":
        return [
            (c.id, people.having("cohort", partial(operator.eq, c.id), chosen), _between(c.start, c.end))
            for c in rules.cohorts
        ]
    return [(t.id, people.having("track", partial(operator.eq, t.id), chosen), None) for t in rules.tracks]


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


def _rows(earned: _Earned, people: _People, chosen: Ints, keep: Keep) -> tuple[LeaderboardRow, ...]:
    """Ranked by (more points, reached first, login casefolded, id): one sort of three integer columns over
    the members with an award in the window (tens of thousands of rows per board at 1M events), each row
    then built in C."""
    counts, points, moments = earned.within(keep)
    codes = people.codes[chosen]
    scored = codes >= 0
    chosen, codes = chosen[scored], codes[scored]
    scored = counts[codes] > 0
    chosen, codes = chosen[scored], codes[scored]
    if not people.unique:  # one row per id, with the login of the member listed last under it
        _, last = np.unique(people.ids[chosen][::-1], return_index=True)
        chosen, codes = chosen[::-1][last], codes[::-1][last]
    totals = points[codes]
    order = np.lexsort((people.place[chosen], moments[codes], -totals))
    chosen = chosen[order]
    return tuple(
        map(
            LeaderboardRow,
            range(1, len(order) + 1),
            people.ids[chosen].tolist(),
            map(people.logins.__getitem__, chosen.tolist()),
            totals[order].tolist(),
        )
    )
