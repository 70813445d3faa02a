"""The integrity rules and the acceptance gate, which find their few facts with maps run in C and build the
awards as they weigh each fact, decide exactly what a plain walk over every fact decides (the walks below
are those rules as first written), on random histories: shuffled facts, flagged contents, label causes,
colliding `once` keys, kudos over several weeks, caps, late and held acceptances, duplicates."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

import pytest

from entraide.content.models import Acceptance, Caps, Challenge, ChallengeRule
from entraide.scoring import acceptance, integrity
from entraide.scoring.fact import ORDER, Fact
from entraide.scoring.model import Award
from entraide.scoring.tally import Tally
from entraide.scoring.threads import Index

START = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
THREADS = [("issue", number) for number in range(1, 6)] + [("discussion", 1)]
MEMBERS = [1, 2, 3, 4]
SLUGS = ("html", "css", "js", "late", "team")
REASONS = ("comment", "review", "answer", "kudos", "event_attendance", "first_contribution", "feedback")


def random_facts(rng: random.Random, count: int) -> list[Fact]:
    """Facts in time order (several share a moment, as one event's do), then shuffled as `moderate` may get them."""
    facts, at = [], START
    for number in range(count):
        if rng.random() < 0.6:
            at += dt.timedelta(hours=rng.choice((1, 7, 30, 100, 400)))
        member, thread = rng.choice(MEMBERS), rng.choice(THREADS)
        contents = (thread,) if rng.random() < 0.7 else (thread, (*thread, rng.randint(1, 4)))
        cause = ("label_removed:question", (f"r{number}",)) if rng.random() < 0.05 else None
        if rng.random() < 0.15:
            slug = rng.choice(SLUGS)
            once: tuple[object, ...] | None = ("challenge", member, slug)
            fact = Fact(member, f"challenge:{slug}", 20, at, (f"o{number}", f"e{number}"), "accepted_challenges",
                        rng.choice(MEMBERS), contents, False, once, cause, slug)  # fmt: skip
        else:
            reason = rng.choice(REASONS)
            once = (reason, member, thread) if reason in ("event_attendance", "first_contribution") else None
            counterpart = rng.choice([*MEMBERS, None])
            points = rng.choice((0, 1, 2, 5, 8))
            fact = Fact(member, reason, points, at, (f"e{number}",), None, counterpart, contents, rng.random() < 0.9,
                        once, cause)  # fmt: skip
        facts.append(fact)
    rng.shuffle(facts)
    return facts


def random_index(rng: random.Random) -> Index:
    index = Index()
    for thread in THREADS:
        for content in (thread, (*thread, rng.randint(1, 4))):
            if rng.random() < 0.3:  # an empty entry: a label put on and taken off
                labels = rng.sample(["spam", "off-topic", "abuse"], rng.randint(0, 2))
                index.flags[content] = {label: f"l{label}{content}" for label in labels}
    return index


# --------------------------------------------------------------------------- the rules as first written


def walked_moderate(facts: list[Fact], index: Index) -> tuple[list[Fact], list[integrity.Revoked]]:
    kept, revoked = [], []
    for fact in sorted(facts, key=ORDER):
        cause = None
        for content in fact.contents:
            if index.flags.get(content):
                labels = sorted(index.flags[content].items())
                cause = "moderation:" + ",".join(label for label, _ in labels), tuple(ids for _, ids in labels)
                break
        cause = cause or fact.label_cause
        if cause is None:
            kept.append(fact)
        else:
            revoked.append(integrity.Revoked(fact, *cause))
    return kept, revoked


def walked_once(kept: list[Fact]) -> list[Fact]:
    first: dict[object, Fact] = {}
    return [fact for fact in kept if fact.once is None or first.setdefault(fact.once, fact) is fact]


def walked_quota(kept: list[Fact], caps: Caps) -> list[Fact]:
    given: dict[tuple[object, int], int] = defaultdict(int)
    result = []
    for fact in kept:
        if fact.reason == "kudos":
            key = (fact.counterpart, integrity.monday(fact.at))
            given[key] += 1
            if given[key] > caps.kudos_per_giver_per_week:
                continue
        result.append(fact)
    return result


def granted_by_walk(kept: list[Fact], caps: Caps) -> list[int]:
    """What the caps grant each fact, walking every fact in time order: the rule as first written."""
    per_day: dict[tuple[int, dt.date], int] = defaultdict(int)
    per_pair: dict[tuple[int, int, int], int] = defaultdict(int)
    granted = []
    for fact in kept:
        points = fact.points
        if fact.capped and points > 0:
            day = (fact.member_id, fact.at.date())
            points = min(points, caps.per_day - per_day[day])
            if fact.counterpart is not None and fact.counterpart != fact.member_id:
                pair = (fact.member_id, fact.counterpart, integrity.monday(fact.at))
                points = min(points, caps.per_pair_per_week - per_pair[pair])
                if points > 0:
                    per_pair[pair] += points
            if points > 0:
                per_day[day] += points
        granted.append(max(points, 0))
    return granted


def walked_caps(kept: list[Fact], caps: Caps) -> list[tuple[Fact, int]]:
    return [(fact, points) for fact, points in zip(kept, granted_by_walk(kept, caps)) if points > 0]


def walked_gate(kept: list[Fact], challenges: dict[str, Challenge], rules: Acceptance) -> list[Fact]:
    by_member: dict[int, dict[str, Fact]] = defaultdict(dict)
    for fact in kept:
        if fact.challenge is not None:
            by_member[fact.member_id].setdefault(fact.challenge, fact)
    judged: dict[int, Fact | None] = {}
    for facts in by_member.values():
        judge = acceptance._Judge(facts, challenges=challenges, rules=rules)
        for slug, fact in facts.items():
            judged[id(fact)] = judge.settle(slug, ())
    result = [fact if fact.challenge is None else judged.get(id(fact)) for fact in kept]
    return sorted((fact for fact in result if fact is not None), key=ORDER)


# --------------------------------------------------------------------------- the comparisons


@pytest.mark.parametrize("seed", range(40))
def test_integrity_rules_decide_as_a_walk_over_every_fact(seed: int) -> None:
    rng = random.Random(seed)
    facts, index = random_facts(rng, rng.choice((0, 1, 30, 300))), random_index(rng)
    caps = Caps(per_day=rng.choice((5, 12, 30)), per_pair_per_week=rng.choice((3, 10)), kudos_per_giver_per_week=2)

    kept, revoked = integrity.moderate(list(facts), index)
    assert (kept, revoked) == walked_moderate(facts, index)
    unique, _ = integrity.once(kept, revoked)
    assert unique == walked_once(kept)
    quota = integrity.kudos_quota(unique, caps)
    assert quota == walked_quota(unique, caps)

    logins = {member: f"login{member}" for member in MEMBERS}
    awards, (positions, points) = integrity.apply_caps(quota, caps, logins)
    expected = walked_caps(quota, caps)
    assert awards == tuple(
        Award(f.member_id, logins[f.member_id], granted, f.reason, f.at, f.event_ids) for f, granted in expected
    )
    assert [quota[at] for at in positions] == [fact for fact, _ in expected]
    assert points.tolist() == [granted for _, granted in expected]

    # The standings' award columns, read from the kept facts, are the ones read from the awards themselves.
    ids = MEMBERS[:3]  # member 4 is listed among no members: its awards count for no standing
    given = Tally(ids, kept=quota, awards=awards, granted=(positions, points)).awards
    read = Tally(ids, kept=quota, awards=awards).awards
    for column in ("codes", "days", "points"):
        assert getattr(given, column).tolist() == getattr(read, column).tolist()


def _challenge(slug: str, **values: object) -> Challenge:
    return Challenge(slug=slug, title=slug, track="web", level=1, points=20, acceptance_criteria=("done",), **values)  # type: ignore[arg-type]


@pytest.mark.parametrize("seed", range(30))
def test_acceptance_gate_judges_as_a_walk_over_every_fact(seed: int) -> None:
    rng = random.Random(seed)
    closes = (START + dt.timedelta(days=rng.randint(0, 200))).date()
    challenges = {
        "html": _challenge("html"),
        "css": _challenge("css", prerequisites=("html",)),
        "js": _challenge("js", prerequisites=("css", "html")),
        "late": _challenge("late", closes=closes),
        "team": _challenge("team", team=True),
    }
    rules = Acceptance(
        challenges={
            "late": ChallengeRule(late=rng.choice(("refuse", "accept"))),
            "js": ChallengeRule(prerequisites=rng.choice(("hold", "refuse"))),
        }
    )
    kept = sorted(random_facts(rng, rng.choice((0, 40, 300))), key=ORDER)  # duplicates of a challenge included
    result, refused = acceptance.gate(kept, challenges=challenges, rules=rules)
    assert sorted(result, key=ORDER) == result
    assert result == walked_gate(kept, challenges, rules)
    assert all(fact.challenge is not None for fact, _, _ in refused)
    # and what the deadline says, independently of the judge the walk shares
    late = [fact for fact in result if fact.challenge == "late" and fact.at.date() > closes]
    if rules.rule("late").late == "refuse":
        assert late == []
    else:
        assert all(fact.points == 10 for fact in late)
