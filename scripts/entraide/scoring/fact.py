"""A `Fact`: what one event would earn one member, before moderation and caps (`facts` makes them), and
`Fact.order`, the order the ledger's stages read them in."""

from __future__ import annotations

import datetime as dt
from operator import attrgetter

import msgspec

from entraide.scoring.threads import ContentKey


class Fact(msgspec.Struct, gc=False):
    """Built in C (one per fact-earning event, half a million at 1M events), untracked by the cyclic
    collector: a fact holds values, never itself."""

    member_id: int
    reason: str
    points: int
    at: dt.datetime
    event_ids: tuple[str, ...]
    metric: str | None = None  # the badge metric this fact counts towards
    counterpart: int | None = None  # the other person of the interaction (pair cap; kudos giver)
    contents: tuple[ContentKey, ...] = ()  # what a moderation label can flag to revoke it
    capped: bool = True  # challenges are outside the daily and per-pair caps
    once: tuple[object, ...] | None = None  # at most one kept fact per key (one award per member per challenge...)
    label_cause: tuple[str, tuple[str, ...]] | None = None  # revoked: the label that earned it came off
    challenge: str | None = None  # the challenge this fact accepts, if any (reason "challenge:<slug>")

    @property
    def order(self) -> tuple[dt.datetime, tuple[str, ...], str, int]:
        return (self.at, self.event_ids, self.reason, self.member_id)


ORDER = attrgetter("at", "event_ids", "reason", "member_id")  # `Fact.order`, as a sort key read in C
