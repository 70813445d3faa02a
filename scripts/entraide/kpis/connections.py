"""Connections between learners: A commented on, reviewed, answered or thanked B.

A pair counts once per month however many times its two learners interacted. The graph keeps member ids;
names are resolved by the pages, and only for members who consented to appear.
"""

from __future__ import annotations

from collections import Counter
from itertools import repeat
from operator import itemgetter

import numpy as np
from numpy.typing import NDArray
from pydantic import TypeAdapter

from entraide.content.models import Frozen
from entraide.events.model import Event, Kudos
from entraide.kpis.daily import distinct
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
    (one row per reply and learner linked, as a pair of learners' ranks), and the pairs, their weights and
    each month's distinct pairs are counted with numpy instead of sets and counters filled reply by reply."""
    ids = sorted(history.learner_ids())
    ranks: dict[int | None, int] = {learner: rank for rank, learner in enumerate(ids)}  # None: no one's
    pairs, months_ = _links(history, ranks)
    return _counted(history, np.array(ids, dtype=np.int64), pairs, months_)


def _links(history: History, rank: dict[int | None, int]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Each link of a learner's reply to another learner, once per reply and learner (the thread's author,
    the author of the comment it replies to, whom its kudos name): its pair of learners' ranks (a * size +
    b, a < b) and its month (year * 12 + month - 1).

    Read from the history's columns of its replies (`History.reply_columns`, filled in the one step the
    index takes per reply): each reply's learner, its thread author's and the replied comment author's
    ranked by `map` in C, the links chosen by numpy; only the few replies giving kudos are read one by one.
    A loop over the threads reading each reply again cost 0.8 s at a million events."""
    size = max(len(rank), 1)
    found = history.reply_columns
    count = len(found.actors)
    # thread k < `opened` is the k-th opening's: its author read in C, without looking the thread up
    openers = map(rank.get, map(_OPENER, history.openings.values()), repeat(-1))
    author_of = np.full(found.numbered, -1, dtype=np.int64)
    author_of[: found.opened] = np.fromiter(openers, np.int64, found.opened)
    actor = np.fromiter(map(rank.get, found.actors, repeat(-1)), np.int64, count)
    author = author_of[np.array(found.thread, dtype=np.int64)] if count else actor
    replied_ids = map(history.comment_authors.get, found.reply_to)  # type: ignore[arg-type]
    replied = np.fromiter(map(rank.get, replied_ids, repeat(-1)), np.int64, count)
    learner = actor >= 0
    to_author = learner & (author >= 0) & (author != actor)
    to_replied = learner & (replied >= 0) & (replied != actor) & (replied != author)
    rows, named = _kudos_links(history, rank, actor)  # the kudos' links, checked as the others below
    to_named = (actor[rows] >= 0) & (named != actor[rows]) & (named != author[rows]) & (named != replied[rows])
    rows, named = rows[to_named], named[to_named]
    pairs = [_pair(author[to_author], actor[to_author], size), _pair(replied[to_replied], actor[to_replied], size)]
    months_ = [found.month[to_author], found.month[to_replied], found.month[rows]]
    return np.concatenate([*pairs, _pair(named, actor[rows], size)]), np.concatenate(months_)


def _pair(one: NDArray[np.int64], other: NDArray[np.int64], size: int) -> NDArray[np.int64]:
    return np.minimum(one, other) * size + np.maximum(one, other)


def _kudos_links(
    history: History, rank: dict[int | None, int], actor: NDArray[np.int64]
) -> tuple[NDArray[np.intp], NDArray[np.int64]]:
    """The learners the learners' comments giving kudos name, each once per comment: their rows among the
    replies (`Replies.kudos_rows`) and the learners' ranks. A few in a hundred replies give kudos; their
    authors read from `actor` (the replies' learners' ranks, -1 for others), each login named ranked once."""
    rows: list[int] = []
    named: list[int] = []
    # kudos_given is shared with « Ce qui aide »: parsed once for both
    given = zip(history.kudos_given, history.reply_columns.kudos_rows, actor[history.reply_columns.kudos_rows].tolist())
    by_login = {m.login.casefold(): m.id for m in history.members.values()} if history.kudos_given else {}
    learner_of: dict[str, int] = {}  # a login as named -> the learner's rank, -1 when not a learner's
    for (event, kudos), row, giver in given:
        if giver < 0 or event.kind not in COMMENT_KINDS:
            continue  # not a learner's, or not a comment
        found: list[int] = []  # each learner once per comment (`_kudos_targets`)
        for entry in kudos:
            learner = learner_of.get(entry.login)
            if learner is None:
                learner = learner_of[entry.login] = rank.get(by_login.get(entry.login.casefold()), -1)
            if learner >= 0 and learner not in found:
                found.append(learner)
        rows += [row] * len(found)
        named += found
    return np.array(rows, dtype=np.intp), np.array(named, dtype=np.int64)


def _counted(
    history: History, ids: NDArray[np.int64], pairs: NDArray[np.int64], month: NDArray[np.int64]
) -> Connections:
    size = max(len(ids), 1)
    edges, weights = np.unique(pairs, return_counts=True)
    # `distinct`, not numpy 2's hashing `unique` (much slower on these codes: see `daily.distinct`)
    monthly = distinct(month * size * size + pairs)  # each month's distinct pairs
    pair_month, pair = monthly // (size * size), monthly % (size * size)
    people = distinct(np.concatenate((pair_month * size + pair // size, pair_month * size + pair % size)))
    counts = dict(zip(*np.unique(pair_month, return_counts=True)))
    present = dict(zip(*np.unique(people // size, return_counts=True)))
    a, b = ids[edges // size].tolist(), ids[edges % size].tolist()
    return Connections(
        months=tuple(
            MonthConnections(month=m, pairs=int(counts.get(k, 0)), learners=int(present.get(k, 0)))
            for m, k in ((m, int(m[:4]) * 12 + int(m[5:]) - 1) for m in months(history))
        ),
        learners=len(ids),
        connected=len(distinct(np.concatenate((edges // size, edges % size)))),
        # pydantic-core validates the edges in one call faster than `Edge(...)` (or `model_construct`) each.
        edges=_EDGES.validate_python([{"a": x, "b": y, "weight": w} for x, y, w in zip(a, b, weights.tolist())]),
    )


_EDGES = TypeAdapter(tuple[Edge, ...])
_OPENER = itemgetter(0)  # `Opening.actor_id`
