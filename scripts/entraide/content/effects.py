"""`effects:` in entraide.yml: the exposures and outcomes of the « Ce qui aide » page, defined once."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from entraide.content.base import Frozen, Slug


class Exposure(Frozen):
    """Something the programme does for a learner, read from events in a window from their first day."""

    id: Slug
    label: str = Field(min_length=1, max_length=60, description="shown on the « Ce qui aide » page and its charts")
    kind: Literal["peer_help", "quick_answer", "kudos_received", "event_attended"]
    days: int = Field(14, ge=1, le=120, description="the window, in days from the learner's first day")
    hours: int = Field(24, ge=1, le=720, description="quick_answer: the first reply came within this many hours")


class Outcome(Frozen):
    """What the programme hopes moves: measured per learner after the exposure's window."""

    id: Slug
    label: str = Field(min_length=1, max_length=60)
    kind: Literal["active_from_week", "completed_required", "satisfaction"]
    week: int = Field(8, ge=2, le=52, description="active_from_week: any activity from this cohort week on")


DEFAULT_EXPOSURES = (
    Exposure(id="pair-actif", label="Pair actif les 2 premières semaines", kind="peer_help"),
    Exposure(id="reponse-rapide", label="Question répondue en 24 h", kind="quick_answer", days=28),
    Exposure(id="kudos-premier-mois", label="Kudos reçus le 1er mois", kind="kudos_received", days=30),
    Exposure(id="atelier", label="Atelier les 6 premières semaines", kind="event_attended", days=42),
)
DEFAULT_OUTCOMES = (
    Outcome(id="actif-semaine-8", label="Encore actif en semaine 8", kind="active_from_week"),
    Outcome(id="defis-requis", label="Défis requis réussis", kind="completed_required"),
    Outcome(id="satisfaction", label="Satisfaction (note sur 5)", kind="satisfaction"),
)


class EffectRules(Frozen):
    """`effects:` in entraide.yml: what « Ce qui aide » compares, and how cautiously."""

    exposures: tuple[Exposure, ...] = DEFAULT_EXPOSURES
    outcomes: tuple[Outcome, ...] = DEFAULT_OUTCOMES
    early_days: int = Field(7, ge=1, le=28, description="days of early activity learners are matched on")
    min_learners: int = Field(20, ge=2, description="fewer comparable learners: « pas assez d'apprenants »")
    resamples: int = Field(1000, ge=100, le=20000, description="bootstrap resamples for the 95 % interval")
    seed: int = Field(2026, ge=0, description="the bootstrap's seed: same data, same interval")
