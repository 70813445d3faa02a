"""Store order: events sorted by (at, id), each id once, as `store.dumps` writes month files and `store.load`
returns them.

What `store.load` returns carries the proof of its order (`StoreOrdered`): the stages that ask whether a
history is in store order (scoring's and the KPIs' history) then get the answer without a pass over it."""

from __future__ import annotations

import datetime as dt
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


def bounded(month: Sequence[Event], *, start: dt.datetime, end: dt.datetime, limit: dt.datetime | None) -> bool:
    """The events of a sorted month file all from `start` to before `end` and not after `limit`: only the
    first and last are compared."""
    return not month or (start <= month[0].at and month[-1].at < end and (limit is None or month[-1].at <= limit))
