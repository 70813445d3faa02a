"""Store order: events sorted by (at, id), each id once, as `store.dumps` writes month files and `store.load`
returns them; checked in passes over whole lists, done in C where they can be.

What `store.load` returns carries the proof of its order (`StoreOrdered`): the stages that ask whether a
history is in store order (scoring's and the KPIs' history) then get the answer without a pass over it."""

from __future__ import annotations

import datetime as dt
import itertools
import operator
from collections.abc import Sequence

from entraide.events.model import Event


class StoreOrdered(tuple[Event, ...]):
    """A history known to be in store order: built by `store.load` once it has checked or sorted it, and
    by `dates.up_to` cutting one (a prefix of an ordered history is ordered). Read as the tuple it is;
    slicing or copying it gives a plain tuple, which is checked again when asked."""

    __slots__ = ()


def in_order(events: Sequence[Event]) -> bool:
    """Sorted by (at, id); ids may repeat. One pass: several passes in C over a million events (the
    timestamps, then their comparisons) cost more than one in Python, each event read once."""
    if isinstance(events, StoreOrdered):
        return True
    previous = None
    for event in events:
        if previous is not None and (event.at < previous.at or (event.at == previous.at and event.id < previous.id)):
            return False
        previous = event
    return True


def in_store_order(events: Sequence[Event]) -> bool:
    """True when `events` are already what `load` returns: sorted by (at, id), each id once. Stages
    then take them as they are instead of sorting and deduplicating a copy (what `load` returned: at
    once; anything else: one pass, no new objects)."""
    return isinstance(events, StoreOrdered) or (in_order(events) and len({event.id for event in events}) == len(events))


_AT, _ID = operator.attrgetter("at"), operator.attrgetter("id")


def as_written(
    month: list[Event],
    *,
    start: dt.datetime,
    end: dt.datetime,
    limit: dt.datetime | None,
    seen: set[str],
    known: tuple[set[str], bool] | None = None,
) -> bool:
    """True when a month file's events are as `store.dumps` writes them: sorted by (at, id) with no id
    twice, from `start` to before `end` and not after `limit`, and none of their ids in `seen`, which then
    gains them. Sorted, only the first and last are compared with the bounds. `known`: their ids and
    whether they are sorted, noted while decoding them (`decoding.Month`); else the order is checked in C
    over the timestamps, and by id only where two are equal (a few in a month)."""
    if not month:
        return True
    if not (start <= month[0].at and month[-1].at < end and (limit is None or month[-1].at <= limit)):
        return False
    unique, ordered = known or (set(map(_ID, month)), _sorted(month))
    if not ordered or len(unique) != len(month) or not seen.isdisjoint(unique):
        return False
    seen |= unique
    return True


def _sorted(month: list[Event]) -> bool:
    ats = list(map(_AT, month))
    if not all(map(operator.le, ats, itertools.islice(ats, 1, None))):
        return False
    ties = itertools.compress(range(len(ats)), map(operator.eq, ats, itertools.islice(ats, 1, None)))
    return not any(month[index].id >= month[index + 1].id for index in ties)
