"""The history's indexes built from columns: each event's kind read once (`kind_codes`), then the events
grouped by kind and the openings and replies picked out by numpy over the codes, so that the one Python
step per event left (`replies`) is taken only over the events of the kinds that need it.

At a million events a Python loop doing a few lookups per event costs about a second; a pass in C
(`map`, `compress`, a gather by position in time order) a few hundredths.
"""

from __future__ import annotations

import bisect
import datetime as dt
import operator
from collections.abc import Container, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

import numpy as np

from entraide.events.compact import Comment, Review
from entraide.events.model import Event, EventKind
from entraide.kpis.daily import KINDS

Thread = tuple[str, int]

_ACTOR, _PAYLOAD = operator.attrgetter("actor_id"), operator.attrgetter("payload")
_COMMENT_FIELDS = operator.attrgetter("kudos", "reply_to", "comment_id")


def codes_of(kinds: frozenset[EventKind] | set[EventKind]) -> np.ndarray:
    """The codes (`daily.KINDS` positions) of `kinds`."""
    return np.array([code for code, kind in enumerate(KINDS) if kind in kinds], dtype=np.int8)


def pick(events: Sequence[Event], where: np.ndarray) -> list[Event]:
    """The events at the positions where `where` holds, in their order."""
    return list(map(events.__getitem__, np.flatnonzero(where).tolist()))


class KindLists(Mapping[EventKind, list[Event]]):
    """The events of each kind present, in time order, kinds in `EventKind`'s order; each kind's list made
    when first asked for: the KPIs read a few kinds' (openings, agenda comments and reactions, labels),
    and making every kind's list cost a gather of every event (0.22 s at 1M events)."""

    def __init__(self, events: Sequence[Event], codes: np.ndarray) -> None:
        self._events, self._codes = events, codes
        counts = np.bincount(codes, minlength=len(KINDS)).tolist()
        self._present = {kind: code for code, kind in enumerate(KINDS) if counts[code]}
        self._lists: dict[EventKind, list[Event]] = {}

    def __getitem__(self, kind: EventKind) -> list[Event]:
        found = self._lists.get(kind)
        if found is None:
            found = self._lists[kind] = pick(self._events, self._codes == self._present[kind])
        return found

    def __iter__(self) -> Iterator[EventKind]:
        return iter(self._present)

    def __len__(self) -> int:
        return len(self._present)


class Numbers:
    """Each thread's number (0, 1, ... as added: `keys`). The community's own threads, keyed (subject type,
    number), are found by their subject type, then number: two look-ups of an interned text and an int,
    where a key tuple made and hashed for each of ~480k openings and replies cost more (0.066 s against
    0.098 s for the replies' look-ups at 1M events). The other repositories' threads by their key."""

    def __init__(self) -> None:
        self.home: dict[str, dict[int, int]] = {"issue": {}, "pull": {}, "discussion": {}}
        self.others: dict[Thread, int] = {}
        self.keys: list[Thread] = []

    def get(self, thread: Thread) -> int | None:
        local = self.home.get(thread[0])
        return self.others.get(thread) if local is None else local.get(thread[1])

    def add(self, thread: Thread) -> int:
        """The number of a thread not numbered yet."""
        number = len(self.keys)
        local = self.home.get(thread[0])
        if local is None:
            self.others[thread] = number
        else:
            local[thread[1]] = number
        self.keys.append(thread)
        return number


@dataclass
class Replies:
    """What the history indexes of its replies (`INTERACTION_KINDS`): each thread's (by its number, not a dict
    keyed by thread: the waits read them by the openings' numbers, without a look-up), the comments' authors,
    the replies giving kudos; and a column per reply, in time order, for the readings that take every
    reply (connections): its thread's number, its author, the comment it answers, its month.

    Threads are numbered in the order of `numbers` as given (the history gives its openings', so that
    thread number k < `opened` is the k-th of `History.openings`), then the others' as their first reply
    comes."""

    numbers: Numbers = field(default_factory=Numbers)  # each thread's number
    lists: list[list[Event] | None] = field(default_factory=list)  # by thread number: its replies (None: none)
    authors: dict[int, int] = field(default_factory=dict)  # comment id -> author id
    giving_kudos: list[Event] = field(default_factory=list)  # in the order `ranks` gives their kinds
    thread: list[int] = field(default_factory=list)
    actors: list[int | None] = field(default_factory=list)
    reply_to: list[int | None] = field(default_factory=list)  # `Event.reply_to`: an int, never a bool
    kudos_rows: list[int] = field(default_factory=list)  # the row of each of `giving_kudos`
    opened: int = 0  # the threads numbered before the replies were read
    numbered: int = 0  # ... and after: every thread's number is below
    month: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # year * 12 + month - 1

    def of(self, thread: Thread) -> list[Event]:
        """The thread's replies, in time order (none: an empty list)."""
        number = self.numbers.get(thread)
        return (self.lists[number] or []) if number is not None else []

    def threads(self) -> dict[Thread, list[Event]]:
        """Each thread's replies, threads by their first reply (`History.replies`): made only when asked,
        the KPIs read each thread's by its number (`lists`, `of`)."""
        column = np.array(self.thread, dtype=np.int64)
        numbers, firsts = np.unique(column, return_index=True)
        order = numbers[np.argsort(firsts)].tolist()
        keys = self.numbers.keys
        return dict(zip(map(keys.__getitem__, order), map(self.lists.__getitem__, order)))  # type: ignore[arg-type]


def replies(
    events: list[Event],
    comments: Container[EventKind],
    ranks: Mapping[EventKind, int],
    found: Replies | None = None,
    numbers: Numbers | None = None,
) -> Replies:
    """The replies' indexes in one Python step per reply, each reply and its payload read once while at
    hand, in time order: a pass of their own each (the threads, then the comments' ids, then the kudos, by
    `map` in C) read them three times from memory, slower at a million events (0.62 s against 0.46 s).
    The payload's fields are read as `payload_values` reads them (a dict's by `get`, a typed payload's
    slot by `getattr`, an unset one falsy), without a call of `get` each.
    `comments`: the kinds whose ids are indexed; `ranks`: the order of the kinds in `giving_kudos`; `found`:
    the (empty) `Replies` to fill, when the caller holds one; `numbers`: the threads numbered first (0, 1,
    ... in order), filled with the others."""
    found = Replies() if found is None else found
    numbers = found.numbers = Numbers() if numbers is None else numbers
    found.opened = len(numbers.keys)
    lists = found.lists = [None] * len(numbers.keys)
    authors, giving = found.authors, found.giving_kudos
    thread_of, actors, replied, kudos_rows = found.thread, found.actors, found.reply_to, found.kudos_rows
    home, others = numbers.home, numbers.others
    for event in events:
        number = home[event.subject_type].get(event.subject) if event.repo is None else others.get(event.thread)
        if number is None:  # a thread without an opening (opened before the history, or not by a person)
            number = numbers.add(event.thread)
            lists.append([event])
        else:
            thread = lists[number]
            if thread is None:
                lists[number] = [event]
            else:
                thread.append(event)
        thread_of.append(number)
        actor = event.actor_id
        actors.append(actor)
        payload: Any = event.payload  # a dict, or the compact event's struct of its kind
        shape = payload.__class__
        if shape is Comment:  # a compact comment's payload has all three slots: read in one call
            kudos, target, comment_id = _COMMENT_FIELDS(payload)
        elif shape is Review:  # none of them: not asked (a `getattr` missing its slot raises and catches)
            kudos = target = comment_id = None
        elif shape is dict:
            kudos, target, comment_id = payload.get("kudos"), payload.get("reply_to"), payload.get("comment_id")
        else:
            kudos, target = getattr(payload, "kudos", None), getattr(payload, "reply_to", None)
            comment_id = getattr(payload, "comment_id", None)
        if kudos:
            kudos_rows.append(len(thread_of) - 1)
            giving.append(event)
        replied.append(target if target.__class__ is int else None)
        # a comment id seen twice: the later author wins; an int, never a bool
        if comment_id.__class__ is int and actor is not None and event.kind in comments:
            authors[comment_id] = actor
    found.numbered = len(lists)
    order = sorted(range(len(giving)), key=lambda row: ranks[giving[row].kind])  # stable: each kind's in time order
    giving[:], kudos_rows[:] = [giving[row] for row in order], [kudos_rows[row] for row in order]
    return found


def month_runs(events: Sequence[Event]) -> tuple[list[int], list[int]]:
    """The months of the time-ordered `events` (year * 12 + month - 1, UTC) and where each month's run
    starts: one search per month, not a time read per event."""
    months, starts, start = [], [], 0
    while start < len(events):
        at = _utc(events[start].at)
        months.append(at.year * 12 + at.month - 1)
        starts.append(start)
        following = dt.datetime(at.year + at.month // 12, at.month % 12 + 1, 1, tzinfo=dt.UTC)
        start = bisect.bisect_left(events, following, lo=start, key=_utc_at)
    return months, starts


def _utc(at: dt.datetime) -> dt.datetime:
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)


def _utc_at(event: Event) -> dt.datetime:
    return _utc(event.at)


def payload_values(events: Sequence[Event], name: str) -> list[object]:
    """The payload field `name` of each event, as `Event`'s accessors read it for truth and type tests: the
    compact events' typed payloads read in C (a field they lack reads as None, one left unset as the
    falsy `UNSET`), validated events' dicts through `get`."""
    payloads = list(map(_PAYLOAD, events))
    if dict in set(map(type, payloads)):
        return [payload.get(name) for payload in payloads]
    return list(map(getattr, payloads, repeat(name), repeat(None)))
