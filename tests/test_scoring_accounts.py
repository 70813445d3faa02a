"""Who earns each event, as `facts` finds it (an account id's login and type told the same by identity, as
the store interns them; anything else asked of `Scope.earner` again), is `Scope.earner`'s answer for that
event, on random histories where one account id comes with several logins and types: a renamed account, a
login that turns out a bot's, a type that says Bot; read as the store's compact events and as `Event`s."""

from __future__ import annotations

import random

import pytest

from entraide.events.model import Event
from entraide.scoring import MODERATORS
from entraide.scoring.facts import Scope, facts
from entraide.scoring.threads import build_index
from test_scoring_passes import ACCOUNTS, COMMUNITY, MEMBERS, MODERATION, random_history, stored

SHIFTING = [
    (2, "bob", "User"),
    (2, "bob-renamed", "User"),
    (2, "bob[bot]", "User"),
    (2, "bob", "Bot"),
    (3, "cy", "Bot"),
]
GIVEN_BY_ACTOR = ("comment", "answer", "review", "accepted_answer", "feedback", "event_attendance")


def _shifting(history: tuple[Event, ...], rng: random.Random) -> tuple[Event, ...]:
    """The history with some events' account replaced by one of the shifting ones above."""
    changed = []
    for event in history:
        if rng.random() < 0.5:
            actor_id, login, actor_type = rng.choice(SHIFTING + ACCOUNTS)
            event = event.model_copy(update={"actor_id": actor_id, "actor_login": login, "actor_type": actor_type})
        changed.append(event)
    return tuple(changed)


@pytest.mark.parametrize("seed", range(30))
def test_each_fact_is_earned_by_the_member_scope_finds_for_its_event(seed: int, tmp_path) -> None:
    rng = random.Random(seed)
    history = _shifting(random_history(rng, rng.choice((60, 200, 400))), rng)
    moderators = frozenset(m.id for m in MEMBERS if m.role in MODERATORS)
    for events in (history, stored(history, tmp_path)):
        scope = Scope(COMMUNITY, build_index(events, moderator_ids=moderators, moderation_labels=MODERATION))
        by_id = {event.id: event for event in events}
        found = facts(events, scope)
        for fact in found:
            if fact.reason in GIVEN_BY_ACTOR:  # kudos go to their target; a first contribution to the PR's author
                earner = scope.earner(by_id[fact.event_ids[-1]])
                assert earner is not None and fact.member_id == earner.id
        earned = {fact.event_ids[-1] for fact in found if fact.reason in GIVEN_BY_ACTOR}
        assert all(scope.earner(by_id[event_id]) is not None for event_id in earned)
