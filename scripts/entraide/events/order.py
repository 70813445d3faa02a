"""Store order: events sorted by (at, id), each id once, as `store.dumps` writes month files and `store.load`
returns them.

What `store.load` returns carries the proof of its order (`StoreOrdered`): the stages that ask whether a
history is in store order (scoring's and the KPIs' history) then get the answer without a pass over it."""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterable, Sequence

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


def month_bounds(stem: str) -> tuple[dt.datetime, dt.datetime]:
    """The first moment of the month file `stem` (YYYY-MM) and of the next month, in UTC."""
    year, month = (int(part) for part in stem.split("-"))
    start = dt.datetime(year, month, 1, tzinfo=dt.UTC)
    return start, dt.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=dt.UTC)


class IdHashes:
    """The ids of the files read so far, as their hashes (`update` takes what a set's does): all distinct
    proves the ids distinct (equal ids hash the same), checked once, sorted, at 8 bytes an id. A set of
    the ids themselves costs an insertion an event into a table of 32 MB at 1M events, each out of the
    processor's cache (~0.2 s more, measured). Two ids may share a hash (about once in 10^7 loads of 1M
    events): the store then checks again with the ids themselves."""

    def __init__(self) -> None:
        self.hashes = array("q")

    def update(self, ids: Iterable[str]) -> None:
        """The hashes converted by numpy, then copied in: `array.extend` converts each 64-bit int through
        PyArg_Parse (0.29-0.41 µs an id with its hash, against 0.22 µs, measured on a month file's ids)."""
        import numpy as np  # imported by `distinct` at the end of the load anyway

        self.hashes.frombytes(np.fromiter(map(hash, ids), dtype=np.int64).tobytes())

    def distinct(self, *, last: bool = False) -> bool:
        """last: asked at the end of the load, the hashes are let go after (8 MB at 1M events, 80 MB at 10M),
        before the load copies its events into the tuple it returns, the moment its memory peaks."""
        import numpy as np  # here: importing the store alone (`entraide check`, the bot) needs no numpy

        values = np.frombuffer(self.hashes, dtype=np.int64)  # the hashes themselves, sorted in place: no copy
        values.sort()
        answer = not bool((values[1:] == values[:-1]).any())
        if last:
            del values  # the view, so that the array can go
            self.hashes = array("q")
        return answer
