"""Satisfaction from the feedback form's 1-5 rating: CSAT (share of 4 and 5) and mean, per month.

A survey is a calendar month (pulse surveys open at most once a week, answers are reported per month):
each member has one answer per survey, their last; answers from people who are not members of the
community count for nothing, so nobody stuffs the public figure by opening feedback issues.
"""

from __future__ import annotations

from entraide.content.models import Frozen
from entraide.events.model import Event
from entraide.kpis.history import History, at_of, month_of, months, ratio


class MonthSatisfaction(Frozen):
    month: str  # "YYYY-MM", or "total" for every month together
    responses: int
    respondents: int  # distinct people: the group size for privacy
    satisfied: int  # ratings of 4 or 5
    rating_sum: int

    @property
    def csat(self) -> float | None:
        return ratio(self.satisfied, self.responses)

    @property
    def mean(self) -> float | None:
        return ratio(self.rating_sum, self.responses)


class Satisfaction(Frozen):
    months: tuple[MonthSatisfaction, ...]
    total: MonthSatisfaction


def survey_of(event: Event) -> str:
    """The survey an answer belongs to: the month it was given in ("YYYY-MM")."""
    return month_of(at_of(event))


def satisfaction(history: History) -> Satisfaction:
    # Each answer's survey (its month) worked out once; the figures are counts and sums of whole numbers,
    # the same in any order, so the kept answers are grouped as they come instead of sorted first. The
    # survey is keyed by the answer's (year, month) as `survey_of` reads them (naive times are UTC: the
    # same fields), its text made once per month, not once per answer (~22k answers at a million events).
    last: dict[tuple[int, int, int], int] = {}
    members = history.members
    for event, value in history.ratings:  # in (at, id) order, as the history's events
        actor = event.actor_id
        if actor is not None and actor in members:  # `history.member(event)`
            at = event.at
            last[(actor, at.year, at.month)] = value
    by_month: dict[str, list[tuple[int, int]]] = {}
    for (actor, year, month), value in last.items():
        by_month.setdefault(f"{year:04d}-{month:02d}", []).append((actor, value))
    return Satisfaction(
        months=tuple(_month(month, by_month.get(month, [])) for month in months(history)),
        total=_month("total", [(actor, value) for (actor, _, _), value in last.items()]),
    )


def _month(month: str, answers: list[tuple[int, int]]) -> MonthSatisfaction:
    """The figures of (respondent's member id, rating) answers: a kept answer's author is a member."""
    return MonthSatisfaction(
        month=month,
        responses=len(answers),
        respondents=len({actor for actor, _ in answers}),
        satisfied=sum(1 for _, r in answers if r >= 4),
        rating_sum=sum(r for _, r in answers),
    )
