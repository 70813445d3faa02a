"""What api/kpis.json holds, as frozen models: every figure a public page may show, small groups already
hidden by `kpis.public`. Pages and tools read fields, not string keys."""

from __future__ import annotations

import json

from pydantic import BaseModel, ConfigDict

Value = int | float | str | None


class Public(BaseModel):
    """A privacy-safe figure group: frozen, and exactly the fields api/kpis.json holds."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class EngagementWeek(Public):
    week: str
    active_members: int | str
    reactions_per_active: Value
    comments_per_active: Value
    reviews_per_active: Value


class PublicEngagement(Public):
    weeks: list[EngagementWeek]
    trend: int | float | None


class ParticipationWeek(Public):
    week: str
    active: int | str
    registered: int | str
    share: Value


class ContributionCount(Public):
    bin: str
    members: int | str


class PublicParticipation(Public):
    weeks: list[ParticipationWeek]
    contributions: list[ContributionCount]
    members: int | str
    median: Value
    p90: Value


class PublicCohort(Public):
    id: str
    name: str
    start: str
    end: str
    finished: bool
    size: int | str
    required: list[str]
    weekly_share: list[Value]
    completion_share: Value
    success_rate: Value
    dropout_share: Value


class SatisfactionMonth(Public):
    month: str
    respondents: int | str
    responses: int | str
    csat: Value
    mean: Value


class PublicSatisfaction(Public):
    months: list[SatisfactionMonth]
    total: SatisfactionMonth


class ResponseMonth(Public):
    month: str
    opened: int | str
    answered: int | str
    within_24h_share: Value
    median_hours: Value
    p90_hours: Value


class PublicResponsiveness(Public):
    questions: list[ResponseMonth]
    questions_total: ResponseMonth
    submissions: list[ResponseMonth]
    submissions_total: ResponseMonth


class ConnectionsMonth(Public):
    month: str
    learners: int | str
    pairs: int | str


class PublicConnections(Public):
    months: list[ConnectionsMonth]
    learners: int | str
    connected: int | str
    isolated: int | str
    connected_share: Value


class PublicMentors(Public):
    waiting: int
    oldest_wait_hours: int | float | None
    median_wait_hours: int | float | None
    threshold: int
    mentors_over_threshold: int


class PublicEffect(Public):
    """One estimate of « Ce qui aide »: `status` is ok, too_few (under `effects.min_learners` comparable
    learners) or hidden (a group under the privacy threshold); figures are None unless ok."""

    exposure: str
    outcome: str
    status: str
    exposed: int | str
    unexposed: int | str
    exposed_mean: float | None
    unexposed_mean: float | None
    difference: float | None
    low: float | None
    high: float | None


class PublicReport(Public):
    """Every KPI figure a public page or api/kpis.json may show, small groups already hidden."""

    as_of: str
    min_group_size: int
    engagement: PublicEngagement
    participation: PublicParticipation
    cohorts: list[PublicCohort]
    satisfaction: PublicSatisfaction
    responsiveness: PublicResponsiveness
    connections: PublicConnections
    mentors: PublicMentors
    effects: list[PublicEffect]

    def as_json(self) -> str:
        """api/kpis.json: sorted keys, two-space indent, UTF-8 text."""
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
