"""What scoring returns: awards, revocations, standings, leaderboards, gathered in a Ledger."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Literal, NamedTuple

from pydantic import Field

from entraide.content.models import Frozen, Slug


class Reason(NamedTuple):
    """Why points were given: a kind ("challenge", "review", "kudos"...) and, for a challenge, its slug.

    The ledger stores it as text ("challenge:html-semantique", "review"); every reader goes through
    `Reason.of` or `Award.why`, never through string surgery of its own.
    """

    kind: str
    detail: str = ""

    @classmethod
    def of(cls, text: str) -> Reason:
        known = _REASONS.get(text)  # a few dozen distinct texts, read once per fact and award
        if known is None:
            kind, _, detail = text.partition(":")
            known = _REASONS[text] = cls(kind, detail)
        return known

    @classmethod
    def challenge(cls, slug: str) -> Reason:
        return cls("challenge", slug)

    def __str__(self) -> str:
        return f"{self.kind}:{self.detail}" if self.detail else self.kind

    @property
    def challenge_slug(self) -> str | None:
        return self.detail if self.kind == "challenge" and self.detail else None


_REASONS: dict[str, Reason] = {}


class Award(Frozen):
    """Points given to one member for one reason, traceable to the events behind it."""

    member_id: int
    login: str
    points: int
    reason: str = Field(description="machine reason, e.g. 'challenge:html-semantique', 'review', 'kudos'")
    at: dt.datetime
    event_ids: tuple[str, ...]

    @property
    def why(self) -> Reason:
        return Reason.of(self.reason)

    @property
    def challenge(self) -> str | None:
        """The challenge this award is for, if it is a challenge's acceptance."""
        return self.why.challenge_slug


def award_maker() -> Callable[[int, str, int, str, dt.datetime, tuple[str, ...]], Award]:
    """A constructor of `Award`s from values validated upstream (the facts'), for the ledger's hundreds of
    thousands of awards: `Award.trusted` with its per-call bookkeeping done once."""
    new, put, given = Award.__new__, object.__setattr__, set(Award.model_fields)

    def make(member_id: int, login: str, points: int, reason: str, at: dt.datetime, ids: tuple[str, ...]) -> Award:
        award = new(Award)
        put(
            award,
            "__dict__",
            {"member_id": member_id, "login": login, "points": points, "reason": reason, "at": at, "event_ids": ids},
        )
        put(award, "__pydantic_fields_set__", given)  # shared, as `trusted` shares it: frozen models
        put(award, "__pydantic_extra__", None)
        put(award, "__pydantic_private__", None)
        return award

    return make


class Revocation(Frozen):
    """An award some events would have given, taken back (moderation label, label removed...)."""

    award: Award
    cause: str
    event_ids: tuple[str, ...]


class BadgeEarned(Frozen):
    badge: str = Field(description="badge id (milestone) or the challenge's badge name")
    name: str
    at: dt.date
    challenge: Slug | None = None


class Standing(Frozen):
    """A member's state at `Ledger.as_of`."""

    member_id: int
    login: str
    points: int = Field(description="every point earned, final or still in the review window")
    pending_points: int = Field(0, description="points earned in the review window, shown as awaiting validation")
    level: str = Field(description="reached with final points")
    badges: tuple[BadgeEarned, ...]
    accepted: tuple[Slug, ...] = Field(description="challenges accepted, in order of acceptance")
    streak_weeks: int = Field(description="consecutive active weeks ending with the current or last week")
    best_streak_weeks: int
    last_active: dt.date | None
    metrics: dict[str, int] = Field({}, description="each badge metric's value today (what the next badge needs)")


class LeaderboardRow(Frozen):
    rank: int
    member_id: int
    login: str
    points: int


class Leaderboard(Frozen):
    id: str = Field(description="window id, plus the scope for cohort/track/month windows: 'track-front'")
    title: str
    window: Literal["all_time", "month", "cohort", "track"]
    scope: str | None = None
    rows: tuple[LeaderboardRow, ...]


class Ledger(Frozen):
    as_of: dt.date
    awards: tuple[Award, ...]
    revoked: tuple[Revocation, ...]
    standings: tuple[Standing, ...]
    leaderboards: tuple[Leaderboard, ...]
