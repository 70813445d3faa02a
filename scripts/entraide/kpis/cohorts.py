"""Retention and success per cohort: who is still active week by week, who reached the required challenges.

A challenge counts as reached when the scoring ledger accepted it (an approving review by a mentor on the
PR's head commit); this module reads the ledger's `challenge:<slug>` awards instead of re-deriving them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections import defaultdict
from itertools import chain, repeat

import numpy as np

from entraide.content.models import Cohort, Frozen, Role
from entraide.kpis.daily import distinct
from entraide.kpis.history import History, at_of, ratio
from entraide.scoring.model import Ledger, Reason

Accepted = dict[int, dict[str, dt.date]]  # member id -> challenge slug -> day accepted
ActiveDays = dict[int, list[dt.date]]  # member id -> distinct days active, sorted (`History.days`)


class CohortRetention(Frozen):
    cohort: str
    name: str
    start: dt.date
    end: dt.date
    size: int  # learners of the cohort registered by as_of
    weekly_active: tuple[int, ...]  # learners active in week k of the cohort, for the weeks begun by as_of
    required: tuple[str, ...]
    completed: int  # learners with every required challenge accepted by as_of
    reached_by_end: int  # ... accepted by the cohort's end: the success rate's numerator
    dropped: int | None  # no activity in the cohort's last quarter; None until the cohort has ended
    finished: bool

    def weekly_share(self) -> tuple[float | None, ...]:
        return tuple(ratio(active, self.size) for active in self.weekly_active)

    @property
    def success_rate(self) -> float | None:
        return ratio(self.reached_by_end, self.size) if self.required else None


def acceptances(ledger: Ledger | None) -> dict[int, dict[str, dt.date]]:
    """member id -> challenge slug -> day the challenge was accepted, revoked awards left out."""
    revoked = {(r.award.member_id, r.award.reason, r.award.event_ids) for r in (ledger.revoked if ledger else ())}
    accepted: dict[int, dict[str, dt.date]] = defaultdict(dict)
    slugs: dict[str, str | None] = {}  # a few dozen reasons among every award
    for award in ledger.awards if ledger else ():
        reason = award.reason
        if reason not in slugs:
            slugs[reason] = Reason.of(reason).challenge_slug
        slug = slugs[reason]
        if slug is None or (revoked and (award.member_id, reason, award.event_ids) in revoked):
            continue
        day, done = at_of(award).date(), accepted[award.member_id]
        done[slug] = min(day, done.get(slug, day))
    return accepted


def retention(
    history: History, *, ledger: Ledger | None, accepted: Accepted | None = None
) -> tuple[CohortRetention, ...]:
    """Per started cohort; `accepted`: `acceptances(ledger)` when the caller has it already."""
    accepted = acceptances(ledger) if accepted is None else accepted
    active_days = _ActiveDays(history.days)
    return tuple(
        _cohort(cohort, history, accepted=accepted, active_days=active_days)
        for cohort in sorted(history.community.rules.cohorts, key=lambda c: (c.start, c.id))
        if cohort.start <= history.as_of
    )


def _cohort(cohort: Cohort, history: History, *, accepted: Accepted, active_days: _ActiveDays) -> CohortRetention:
    learners = [m.id for m in history.members.values() if m.cohort == cohort.id and m.role == Role.learner]
    finished = history.as_of >= cohort.end
    return CohortRetention(
        cohort=cohort.id,
        name=cohort.name,
        start=cohort.start,
        end=cohort.end,
        size=len(learners),
        weekly_active=_weekly_active(cohort, learners, active_days, history.as_of),
        required=cohort.required_challenges,
        completed=_reached(learners, cohort, accepted, history.as_of),
        reached_by_end=_reached(learners, cohort, accepted, min(cohort.end, history.as_of)),
        dropped=_dropped(cohort, learners, active_days) if finished else None,
        finished=finished,
    )


def _weekly_active(cohort: Cohort, learners: list[int], active_days: _ActiveDays, as_of: dt.date) -> tuple[int, ...]:
    """Learners active in each week of the cohort begun by `as_of` (a week's last days may pass the cohort's
    end): each learner's days in the cohort numbered by week, counted once per learner and week."""
    weeks = math.ceil(((cohort.end - cohort.start).days + 1) / 7)
    last = min(cohort.end, as_of)
    begun = min(weeks, (last - cohort.start).days // 7 + 1) if cohort.start <= last else 0
    if begun <= 0:
        return ()
    who, offset = active_days.of(learners, cohort.start)
    week = offset // 7
    kept = (offset >= 0) & (week < begun)
    active = distinct(who[kept] * begun + week[kept])  # each (learner, week) once (numpy 2's unique: slower)
    return tuple(np.bincount(active % begun, minlength=begun).tolist())


class _ActiveDays:
    """Every member's active days as two columns (member id, day number), read from `History.days` once
    for all cohorts: a cohort's weekly counts are then a few array operations over its learners' days
    instead of one search per learner and week."""

    def __init__(self, days: ActiveDays) -> None:
        self.days = days
        self.who = np.repeat(np.fromiter(days, np.int64, len(days)), np.fromiter(map(len, days.values()), np.int64))
        self.day = np.fromiter(map(dt.date.toordinal, chain.from_iterable(days.values())), np.int64, len(self.who))

    def of(self, learners: list[int], start: dt.date) -> tuple[np.ndarray, np.ndarray]:
        """The learners' (member id, days since `start`) rows."""
        mine = np.isin(self.who, np.array(learners, dtype=np.int64))
        return self.who[mine], self.day[mine] - start.toordinal()


def _reached(learners: list[int], cohort: Cohort, accepted: Accepted, by: dt.date) -> int:
    """Learners with every required challenge accepted by `by`: one look-up per learner and challenge,
    made by maps in C (the tests compare it with the reading per learner, `tests/plain_rows.py`)."""
    if not cohort.required_challenges:
        return 0
    done = list(map(accepted.get, learners, repeat(_NO_CHALLENGE)))
    reached = np.ones(len(learners), dtype=bool)
    for slug in cohort.required_challenges:
        days = map(dict.get, done, repeat(slug), repeat(dt.date.max))
        reached &= np.fromiter(map(by.__ge__, days), bool, len(learners))
    return int(reached.sum())


def last_quarter(cohort: Cohort) -> tuple[dt.date, dt.date]:
    """Moodle's dropout proxy looks at the last quarter of the course: from 3/4 of its span to its end."""
    span = (cohort.end - cohort.start).days
    return cohort.start + dt.timedelta(days=math.ceil(span * 3 / 4)), cohort.end


def _dropped(cohort: Cohort, learners: list[int], active_days: _ActiveDays) -> int:
    """Learners without an active day in the last quarter: two searches in each one's days, made by maps
    in C (the tests compare it with the reading per learner, `tests/plain_rows.py`)."""
    first, last = last_quarter(cohort)
    days = list(map(active_days.days.get, learners, repeat(_NO_DAY)))
    low = np.fromiter(map(bisect.bisect_left, days, repeat(first)), np.int64, len(days))
    high = np.fromiter(map(bisect.bisect_right, days, repeat(last)), np.int64, len(days))
    return int((high <= low).sum())


_NO_CHALLENGE: dict[str, dt.date] = {}
_NO_DAY: list[dt.date] = []
