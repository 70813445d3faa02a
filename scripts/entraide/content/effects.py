"""`effects:` in entraide.yml: the exposures and outcomes of the « Ce qui aide » page, defined once."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from entraide.content.base import Frozen, Slug
from entraide.content.errors import N_
from entraide.content.i18n import Translator


class Exposure(Frozen):
    """Something the programme does for a learner, read from events in a window from their first day."""

    id: Slug
    label: str | None = Field(
        None,
        min_length=1,
        max_length=60,
        description="shown on the page and its charts; none: the default's, or the id",
    )
    kind: Literal["peer_help", "quick_answer", "kudos_received", "event_attended"]
    days: int = Field(14, ge=1, le=120, description="the window, in days from the learner's first day")
    hours: int = Field(24, ge=1, le=720, description="quick_answer: the first reply came within this many hours")


class Outcome(Frozen):
    """What the programme hopes moves: measured per learner after the exposure's window."""

    id: Slug
    label: str | None = Field(None, min_length=1, max_length=60, description="none: the default's, or the id")
    kind: Literal["active_from_week", "completed_required", "satisfaction"]
    week: int = Field(8, ge=2, le=52, description="active_from_week: any activity from this cohort week on")


DEFAULT_EXPOSURES = (
    Exposure(id="pair-actif", kind="peer_help"),
    Exposure(id="reponse-rapide", kind="quick_answer", days=28),
    Exposure(id="kudos-premier-mois", kind="kudos_received", days=30),
    Exposure(id="atelier", kind="event_attended", days=42),
)
DEFAULT_OUTCOMES = (
    Outcome(id="actif-semaine-8", kind="active_from_week"),
    Outcome(id="defis-requis", kind="completed_required"),
    Outcome(id="satisfaction", kind="satisfaction"),
)
DEFAULT_LABELS = {  # the defaults' labels, in the community's language when shown
    "pair-actif": N_("Active peer in the first 2 weeks"),
    "reponse-rapide": N_("Question answered within 24 h"),
    "kudos-premier-mois": N_("Kudos received in the first month"),
    "atelier": N_("Workshop in the first 6 weeks"),
    "actif-semaine-8": N_("Still active in week 8"),
    "defis-requis": N_("Required challenges passed"),
    "satisfaction": N_("Satisfaction (score out of 5)"),
}


def label_of(item: Exposure | Outcome, tr: Translator) -> str:
    """What the page calls an exposure or outcome: its label in entraide.yml, else the default's in `tr`'s
    language, else its id."""
    if item.label:
        return item.label
    return DEFAULT_LABELS[item.id].say(tr) if item.id in DEFAULT_LABELS else item.id


class EffectRules(Frozen):
    """`effects:` in entraide.yml: what the "What helps" page compares, and how cautiously."""

    exposures: tuple[Exposure, ...] = DEFAULT_EXPOSURES
    outcomes: tuple[Outcome, ...] = DEFAULT_OUTCOMES
    early_days: int = Field(7, ge=1, le=28, description="days of early activity learners are matched on")
    min_learners: int = Field(20, ge=2, description="fewer comparable learners: the page says there are not enough")
    resamples: int = Field(1000, ge=100, le=20000, description="bootstrap resamples for the 95 % interval")
    seed: int = Field(2026, ge=0, description="the bootstrap's seed: same data, same interval")
