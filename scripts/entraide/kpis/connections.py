"""Connections between learners: A commented on, reviewed, answered or thanked B.

A pair counts once per month however many times its two learners interacted. The graph keeps member ids;
names are resolved by the pages, and only for members who consented to appear.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from entraide.content.models import Frozen
from entraide.events.model import Event, EventKind
from entraide.kpis.history import COMMENT_KINDS, History, at_of, month_of, months, ratio

INTERACTION_KINDS = COMMENT_KINDS | {EventKind.review_submitted, EventKind.discussion_answered}


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


def targets(event: Event, history: History, *, by_login: dict[str, int]) -> set[int]:
    """Whom the event's author interacted with: the subject's author, the comment replied to, kudos."""
    found: set[int] = set()
    if event.kind in INTERACTION_KINDS:
        opening = history.openings.get(event.thread)
        if opening is not None and opening.actor_id is not None:
            found.add(opening.actor_id)
        reply_to = event.reply_to
        if isinstance(reply_to, int) and reply_to in history.comment_authors:
            found.add(history.comment_authors[reply_to])
    if event.kind in COMMENT_KINDS:
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
    monthly: dict[str, set[tuple[int, int]]] = defaultdict(set)
    weights: Counter[tuple[int, int]] = Counter()
    for event in history.of_kinds(*sorted(INTERACTION_KINDS | COMMENT_KINDS)):
        if event.actor_id not in learners:
            continue
        for other in targets(event, history, by_login=by_login) - {event.actor_id}:
            if other in learners:
                pair = (min(event.actor_id, other), max(event.actor_id, other))
                monthly[month_of(at_of(event))].add(pair)
                weights[pair] += 1
    connected = {member_id for pair in weights for member_id in pair}
    return Connections(
        months=tuple(
            MonthConnections.model_construct(
                month=m, pairs=len(monthly[m]), learners=len({i for pair in monthly[m] for i in pair})
            )
            for m in months(history)
        ),
        learners=len(learners),
        connected=len(connected),
        # Built from ints counted here: validating 10,000s of edges would cost more than the KPI itself.
        edges=tuple(Edge.model_construct(a=a, b=b, weight=w) for (a, b), w in sorted(weights.items())),
    )
