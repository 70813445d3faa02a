"""Rules that weigh facts against each other: moderation, one award per key, kudos quota, caps.

Order matters and is fixed: moderation first (revoked facts use up no cap), then "once" keys (one award
per member per challenge, one first contribution, one attendance per event), then the weekly kudos
quota of each giver, then the point caps in time order, partial points when a cap is nearly reached.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from entraide.content.models import Caps
from entraide.scoring.facts import ORDER, Fact
from entraide.scoring.threads import ContentKey, Index


@dataclass(frozen=True)
class Revoked:
    fact: Fact
    cause: str
    event_ids: tuple[str, ...]


def moderate(facts: list[Fact], index: Index) -> tuple[list[Fact], list[Revoked]]:
    """Split facts into kept and revoked: content flagged by a moderation label, or a label taken off."""
    kept, revoked = [], []
    flags = index.flags
    for fact in sorted(facts, key=ORDER):
        cause = _flagged(fact, flags) if flags else None
        if cause is None:
            cause = fact.label_cause
        if cause is None:
            kept.append(fact)
        else:
            revoked.append(Revoked(fact, *cause))
    return kept, revoked


def _flagged(fact: Fact, flags: dict[ContentKey, dict[str, str]]) -> tuple[str, tuple[str, ...]] | None:
    for content in fact.contents:
        found = flags.get(content)
        if found:
            labels = sorted(found.items())
            return "moderation:" + ",".join(label for label, _ in labels), tuple(ids for _, ids in labels)
    return None


def once(kept: list[Fact], revoked: list[Revoked]) -> tuple[list[Fact], list[Revoked]]:
    """Keep the earliest fact of each `once` key. A revoked one is listed only if it came first:
    a second PR for an already accepted challenge was never going to earn anything."""
    first: dict[tuple[object, ...], Fact] = {}
    unique = []
    for fact in kept:
        if fact.once is None or first.setdefault(fact.once, fact) is fact:
            unique.append(fact)
    listed: set[tuple[object, ...] | None] = set()
    shown = []
    for item in revoked:
        key = item.fact.once
        if key is not None and (key in listed or (key in first and first[key].order < item.fact.order)):
            continue
        listed.add(key)
        shown.append(item)
    return unique, shown


def kudos_quota(kept: list[Fact], caps: Caps) -> list[Fact]:
    """Each giver's first `kudos_per_giver_per_week` kudos of an ISO week count; the rest never happened."""
    given: dict[tuple[object, ...], int] = {}
    week_of, most = _Weeks(), caps.kudos_per_giver_per_week
    result = []
    for fact in kept:
        if fact.reason == "kudos":
            key = (fact.counterpart, week_of(fact.at.date()))
            given[key] = count = given.get(key, 0) + 1
            if count > most:
                continue
        result.append(fact)
    return result


def apply_caps(kept: list[Fact], caps: Caps) -> list[tuple[Fact, int]]:
    """(fact, points granted) for facts worth points, in time order; fully capped facts drop out."""
    per_day: dict[tuple[object, ...], int] = {}
    per_pair: dict[tuple[object, ...], int] = {}
    day_cap, pair_cap, week_of = caps.per_day, caps.per_pair_per_week, _Weeks()
    granted = []
    for fact in kept:
        points = fact.points
        if fact.capped and points > 0:
            member, other, date = fact.member_id, fact.counterpart, fact.at.date()
            day = (member, date)
            points = min(points, day_cap - per_day.get(day, 0))
            pairs = other is not None and other != member
            if pairs:
                pair = (member, other, week_of(date))
                points = min(points, pair_cap - per_pair.get(pair, 0))
            points = max(points, 0)
            per_day[day] = per_day.get(day, 0) + points
            if pairs:
                per_pair[pair] = per_pair.get(pair, 0) + points
        if points > 0:
            granted.append((fact, points))
    return granted


class _Weeks(dict[dt.date, tuple[int, int]]):
    """day -> its ISO (year, week), worked out once per day."""

    def __call__(self, day: dt.date) -> tuple[int, int]:
        week = self.get(day)
        if week is None:
            year, number, _ = day.isocalendar()
            week = self[day] = (year, number)
        return week
