"""The store's reading shares one login and one account id object per value (`decoding.Interner`, which
looks an actor up by its id): on random stores where accounts are renamed, share a login, or are deleted
(no id, no login), the events read as the validated ones, and equal values are one object."""

from __future__ import annotations

import random

import pytest

from builders import ev
from entraide.events import store as events

ACTORS = [
    (10001, "alice"),
    (10001, "alice-renamed"),
    (10002, "bob"),
    (10003, "bob"),
    (None, None),
    (10004, None),
    (None, "x"),
]  # ids past the ints Python keeps one of


@pytest.mark.parametrize("seed", range(40))
def test_actors_read_as_validated_and_each_value_is_one_object(tmp_path, seed):
    rng = random.Random(seed)
    stored = [
        ev(
            "issue_closed",
            f"2026-0{rng.choice((1, 2))}-{rng.randrange(1, 28):02d}T10:00",
            rng.choice(ACTORS),
            n,
            id=f"t:{n}",
        )
        for n in range(rng.randrange(1, 60))
    ]
    events.append(tmp_path, stored)
    loaded = events.load(tmp_path)
    assert [event.to_event() for event in loaded] == list(events.load_validated(tmp_path))
    logins = {event.actor_login: event.actor_login for event in loaded}
    ids = {event.actor_id: event.actor_id for event in loaded}
    assert all(event.actor_login is logins[event.actor_login] for event in loaded)
    assert all(event.actor_id is ids[event.actor_id] for event in loaded)
