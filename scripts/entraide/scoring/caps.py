"""The daily and per-pair weekly point caps, weighed over columns instead of fact by fact.

The caps as written (`granted_by_walk` in tests/test_scoring_integrity.py) go through every fact in time order: a
member's points today are capped at `per_day`, and their points from one other member this ISO week at
`per_pair_per_week`, partial points when a cap is nearly reached. Both counters belong to one member and
restart each week (a day lies within its week), so each (member, week) can be weighed on its own:

- where no day of it goes over the daily cap (summing the points the facts would earn), that cap never
  cuts anything there, and the pair cap alone is a running sum clipped at the cap, per (member, other,
  week): computed for all of them at once from cumulative sums;
- where no pair goes over its weekly cap, likewise the daily cap alone, per (member, day);
- where both do (a few weeks in a thousand in the generated communities), its facts are walked in time
  order as the rule says.

Groups are runs of one order: the facts sorted by member (a stable radix sort: time order within a member,
so days and weeks come in runs), and the paired facts sorted by (member, other).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat
from operator import attrgetter, is_not

import numpy as np

from entraide.content.models import Caps
from entraide.scoring.columns import FactColumns, Flags, Ints
from entraide.scoring.fact import Fact
from entraide.scoring.tally import stable_order


def granted(facts: Sequence[Fact], columns: FactColumns, caps: Caps) -> Ints:
    """The points each fact is granted under the caps: its own when uncapped, 0 when none. `columns` are the
    facts' shared ones; the fields only the caps read are read here, and dropped when done."""
    count = len(facts)
    points = np.fromiter(map(_POINTS, facts), np.int64, count)
    result = np.maximum(points, 0)
    weighed = np.flatnonzero(np.fromiter(map(_CAPPED, facts), np.bool_, count) & (points > 0))
    if not len(weighed):
        return result
    members, days, earned = columns.codes[weighed], columns.days[weighed], points[weighed]
    others, has_other = _others(facts, weighed)
    paired = np.flatnonzero(has_other & (others != columns.members[weighed]))
    weeks = days - (days - 1) % 7  # the Monday of each day (ordinal 1 is a Monday), as `integrity.monday`

    by_member = stable_order(members, len(columns.ids))
    new_member = _changes(members[by_member])
    new_week = new_member | _changes(weeks[by_member])
    by_day, day_over = _clipped(new_member | _changes(days[by_member]), earned[by_member], caps.per_day)
    pair_over = np.zeros(len(earned), dtype=np.bool_)
    by_pair = earned.copy()
    if len(paired):
        other = np.unique(others[paired], return_inverse=True)[1].astype(np.int64)
        by_other = stable_order(other, int(other.max()) + 1)
        order = by_other[stable_order(members[paired][by_other], len(columns.ids))]  # by (member, other, time)
        pairs = paired[order]
        new = _changes(members[pairs]) | _changes(other[order]) | _changes(weeks[pairs])
        by_pair[pairs], pair_over[pairs] = _clipped(new, earned[pairs], caps.per_pair_per_week)
    week_starts = np.flatnonzero(new_week)  # each (member, week), as runs of the member order
    lengths = np.diff(np.append(week_starts, len(earned)))
    day_bound = np.repeat(np.logical_or.reduceat(day_over, week_starts), lengths)
    pair_bound = np.repeat(np.logical_or.reduceat(pair_over[by_member], week_starts), lengths)

    kept = earned[by_member]  # neither cap reached over: every point stays
    only_day, only_pair = day_bound & ~pair_bound, pair_bound & ~day_bound
    kept[only_day] = by_day[only_day]
    kept[only_pair] = by_pair[by_member][only_pair]
    both = np.sort(by_member[day_bound & pair_bound])  # back in time order, to be walked
    weighed_points = np.empty_like(earned)
    weighed_points[by_member] = kept
    if len(both):
        is_paired = np.zeros(len(earned), dtype=np.bool_)
        is_paired[paired] = True
        weighed_points[both] = _walked(members[both], days[both], weeks[both], others[both], is_paired[both],
                                       earned[both], caps)  # fmt: skip
    result[weighed] = weighed_points
    return result


def _others(facts: Sequence[Fact], weighed: Ints) -> tuple[Ints, Flags]:
    """The counterpart of each weighed fact (0: no one) and whether it has one. Read for every fact at once
    as floats, None read as NaN by numpy's conversion in C (no call per fact to tell it from an id), when every
    id is exact as a float (GitHub's ids are far below 2**53); else one by one."""
    read = np.array(list(map(_COUNTERPART, facts)), dtype=np.float64)[weighed]
    has_other = ~np.isnan(read)
    if not has_other.any() or np.abs(read[has_other]).max() < _EXACT:
        return np.where(has_other, read, 0).astype(np.int64), has_other
    counterparts = list(map(_COUNTERPART, map(facts.__getitem__, weighed.tolist())))
    others = np.fromiter(map(_NO_ONE.get, counterparts, counterparts), np.int64, len(weighed))  # 0: no one
    return others, np.fromiter(map(is_not, counterparts, repeat(None)), np.bool_, len(weighed))


def _changes(values: Ints) -> Flags:
    """Where a run of equal values starts."""
    new = np.ones(len(values), dtype=np.bool_)
    new[1:] = values[1:] != values[:-1]
    return new


def _clipped(new: Flags, steps: Ints, cap: int) -> tuple[Ints, Flags]:
    """The points each item keeps under a running cap per run (`new` marks where each starts; items in time
    order within it, points > 0): the running total kept is min(running total, cap), each item keeping its
    step. Also whether the item's run goes over the cap at all."""
    starts = np.flatnonzero(new)
    lengths = np.diff(np.append(starts, len(steps)))
    running = np.cumsum(steps)
    running -= np.repeat(running[starts] - steps[starts], lengths)  # each run's own running total
    kept = np.minimum(running, cap) - np.minimum(running - steps, cap)
    return kept, np.repeat(running[starts + lengths - 1] > cap, lengths)


def _walked(members: Ints, days: Ints, weeks: Ints, others: Ints, paired: Flags, points: Ints, caps: Caps) -> Ints:
    """Both caps as the rule walks them, over the facts (time order) of the weeks where both may cut."""
    per_day: dict[int, int] = {}
    per_pair: dict[tuple[int, int], int] = {}
    day_cap, pair_cap = caps.per_day, caps.per_pair_per_week
    day = week = None
    kept = []
    for member, today, monday, other, has, earned in zip(
        members.tolist(), days.tolist(), weeks.tolist(), others.tolist(), paired.tolist(), points.tolist()
    ):
        if today != day:
            day = today
            per_day.clear()
            if monday != week:
                week = monday
                per_pair.clear()
        earned = min(earned, day_cap - per_day.get(member, 0))
        if has:
            earned = min(earned, pair_cap - per_pair.get((member, other), 0))
            if earned > 0:
                per_pair[member, other] = per_pair.get((member, other), 0) + earned
        if earned > 0:
            per_day[member] = per_day.get(member, 0) + earned
        kept.append(max(earned, 0))
    return np.array(kept, dtype=np.int64)


_NO_ONE: dict[int | None, int] = {None: 0}
_EXACT = 2**53  # below it, every integer is exact as a float64
_POINTS, _CAPPED, _COUNTERPART = attrgetter("points"), attrgetter("capped"), attrgetter("counterpart")
