"""Contests: each one's leaderboard from the ledger's awards, and its winners once it is closed. Pure.

A contest counts the awards of its competitors (`roles`, learners by default) whose reason is in its `counts` and whose day falls within [start, end].
Ties are broken by a stated rule, so that re-running gives the same winners whatever order the events
came in: the member who reached their total first wins; then the smaller GitHub account number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

from entraide.content.animation_models import Contest
from entraide.content.base import Frozen
from entraide.content.models import Member
from entraide.scoring.model import Award


class ContestRow(Frozen):
    rank: int
    member_id: int
    login: str
    points: int
    reached: dt.datetime  # when the member reached this total (the tie-break)


class ContestResult(Frozen):
    contest: Contest
    phase: Literal["upcoming", "running", "validating", "closed"]
    closed: bool  # the last day and the review window are over: the winners are final
    rows: tuple[ContestRow, ...]  # every member with points, in rank order
    winners: tuple[ContestRow, ...]  # empty until the contest is closed


def result(
    contest: Contest, awards: Iterable[Award], *, members: Iterable[Member], as_of: dt.date, review_window_days: int = 0
) -> ContestResult:
    """The contest's board at `as_of`; winners once its last day and the review window after it are over
    (a point earned on the last day may still be revoked until then), so announced winners never change."""
    competing = {m.id for m in members if m.role in contest.roles}
    totals: dict[int, tuple[int, dt.datetime, str]] = {}
    counted = [award for award in _counted(contest, awards) if award.member_id in competing]
    for award in sorted(counted, key=lambda a: (a.at, a.member_id, a.reason)):
        points, _, _ = totals.get(award.member_id, (0, award.at, award.login))
        totals[award.member_id] = (points + award.points, award.at, award.login)
    ordered = sorted(totals.items(), key=lambda item: (-item[1][0], item[1][1], item[0]))
    rows = tuple(
        ContestRow(rank=rank, member_id=member_id, login=login, points=points, reached=reached)
        for rank, (member_id, (points, reached, login)) in enumerate(ordered, start=1)
        if points > 0
    )
    phase = _phase(contest, as_of=as_of, review_window_days=review_window_days)
    closed = phase == "closed"
    return ContestResult(
        contest=contest, phase=phase, closed=closed, rows=rows, winners=rows[: contest.winners] if closed else ()
    )


def _phase(
    contest: Contest, *, as_of: dt.date, review_window_days: int
) -> Literal["upcoming", "running", "validating", "closed"]:
    if as_of < contest.start:
        return "upcoming"
    if as_of <= contest.end:
        return "running"
    return "validating" if as_of <= contest.end + dt.timedelta(days=review_window_days) else "closed"


def _counted(contest: Contest, awards: Iterable[Award]) -> list[Award]:
    return [
        award
        for award in awards
        if award.why.kind in contest.counts and contest.start <= award.at.date() <= contest.end
    ]
