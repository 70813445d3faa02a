"""Store order: events sorted by (at, id), each id once, as `store.dumps` writes month files and `store.load`
returns them; checked in passes over whole lists, done in C where they can be."""

from __future__ import annotations

import datetime as dt
import itertools
import operator
from collections.abc import Sequence

from entraide.events.model import Event


def in_order(events: Sequence[Event]) -> bool:
    """Sorted by (at, id); ids may repeat."""
    previous = None
    for event in events:
        if previous is not None and (event.at < previous.at or (event.at == previous.at and event.id < previous.id)):
            return False
        previous = event
    return True


def in_store_order(events: Sequence[Event]) -> bool:
    """True when `events` are already what `load` returns: sorted by (at, id), each id once. Stages
    then take them as they are instead of sorting and deduplicating a copy (one pass, no new objects)."""
    return in_order(events) and len({event.id for event in events}) == len(events)


_AT, _ID = operator.attrgetter("at"), operator.attrgetter("id")


def as_written(
    month: list[Event], *, start: dt.datetime, end: dt.datetime, limit: dt.datetime | None, seen: set[str]
) -> bool:
    """True when a month file's events are as `store.dumps` writes them: sorted by (at, id) with no id
    twice, from `start` to before `end` and not after `limit`, and none of their ids in `seen`, which then
    gains them. Sorted, only the first and last are compared with the bounds; the order is checked in C
    over the timestamps, and by id only where two are equal (a few in a month)."""
    if not month:
        return True
    ats = list(map(_AT, month))
    if not (start <= ats[0] and ats[-1] < end and (limit is None or ats[-1] <= limit)):
        return False
    following = itertools.islice(ats, 1, None)
    if not all(map(operator.le, ats, following)):
        return False
    ids = list(map(_ID, month))
    ties = itertools.compress(range(len(ats)), map(operator.eq, ats, itertools.islice(ats, 1, None)))
    if any(ids[index] >= ids[index + 1] for index in ties):
        return False
    unique = set(ids)
    if len(unique) != len(ids) or not seen.isdisjoint(unique):
        return False
    seen |= unique
    return True
