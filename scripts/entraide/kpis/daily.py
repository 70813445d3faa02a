"""Members' activity day by day: their active days, each week's events by kind and active members, each
member's events, counted from columns of the time-ordered events.

At a million events a Python step per event costs more than the rest together: each event's member and
kind are read by `map` in C (the kinds once for every index, `kind_codes`), its day from the runs of days
found by one search per day, and the counting (distinct member-days, member-weeks, kinds per week) is
numpy's.
"""

from __future__ import annotations

import bisect
import datetime as dt
import operator
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

import numpy as np

from entraide.events.model import Event, EventKind

KINDS = tuple(EventKind)
_CODE = {kind: code for code, kind in enumerate(KINDS)}
_KIND, _ACTOR, _AT = operator.attrgetter("kind"), operator.attrgetter("actor_id"), operator.attrgetter("at")


@dataclass(slots=True)
class Week:
    """Members' activity in one week: how many were active, and their events by kind."""

    active: int = 0
    kinds: Counter[EventKind] = field(default_factory=Counter)


def end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass
class Activity:
    days: dict[int, list[dt.date]]  # member id -> distinct active days, sorted
    weeks: dict[dt.date, Week]  # Monday -> members' activity that week, in time order
    contributions: Counter[int]  # member id -> their events


def kind_codes(events: Sequence[Event]) -> np.ndarray:
    """Each event's kind as its position in `KINDS`, read in C: the one read of the kinds the history's
    indexes share."""
    return np.fromiter(map(_CODE.__getitem__, map(_KIND, events)), np.int8, len(events))


def activity(events: Sequence[Event], members: Collection[int], codes: np.ndarray | None = None) -> Activity:
    """The members' activity in `events` (time-ordered, aware UTC times); others' events are left out.
    `members`: their ids; `codes`: the events' `kind_codes`, when the caller has them."""
    found = Activity({}, {}, Counter())
    # Each event's author id read in C (no author: an id below every member's), the members' found by numpy:
    # a look-up per event in `members` cost 0.16-0.19 s against 0.10-0.12 at a million events.
    no_one = {None: min(members, default=0) - 1}
    actors_of = list(map(_ACTOR, events))
    every = np.fromiter(map(no_one.get, actors_of, actors_of), np.int64, len(actors_of))
    mine = np.isin(every, np.fromiter(members, np.int64, len(members)))
    if not mine.any():
        return found
    kinds = (kind_codes(events) if codes is None else codes)[mine].astype(np.int64)
    all_days, all_bounds = _days(events)
    day_of = np.repeat(np.arange(len(all_days)), np.diff(all_bounds))[mine]
    per_day = np.bincount(day_of, minlength=len(all_days))
    kept = per_day > 0  # the days with a member's event: their runs among the members' events
    days = [day for day, keep in zip(all_days, kept.tolist(), strict=True) if keep]
    bounds = np.r_[0, np.cumsum(per_day[kept])].tolist()
    day_of = (np.cumsum(kept) - 1)[day_of]
    actors = every[mine]
    ids, starts = _runs(np.sort(actors))
    counts = np.diff([*starts, len(actors)])
    found.contributions.update(dict(zip(ids.tolist(), counts.tolist(), strict=True)))
    week_of = _weeks(days, bounds, kinds, found.weeks)
    member_days = distinct(actors * len(days) + day_of)  # by member, then day
    _active_days(member_days, days, found.days)
    who, when = np.divmod(member_days, len(days))
    member_weeks = distinct(who * len(found.weeks) + week_of[when]) % len(found.weeks)
    for week, active in zip(found.weeks.values(), np.bincount(member_weeks, minlength=len(found.weeks)).tolist()):
        week.active = active
    return found


def _days(events: Sequence[Event]) -> tuple[list[dt.date], list[int]]:
    """The UTC days of the time-ordered `events` (one date object per day) and where each day's run
    starts: one search per day, not a read per event."""
    days, bounds, start = [], [0], 0
    while start < len(events):
        day = events[start].at.date()
        start = bisect.bisect_left(events, end_of(day), lo=start, key=_AT)  # the first moment of a later day
        days.append(day)
        bounds.append(start)
    return days, bounds


def _weeks(days: list[dt.date], bounds: list[int], kinds: np.ndarray, weeks: dict[dt.date, Week]) -> np.ndarray:
    """Fill each week's events by kind (the events of a week are one run); the week number of each day."""
    week_of = np.empty(len(days), dtype=np.int64)
    mondays = [monday(day) for day in days]
    first = 0
    for number in range(len(days)):
        week_of[number] = len(weeks) - (mondays[number] in weeks) if weeks else 0
        weeks.setdefault(mondays[number], Week())
        if number + 1 == len(days) or mondays[number + 1] != mondays[number]:
            counted = np.bincount(kinds[bounds[first] : bounds[number + 1]], minlength=len(KINDS)).tolist()
            weeks[mondays[number]].kinds.update({KINDS[code]: n for code, n in enumerate(counted) if n})
            first = number + 1
    return week_of


def _active_days(member_days: np.ndarray, days: list[dt.date], found: dict[int, list[dt.date]]) -> None:
    """Each member's sorted active days, from the sorted member * len(days) + day codes."""
    who, when = np.divmod(member_days, len(days))
    all_days = [days[number] for number in when.tolist()]
    members, starts = _runs(who)
    for member, start, stop in zip(members.tolist(), starts, [*starts[1:], len(all_days)], strict=True):
        found[member] = all_days[start:stop]


def _runs(ordered: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """The distinct values of a sorted array and where each one's run starts."""
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    return ordered[starts], starts.tolist()


def distinct(codes: np.ndarray) -> np.ndarray:
    """`np.unique(codes)`, by sorting: numpy 2's `unique` takes tens of times longer on a million codes."""
    ordered = np.sort(codes)
    return _runs(ordered)[0] if len(ordered) else ordered
