"""« Ce qui aide »'s outcomes for every learner at once, after each exposure's window.

What a learner did does not depend on the window (whether they were active in the weeks measured, whether
they completed the required challenges): it is read once per outcome, then each window only leaves out the
learners whose window runs into the weeks measured. Satisfaction does depend on it (the answers given after
the window): the answers are columns (learner, day, rating) summed per learner in numpy for each window.
The tests compare this with the plain reading, one learner at a time (`outcome` in `tests/plain_rows.py`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import operator
from collections.abc import Sequence
from itertools import repeat

import numpy as np

from entraide.content.models import Cohort, Member, Outcome
from entraide.kpis.cohorts import Accepted
from entraide.kpis.history import History

_ACTOR, _AT, _ID = operator.attrgetter("actor_id"), operator.attrgetter("at"), operator.attrgetter("id")
_NONE: list[dt.date] = []  # no active day
_NO_SLUGS: dict[str, dt.date] = {}  # no challenge accepted


class Outcomes:
    """The values of each outcome for `learners` (each of cohort `cohorts[n]`, starting on day number
    `starts[n]`) after windows of a number of days."""

    def __init__(
        self,
        history: History,
        learners: Sequence[Member],
        cohorts: Sequence[Cohort],
        starts: np.ndarray,
        accepted: Accepted,
    ) -> None:
        self.history, self.learners, self.cohorts, self.starts = history, learners, cohorts, starts
        self.accepted = accepted
        self.ids = np.fromiter(map(_ID, learners), np.int64, len(learners))
        ends = {c.id: c.end.toordinal() for c in history.community.rules.cohorts}
        self.ends = np.fromiter(map(ends.__getitem__, map(_ID, cohorts)), np.int64, len(cohorts))
        self._weeks: dict[int, tuple[np.ndarray, list[float | None]]] = {}  # `_active`'s, by week

    def of(self, definition: Outcome, days: int) -> list[float | None]:
        """Each learner's value after a window of `days` days from their first day."""
        if definition.kind == "satisfaction":
            return self._satisfaction(self.starts + days)
        if definition.kind == "completed_required":
            return self._completed
        if definition.week not in self._weeks:
            self._weeks[definition.week] = self._active(definition.week)
        firsts, found = self._weeks[definition.week]
        late = (self.starts + days > firsts).tolist()  # the window runs into the weeks measured
        return [None if runs_into else value for runs_into, value in zip(late, found)]

    def _active(self, week: int) -> tuple[np.ndarray, list[float | None]]:
        """The first day of week `week` of each learner's cohort, and whether they were active from it to
        the cohort's end (None while not observable, or after a cohort that ends before it): two searches
        per learner in their active days, made in C."""
        as_of, active_days = self.history.as_of, self.history.days
        firsts = np.empty(len(self.learners), dtype=np.int64)
        active, observable = np.zeros(len(self.learners), dtype=bool), np.zeros(len(self.learners), dtype=bool)
        for cohort, rows in self._groups:
            first = cohort.start + dt.timedelta(days=7 * (week - 1))
            firsts[rows] = first.toordinal()
            if as_of < first + dt.timedelta(days=6) or cohort.end < first:
                continue
            days = list(map(active_days.get, self.ids[rows].tolist(), repeat(_NONE)))
            low = np.fromiter(map(bisect.bisect_left, days, repeat(first)), np.int64, len(days))
            high = np.fromiter(map(bisect.bisect_right, days, repeat(min(cohort.end, as_of))), np.int64, len(days))
            active[rows], observable[rows] = high > low, True
        return firsts, _known(active.astype(float).tolist(), observable)

    @functools.cached_property
    def _completed(self) -> list[float | None]:
        """Every required challenge of the cohort accepted by its end (None before it or without any): one
        look-up per learner and challenge, made in C."""
        done, observable = np.zeros(len(self.learners), dtype=bool), np.zeros(len(self.learners), dtype=bool)
        for cohort, rows in self._groups:
            if self.history.as_of < cohort.end or not cohort.required_challenges:
                continue
            accepted = list(map(self.accepted.get, self.ids[rows].tolist(), repeat(_NO_SLUGS)))
            reached = np.ones(len(rows), dtype=bool)
            for slug in cohort.required_challenges:
                days = map(dict.get, accepted, repeat(slug), repeat(dt.date.max))
                reached &= np.fromiter(map(cohort.end.__ge__, days), bool, len(rows))
            done[rows], observable[rows] = reached, True
        return _known(done.astype(float).tolist(), observable)

    @functools.cached_property
    def _groups(self) -> list[tuple[Cohort, np.ndarray]]:
        """Each cohort and the positions of its learners."""
        rows: dict[str, list[int]] = {}
        for n, cohort in enumerate(self.cohorts):
            rows.setdefault(cohort.id, []).append(n)
        cohorts = {c.id: c for c in self.cohorts}
        return [(cohorts[key], np.array(found, dtype=np.int64)) for key, found in rows.items()]

    @functools.cached_property
    def _ratings(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(learner, day, rating) of the learners' feedback answers."""
        row_of = dict(zip(self.ids.tolist(), range(len(self.ids))))
        events = [event for event, _ in self.history.ratings]
        who = np.fromiter(map(row_of.get, map(_ACTOR, events), repeat(-1)), np.int64, len(events))
        day = np.fromiter(map(dt.datetime.toordinal, map(_AT, events)), np.int64, len(events))
        value = np.fromiter((value for _, value in self.history.ratings), np.int64, len(events))
        mine = who >= 0
        return who[mine], day[mine], value[mine]

    def _satisfaction(self, afters: np.ndarray) -> list[float | None]:
        """The mean rating of each learner's answers from `afters` to their cohort's end, None without any."""
        who, day, value = self._ratings
        kept = (afters[who] <= day) & (day <= self.ends[who])
        counts = np.bincount(who[kept], minlength=len(self.learners)).tolist()
        sums = np.bincount(who[kept], weights=value[kept], minlength=len(self.learners)).tolist()  # exact: few ints
        return [total / count if count else None for total, count in zip(sums, counts)]


def _known(values: list[float], observable: np.ndarray) -> list[float | None]:
    return [value if seen else None for value, seen in zip(values, observable.tolist())]
