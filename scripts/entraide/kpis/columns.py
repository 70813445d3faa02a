"""The history's indexes built from columns: each event's kind read once (`kind_codes`), then the events
grouped by kind and the openings, replies and comments picked out by numpy over the codes, so that the
one Python step per event left (`threads`) is taken only over the events of the kinds that need it.

At a million events a Python loop doing a few lookups per event costs about a second; a pass in C
(`map`, `compress`, a gather by position in time order) a few hundredths.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
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


def by_kind(events: Sequence[Event], codes: np.ndarray) -> dict[EventKind, list[Event]]:
    """The events of each kind present, in time order, kinds in `EventKind`'s order."""
    counts = np.bincount(codes, minlength=len(KINDS)).tolist()
    return {kind: pick(events, codes == code) for code, kind in enumerate(KINDS) if counts[code]}


def threads(events: Sequence[Event]) -> dict[Thread, list[Event]]:
    """Each thread's events in order, threads in the order of their first event. One Python step per
    event, in time order: grouping them by sorted thread codes (numpy) then gathering them thread by thread
    read the events out of order, slower at a million (0.36 s against 0.14 s for 400k replies)."""
    found: dict[Thread, list[Event]] = {}
    get = found.get
    for event in events:
        key = (event.subject_type, event.subject) if event.repo is None else event.thread
        thread = get(key)
        if thread is None:
            found[key] = [event]
        else:
            thread.append(event)
    return found


def payload_values(events: Sequence[Event], name: str) -> list[object]:
    """The payload field `name` of each event, as `Event`'s accessors read it for truth and type tests: the
    compact events' typed payloads read in C (a field they lack reads as None, one left unset as the
    falsy `UNSET`), validated events' dicts through `get`."""
    payloads = list(map(_PAYLOAD, events))
    if dict in set(map(type, payloads)):
        return [payload.get(name) for payload in payloads]
    return list(map(getattr, payloads, repeat(name), repeat(None)))


def comment_authors(comments: Sequence[Event]) -> dict[int, int]:
    """Comment id -> author id; `comments` in time order: a comment id seen twice, the later author wins."""
    authors: dict[int, int] = {}
    for actor, comment_id in zip(map(_ACTOR, comments), payload_values(comments, "comment_id")):
        if actor is not None and comment_id.__class__ is int:  # `Event.comment_id`: an int, never a bool
            authors[comment_id] = actor
    return authors
