"""Every member's counts, milestones and streaks at once, as numpy columns of the kept facts and awards.

Standings read each member's facts and awards: walked member by member in Python, that is a few field
reads per fact scattered over the whole heap (~1.2 s at 1M events, most of it waiting for memory). Here
the facts and awards are read once each into columns of small integers (member code, day ordinal,
metric code, points), grouped by member with one stable sort (time order kept within a member), and
every per-member figure is an array operation: counts, the n-th day a metric counted, the first award at
which the running total reached a threshold, the runs of consecutive active weeks.

Days are UTC ordinals (facts and awards are held in UTC); a member's code is its position in `ids`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import repeat
from operator import attrgetter
from typing import Any

import numpy as np
from numpy.typing import NDArray

from entraide.scoring.columns import FactColumns
from entraide.scoring.fact import Fact
from entraide.scoring.model import Award

Ints = NDArray[np.int64]
NONE = -1  # no day: the member never reached it


def week_of(days: Ints) -> Ints:
    """`progress.week_number` of day ordinals: ordinal 1 (0001-01-01) is a Monday."""
    return (days - (days + 6) % 7) // 7


def stable_order(codes: Ints, groups: int) -> Ints:
    """`np.argsort(codes, kind="stable")` for codes in [0, groups), groups < 2**32: sorted as 16-bit digits,
    which numpy sorts by radix (a tenth of the time of its merge sort of 64-bit values at 500,000 facts);
    above 65,536 groups, by the low digit then, stably, by the high one."""
    if groups <= 1 << 16:
        return np.argsort(codes.astype(np.uint16), kind="stable")
    low = np.argsort((codes & 0xFFFF).astype(np.uint16), kind="stable")
    high: Ints = low[np.argsort((codes[low] >> 16).astype(np.uint16), kind="stable")]
    return high


class Grouped:
    """Positions of a sequence grouped by member code, in their order within a member (a stable sort)."""

    def __init__(self, codes: Ints, groups: int) -> None:
        self.order = stable_order(codes, groups)
        self.codes = codes[self.order]
        self.counts = np.bincount(codes, minlength=groups)
        self.starts = np.cumsum(self.counts) - self.counts

    def nth(self, values: Ints, n: int) -> Ints:
        """Each member's `n`-th value (1-based) in group order, NONE when it has fewer."""
        found = np.full(len(self.counts), NONE, dtype=np.int64)
        has = self.counts >= n
        found[has] = values[self.order][self.starts[has] + n - 1]
        return found


class Tally:
    """Per-member figures of `kept` (facts, time order) and `awards` (granted, time order), by member code."""

    def __init__(
        self,
        ids: Sequence[int],
        *,
        kept: Sequence[Fact],
        awards: Sequence[Award],
        granted: Granted | None = None,
        columns: FactColumns | None = None,
    ) -> None:
        """`granted`, when given, says which of `kept` the awards are (their positions) and the points each
        was granted: the awards' columns are then those facts' columns, read from no award again. `columns`,
        when given, are `kept`'s, read already."""
        self.ids = list(ids)
        position = {member_id: code for code, member_id in enumerate(self.ids)}
        self.facts = _Columns(kept, position, metric=True) if columns is None else _Columns.of(columns, self.ids)
        self.awards = _Columns(awards, position, metric=False) if granted is None else self.facts.granted(*granted)
        self.by_fact = Grouped(self.facts.codes, len(self.ids))
        self.by_award = Grouped(self.awards.codes, len(self.ids))
        self._by_metric: dict[int, tuple[Grouped, Ints]] = {}
        self._weeks()

    def _weeks(self) -> None:
        """Each member's active weeks (its first day in each) and the run of consecutive weeks ending there."""
        grouped, days = self.by_fact, self.facts.days[self.by_fact.order]
        codes, weeks = grouped.codes, week_of(days)
        new = np.ones(len(codes), dtype=bool)
        new[1:] = (codes[1:] != codes[:-1]) | (weeks[1:] != weeks[:-1])
        self.week_codes, self.weeks, self.week_days = codes[new], weeks[new], days[new]
        follows = np.zeros(len(self.weeks), dtype=bool)
        follows[1:] = (self.week_codes[1:] == self.week_codes[:-1]) & (self.weeks[1:] == self.weeks[:-1] + 1)
        index = np.arange(len(self.weeks))
        self.runs = index - np.maximum.accumulate(np.where(follows, 0, index)) + 1
        self.last_day = np.full(len(self.ids), NONE, dtype=np.int64)  # the day of each member's last fact
        has = grouped.counts > 0
        self.last_day[has] = days[grouped.starts[has] + grouped.counts[has] - 1]

    def best_streak(self) -> Ints:
        best = np.zeros(len(self.ids), dtype=np.int64)
        np.maximum.at(best, self.week_codes, self.runs)
        return best

    def current_streak(self, as_of: dt.date) -> Ints:
        """The run ending this week, or else last week (this week is not over yet)."""
        this_week = int(week_of(np.array([as_of.toordinal()]))[0])
        current = np.zeros(len(self.ids), dtype=np.int64)
        for week in (this_week - 1, this_week):  # this week's wins: written last
            at = self.weeks == week
            current[self.week_codes[at]] = self.runs[at]
        return current

    def streak_day(self, threshold: int) -> Ints:
        """The first day of the first week whose run reached `threshold` weeks."""
        found = np.full(len(self.ids), NONE, dtype=np.int64)
        reached = self.runs >= threshold
        codes, first = np.unique(self.week_codes[reached], return_index=True)
        found[codes] = self.week_days[reached][first]
        return found

    def metric_counts(self) -> dict[str, Ints]:
        """Facts counting towards each badge metric, per member (metrics no fact counts towards left out)."""
        return {
            name: np.bincount(self.facts.codes[self.facts.metrics == code], minlength=len(self.ids))
            for name, code in self.facts.metric_codes.items()
        }

    def metric_day(self, metric: str, threshold: int) -> Ints:
        """The day of the `threshold`-th fact counting towards `metric`."""
        code = self.facts.metric_codes.get(metric)
        if code is None:
            return np.full(len(self.ids), NONE, dtype=np.int64)
        if code not in self._by_metric:  # several rules may read one metric: grouped once
            counting = np.flatnonzero(self.facts.metrics == code)  # in time order, then grouped by member
            self._by_metric[code] = Grouped(self.facts.codes[counting], len(self.ids)), self.facts.days[counting]
        grouped, days = self._by_metric[code]
        return grouped.nth(days, threshold)

    def points(self, *, pending_from: dt.date) -> tuple[Ints, Ints]:
        """(every point, points awarded from `pending_from` on) per member."""
        codes, points, groups = self.awards.codes, self.awards.points, len(self.ids)
        total = np.bincount(codes, weights=points, minlength=groups).astype(np.int64)
        late = self.awards.days >= pending_from.toordinal()
        return total, np.bincount(codes[late], weights=points[late], minlength=groups).astype(np.int64)

    def points_day(self, threshold: int, total: Ints) -> Ints:
        """The day of the award with which the member's running total reached `threshold` (granted points are
        positive: each member's running total grows, so one search over all members' totals finds it)."""
        grouped = self.by_award
        points, days = self.awards.points[grouped.order], self.awards.days[grouped.order]
        running = np.cumsum(points)
        has = grouped.counts > 0
        before = np.zeros(len(self.ids), dtype=np.int64)
        before[has] = running[grouped.starts[has]] - points[grouped.starts[has]]
        running -= np.repeat(before, grouped.counts)
        span = int(max(total.max(initial=0), threshold)) + 1
        keyed = grouped.codes * span + running
        found = np.full(len(self.ids), NONE, dtype=np.int64)
        reached = np.flatnonzero(total >= threshold)
        at = np.maximum(np.searchsorted(keyed, reached * span + threshold), grouped.starts[reached])
        found[reached] = days[at]
        return found


class _Columns:
    """Member codes, UTC day ordinals and points (or badge metric codes) of facts or awards, read once."""

    def __init__(self, items: Sequence[Any], position: dict[int, int], *, metric: bool) -> None:
        count = len(items)
        codes = np.fromiter(map(position.get, map(_MEMBER, items), repeat(NONE)), np.int64, count)
        ats = map(_AT, items)
        days = np.fromiter(map(dt.datetime.toordinal, ats), np.int64, count)
        known = codes != NONE  # a fact of someone not listed among the members counts for no standing
        self.codes, self.days = codes[known], days[known]
        self._every = codes, days  # listed or not, for `granted`
        self.metric_codes: dict[str, int] = {}
        if metric:
            names = list(map(_METRIC, items))
            self.metric_codes = {name: code for code, name in enumerate(sorted(set(names) - {None, ""}))}
            self.metrics = np.fromiter(map(self.metric_codes.get, names, repeat(NONE)), np.int64, count)[known]
        else:
            self.points = np.fromiter(map(_POINTS, items), np.int64, count)[known]

    @classmethod
    def of(cls, columns: FactColumns, ids: list[int]) -> _Columns:
        """The facts' columns from those read already: member ids turned into codes by a search among the
        sorted ids (the last code of an id listed twice, as the `position` dict gives), done for each distinct
        member (`columns.ids`, a few thousand) and spread to their facts by `columns.codes`, instead of a
        search per fact."""
        listed = np.array(ids, dtype=np.int64)
        sorter = np.argsort(listed, kind="stable")
        found = np.searchsorted(listed, columns.ids, side="right", sorter=sorter) - 1
        code_of = np.full(len(columns.ids), NONE, dtype=np.int64)
        if len(listed):
            known = (found >= 0) & (listed[sorter[np.maximum(found, 0)]] == columns.ids)
            code_of[known] = sorter[found[known]]
        codes = code_of[columns.codes]
        facts = cls((), {}, metric=False)
        known = codes != NONE
        facts.codes, facts.days, facts._every = codes[known], columns.days[known], (codes, columns.days)
        names: list[Any] = columns.metrics  # None: no metric
        facts.metric_codes = {name: code for code, name in enumerate(sorted(set(names) - {None, ""}))}
        facts.metrics = np.fromiter(map(facts.metric_codes.get, names, repeat(NONE)), np.int64, len(names))[known]
        return facts

    def granted(self, positions: Sequence[int] | Ints, points: Sequence[int] | Ints) -> _Columns:
        """The columns of the awards given for the facts at `positions` (same member, same moment), with
        the points each was granted."""
        at = np.asarray(positions, dtype=np.int64)
        codes, days = (column[at] for column in self._every)
        known = codes != NONE
        awards = _Columns((), {}, metric=False)
        awards.codes, awards.days = codes[known], days[known]
        awards.points = np.asarray(points, dtype=np.int64)[known]
        return awards


# (positions among the kept facts, points granted) of the awards: arrays as `integrity.apply_caps` gives them
Granted = tuple[Sequence[int] | Ints, Sequence[int] | Ints]
_MEMBER, _AT, _METRIC, _POINTS = (attrgetter(name) for name in ("member_id", "at", "metric", "points"))
