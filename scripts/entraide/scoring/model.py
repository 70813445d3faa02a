"""What scoring returns: awards, revocations, standings, leaderboards, gathered in a Ledger."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any, Literal, NamedTuple, NotRequired, Self, cast

import msgspec
from pydantic import Field, GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema
from typing_extensions import TypedDict  # pydantic reads a TypedDict from this one before 3.12

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


class Derived(msgspec.Struct, frozen=True, gc=False):
    """A value the core derives from validated models, hundreds of thousands of times (awards, badges,
    rows): never read from people or GitHub, so a frozen `msgspec` struct rather than a pydantic model,
    built in C with no per-instance dict, no validation, no GC tracking (an award is 64 bytes instead of
    ~650). Inside pydantic models (`Ledger`, `Standing`...) it validates and dumps as the model it
    replaced did: each field dumped as pydantic dumps its type, in the fields' order."""

    @classmethod
    def trusted(cls, **values: Any) -> Self:
        """As `Frozen.trusted` (values validated upstream): the constructor itself."""
        return cls(**values)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        # The struct as it is (checked in pydantic's core, no Python call), or a mapping of its fields.
        fields = handler.generate_schema(_fields_type(cls))
        return core_schema.union_schema(
            [
                core_schema.is_instance_schema(cls),
                core_schema.no_info_after_validator_function(lambda values: cls(**values), fields),
            ],
            serialization=core_schema.plain_serializer_function_ser_schema(_fields_of, return_schema=fields),
        )


@functools.cache
def _fields_type(cls: type[Derived]) -> type:
    """The struct's fields as a TypedDict: what pydantic validates and dumps (a field with a default may be
    left out of a mapping)."""
    fields = {f.name: f.type if f.required else NotRequired[f.type] for f in msgspec.structs.fields(cls)}
    return cast(type, TypedDict(f"{cls.__name__}Fields", fields))  # type: ignore[operator]


def _fields_of(value: Derived) -> dict[str, Any]:
    return {name: getattr(value, name) for name in value.__struct_fields__}


class Award(Derived, frozen=True, gc=False):
    """Points given to one member for one reason, traceable to the events behind it."""

    member_id: int
    login: str
    points: int
    reason: str  # machine reason, e.g. 'challenge:html-semantique', 'review', 'kudos'
    at: dt.datetime
    event_ids: tuple[str, ...]

    @property
    def why(self) -> Reason:
        return Reason.of(self.reason)

    @property
    def challenge(self) -> str | None:
        """The challenge this award is for, if it is a challenge's acceptance."""
        return self.why.challenge_slug


class Revocation(Frozen):
    """An award some events would have given, taken back (moderation label, label removed...)."""

    award: Award
    cause: str
    event_ids: tuple[str, ...]


class BadgeEarned(Derived, frozen=True, gc=False):
    badge: str  # badge id (milestone) or the challenge's badge name
    name: str
    at: dt.date
    challenge: str | None = None  # a challenge's slug


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


class LeaderboardRow(Derived, frozen=True, gc=False):
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
