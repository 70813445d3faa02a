"""Putting facts in `Fact.order` without a key tuple per fact (`integrity.in_order`) gives exactly what
`sorted(facts, key=ORDER)` gives, object for object, whatever order they come in: shuffled, nearly in
order, with many facts sharing a moment and some equal in every field the order reads."""

from __future__ import annotations

import random

import msgspec
import pytest

from entraide.scoring.facts import ORDER, Fact
from entraide.scoring.integrity import in_order
from test_scoring_integrity import random_facts


def _nearly_ordered(rng: random.Random, facts: list[Fact]) -> list[Fact]:
    """In order but for a few swapped neighbours, with copies equal in every field the order reads."""
    ordered = sorted(facts, key=ORDER)
    for _ in range(len(ordered) // 10):
        at = rng.randrange(len(ordered) - 1)
        ordered[at], ordered[at + 1] = ordered[at + 1], ordered[at]
    for _ in range(len(ordered) // 20):
        at = rng.randrange(len(ordered))
        ordered.insert(at, msgspec.structs.replace(ordered[at], points=99))  # ties on ORDER: stability shows
    return ordered


@pytest.mark.parametrize("seed", range(40))
def test_in_order_is_the_sort_by_fact_order(seed: int) -> None:
    rng = random.Random(seed)
    shuffled = random_facts(rng, rng.choice((0, 1, 2, 30, 300)))
    for facts in (shuffled, _nearly_ordered(rng, shuffled) if shuffled else []):
        expected = sorted(facts, key=ORDER)
        found = in_order(list(facts))
        assert len(found) == len(expected)
        assert all(mine is theirs for mine, theirs in zip(found, expected))
