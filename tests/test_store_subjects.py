"""The store's reading shares one object per subject number, found by index in a list (`decoding.Interner`)
instead of a dict: on random stores whose numbers come in any order, some far beyond the others or past
what is indexed, some equal to an account id, the events read as the validated ones, every number is one
object, and a subject's number and an account id of the same value are the same object."""

from __future__ import annotations

import random

import pytest

from builders import ev
from entraide.events import decoding
from entraide.events import store as events

BIG = decoding._MOST_SUBJECTS  # from here on, numbers go to the dict alone
ACTORS = [(10001, "alice"), (10002, "bob"), (None, None), (700, "carol")]  # ids past the ints Python keeps one of


def _number(rng: random.Random) -> int:
    return rng.choice(
        (
            rng.randrange(257, 400),  # dense, past the ints Python keeps one of
            rng.randrange(0, 300),
            rng.randrange(400, 200_000),  # far beyond twice the list
            rng.choice((700, 10001, 10002)),  # an account's id
            BIG - 1,  # the last one indexed
            BIG + rng.randrange(3),  # too large to index
        )
    )


@pytest.mark.parametrize("seed", range(40))
def test_subjects_read_as_validated_and_each_value_is_one_object(tmp_path, seed, monkeypatch):
    rng = random.Random(seed)
    if rng.random() < 0.3:
        monkeypatch.setattr(decoding, "_PIECE", rng.choice((1, 300)))  # the table kept across pieces
    stored = [
        ev(
            rng.choice(("issue_closed", "pr_closed")),
            f"2026-0{rng.choice((1, 2))}-{rng.randrange(1, 28):02d}T10:00",
            rng.choice(ACTORS),
            _number(rng),
            id=f"t:{n}",
        )
        for n in range(rng.randrange(1, 80))
    ]
    events.append(tmp_path, stored)
    loaded = events.load(tmp_path)
    assert [event.to_event() for event in loaded] == list(events.load_validated(tmp_path))
    numbers: dict[int, int] = {}
    for event in loaded:
        for value in (event.subject, event.actor_id):
            if value is not None:
                assert numbers.setdefault(value, value) is value  # one object a value, whichever field
    assert len(loaded) == len(stored)


def test_the_list_grows_to_the_numbers_met_and_never_past_the_limit():
    intern = decoding.Interner()
    for number in (5, 3, 70_000, BIG + 1, BIG - 1, 5):
        shared = intern._subject(number)
        assert shared == number
        if number < BIG:
            assert intern.subjects[number] is shared
    assert len(intern.subjects) == BIG  # doubled up to the limit, never beyond
    assert intern.numbers == {BIG + 1: BIG + 1}  # only the number too large to index
