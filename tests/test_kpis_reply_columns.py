"""The history's columns of its replies (`History.reply_columns`, kpis/columns.py) and what the KPIs read
from them, against plain readings on random histories (validated events with dict payloads, the compact
store's events with typed payloads, a second repository of the programme):

- each reply's thread number (the openings' threads first, in the openings' order, then the others by their
  first reply), author, the comment it answers (an int, never a bool), month, and the rows of the replies
  giving kudos, each read from the reply itself;
- the openings as named tuples, the same fields as the history's first opening of each thread;
- the mentors' walk picking its events by their places among the history's events, against the events of
  its kinds filtered one by one and sorted by (time, id);
- the connections' numpy links against each learner's reply asked for its targets, with kudos naming the
  same learner twice, a non-learner, and the thread's author;
- the history's filtering of bots' events in store order (each login asked once, as the pass meets it)
  against each event asked `by_bot`: listed logins in another case, "[bot]" logins typed "User", humans'
  logins typed "Bot", no login.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from entraide.events.store import in_store_order
from entraide.kpis import build_history
from entraide.kpis.history import OPENING_KINDS, at_of
from entraide.kpis.mentors import _WALKED, REVIEWERS, _Walk, mentor_logins
from kpi_fixtures import community, ev
from test_kpis_passes import assert_plain_connections
from test_kpis_thread_readings import AS_OF, START, histories
from test_kpis_thread_readings import random_events as random_events_of


@pytest.fixture(params=range(8))
def each(request, tmp_path):
    return histories(request.param, tmp_path)


def _plain_numbers(history) -> dict:
    """Thread numbers as the columns promise them: the openings' first, then the others by first reply."""
    numbers = {thread: number for number, thread in enumerate(history.openings)}
    for thread in history.replies:
        numbers.setdefault(thread, len(numbers))
    return numbers


def test_the_reply_columns_are_each_reply_read_plainly(each):
    for history in each:
        found = history.reply_columns
        replies = sorted(
            (event for thread in history.replies.values() for event in thread), key=lambda e: (at_of(e), e.id)
        )
        numbers = _plain_numbers(history)
        assert found.thread == [numbers[event.thread] for event in replies]
        assert found.actors == [event.actor_id for event in replies]
        assert found.reply_to == [event.reply_to for event in replies]
        assert found.month.tolist() == [at_of(e).year * 12 + at_of(e).month - 1 for e in replies]
        assert (found.opened, found.numbered) == (len(history.openings), len(numbers))
        assert [replies[row] for row in found.kudos_rows] == history.giving_kudos
        assert any(isinstance(e.payload.get("reply_to"), bool) for e in replies)  # read as no comment
        assert found.reply_to.count(None) < len(replies)


def test_the_openings_are_each_thread_s_first_opening(each):
    for history in each:
        first = {}
        for event in history.events:
            if event.kind in OPENING_KINDS:
                first.setdefault(event.thread, event)
        assert list(history.openings) == list(first)
        for thread, opening in history.openings.items():
            event = first[thread]
            assert opening == (event.actor_id, event.actor_login, at_of(event), event)
            assert (opening.actor_id, opening.login, opening.at, opening.event) == tuple(opening)


def test_the_mentors_walk_picked_by_place_is_its_kinds_filtered_and_sorted(each):
    for history in each:
        reviewers = frozenset(m.id for m in history.members.values() if m.role in REVIEWERS)
        walk = _Walk(history, mentor_logins(history), reviewers)
        walked = walk.walked(history)
        waiting = {number for _, number in walk.since}
        recent = [
            e
            for e in history.by_kind.get(next(k for k in _WALKED if k.value == "review_submitted"), [])
            if e.at >= walk.recent and e.actor_id in reviewers
        ]
        keep = waiting | {e.subject for e in recent}
        plain = [
            e
            for e in history.events
            if e.kind in _WALKED and e.subject in (waiting if e.kind.value == "pr_head" else keep)
        ]
        assert walked == sorted(plain, key=lambda e: (e.at, e.id))
        assert [id(e) for e in walked] == [id(e) for e in plain]


def _kudos_history(seed: int):
    """Comments giving kudos to the thread's author, to the same learner twice, to a non-learner and to
    nobody known, among learners' replies to each other."""
    rng = random.Random(seed)
    events = []
    for number in range(1, 8):
        opened = START + dt.timedelta(days=number)
        events.append(ev("issue_opened", opened, rng.choice(["alice", "bruno", "chloe"]), number, "issue"))
        for k in range(6):
            named = rng.choice([["Alice"], ["chloe", "CHLOE"], ["mona"], ["nobody"], ["bruno", "alice"], []])
            kudos = [{"login": login, "reason": "merci"} for login in named]
            payload = {"comment_id": 100 * number + k}
            if k and rng.random() < 0.5:
                payload["reply_to"] = 100 * number + rng.randrange(k)
            if kudos:
                payload["kudos"] = kudos
            at = opened + dt.timedelta(hours=k + 1)
            events.append(
                ev("issue_comment", at, rng.choice(["alice", "bruno", "chloe", "mona"]), number, "issue", **payload)
            )
    return build_history(community(), events, as_of=AS_OF)


@pytest.mark.parametrize("seed", range(6))
def test_connections_with_kudos_are_each_reply_asked_for_its_targets(seed):
    history = _kudos_history(seed)
    weights = assert_plain_connections(history)
    assert history.giving_kudos and weights


@pytest.mark.parametrize("seed", range(6))
def test_the_bots_events_left_out_in_store_order_are_each_event_asked(seed):
    rng = random.Random(seed)
    logins = ["alice", "bruno", "CI-Helper", "ci-helper", "renovate[bot]", "mona", None]
    events = []
    for k, event in enumerate(random_events_of(seed)):
        login = rng.choice(logins)
        kind = rng.choice(["User", "User", "Bot", "Organization", None])
        events.append(event.model_copy(update={"actor_login": login, "actor_type": kind, "id": f"bots-{k:04d}"}))
    events = tuple(sorted(events, key=lambda e: (e.at, e.id)))
    assert in_store_order(events)
    history = build_history(community(), events, as_of=AS_OF)
    bots = frozenset(community().rules.bots)
    plain = [e for e in events if not e.by_bot(bots) and at_of(e).date() <= AS_OF]
    assert history.events == tuple(plain)
    assert {e.actor_login for e in history.events} == {"alice", "bruno", "mona", None}
    assert len(plain) < len(events)
