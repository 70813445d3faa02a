"""« Ce qui aide »'s outcomes for every learner at once, after each exposure's window.

What a learner did does not depend on the window (whether they were active in the weeks measured, whether
they completed the required challenges): it is read once per outcome, then each window only leaves out the
learners whose window runs into the weeks measured. Satisfaction does depend on it (the answers given after
the window): the answers are columns (learner, day, rating) summed per learner in numpy for each window.
`effects.outcome` is the plain reading, one learner at a time, that the tests compare this with.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence

import numpy as np

from entraide.content.models import Cohort, Member, Outcome
from entraide.kpis.cohorts import Accepted, active_between
from entraide.kpis.history import History


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
        self.ends = np.array([c.end.toordinal() for c in cohorts], dtype=np.int64)
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
        the cohort's end (None while not observable, or after a cohort that ends before it)."""
        as_of, active_days = self.history.as_of, self.history.days
        firsts = {c.id: c.start + dt.timedelta(days=7 * (week - 1)) for c in self.cohorts}
        found: list[float | None] = []
        for member, cohort in zip(self.learners, self.cohorts):
            first = firsts[cohort.id]
            if as_of < first + dt.timedelta(days=6) or cohort.end < first:
                found.append(None)
            else:
                found.append(float(active_between(active_days.get(member.id, []), first, min(cohort.end, as_of))))
        return np.array([firsts[c.id].toordinal() for c in self.cohorts], dtype=np.int64), found

    @functools.cached_property
    def _completed(self) -> list[float | None]:
        """Every required challenge of the cohort accepted by its end (None before it or without any)."""
        as_of, accepted, found = self.history.as_of, self.accepted, []
        for member, cohort in zip(self.learners, self.cohorts):
            if as_of < cohort.end or not cohort.required_challenges:
                found.append(None)
                continue
            done = accepted.get(member.id, {})
            found.append(float(all(done.get(slug, dt.date.max) <= cohort.end for slug in cohort.required_challenges)))
        return found

    @functools.cached_property
    def _ratings(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(learner, day, rating) of the learners' feedback answers."""
        row_of = {m.id: n for n, m in enumerate(self.learners)}
        found = [
            (row_of[event.actor_id], event.at.toordinal(), value)
            for event, value in self.history.ratings
            if event.actor_id in row_of
        ]
        columns = np.array(found, dtype=np.int64).reshape(-1, 3)
        return columns[:, 0], columns[:, 1], columns[:, 2]

    def _satisfaction(self, afters: np.ndarray) -> list[float | None]:
        """The mean rating of each learner's answers from `afters` to their cohort's end, None without any."""
        who, day, value = self._ratings
        kept = (afters[who] <= day) & (day <= self.ends[who])
        counts = np.bincount(who[kept], minlength=len(self.learners)).tolist()
        sums = np.bincount(who[kept], weights=value[kept], minlength=len(self.learners)).tolist()  # exact: few ints
        return [total / count if count else None for total, count in zip(sums, counts)]
