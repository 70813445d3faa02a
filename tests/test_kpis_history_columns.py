"""The history's indexes built from columns (kpis/columns.py, kpis/daily.py) against the one plain pass
over every event they replaced, on random histories: same contents and the same order of every dict and
list (threads, openings, comments' authors, replies giving kudos, events by kind), threads of other
repositories included, and members' activity where some days and weeks see only non-members."""

from __future__ import annotations

import random

import numpy as np
import pytest

from entraide.events.model import EventKind
from entraide.kpis import build_history
from entraide.kpis.daily import activity, distinct, kind_codes
from entraide.kpis.history import COMMENT_KINDS, INTERACTION_KINDS, OPENING_KINDS, at_of
from kpi_fixtures import community
from test_kpis_daily import assert_plain_activity
from test_kpis_readings import AS_OF, random_events


def _plain(events):
    """The former index: one pass over every event, in time order."""
    by_kind, openings, replies, authors = {kind: [] for kind in EventKind}, {}, {}, {}
    for event in events:
        by_kind[event.kind].append(event)
        if event.kind in OPENING_KINDS:
            if event.thread not in openings:
                openings[event.thread] = (event.actor_id, event.actor_login, at_of(event), event)
        elif event.kind in INTERACTION_KINDS:
            replies.setdefault(event.thread, []).append(event)
            if event.kind in COMMENT_KINDS and event.actor_id is not None and event.comment_id is not None:
                authors[event.comment_id] = event.actor_id
    giving = [event for kind in INTERACTION_KINDS for event in by_kind[kind] if event.payload.get("kudos")]
    return {kind: found for kind, found in by_kind.items() if found}, openings, replies, authors, giving


def _history(seed: int):
    """Even seeds in store order, odd ones shuffled; seeds from 6 on spread over three repositories."""
    rng = random.Random(seed)
    events = random_events(seed)
    if seed >= 6:
        events = [e.model_copy(update={"repo": rng.choice([None, "org/a", "org/b"])}) for e in events]
    if seed % 2 == 0:
        events = tuple(sorted(events, key=lambda e: (e.at, e.id)))
    return build_history(community(), events, as_of=AS_OF)


@pytest.mark.parametrize("seed", range(10))
def test_the_indexes_from_columns_are_the_plain_pass_s_in_the_same_order(seed):
    history = _history(seed)
    by_kind, openings, replies, authors, giving = _plain(history.events)
    assert list(history.by_kind.items()) == list(by_kind.items())
    found = [(key, (o.actor_id, o.login, o.at, o.event)) for key, o in history.openings.items()]
    assert found == list(openings.items())
    assert list(history.replies.items()) == list(replies.items())
    assert list(history.comment_authors.items()) == list(authors.items())
    assert history.giving_kudos == giving
    if seed >= 6:
        assert any("#" in key[0] for key in history.replies)  # other repositories' threads were indexed


def _sparse_events(seed: int):
    """Members active on a few days only: many days and whole weeks see only non-members' events."""
    rng = random.Random(seed)
    events = random_events(seed, count=300)
    members = {e.actor_id for e in events if e.actor_id is not None and rng.random() < 0.3}
    kept = [e for e in events if e.actor_id not in members or rng.random() < 0.15]
    return tuple(sorted(kept, key=lambda e: (e.at, e.id))), members


@pytest.mark.parametrize("seed", range(6))
def test_members_activity_leaves_out_the_days_only_non_members_were_active(seed):
    events, members = _sparse_events(seed)
    for found in (activity(events, members), activity(events, members, kind_codes(events))):
        assert_plain_activity(found, events, members)


@pytest.mark.parametrize("size", [0, 1, 5, 1000])
def test_distinct_is_numpy_s_unique(size):
    codes = np.random.default_rng(size).integers(0, 50, size)
    assert distinct(codes).tolist() == np.unique(codes).tolist()
