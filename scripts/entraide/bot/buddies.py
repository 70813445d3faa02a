"""Pairing each new learner with a buddy: one optimal assignment over the whole intake.

A buddy is a learner some weeks ahead or, when none fits, a mentor. Pairs are scored on shared track and
interests, overlapping time zones and the buddy's current load; sharing a language and the buddy's
capacity are hard limits. The whole intake is solved at once (scipy's `linear_sum_assignment`, the
Hungarian method on a rectangular matrix), because matching learners one at a time lets early learners
take the buddies later ones needed most. `greedy_assignment` is kept as the yardstick the tests and the
`--compare` flag measure against.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

from entraide.content.alumni import alumni
from entraide.content.errors import N_, Problem, UserError
from entraide.content.models import BuddyRules, Community, Frozen, Member, Role
from entraide.content.needs import Need, adjusted

FORBIDDEN = -1e6  # weight of a pair that breaks a hard limit: never chosen while any other pair exists


class Pair(Frozen):
    learner: str
    buddy: str
    weight: float


@dataclass(frozen=True)
class Slot:
    """One place a buddy can take: a buddy with capacity 3 and load 1 offers slots at loads 1 and 2."""

    buddy: Member
    load: int


def candidate_buddies(
    members: tuple[Member, ...],
    *,
    intake: tuple[Member, ...],
    rules: BuddyRules,
    today: dt.date,
    alumni: frozenset[str] = frozenset(),
) -> tuple[Member, ...]:
    """Mentors and learners some weeks ahead; alumni only when they volunteered (`volunteer` in their file)."""
    newcomers = {m.login for m in intake}
    ahead = today - dt.timedelta(weeks=rules.weeks_ahead)
    return tuple(
        m
        for m in members
        if m.login not in newcomers
        and (m.role is Role.mentor or (m.role is Role.learner and m.joined <= ahead))
        and (m.login not in alumni or bool(m.volunteer))
    )


def slots(buddies: tuple[Member, ...], *, loads: dict[str, int], rules: BuddyRules) -> list[Slot]:
    out = []
    for buddy in buddies:
        capacity = rules.mentor_max_load if buddy.role is Role.mentor else rules.max_load
        out += [Slot(buddy, load) for load in range(loads.get(buddy.login, 0), capacity)]
    return out


def utc_offset_hours(member: Member, *, today: dt.date) -> float:
    moment = dt.datetime.combine(today, dt.time(12), tzinfo=ZoneInfo(member.timezone))
    return (moment.utcoffset() or dt.timedelta()).total_seconds() / 3600


def pair_weight(learner: Member, slot: Slot, *, rules: BuddyRules, today: dt.date) -> float:
    buddy = slot.buddy
    if not set(learner.languages) & set(buddy.languages):
        return FORBIDDEN
    weight = rules.shared_track if learner.track and learner.track == buddy.track else 0.0
    shared = len(set(learner.interests) & set(buddy.interests))
    weight += rules.shared_interest * min(shared, rules.max_shared_interests)
    gap = abs(utc_offset_hours(learner, today=today) - utc_offset_hours(buddy, today=today))
    weight += rules.same_timezone_band if gap <= 2 else rules.near_timezone_band if gap <= 5 else 0.0
    weight -= rules.load_penalty * slot.load
    return weight - (rules.mentor_penalty if buddy.role is Role.mentor else 0.0)


def weight_matrix(intake, slot_list, *, rules, today) -> np.ndarray:
    return np.array(
        [[pair_weight(learner, slot, rules=rules, today=today) for slot in slot_list] for learner in intake],
        dtype=float,
    ).reshape(len(intake), len(slot_list))


def optimal_assignment(
    intake: tuple[Member, ...], buddies: tuple[Member, ...], *, loads: dict[str, int], rules: BuddyRules, today: dt.date
) -> tuple[Pair, ...]:
    from scipy.optimize import (
        linear_sum_assignment,  # here, not at the top: every CLI command imports this module
    )

    slot_list = slots(buddies, loads=loads, rules=rules)
    weights = weight_matrix(intake, slot_list, rules=rules, today=today)
    if not weights.size:
        return ()
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return _pairs(intake, slot_list, weights, zip(rows, cols))


def greedy_assignment(
    intake: tuple[Member, ...], buddies: tuple[Member, ...], *, loads: dict[str, int], rules: BuddyRules, today: dt.date
) -> tuple[Pair, ...]:
    """Each learner in turn takes the best slot still free: the baseline the optimum must beat."""
    slot_list = slots(buddies, loads=loads, rules=rules)
    weights = weight_matrix(intake, slot_list, rules=rules, today=today)
    taken: set[int] = set()
    chosen = []
    for row in range(len(intake)):
        free = [col for col in np.argsort(-weights[row], kind="stable") if col not in taken]
        if free:
            taken.add(free[0])
            chosen.append((row, free[0]))
    return _pairs(intake, slot_list, weights, chosen)


def _pairs(intake, slot_list, weights, chosen) -> tuple[Pair, ...]:
    pairs = (
        Pair(learner=intake[r].login, buddy=slot_list[c].buddy.login, weight=round(weights[r, c], 6))
        for r, c in chosen
        if weights[r, c] > FORBIDDEN / 2
    )
    return tuple(sorted(pairs, key=lambda p: p.learner))


def total_weight(pairs: tuple[Pair, ...]) -> float:
    return round(sum(p.weight for p in pairs), 6)


# --------------------------------------------------------------------------- shell: `entraide buddies`

PAIRS_FILE = Path("data") / "buddies.json"


def load_pairs(root: Path) -> list[dict]:
    path = root / PAIRS_FILE
    if not path.exists():
        return []
    try:
        return list(json.loads(path.read_text(encoding="utf-8"))["pairs"])
    except (ValueError, KeyError, TypeError) as error:
        raise UserError(
            Problem(
                path=str(PAIRS_FILE), message=N_("not a buddies file ({error}); restore it from git", error=str(error))
            )
        ) from None


def intake_of(community: Community, pairs: list[dict], *, today: dt.date) -> tuple[Member, ...]:
    """Learners who joined in the last `intake_weeks` (up to today) and have no buddy yet."""
    paired = {p["learner"] for p in pairs}
    since = today - dt.timedelta(weeks=community.rules.buddies.intake_weeks)
    return tuple(
        m for m in community.members if m.role is Role.learner and m.login not in paired and since < m.joined <= today
    )


def assign(
    community: Community, pairs: list[dict], *, today: dt.date, needs: tuple[Need, ...] = ()
) -> tuple[Pair, ...]:
    """Pairs for the intake, taking the load buddies already carry into account. A learner's stated needs
    (private/needs.json) replace their profile's languages and time zone for the matching only."""
    intake = tuple(adjusted(m, needs) for m in intake_of(community, pairs, today=today))
    rules = community.rules.buddies
    former = alumni(community, today=today)
    buddies = candidate_buddies(community.members, intake=intake, rules=rules, today=today, alumni=former)
    loads = Counter(p["buddy"] for p in pairs)
    return optimal_assignment(intake, buddies, loads=dict(loads), rules=rules, today=today)
