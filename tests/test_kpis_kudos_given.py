"""The history's kudos (`History.kudos_given`, read by connections and « Ce qui aide ») parsed from the payload
directly: each reply's `Event.kudos`, from validated events (dict payloads) and the compact store's (typed
payloads) alike, whatever the entries hold (no login, a login that is no text, no reason, a reason that is
no text, an entry that is no object, kudos that are no list)."""

from __future__ import annotations

import datetime as dt

from entraide.events import store
from entraide.kpis import build_history
from kpi_fixtures import community, ev

KUDOS = [
    [{"login": "alice", "reason": "merci"}],
    [{"login": "Bruno"}, {"login": "chloe", "reason": None}, {"login": "dan", "reason": 3}],
    [{"reason": "sans login"}, {"login": 5, "reason": "x"}, "alice", None, {"login": "alice", "reason": ""}],
    {"login": "alice"},
    "alice",
    [],
]


def test_the_kudos_given_are_each_replies_kudos(tmp_path):
    events = [ev("issue_opened", "2026-01-05", "alice", 1)]
    for n, kudos in enumerate(KUDOS):
        events.append(ev("issue_comment", f"2026-01-{n + 6:02d}", "bruno", 1, comment_id=100 + n, kudos=kudos))
        events.append(ev("discussion_comment", f"2026-01-{n + 6:02d}", "chloe", 2, "discussion", kudos=kudos))
    store.append(tmp_path, events)
    compact, validated = store.load(tmp_path), store.load_validated(tmp_path)
    assert {type(e.payload) for e in compact} != {dict} and {type(e.payload) for e in validated} == {dict}
    for loaded in (compact, validated):
        history = build_history(community(), loaded, as_of=dt.date(2026, 2, 28))
        found = history.kudos_given
        assert [(event.id, kudos) for event, kudos in found] == [(e.id, e.kudos) for e in history.giving_kudos]
        assert all(type(k) is type(e.kudos[0]) for e, kudos in found for k in kudos)
        assert sum(len(kudos) for _, kudos in found) == 2 * 5
