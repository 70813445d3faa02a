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


_AT_AND_ID = operator.attrgetter("at", "id")


def as_written(
    month: list[Event], *, start: dt.datetime, end: dt.datetime, limit: dt.datetime | None, seen: set[str]
) -> bool:
    """True when a month file's events are as `store.dumps` writes them: sorted by (at, id) with no id twice,
    from `start` to before `end` and not after `limit`, and none of their ids in `seen`, which then gains
    them. Sorted, only the first and last are compared with the bounds; the rest is done in C over (at, id)
    pairs instead of a Python loop over events."""
    if not month:
        return True
    keys = list(map(_AT_AND_ID, month))
    first, last = keys[0][0], keys[-1][0]
    if not (start <= first and last < end and (limit is None or last <= limit)):
        return False
    if not all(map(operator.lt, keys, itertools.islice(keys, 1, None))):
        return False
    ids = set(map(operator.itemgetter(1), keys))
    if len(ids) != len(keys) or not seen.isdisjoint(ids):
        return False
    seen |= ids
    return True
