"""Challenge acceptances found with the team worked out once per submission (`acceptance.acceptances`) are
exactly those the search as first written finds (below: the team asked again for each review that may
accept, and for the facts), on random histories: approvals and dismissals on other commits, by learners,
mentors of another track, the author or a co-author, team and solo challenges."""

from __future__ import annotations

import random

import pytest

from builders import challenge, community
from entraide.content.models import Track
from entraide.events import store
from entraide.events.model import Event
from entraide.scoring import MODERATORS, acceptance
from entraide.scoring.fact import Fact
from entraide.scoring.facts import Scope
from entraide.scoring.threads import build_index
from test_scoring_passes import ACCOUNTS, MEMBERS, MODERATION

TRACKS = (Track(id="front", name="Front", mentors=("mia",)), Track(id="back", name="Back"))
CHALLENGES = [challenge("html", team=True, team_size=2), challenge("css", track="back")]


def walked_acceptances(scope: Scope) -> list[Fact]:
    found = []
    for key, thread in scope.index.submissions.items():
        challenge = scope.challenges.get(thread.challenge) if thread.challenge else None
        author = scope.members.get(thread.author_id) if thread.author_id is not None else None
        if challenge is None or author is None:
            continue
        approval = walked_first(thread.approvals, thread, author, challenge, scope)
        dismissed = walked_first(thread.dismissed, thread, author, challenge, scope) if approval is None else None
        review = approval or dismissed
        if review is not None:
            for member in acceptance.team_of(thread, author, challenge, scope):
                found.append(acceptance._accepted(review, key, thread, member, challenge, dismissed=dismissed))
    return found


def walked_first(reviews: tuple[Event, ...], thread, author, challenge, scope: Scope) -> Event | None:
    for review in reviews:
        reviewer = scope.earner(review)
        if thread.head_sha is None or review.payload.get("commit_id") != thread.head_sha or reviewer is None:
            continue
        team = {member.id for member in acceptance.team_of(thread, author, challenge, scope)}
        if acceptance.may_accept(reviewer, challenge, scope) and reviewer.id not in team:
            return review
    return None


def random_submissions(rng: random.Random, count: int) -> tuple[Event, ...]:
    """Pull requests opened (naming a challenge or not, with co-authors), heads moved, reviews on one commit
    or another, approving, dismissed or commenting, by anyone."""
    events, at = [], 1_773_000_000
    for number in range(count):
        at += rng.choice((0, 60, 3600))
        kind = rng.choice(("pr_opened", "pr_head", "review_submitted", "review_submitted", "review_submitted"))
        actor_id, login, actor_type = rng.choice(ACCOUNTS)
        payload = {
            "pr_opened": {"challenge": rng.choice(("html", "css", None)), "sha": rng.choice(("a", "b", None)),
                          "team": rng.sample(["bob", "cy", "ada", "mia"], rng.randint(0, 2))},
            "pr_head": {"sha": rng.choice(("a", "b"))},
            "review_submitted": {"state": rng.choice(("approved", "dismissed", "commented")),
                                 "commit_id": rng.choice(("a", "b"))},
        }[kind]  # fmt: skip
        event = {"id": f"ev-{number:05d}", "kind": kind, "at": at, "actor_id": actor_id, "actor_login": login,
                 "actor_type": actor_type, "subject": rng.randint(1, 4), "subject_type": "pull", "payload": payload}  # fmt: skip
        events.append(Event.model_validate(event))
    return tuple(sorted(events, key=store.sort_key))


@pytest.mark.parametrize("seed", range(30))
def test_acceptances_are_those_of_the_search_as_first_written(seed: int) -> None:
    rng = random.Random(seed)
    history = random_submissions(rng, rng.choice((40, 150, 400)))
    moderators = frozenset(m.id for m in MEMBERS if m.role in MODERATORS)
    index = build_index(history, moderator_ids=moderators, moderation_labels=MODERATION)
    scope = Scope(community(MEMBERS, CHALLENGES, tracks=TRACKS), index)
    assert acceptance.acceptances(scope) == walked_acceptances(scope)
