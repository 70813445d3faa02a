"""The caps weighed over columns (`scoring.caps`) grant each fact what the walk over every fact in time order
grants it (the rule as first written: `test_scoring_integrity.granted_by_walk`), on random histories: many
members, large ids, counterparts that are nobody, oneself or another member, uncapped facts, zero and negative
points, caps of 0, and weeks where only the daily cap cuts, only the pair cap, both, or neither."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from entraide.content.models import Caps
from entraide.scoring import caps
from entraide.scoring.columns import FactColumns
from entraide.scoring.fact import Fact
from test_scoring_integrity import granted_by_walk as walked

START = dt.datetime(2025, 12, 27, 22, tzinfo=dt.UTC)  # a Saturday night: days and weeks turn over early


def random_facts(rng: random.Random, count: int) -> list[Fact]:
    members = rng.sample([1, 2, 3, 7, 10**9, 2**40, 123456, 2**53 + 1], rng.randint(1, 7))  # 2**53 + 1: no float
    facts, at = [], START
    for number in range(count):
        if rng.random() < 0.5:
            at += dt.timedelta(hours=rng.choice((1, 3, 11, 30, 170)))
        member = rng.choice(members)
        counterpart = rng.choice([*members, None, 5, member])
        points = rng.choice((-1, 0, 1, 2, 3, 5, 8, 13))
        facts.append(Fact(member, "comment", points, at, (f"e{number}",), None, counterpart, (), rng.random() < 0.85))
    return facts


@pytest.mark.parametrize("seed", range(60))
def test_caps_over_columns_grant_what_a_walk_over_every_fact_grants(seed: int) -> None:
    rng = random.Random(seed)
    facts = random_facts(rng, rng.choice((0, 1, 2, 20, 200, 2000)))
    rules = Caps(per_day=rng.choice((0, 4, 12, 30, 100)), per_pair_per_week=rng.choice((0, 3, 10, 40, 1000)))
    assert caps.granted(facts, FactColumns(facts), rules).tolist() == walked(facts, rules)
