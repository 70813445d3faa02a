"""The cohorts' success and dropout counts (`cohorts._reached`, `cohorts._dropped`), looked up by maps in
C, against the plain reading one learner at a time, on random active days and accepted challenges: no
required challenge, a challenge accepted after the day asked, learners without any day or acceptance."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from entraide.content.models import Cohort
from entraide.kpis.cohorts import _ActiveDays, _dropped, _reached
from plain_rows import dropped_plainly, reached_plainly

DAY = dt.date(2026, 1, 1)


def _day(rng: random.Random) -> dt.date:
    return DAY + dt.timedelta(days=rng.randrange(0, 120))


@pytest.mark.parametrize("seed", range(12))
def test_the_counts_looked_up_in_c_are_the_plain_ones(seed):
    rng = random.Random(seed)
    slugs = ("html", "api", "css")[: rng.randrange(0, 4)]
    cohort = Cohort(
        id="c", name="C", start=DAY, end=DAY + dt.timedelta(days=rng.randrange(20, 100)), required_challenges=slugs
    )
    learners = rng.sample(range(1, 80), rng.randrange(0, 60))
    days = {n: sorted({_day(rng) for _ in range(rng.randrange(0, 8))}) for n in range(1, 80) if rng.random() < 0.8}
    accepted = {
        n: {slug: _day(rng) for slug in ("html", "api", "css", "other") if rng.random() < 0.7}
        for n in range(1, 80)
        if rng.random() < 0.7
    }
    for by in (DAY, _day(rng), cohort.end, DAY + dt.timedelta(days=200)):
        assert _reached(learners, cohort, accepted, by) == reached_plainly(learners, cohort, accepted, by)
    assert _dropped(cohort, learners, _ActiveDays(days)) == dropped_plainly(cohort, learners, days)
