"""Engagement and participation: how much members interact, and how many take part, week by week."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable

from entraide.content.models import Frozen
from entraide.events.model import EventKind
from entraide.kpis.daily import Week
from entraide.kpis.history import (
    COMMENT_KINDS,
    History,
    first_day,
    median,
    p90,
    ratio,
    weeks_between,
)

TREND_WEEKS = 4  # the trend compares the last 4 complete weeks with the 4 before
CONTRIBUTION_BINS = ((0, 0), (1, 1), (2, 4), (5, 9), (10, 19), (20, 49), (50, 99), (100, None))


class WeekEngagement(Frozen):
    week: dt.date  # the Monday
    active: int  # members with at least one event this week
    reactions: int
    comments: int
    reviews: int

    @property
    def interactions(self) -> int:
        return self.reactions + self.comments + self.reviews

    def per_active(self, count: int) -> float | None:
        return ratio(count, self.active)


class Engagement(Frozen):
    weeks: tuple[WeekEngagement, ...]
    trend: float | None  # relative change of interactions per active member: last 4 weeks vs the 4 before


class WeekParticipation(Frozen):
    week: dt.date
    active: int
    registered: int  # members who had joined by the end of the week

    @property
    def share(self) -> float | None:
        return ratio(self.active, self.registered)


class ContributionBin(Frozen):
    low: int
    high: int | None  # None: no upper bound
    members: int

    @property
    def label(self) -> str:
        if self.high is None:
            return f"{self.low}+"
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


class Participation(Frozen):
    weeks: tuple[WeekParticipation, ...]
    bins: tuple[ContributionBin, ...]  # members by number of contributions up to as_of
    members: int
    median: float | None
    p90: float | None


def all_weeks(history: History) -> list[dt.date]:
    start = first_day(history)
    return weeks_between(start, history.as_of) if start else []


def engagement(history: History) -> Engagement:
    weeks = tuple(_week_engagement(week, history.weeks.get(week, _QUIET)) for week in all_weeks(history))
    return Engagement(weeks=weeks, trend=_trend(weeks, history))


_QUIET = Week()  # a week without members' activity (read, never written)


def _week_engagement(week: dt.date, activity: Week) -> WeekEngagement:
    kinds = activity.kinds
    return WeekEngagement(
        week=week,
        active=activity.active,
        reactions=kinds[EventKind.reaction],
        comments=sum(kinds[k] for k in COMMENT_KINDS),
        reviews=kinds[EventKind.review_submitted],
    )


def _trend(weeks: tuple[WeekEngagement, ...], history: History) -> float | None:
    """Relative change of the mean weekly rate; only complete weeks with a publishable group count."""
    complete = [w for w in weeks if w.week + dt.timedelta(days=6) <= history.as_of]
    recent, before = complete[-TREND_WEEKS:], complete[-2 * TREND_WEEKS : -TREND_WEEKS]
    now, then = _mean_rate(recent, history.min_group), _mean_rate(before, history.min_group)
    if now is None or not then:
        return None
    return (now - then) / then


def _mean_rate(weeks: list[WeekEngagement], min_group: int) -> float | None:
    rates = [rate for w in weeks if w.active >= min_group and (rate := w.per_active(w.interactions)) is not None]
    return sum(rates) / len(rates) if rates else None


def participation(history: History) -> Participation:
    joined = sorted(m.joined for m in history.members.values())
    weeks = tuple(
        WeekParticipation(
            week=week,
            active=history.weeks.get(week, _QUIET).active,
            registered=_count_until(joined, week + dt.timedelta(days=6)),
        )
        for week in all_weeks(history)
    )
    counts = contributions(history)
    return Participation(
        weeks=weeks,
        bins=_bins(counts.values()),
        members=len(counts),
        median=median(list(counts.values())),
        p90=p90(list(counts.values())),
    )


def contributions(history: History) -> dict[int, int]:
    """Events per registered member up to as_of, zero included."""
    counts = history.contributions
    return {member_id: counts.get(member_id, 0) for member_id in history.members}


def _count_until(sorted_days: list[dt.date], last: dt.date) -> int:
    return bisect.bisect_right(sorted_days, last)


def _bins(counts: Iterable[int]) -> tuple[ContributionBin, ...]:
    values = list(counts)
    return tuple(
        ContributionBin(low=low, high=high, members=sum(1 for v in values if v >= low and (high is None or v <= high)))
        for low, high in CONTRIBUTION_BINS
    )
