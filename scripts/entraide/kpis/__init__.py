"""Key performance indicators of the community, computed from content, events and the scoring ledger.

Pure: `compute_all(community, events, as_of=...)` gives the same report for the same inputs, at any past
date. Raw numbers live in the report; `entraide.kpis.public` applies the privacy threshold once for the
pages and the JSON.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Iterable, Iterator

from entraide.kpis.activity import Engagement, Participation, engagement, participation
from entraide.kpis.cohorts import CohortRetention, retention
from entraide.kpis.connections import Connections, connections
from entraide.kpis.history import History, build_history
from entraide.kpis.mentors import MentorsView, mentors_view
from entraide.kpis.responsiveness import Responsiveness, responsiveness
from entraide.kpis.satisfaction import Satisfaction, satisfaction
from entraide.models import Community, Event, Frozen, Ledger

__all__ = ["KpiReport", "compute_all", "build_history"]


class KpiReport(Frozen):
    as_of: dt.date
    min_group_size: int
    engagement: Engagement
    participation: Participation
    cohorts: tuple[CohortRetention, ...]  # retention and success rate
    satisfaction: Satisfaction
    responsiveness: Responsiveness
    connections: Connections
    mentors: MentorsView


def compute_all(community: Community, events: Iterable[Event], *, as_of: dt.date,
                ledger: Ledger | None = None) -> KpiReport:
    """Every KPI at `as_of`. The ledger (challenge acceptances) is scored here when not given."""
    events = tuple(events)
    if ledger is None:
        ledger = _score(community, events, as_of=as_of)
    with _collector_paused():
        return _report(build_history(community, events, as_of=as_of), ledger=ledger)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The KPIs allocate many short-lived tuples while hundreds of thousands of events sit in memory:
    each automatic full collection rescans all of them (a third of the time at 5,000 members). Nothing
    here makes reference cycles, so collection waits until the end; the caller's setting is restored."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _report(history: History, *, ledger: Ledger) -> KpiReport:
    as_of = history.as_of
    return KpiReport(
        as_of=as_of,
        min_group_size=history.min_group,
        engagement=engagement(history),
        participation=participation(history),
        cohorts=retention(history, ledger=ledger),
        satisfaction=satisfaction(history),
        responsiveness=responsiveness(history),
        connections=connections(history),
        mentors=mentors_view(history),
    )


def _score(community: Community, events: tuple[Event, ...], *, as_of: dt.date) -> Ledger:
    from entraide.scoring import score  # the scoring core decides what "accepted" means
    return score(community, events, as_of=as_of)
