"""Buddy matching: optimal over the whole intake, never breaking a hard limit."""

import datetime as dt
import random
from collections import Counter

import pytest

from entraide.bot.buddies import greedy_assignment, optimal_assignment, total_weight
from entraide.content.models import BuddyRules, Member, Role

TODAY = dt.date(2026, 3, 2)
ZONES = ("Europe/Paris", "Africa/Dakar", "America/Montreal", "Indian/Reunion", "Pacific/Noumea")
INTERESTS = ("css", "a11y", "python", "api", "sql", "react", "tests", "design")


def person(n: int, *, role=Role.learner, joined=TODAY, rng: random.Random) -> Member:
    return Member(
        login=f"{role.value}{n}",
        id=n + (10_000 if role is Role.mentor else 1),
        name=f"P {n}",
        role=role,
        track=rng.choice(("front", "back")),
        interests=tuple(rng.sample(INTERESTS, 2)),
        languages=("fr",) if rng.random() < 0.85 else ("en",),
        timezone=rng.choice(ZONES),
        joined=joined,
    )


def intake_and_buddies(seed: int):
    rng = random.Random(seed)
    intake = tuple(person(n, rng=rng) for n in range(200))
    seniors = tuple(person(1000 + n, joined=TODAY - dt.timedelta(weeks=8), rng=rng) for n in range(54))
    mentors = tuple(person(n, role=Role.mentor, joined=dt.date(2025, 1, 1), rng=rng) for n in range(6))
    return intake, seniors + mentors


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_optimal_beats_greedy_and_respects_every_hard_limit(seed):
    intake, buddies = intake_and_buddies(seed)
    rules = BuddyRules()
    loads = {b.login: 1 for b in buddies[:10]}
    optimal = optimal_assignment(intake, buddies, loads=loads, rules=rules, today=TODAY)
    greedy = greedy_assignment(intake, buddies, loads=loads, rules=rules, today=TODAY)

    assert total_weight(optimal) > total_weight(greedy)
    assert len(optimal) >= len(greedy)
    by_login = {m.login: m for m in intake + buddies}
    load = Counter(p.buddy for p in optimal)
    for buddy, taken in load.items():
        cap = rules.mentor_max_load if by_login[buddy].role is Role.mentor else rules.max_load
        assert taken + loads.get(buddy, 0) <= cap
    for pair in optimal:
        assert set(by_login[pair.learner].languages) & set(by_login[pair.buddy].languages)
    assert len({p.learner for p in optimal}) == len(optimal)


def test_a_learner_buddy_is_preferred_and_a_mentor_is_the_fallback():
    rng = random.Random(0)
    newcomer = person(1, rng=rng).model_copy(update={"languages": ("fr",), "track": "front"})
    senior = person(2, joined=TODAY - dt.timedelta(weeks=6), rng=rng).model_copy(
        update={"languages": ("fr",), "track": "front", "timezone": newcomer.timezone}
    )
    mentor = person(3, role=Role.mentor, rng=rng).model_copy(
        update={"languages": ("fr",), "track": "front", "timezone": newcomer.timezone}
    )
    rules = BuddyRules()
    pairs = optimal_assignment((newcomer,), (senior, mentor), loads={}, rules=rules, today=TODAY)
    assert [p.buddy for p in pairs] == [senior.login]
    full = {senior.login: rules.max_load}
    pairs = optimal_assignment((newcomer,), (senior, mentor), loads=full, rules=rules, today=TODAY)
    assert [p.buddy for p in pairs] == [mentor.login]


def test_no_shared_language_means_no_buddy_rather_than_a_bad_one():
    rng = random.Random(0)
    newcomer = person(1, rng=rng).model_copy(update={"languages": ("es",)})
    senior = person(2, joined=TODAY - dt.timedelta(weeks=6), rng=rng).model_copy(update={"languages": ("fr",)})
    assert optimal_assignment((newcomer,), (senior,), loads={}, rules=BuddyRules(), today=TODAY) == ()
