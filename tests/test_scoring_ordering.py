"""`facts` writes the facts in `Fact.order` as it walks the events, the challenge acceptances beside the
reviews that gave them, instead of a sort afterwards (scoring/ordering.py): on random histories where many
events share a moment (first contributions and acceptances among them, comments giving kudos to several
members, team challenges), what it writes is exactly the stable sort by `Fact.order` of the acceptances and
of what it would write unordered, field for field."""

from __future__ import annotations

import random

import msgspec
import pytest

from builders import challenge, community
from entraide.events import store
from entraide.events.model import Event
from entraide.scoring import MODERATORS, acceptance, integrity
from entraide.scoring.fact import ORDER, Fact
from entraide.scoring.facts import Accepted, Scope, facts
from entraide.scoring.threads import build_index
from test_scoring_passes import COMMENTS, MEMBERS, MODERATION, random_history, stored

TEAM = community(MEMBERS, [challenge("html", team=True, team_size=3), challenge("css", track="back")])


def _with_kudos(history: tuple[Event, ...], rng: random.Random) -> tuple[Event, ...]:
    """Some comments give kudos to several members (written in the order of their members)."""
    changed = []
    for event in history:
        if event.kind.value in COMMENTS and rng.random() < 0.3:
            logins = rng.choices(("bob", "ada", "cy", "mia", "max", "nobody"), k=rng.randint(2, 4))
            payload = {**event.payload, "kudos": [{"login": login, "reason": "merci"} for login in logins]}
            event = event.model_copy(update={"payload": payload})
        changed.append(event)
    return tuple(changed)


def _submissions(rng: random.Random, history: tuple[Event, ...]) -> tuple[Event, ...]:
    """The history with challenge pull requests approved by mentors on their head commit (acceptances, some
    for teams), merged, often at the moment of other events: (moment, id) order, as scoring reads it."""
    moments = sorted({int(event.at.timestamp()) for event in history}) or [1_773_000_000]
    added = []
    for number in range(rng.randint(3, 12)):
        author, subject = rng.choice(("ada", "bob", "cy")), 100 + number
        at = rng.choice(moments)
        steps = [("pr_opened", author, {"challenge": rng.choice(("html", "css")), "sha": "s",
                                        "team": rng.sample(["bob", "cy", "ada"], rng.randint(0, 2))})]  # fmt: skip
        steps += [("review_submitted", rng.choice(("mia", "max", "kim")), {"state": "approved", "commit_id": "s"})
                  for _ in range(rng.randint(1, 2))]  # fmt: skip
        steps += [("pr_merged", "kim", {"sha": "s"})] if rng.random() < 0.7 else []
        for step, (kind, login, payload) in enumerate(steps):
            at = rng.choice([at, at, *(m for m in moments if m > at)][:4])  # often a moment other events have
            actor = next(m for m in MEMBERS if m.login == login)
            added.append(Event.model_validate({
                "id": f"{rng.choice(('a', 'z'))}-{number:02d}-{step}", "kind": kind, "at": at, "actor_id": actor.id,
                "actor_login": login, "actor_type": "User", "subject": subject, "subject_type": "pull",
                "payload": payload}))  # fmt: skip
    return tuple(sorted((*history, *added), key=store.sort_key))


def _unordered(events: tuple[Event, ...], scope: Scope) -> list[Fact]:
    """The facts without their order: the stable sort of the acceptances and the facts, as first made."""
    made = acceptance.acceptances(scope) + facts(events, scope)
    return sorted(made, key=ORDER)


@pytest.mark.parametrize("seed", range(40))
def test_facts_come_in_fact_order_with_the_acceptances_among_them(seed: int, tmp_path) -> None:
    rng = random.Random(seed)
    history = _submissions(rng, _with_kudos(random_history(rng, rng.choice((60, 200, 500))), rng))
    moderators = frozenset(m.id for m in MEMBERS if m.role in MODERATORS)
    for events in (history, stored(history, tmp_path)):
        scope = Scope(TEAM, build_index(events, moderator_ids=moderators, moderation_labels=MODERATION))
        accepted: Accepted = {}
        made = acceptance.acceptances(scope, accepted)
        assert sum(map(len, accepted.values())) == len(made)
        found = facts(events, scope, accepted)
        expected = _unordered(events, scope)
        assert [msgspec.structs.astuple(fact) for fact in found] == [msgspec.structs.astuple(f) for f in expected]
        assert all(mine is theirs for mine, theirs in zip(found, integrity.in_order(list(found))))  # none to move
        assert sum(map(len, accepted.values())) == len(made)  # the caller's acceptances are read, not taken


def test_the_random_histories_hold_what_the_order_is_about() -> None:
    """Ties of moment next to first contributions and acceptances, teams, kudos to several members."""
    seen = {"tied first contribution": 0, "tied acceptance": 0, "team": 0, "kudos to several": 0}
    moderators = frozenset(m.id for m in MEMBERS if m.role in MODERATORS)
    for seed in range(40):
        rng = random.Random(seed)
        history = _submissions(rng, _with_kudos(random_history(rng, rng.choice((60, 200, 500))), rng))
        scope = Scope(TEAM, build_index(history, moderator_ids=moderators, moderation_labels=MODERATION))
        accepted: Accepted = {}
        acceptance.acceptances(scope, accepted)
        found = facts(history, scope, accepted)
        for before, after in zip(found, found[1:]):
            if before.at == after.at and before.event_ids is not after.event_ids:
                for fact in (before, after):
                    if fact.reason == "first_contribution":
                        seen["tied first contribution"] += 1
                    elif fact.challenge is not None:
                        seen["tied acceptance"] += 1
        seen["team"] += sum(len(given) > 1 for given in accepted.values())
        seen["kudos to several"] += sum(
            before.reason == after.reason == "kudos" and before.event_ids == after.event_ids
            for before, after in zip(found, found[1:])
        )
    assert all(seen.values()), seen


@pytest.mark.parametrize("seed", range(40))
def test_moderation_compares_only_the_facts_listed_as_moderated(seed: int, tmp_path) -> None:
    """`facts` lists the facts of the events on a thread a moderation label is on (or on one of its
    comments); moderation given that list revokes exactly what it revokes comparing every fact."""
    rng = random.Random(seed)
    history = _submissions(rng, _with_kudos(random_history(rng, rng.choice((60, 200, 500))), rng))
    moderators = frozenset(m.id for m in MEMBERS if m.role in MODERATORS)
    for events in (history, stored(history, tmp_path)):
        index = build_index(events, moderator_ids=moderators, moderation_labels=MODERATION)
        scope, accepted, moderated = Scope(TEAM, index), {}, []
        acceptance.acceptances(scope, accepted)
        found = facts(events, scope, accepted, moderated)
        assert integrity.moderate(list(found), index, presorted=True, moderated=moderated) == integrity.moderate(
            list(found), index
        )


def test_the_random_histories_revoke_by_moderation() -> None:
    moderators = frozenset(m.id for m in MEMBERS if m.role in MODERATORS)
    revoked = 0
    for seed in range(40):
        rng = random.Random(seed)
        history = _submissions(rng, _with_kudos(random_history(rng, rng.choice((60, 200, 500))), rng))
        index = build_index(history, moderator_ids=moderators, moderation_labels=MODERATION)
        scope, accepted = Scope(TEAM, index), {}
        acceptance.acceptances(scope, accepted)
        _, gone = integrity.moderate(facts(history, scope, accepted), index)
        revoked += sum(item.cause.startswith("moderation:") for item in gone)
    assert revoked > 20
