"""Connections between learners: A commented on, reviewed, answered or thanked B.

A pair counts once per month however many times its two learners interacted. The graph keeps member ids;
names are resolved by the pages, and only for members who consented to appear.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from itertools import compress, count
from operator import attrgetter

import numpy as np
from numpy.typing import NDArray

from entraide.content.models import Frozen
from entraide.events.model import Event, Kudos
from entraide.kpis.history import COMMENT_KINDS, History, months, payload_values, ratio


class MonthConnections(Frozen):
    month: str
    pairs: int  # distinct learner pairs that interacted this month
    learners: int  # learners in at least one of those pairs


class Edge(Frozen):
    a: int  # member ids, a < b
    b: int
    weight: int  # interactions between them, both directions, up to as_of


class Connections(Frozen):
    months: tuple[MonthConnections, ...]
    learners: int  # learners registered by as_of
    connected: int  # ... with at least one peer connection
    edges: tuple[Edge, ...]

    @property
    def isolated(self) -> int:
        return self.learners - self.connected

    @property
    def connected_share(self) -> float | None:
        return ratio(self.connected, self.learners)

    def degrees(self) -> Counter[int]:
        degree: Counter[int] = Counter()
        for edge in self.edges:
            degree[edge.a] += 1
            degree[edge.b] += 1
        return degree


def targets(
    event: Event, author: int | None, *, comment_authors: dict[int, int], by_login: dict[str, int], kudos: bool
) -> set[int]:
    """Whom the event's author interacted with: the subject's author (`author`), the comment replied to, and
    whom its kudos name (`kudos`: the event is a comment giving some, `History.giving_kudos`)."""
    found: set[int] = set() if author is None else {author}
    reply_to = event.reply_to
    if isinstance(reply_to, int) and reply_to in comment_authors:
        found.add(comment_authors[reply_to])
    if kudos:
        found |= _kudos_targets(event.kudos, by_login)
    return found


def _kudos_targets(given: tuple[Kudos, ...], by_login: dict[str, int]) -> set[int]:
    """The members the kudos name, each once however many of them name the same member."""
    found = set()
    for kudos in given:
        login = kudos.login.casefold()
        if login in by_login:
            found.add(by_login[login])
    return found


def connections(history: History) -> Connections:
    """Every reply (comment, review, marked answer) by a learner links them to the thread's author, to the
    author of the comment it replies to and to whom its kudos name: those links are read into columns
    (one row per reply and person), and the pairs, their weights and each month's distinct pairs are
    counted with numpy instead of sets and counters filled reply by reply."""
    learners = history.learner_ids()
    ids = np.array(sorted(learners), dtype=np.int64)
    events, actors, authors, ats = _learners_replies(history, learners)
    thread_authors = np.array(authors, dtype=np.int64)
    links = [(np.arange(len(events)), thread_authors), _replied_to(events, history.comment_authors)]
    links.append(_kudos_links(events, history))
    reply, other = (np.concatenate(parts) for parts in zip(*links))
    keep = (other != actors[reply]) & np.isin(other, ids)
    size = max(len(ids), 1)
    # one link per reply and person: the thread's author who is also the one replied to counts once
    linked = np.unique(reply[keep] * size + np.searchsorted(ids, other[keep]))
    reply, other = linked // size, linked % size
    actor = np.searchsorted(ids, actors[reply])
    pairs = np.minimum(actor, other) * size + np.maximum(actor, other)
    years, months_ = (np.fromiter(map(read, ats), np.int64, len(ats)) for read in (_YEAR, _MONTH))
    month = (years * 12 + months_ - 1)[reply]
    return _counted(history, ids, pairs, month)


def _learners_replies(
    history: History, learners: set[int]
) -> tuple[list[Event], NDArray[np.int64], list[int], list[dt.datetime]]:
    """The learners' replies, with their authors, their threads' authors and their times: one loop over the
    threads that reads each reply once (a thread's author is looked up once per thread), instead of a
    pass over every reply for each column."""
    events: list[Event] = []
    actors: list[int] = []
    authors: list[int] = []
    ats: list[dt.datetime] = []
    openings = history.openings
    for thread, replies in history.replies.items():
        opening = openings.get(thread)
        author = _NOBODY if opening is None or opening.actor_id is None else opening.actor_id
        for event in replies:
            actor = event.actor_id
            if actor in learners:
                events.append(event)
                actors.append(actor)
                authors.append(author)
                ats.append(event.at)
    return events, np.array(actors, dtype=np.int64), authors, ats


def _replied_to(events: list[Event], authors: dict[int, int]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """(reply, author of the comment it replies to), for replies to a comment whose author is known."""
    found = [
        (row, authors[target])
        for row, target in enumerate(payload_values(events, "reply_to"))
        if target.__class__ is int and target in authors  # `Event.reply_to`: an int, never a bool
    ]
    return _columns(found)


def _kudos_links(events: list[Event], history: History) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """(comment, member its kudos name), for the few comments giving kudos."""
    by_login = {m.login.casefold(): m.id for m in history.members.values()}
    given = {id(event): kudos for event, kudos in history.kudos_given if event.kind in COMMENT_KINDS}
    rows = compress(count(), map(given.__contains__, map(id, events)))  # the few, found in C
    found = [(row, target) for row in rows for target in _kudos_targets(given[id(events[row])], by_login)]
    return _columns(found)


def _columns(found: list[tuple[int, int]]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    table = np.array(found, dtype=np.int64).reshape(-1, 2)
    return table[:, 0], table[:, 1]


def _counted(
    history: History, ids: NDArray[np.int64], pairs: NDArray[np.int64], month: NDArray[np.int64]
) -> Connections:
    size = max(len(ids), 1)
    edges, weights = np.unique(pairs, return_counts=True)
    monthly = np.unique(month * size * size + pairs)  # each month's distinct pairs
    pair_month, pair = monthly // (size * size), monthly % (size * size)
    people = np.unique(np.concatenate((pair_month * size + pair // size, pair_month * size + pair % size)))
    counts = dict(zip(*np.unique(pair_month, return_counts=True)))
    present = dict(zip(*np.unique(people // size, return_counts=True)))
    a, b = ids[edges // size].tolist(), ids[edges % size].tolist()
    return Connections(
        months=tuple(
            MonthConnections(month=m, pairs=int(counts.get(k, 0)), learners=int(present.get(k, 0)))
            for m, k in ((m, int(m[:4]) * 12 + int(m[5:]) - 1) for m in months(history))
        ),
        learners=len(ids),
        connected=len(np.unique(np.concatenate((edges // size, edges % size)))),
        # pydantic-core validates three ints faster than `model_construct` (Python) builds the model.
        edges=tuple(Edge(a=x, b=y, weight=w) for x, y, w in zip(a, b, weights.tolist())),
    )


def _month(month: str, pairs: set[tuple[int, int]]) -> MonthConnections:
    return MonthConnections(month=month, pairs=len(pairs), learners=len({i for pair in pairs for i in pair}))


_NOBODY = -1  # a thread whose author is unknown: links to no one (no learner has a negative id)
_ACTOR = attrgetter("actor_id")
_YEAR, _MONTH = attrgetter("year"), attrgetter("month")
