"""The privacy-safe face of a KPI report: the one place where small groups become "<5".

A count of people between 1 and min_group_size - 1 shows as "<N"; a rate, share, mean or percentile
computed over fewer than min_group_size people shows as "<N" too; and so does a share of people whose
part is such a small group (3 active out of 40 would give the hidden count back). The pages and api/kpis.json are both
built from `public_report`, so they show the same numbers. No login or name ever appears here.
"""

from __future__ import annotations

from entraide.kpis import KpiReport
from entraide.kpis.api import (
    ConnectionsMonth,
    ContributionCount,
    EngagementWeek,
    ParticipationWeek,
    Public,
    PublicCohort,
    PublicConnections,
    PublicEffect,
    PublicEngagement,
    PublicMentors,
    PublicParticipation,
    PublicReport,
    PublicResponsiveness,
    PublicSatisfaction,
    ResponseMonth,
    SatisfactionMonth,
    Value,
)
from entraide.kpis.cohorts import CohortRetention
from entraide.kpis.estimate import Estimate
from entraide.kpis.responsiveness import MonthResponse
from entraide.kpis.satisfaction import MonthSatisfaction

__all__ = [
    "ConnectionsMonth",
    "ContributionCount",
    "EngagementWeek",
    "Mask",
    "ParticipationWeek",
    "Public",
    "PublicCohort",
    "PublicConnections",
    "PublicEffect",
    "PublicEngagement",
    "PublicMentors",
    "PublicParticipation",
    "PublicReport",
    "PublicResponsiveness",
    "PublicSatisfaction",
    "ResponseMonth",
    "SatisfactionMonth",
    "Value",
    "public_report",
]


class Mask:
    def __init__(self, min_group: int):
        self.min_group = min_group
        self.hidden = f"<{min_group}"

    def people(self, count: int) -> int | str:
        return count if count == 0 or count >= self.min_group else self.hidden

    def over(self, value: float | None, group: int, digits: int = 4) -> Value:
        """A number computed over `group` people."""
        if value is None:
            return None
        return self.hidden if group < self.min_group else round(value, digits)

    def share(self, part: int, whole: int) -> Value:
        """`part` people out of `whole` people."""
        if not whole:
            return None
        return self.hidden if whole < self.min_group or 0 < part < self.min_group else round(part / whole, 4)


def public_report(report: KpiReport) -> PublicReport:
    mask = Mask(report.min_group_size)
    return PublicReport(
        as_of=report.as_of.isoformat(),
        min_group_size=report.min_group_size,
        engagement=_engagement(report, mask),
        participation=_participation(report, mask),
        cohorts=[_cohort(c, mask) for c in report.cohorts],
        satisfaction=PublicSatisfaction(
            months=[_satisfaction(m, mask) for m in report.satisfaction.months],
            total=_satisfaction(report.satisfaction.total, mask),
        ),
        responsiveness=_responsiveness(report, mask),
        connections=_connections(report, mask),
        mentors=_mentors(report, mask),
        effects=[_effect(e, mask) for e in report.effects],
    )


def _engagement(report: KpiReport, mask: Mask) -> PublicEngagement:
    weeks = [
        EngagementWeek(
            week=w.week.isoformat(),
            active_members=mask.people(w.active),
            reactions_per_active=mask.over(w.per_active(w.reactions), w.active, 2),
            comments_per_active=mask.over(w.per_active(w.comments), w.active, 2),
            reviews_per_active=mask.over(w.per_active(w.reviews), w.active, 2),
        )
        for w in report.engagement.weeks
    ]
    trend = report.engagement.trend
    return PublicEngagement(weeks=weeks, trend=None if trend is None else round(trend, 4))


def _participation(report: KpiReport, mask: Mask) -> PublicParticipation:
    p = report.participation
    return PublicParticipation(
        weeks=[
            ParticipationWeek(
                week=w.week.isoformat(),
                active=mask.people(w.active),
                registered=mask.people(w.registered),
                share=mask.share(w.active, w.registered),
            )
            for w in p.weeks
        ],
        contributions=[ContributionCount(bin=b.label, members=mask.people(b.members)) for b in p.bins],
        members=mask.people(p.members),
        median=mask.over(p.median, p.members, 1),
        p90=mask.over(p.p90, p.members, 1),
    )


def _cohort(c: CohortRetention, mask: Mask) -> PublicCohort:
    return PublicCohort(
        id=c.cohort,
        name=c.name,
        start=c.start.isoformat(),
        end=c.end.isoformat(),
        finished=c.finished,
        size=mask.people(c.size),
        required=list(c.required),
        weekly_share=[mask.share(active, c.size) for active in c.weekly_active],
        completion_share=mask.share(c.completed, c.size) if c.required else None,
        success_rate=mask.share(c.reached_by_end, c.size) if c.required else None,
        dropout_share=None if c.dropped is None else mask.share(c.dropped, c.size),
    )


def _satisfaction(m: MonthSatisfaction, mask: Mask) -> SatisfactionMonth:
    return SatisfactionMonth(
        month=m.month,
        respondents=mask.people(m.respondents),
        responses=m.responses if m.respondents >= mask.min_group or not m.responses else mask.hidden,
        csat=mask.over(m.csat, m.respondents),
        mean=mask.over(m.mean, m.respondents, 2),
    )


def _response(m: MonthResponse, mask: Mask) -> ResponseMonth:
    small = 0 < m.people < mask.min_group
    return ResponseMonth(
        month=m.month,
        opened=mask.hidden if small else m.opened,
        answered=mask.hidden if small else m.answered,
        within_24h_share=mask.over(m.within_day_share, m.people),
        median_hours=mask.over(m.median_hours, m.people, 1),
        p90_hours=mask.over(m.p90_hours, m.people, 1),
    )


def _responsiveness(report: KpiReport, mask: Mask) -> PublicResponsiveness:
    r = report.responsiveness
    return PublicResponsiveness(
        questions=[_response(m, mask) for m in r.questions],
        questions_total=_response(r.questions_total, mask),
        submissions=[_response(m, mask) for m in r.submissions],
        submissions_total=_response(r.submissions_total, mask),
    )


def _connections(report: KpiReport, mask: Mask) -> PublicConnections:
    c = report.connections
    return PublicConnections(
        months=[
            ConnectionsMonth(
                month=m.month,
                learners=mask.people(m.learners),
                pairs=m.pairs if m.learners >= mask.min_group else mask.hidden,
            )
            for m in c.months
        ],
        learners=mask.people(c.learners),
        connected=mask.people(c.connected),
        isolated=mask.people(c.isolated),
        connected_share=mask.share(c.connected, c.learners),
    )


def _mentors(report: KpiReport, mask: Mask) -> PublicMentors:
    m = report.mentors
    return PublicMentors(
        waiting=len(m.waiting),
        oldest_wait_hours=max((w.age_hours for w in m.waiting), default=None),
        median_wait_hours=m.median_wait_hours,  # about submissions, and quoted on every one by the bot
        threshold=m.threshold,
        mentors_over_threshold=sum(1 for load in m.loads if load.over),
    )


def _effect(e: Estimate, mask: Mask) -> PublicEffect:
    """An estimate is shown only when both groups reach the privacy threshold; counts are masked anyway."""
    small = min(e.exposed, e.unexposed) < mask.min_group
    status = "hidden" if e.status == "ok" and small else e.status
    shown = status == "ok"

    def kept(value: float | None) -> float | None:
        return round(value, 4) if shown and value is not None else None

    return PublicEffect(
        exposure=e.exposure,
        outcome=e.outcome,
        status=status,
        exposed=mask.people(e.exposed),
        unexposed=mask.people(e.unexposed),
        exposed_mean=kept(e.exposed_mean),
        unexposed_mean=kept(e.unexposed_mean),
        difference=kept(e.difference),
        low=kept(e.low),
        high=kept(e.high),
    )
