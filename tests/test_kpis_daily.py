"""Members' activity day by day (kpis/daily.py): numpy's counts against a plain count, event by event."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict

import pytest

from entraide.events.model import Event, EventKind
from entraide.kpis.daily import activity, monday


def _events(seed: int) -> list[Event]:
    rng = random.Random(seed)
    start = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    moments = sorted(start + dt.timedelta(minutes=rng.randrange(60 * 24 * 40)) for _ in range(400))
    return [
        Event(
            id=f"e{number:04d}",
            kind=rng.choice(list(EventKind)),
            at=moment,
            actor_id=rng.choice([None, *range(10**9, 10**9 + 12)]),
            actor_login="someone",
            subject=1,
            subject_type="issue",
        )
        for number, moment in enumerate(moments)
    ]


def assert_plain_activity(found, events, members):
    """`found` (an `activity` reading) holds what reading `events` one at a time gives: each member's
    active days, their contributions, and each week's active members and counts by kind."""
    days: dict[int, list[dt.date]] = defaultdict(list)
    kinds: dict[dt.date, Counter] = defaultdict(Counter)
    active: dict[dt.date, set[int]] = defaultdict(set)
    for event in events:
        if event.actor_id in members:
            day = event.at.date()
            if day not in days[event.actor_id]:
                days[event.actor_id].append(day)
            kinds[monday(day)][event.kind] += 1
            active[monday(day)].add(event.actor_id)
    assert found.days == dict(days)
    assert found.contributions == Counter(e.actor_id for e in events if e.actor_id in members)
    assert list(found.weeks) == sorted(kinds)
    assert {week: (w.active, dict(w.kinds)) for week, w in found.weeks.items()} == {
        week: (len(active[week]), dict(kinds[week])) for week in kinds
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_daily_counts_are_the_plain_counts_event_by_event(seed):
    events = _events(seed)
    members = set(range(10**9, 10**9 + 9))  # three accounts act without being members
    assert_plain_activity(activity(events, members), events, members)


def test_no_member_events_no_activity():
    found = activity(_events(4), {7})
    assert (found.days, found.weeks, found.contributions) == ({}, {}, Counter())
