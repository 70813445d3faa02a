"""Key performance indicators of the community, computed from content, events and the scoring ledger.

Pure: `compute_all(community, events, as_of=...)` gives the same report for the same inputs, at any past
date. Raw numbers live in the report; `entraide.kpis.public` applies the privacy threshold once for the
pages and the JSON.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from entraide.content.models import Community, Frozen
from entraide.events.collector import collector_paused
from entraide.events.model import Event
from entraide.kpis.activity import Engagement, Participation, engagement, participation
from entraide.kpis.beside import Beside, comparisons_beside
from entraide.kpis.cohorts import CohortRetention, acceptances, retention
from entraide.kpis.connections import Connections, connections
from entraide.kpis.effects import comparison_columns
from entraide.kpis.effects import rows as rows  # read from here by the profiling scripts
from entraide.kpis.estimate import Estimate, estimates_of, pairs_of, settings_of
from entraide.kpis.history import History, build_history
from entraide.kpis.mentors import MentorsView, mentors_view
from entraide.kpis.responsiveness import Responsiveness, responsiveness
from entraide.kpis.satisfaction import Satisfaction, satisfaction
from entraide.scoring.model import Ledger

__all__ = ["KpiReport", "build_history", "compute_all"]


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
    effects: tuple[Estimate, ...] = ()  # « Ce qui aide »: one per exposure and outcome


def compute_all(
    community: Community, events: Iterable[Event], *, as_of: dt.date, ledger: Ledger | None = None
) -> KpiReport:
    """Every KPI at `as_of`. The ledger (challenge acceptances) is scored here when not given."""
    events = events if isinstance(events, tuple) else tuple(events)  # a loaded history keeps its order's proof
    if ledger is None:
        ledger = _score(community, events, as_of=as_of)
    # The worker of « Ce qui aide »'s comparisons (`kpis.beside`) starts while the history is indexed.
    with collector_paused(), comparisons_beside(len(events)) as drawer:
        return _report(build_history(community, events, as_of=as_of), ledger=ledger, drawer=drawer)


def _report(history: History, *, ledger: Ledger, drawer: Beside) -> KpiReport:
    """The « Ce qui aide » rows first: their comparisons are computed beside (`kpis.beside`) while the other
    KPIs are computed here."""
    as_of = history.as_of
    accepted = acceptances(ledger)  # read by retention and « Ce qui aide » alike
    rules = history.community.rules.effects
    pairs = pairs_of(rules)
    found = drawer.figures_of_each(
        comparison_columns(history, ledger=ledger, accepted=accepted, pairs=pairs), pairs, settings_of(rules)
    )
    return KpiReport(
        as_of=as_of,
        min_group_size=history.min_group,
        engagement=engagement(history),
        participation=participation(history),
        cohorts=retention(history, ledger=ledger, accepted=accepted),
        satisfaction=satisfaction(history),
        responsiveness=responsiveness(history),
        connections=connections(history),
        mentors=mentors_view(history),
        effects=estimates_of(rules, found()),
    )


def _score(community: Community, events: tuple[Event, ...], *, as_of: dt.date) -> Ledger:
    from entraide.scoring import score  # the scoring core decides what "accepted" means

    return score(community, events, as_of=as_of)
