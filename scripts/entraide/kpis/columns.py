"""The history's indexes built from columns: each event's kind read once (`kind_codes`), then the events
grouped by kind and the openings and replies picked out by numpy over the codes, so that the one Python
step per event left (`replies`) is taken only over the events of the kinds that need it.

At a million events a Python loop doing a few lookups per event costs about a second; a pass in C
(`map`, `compress`, a gather by position in time order) a few hundredths.
"""

from __future__ import annotations

import operator
from collections.abc import Container, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np

from entraide.events.model import Event, EventKind
from entraide.kpis.daily import KINDS

Thread = tuple[str, int]

_ACTOR, _PAYLOAD = operator.attrgetter("actor_id"), operator.attrgetter("payload")


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


@dataclass
class Replies:
    """What the history indexes of its replies (`INTERACTION_KINDS`): each thread's, the comments' authors,
    the replies giving kudos."""

    threads: dict[Thread, list[Event]] = field(default_factory=dict)  # in order, threads by their first
    authors: dict[int, int] = field(default_factory=dict)  # comment id -> author id
    giving_kudos: list[Event] = field(default_factory=list)  # in the order `ranks` gives their kinds


def replies(events: Sequence[Event], comments: Container[EventKind], ranks: Mapping[EventKind, int]) -> Replies:
    """The replies' indexes in one Python step per reply, each reply and its payload read once while at
    hand, in time order: a pass of their own each (the threads, then the comments' ids, then the kudos, by
    `map` in C) read them three times from memory, slower at a million events (0.62 s against 0.46 s).
    `comments`: the kinds whose ids are indexed; `ranks`: the order of the kinds in `giving_kudos`."""
    found = Replies()
    threads, authors, giving = found.threads, found.authors, found.giving_kudos
    get = threads.get
    for event in events:
        key = (event.subject_type, event.subject) if event.repo is None else event.thread
        thread = get(key)
        if thread is None:
            threads[key] = [event]
        else:
            thread.append(event)
        payload = event.payload
        if payload.get("kudos"):
            giving.append(event)
        if event.kind in comments:
            comment_id = payload.get("comment_id")  # a comment id seen twice: the later author wins
            if comment_id.__class__ is int and event.actor_id is not None:  # an int, never a bool
                authors[comment_id] = event.actor_id
    giving.sort(key=lambda event: ranks[event.kind])  # stable: each kind's in time order
    return found


def payload_values(events: Sequence[Event], name: str) -> list[object]:
    """The payload field `name` of each event, as `Event`'s accessors read it for truth and type tests: the
    compact events' typed payloads read in C (a field they lack reads as None, one left unset as the
    falsy `UNSET`), validated events' dicts through `get`."""
    payloads = list(map(_PAYLOAD, events))
    if dict in set(map(type, payloads)):
        return [payload.get(name) for payload in payloads]
    return list(map(getattr, payloads, repeat(name), repeat(None)))
