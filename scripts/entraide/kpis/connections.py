"""Connections between learners: A commented on, reviewed, answered or thanked B.

A pair counts once per month however many times its two learners interacted. The graph keeps member ids;
names are resolved by the pages, and only for members who consented to appear.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
from numpy.typing import NDArray
from pydantic import TypeAdapter

from entraide.content.models import Frozen
from entraide.events.model import Event, Kudos
from entraide.kpis.history import COMMENT_KINDS, History, months, ratio


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
    actors, months_, reply, other = (np.array(column, dtype=np.int64) for column in _links(history, learners))
    keep = (other != actors[reply]) & np.isin(other, ids)
    size = max(len(ids), 1)
    # one link per reply and person: the thread's author who is also the one replied to counts once
    linked = np.unique(reply[keep] * size + np.searchsorted(ids, other[keep]))
    reply, other = linked // size, linked % size
    actor = np.searchsorted(ids, actors[reply])
    pairs = np.minimum(actor, other) * size + np.maximum(actor, other)
    return _counted(history, ids, pairs, months_[reply])


def _links(history: History, learners: set[int]) -> tuple[list[int], list[int], list[int], list[int]]:
    """The learners' replies (their authors, their months as year * 12 + month - 1) and the links of each
    (reply row, person linked: its thread's author, the author of the comment it replies to, whom its kudos
    name). One loop over the threads that reads each reply and its payload once (a thread's author looked
    up once per thread): at a million events the replies are ~330k objects scattered in memory, and a pass
    per column (authors, times, `reply_to`, kudos) went back to each of them every time."""
    actors: list[int] = []
    months_: list[int] = []
    rows: list[int] = []
    others: list[int] = []
    openings, comment_authors = history.openings, history.comment_authors
    # kudos_given is shared with « Ce qui aide »: parsed once for both
    given = {id(event): kudos for event, kudos in history.kudos_given if event.kind in COMMENT_KINDS}
    by_login = {m.login.casefold(): m.id for m in history.members.values()} if given else {}
    for thread, replies in history.replies.items():
        opening = openings.get(thread)
        author = _NOBODY if opening is None or opening.actor_id is None else opening.actor_id
        for event in replies:
            actor = event.actor_id
            if actor not in learners:
                continue
            row = len(actors)
            actors.append(actor)
            at = event.at
            months_.append(at.year * 12 + at.month - 1)
            rows.append(row)
            others.append(author)
            payload = event.payload
            read: Any = dict.get if payload.__class__ is dict else getattr  # the field as `payload_values` reads it
            target = read(payload, "reply_to", None)
            if target.__class__ is int and target in comment_authors:  # `Event.reply_to`: an int, never a bool
                rows.append(row)
                others.append(comment_authors[target])
            if given and id(event) in given:  # the few giving kudos, parsed once by the history
                for named in _kudos_targets(given[id(event)], by_login):
                    rows.append(row)
                    others.append(named)
    return actors, months_, rows, others


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
        # pydantic-core validates the edges in one call faster than `Edge(...)` (or `model_construct`) each.
        edges=_EDGES.validate_python([{"a": x, "b": y, "weight": w} for x, y, w in zip(a, b, weights.tolist())]),
    )


def _month(month: str, pairs: set[tuple[int, int]]) -> MonthConnections:
    return MonthConnections(month=month, pairs=len(pairs), learners=len({i for pair in pairs for i in pair}))


_EDGES = TypeAdapter(tuple[Edge, ...])
_NOBODY = -1  # a thread whose author is unknown: links to no one (no learner has a negative id)
