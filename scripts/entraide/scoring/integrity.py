"""Rules that weigh facts against each other: moderation, one award per key, kudos quota, caps.

Order matters and is fixed: moderation first (revoked facts use up no cap), then "once" keys (one award
per member per challenge, one first contribution, one attendance per event), then the weekly kudos
quota of each giver, then the point caps in time order, partial points when a cap is nearly reached.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from entraide.content.models import Caps
from entraide.scoring.facts import Fact
from entraide.scoring.threads import Index


@dataclass(frozen=True)
class Revoked:
    fact: Fact
    cause: str
    event_ids: tuple[str, ...]


def moderate(facts: list[Fact], index: Index) -> tuple[list[Fact], list[Revoked]]:
    """Split facts into kept and revoked: content flagged by a moderation label, or a label taken off."""
    kept, revoked = [], []
    for fact in sorted(facts, key=lambda f: f.order):
        cause = _cause(fact, index)
        if cause is None:
            kept.append(fact)
        else:
            revoked.append(Revoked(fact, *cause))
    return kept, revoked


def _cause(fact: Fact, index: Index) -> tuple[str, tuple[str, ...]] | None:
    for content in fact.contents:
        flags = index.flagged(content)
        if flags:
            return "moderation:" + ",".join(label for label, _ in flags), tuple(ids for _, ids in flags)
    return fact.label_cause


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
    given: Counter[tuple[object, ...]] = Counter()
    result = []
    for fact in kept:
        if fact.reason == "kudos":
            key = (fact.counterpart, _week(fact.at))
            given[key] += 1
            if given[key] > caps.kudos_per_giver_per_week:
                continue
        result.append(fact)
    return result


def apply_caps(kept: list[Fact], caps: Caps) -> list[tuple[Fact, int]]:
    """(fact, points granted) for facts worth points, in time order; fully capped facts drop out."""
    per_day: Counter[tuple[object, ...]] = Counter()
    per_pair: Counter[tuple[object, ...]] = Counter()
    granted = []
    for fact in kept:
        points = fact.points
        if fact.capped and points > 0:
            day = (fact.member_id, fact.at.date())
            pair = (fact.member_id, fact.counterpart, _week(fact.at))
            points = min(points, caps.per_day - per_day[day])
            if _pairs(fact):
                points = min(points, caps.per_pair_per_week - per_pair[pair])
            points = max(points, 0)
            per_day[day] += points
            if _pairs(fact):
                per_pair[pair] += points
        if points > 0:
            granted.append((fact, points))
    return granted


def _pairs(fact: Fact) -> bool:
    return fact.counterpart is not None and fact.counterpart != fact.member_id


def _week(moment: dt.datetime) -> tuple[int, int]:
    year, week, _ = moment.isocalendar()
    return year, week
