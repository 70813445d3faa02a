"""Connections between learners: A commented on, reviewed, answered or thanked B.

A pair counts once per month however many times its two learners interacted. The graph keeps member ids;
names are resolved by the pages, and only for members who consented to appear.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection

from entraide.content.models import Frozen
from entraide.events.model import Event
from entraide.kpis.history import COMMENT_KINDS, History, at_of, months, ratio


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
        found |= _kudos_targets(event, by_login)
    return found


def _kudos_targets(event: Event, by_login: dict[str, int]) -> set[int]:
    found = set()
    for kudos in event.kudos:
        login = kudos.login.casefold()
        if login in by_login:
            found.add(by_login[login])
    return found


def connections(history: History) -> Connections:
    learners = history.learner_ids()
    by_login = {m.login.casefold(): m.id for m in history.members.values()}
    giving = {id(event) for event in history.giving_kudos if event.kind in COMMENT_KINDS}
    monthly: dict[int, set[tuple[int, int]]] = defaultdict(set)  # by year * 12 + month - 1
    weights: Counter[tuple[int, int]] = Counter()
    authors = history.comment_authors
    for thread, replies in history.replies.items():  # every interaction, thread by thread
        opening = history.openings.get(thread)
        author = None if opening is None else opening.actor_id
        for event in replies:
            actor = event.actor_id
            if actor not in learners:
                continue
            kudos, reply_to = id(event) in giving, event.reply_to
            if not kudos and not (isinstance(reply_to, int) and reply_to in authors):  # most replies: the author alone
                found: Collection[int] = () if author is None else (author,)
            else:
                found = targets(event, author, comment_authors=authors, by_login=by_login, kudos=kudos)
            month = None
            for other in found:
                if other != actor and other in learners:
                    pair = (actor, other) if actor < other else (other, actor)
                    if month is None:
                        at = at_of(event)
                        month = monthly[at.year * 12 + at.month - 1]
                    month.add(pair)
                    weights[pair] += 1
    connected = {member_id for pair in weights for member_id in pair}
    return Connections(
        months=tuple(_month(m, monthly.get(int(m[:4]) * 12 + int(m[5:]) - 1, set())) for m in months(history)),
        learners=len(learners),
        connected=len(connected),
        # pydantic-core validates three ints faster than `model_construct` (Python) builds the model.
        edges=tuple(Edge(a=a, b=b, weight=w) for (a, b), w in sorted(weights.items())),
    )


def _month(month: str, pairs: set[tuple[int, int]]) -> MonthConnections:
    return MonthConnections(month=month, pairs=len(pairs), learners=len({i for pair in pairs for i in pair}))
