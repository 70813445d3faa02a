"""The daily and per-pair weekly point caps, weighed over columns instead of fact by fact.

The caps as written (`integrity.walked`... see the tests) walk every fact in time order: a member's points
today are capped at `per_day`, and their points from one other member this ISO week at
`per_pair_per_week`, partial points when a cap is nearly reached. Both counters belong to one member and
restart each week (a day lies within its week), so each (member, week) can be weighed on its own:

- where no day of it goes over the daily cap (summing the points the facts would earn), that cap never
  cuts anything there, and the pair cap alone is a running sum clipped at the cap, per (member, other,
  week): computed for all of them at once from cumulative sums;
- where no pair goes over its weekly cap, likewise the daily cap alone, per (member, day);
- where both do (a few weeks in a thousand in the generated communities), its facts are walked in time
  order as the rule says.
"""

from __future__ import annotations

import numpy as np

from entraide.content.models import Caps
from entraide.scoring.columns import FactColumns, Flags, Ints
from entraide.scoring.tally import stable_order


def granted(columns: FactColumns, caps: Caps) -> Ints:
    """The points each fact is granted under the caps: its own when uncapped, 0 when none."""
    points = columns.points
    result = np.maximum(points, 0)
    weighed = np.flatnonzero(columns.capped & (points > 0))
    if not len(weighed):
        return result
    members, days, earned = columns.members[weighed], columns.days[weighed], points[weighed]
    others = columns.others[weighed]
    paired = columns.paired[weighed] & (others != members)
    weeks = days - (days - 1) % 7  # the Monday of each day (ordinal 1 is a Monday), as `integrity.monday`
    member = np.unique(members, return_inverse=True)[1].astype(np.int64)
    week = (weeks - weeks.min()) // 7
    per_member_week = member * int(week.max() + 1) + week

    by_day, day_over = _clipped(member * int(days.max() - days.min() + 1) + (days - days.min()), earned, caps.per_day)
    by_pair, pair_over = earned.copy(), np.zeros(len(earned), dtype=np.bool_)
    if paired.any():
        other = np.unique(others[paired], return_inverse=True)[1].astype(np.int64)
        pairs = (member[paired] * int(other.max() + 1) + other) * int(week.max() + 1) + week[paired]
        by_pair[paired], pair_over[paired] = _clipped(pairs, earned[paired], caps.per_pair_per_week)
    day_bound, pair_bound = _anywhere(per_member_week, day_over), _anywhere(per_member_week, pair_over)

    weighed_points = earned.copy()  # neither cap reached over: every point stays
    only_day, only_pair = day_bound & ~pair_bound, pair_bound & ~day_bound
    weighed_points[only_day] = by_day[only_day]
    weighed_points[only_pair] = by_pair[only_pair]
    both = np.flatnonzero(day_bound & pair_bound)
    if len(both):
        weighed_points[both] = _walked(members[both], days[both], weeks[both], others[both], paired[both],
                                       earned[both], caps)  # fmt: skip
    result[weighed] = weighed_points
    return result


def _clipped(groups: Ints, points: Ints, cap: int) -> tuple[Ints, Flags]:
    """The points each item keeps under a running cap per group (items in time order, points > 0): the
    running total kept is min(running total, cap), each item keeping its step. Also whether the item's group
    goes over the cap at all."""
    _, group = np.unique(groups, return_inverse=True)
    counts = np.bincount(group)
    order = stable_order(group.astype(np.int64), len(counts))
    steps = points[order]
    running = np.cumsum(steps)
    starts = np.cumsum(counts) - counts
    running -= np.repeat(running[starts] - steps[starts], counts)  # each group's own running total
    kept = np.empty_like(points)
    kept[order] = np.minimum(running, cap) - np.minimum(running - steps, cap)
    over = running[starts + counts - 1] > cap
    return kept, over[group]


def _anywhere(groups: Ints, flags: Flags) -> Flags:
    """Whether any item of each item's group is flagged."""
    _, group = np.unique(groups, return_inverse=True)
    flagged: Flags = np.bincount(group, weights=flags)[group] > 0
    return flagged


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
            room = pair_cap - per_pair.get((member, other), 0)
            earned = min(earned, room)
            if earned > 0:
                per_pair[member, other] = per_pair.get((member, other), 0) + earned
        if earned > 0:
            per_day[member] = per_day.get(member, 0) + earned
        kept.append(max(earned, 0))
    return np.array(kept, dtype=np.int64)
