"""`alumni:`, `wellbeing:` and `digest:` in entraide.yml: when members become alumni and how opportunities
are moderated, the anonymous pulse's privacy floor and alert rule, and what the mentors' monthly digest says."""

from __future__ import annotations

from pydantic import Field

from entraide.content.base import Frozen


class AlumniRules(Frozen):
    """Learners become alumni `after_days` after their cohort's end; opportunities are moderated by labels."""

    after_days: int = Field(0, ge=0, le=365, description="days after the cohort's end when its learners become alumni")
    opportunity_label: str = Field("opportunity", description="the label the opportunity issue form puts on issues")
    approved_label: str = Field(
        "approved", description="only this label, applied by a mentor or maintainer, publishes an opportunity"
    )


class Resource(Frozen):
    """A well-being resource listed on the « Bien-être » page."""

    title: str = Field(min_length=1, max_length=120)
    url: str = Field(pattern=r"^https://[^\s()<>\[\]`]+$")
    description: str = Field("", max_length=300)


class WellbeingRules(Frozen):
    """The optional anonymous pulse (1-5): shown only aggregated, and the mentors' alert rule."""

    min_answers: int = Field(
        5, ge=5, description="a group (cohort, week) with fewer answers is hidden; never below 5 nor privacy's floor"
    )
    alert_below: float = Field(3.0, ge=1, le=5, description="alert when a cohort's latest mean falls below this")
    alert_drop: float = Field(
        0.5, gt=0, le=4, description="alert when a cohort's mean falls by this much since its previous pulse"
    )
    resources: tuple[Resource, ...] = ()


class DigestRules(Frozen):
    """The monthly digest for mentors and maintainers, filed in `mentors_repository`."""

    moved: float = Field(
        0.1, gt=0, le=1, description="a KPI moved when it changed by at least this share since the month before"
    )
    comments: int = Field(10, ge=0, le=50, description="survey comments quoted at most")
