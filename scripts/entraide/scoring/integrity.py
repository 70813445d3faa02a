"""Rules that weigh facts against each other: moderation, one award per key, kudos quota, caps.

Order matters and is fixed: moderation first (revoked facts use up no cap), then "once" keys (one award
per member per challenge, one first contribution, one attendance per event), then the weekly kudos
quota of each giver, then the point caps in time order, partial points when a cap is nearly reached.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
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
        cause = None
        if flags:  # `_flagged` asked only when a label is on one of its contents (the rare case)
            for content in fact.contents:
                if flags.get(content):
                    cause = _flagged(fact, flags)
                    break
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
    """Each giver's first `kudos_per_giver_per_week` kudos of an ISO week count; the rest never happened.
    `kept` is in time order: a week's counts are dropped once the next week starts."""
    given: dict[object, int] = {}
    most, week, at = caps.kudos_per_giver_per_week, None, None
    result = []
    for fact in kept:
        if fact.reason == "kudos":
            if fact.at is not at:
                at = fact.at
                if (now := monday(at)) != week:
                    week = now
                    given.clear()
            given[fact.counterpart] = count = given.get(fact.counterpart, 0) + 1
            if count > most:
                continue
        result.append(fact)
    return result


def apply_caps(kept: list[Fact], caps: Caps) -> Iterator[tuple[Fact, int]]:
    """(fact, points granted) for facts worth points, in time order; fully capped facts drop out. Given one
    at a time: the caller keeps what it makes of them (awards), not a list of pairs besides.

    `kept` is in time order: each day's (and each week's) points are counted until the next one starts,
    then forgotten, instead of keeping every member's every day until the end."""
    per_day: dict[int, int] = {}  # member -> points today
    per_pair: dict[tuple[int, int], int] = {}  # (member, other) -> points this week
    day_cap, pair_cap = caps.per_day, caps.per_pair_per_week
    day = week = at = None
    for fact in kept:
        points = fact.points
        if fact.capped and points > 0:
            if fact.at is not at:  # the facts of one event share its moment
                at = fact.at
                if (today := at.toordinal()) != day:
                    day = today
                    per_day.clear()
                    if (now := today - at.weekday()) != week:
                        week = now
                        per_pair.clear()
            member, other = fact.member_id, fact.counterpart
            room = day_cap - per_day.get(member, 0)
            if room < points:
                points = room
            if other is not None and other != member:
                pair = (member, other)
                room = pair_cap - per_pair.get(pair, 0)
                if room < points:
                    points = room
                if points > 0:
                    per_pair[pair] = per_pair.get(pair, 0) + points
            if points > 0:
                per_day[member] = per_day.get(member, 0) + points
        if points > 0:
            yield fact, points


def monday(at: dt.datetime) -> int:
    """The ordinal of the Monday of `at`'s ISO week (UTC): one number per ISO week."""
    return at.toordinal() - at.weekday()
