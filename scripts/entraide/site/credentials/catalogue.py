"""Every badge a member can earn, as one list: challenge badges (from challenges/) and milestones (entraide.yml),
each with its kind, its level in its series, where its image lives and what earning it takes."""

from __future__ import annotations

from entraide.content.models import Challenge, Community, Frozen
from entraide.scoring.model import BadgeEarned

LEVEL_NAMES = ("bronze", "argent", "or", "platine", "diamant")


class Badge(Frozen):
    key: str  # file-safe and stable: the milestone's id, or "defi-<slug>" for a challenge badge
    name: str
    description: str
    kind: str  # "challenge" or the milestone's metric ("answers", "reviews"...)
    level: int  # 1.. : the challenge's level, or the rank of this threshold in its metric's series
    threshold: int = 1  # the metric's value that earns it (1 for a challenge badge)
    challenge: str | None = None
    track: str | None = None

    @property
    def image(self) -> str:
        """Path of its image under docs/."""
        return f"badges/img/{self.key}.svg"


_LAST: list[tuple[Community, tuple[Badge, ...]]] = []  # the last community's list: every profile asks for it


def catalogue(community: Community) -> tuple[Badge, ...]:
    """Challenge badges in challenge order, then milestones in the order of entraide.yml (computed once a
    community: the same object asks again for each of its members' profiles)."""
    if _LAST and _LAST[0][0] is community:
        return _LAST[0][1]
    badges = _catalogue(community)
    _LAST[:] = [(community, badges)]
    return badges


def _catalogue(community: Community) -> tuple[Badge, ...]:
    ordered = sorted(community.challenges, key=lambda c: (c.track, c.level, c.slug))
    badges = [challenge_badge(c) for c in ordered if c.badge]
    for rule in community.rules.badges:
        series = sorted({r.threshold for r in community.rules.badges if r.metric == rule.metric})
        level = series.index(rule.threshold) + 1
        badges.append(
            Badge(
                key=rule.id,
                name=rule.name,
                description=rule.description,
                kind=rule.metric,
                level=level,
                threshold=rule.threshold,
            )
        )
    return tuple(badges)


def challenge_badge(challenge: Challenge) -> Badge:
    """The badge a challenge awards on acceptance (its `badge:` name)."""
    return Badge(
        key=f"defi-{challenge.slug}",
        name=challenge.badge or challenge.title,
        description=challenge.title,
        kind="challenge",
        level=challenge.level,
        challenge=challenge.slug,
        track=challenge.track,
    )


def key_of(earned: BadgeEarned) -> str:
    """The catalogue key of a badge someone earned."""
    return f"defi-{earned.challenge}" if earned.challenge else earned.badge
