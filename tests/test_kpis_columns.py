"""The KPIs' columnar readings (connections, the history's indexes) give what the event-by-event readings gave,
from validated events (dict payloads) and from the compact store's events (typed payloads) alike."""

from __future__ import annotations

import datetime as dt

from entraide.events import store
from entraide.events.model import EventKind
from entraide.kpis import build_history
from entraide.kpis.connections import connections
from entraide.kpis.history import payload_values
from kpi_fixtures import community, ev

EVENTS = [
    ev("issue_opened", "2026-01-05", "alice", 1),
    ev("issue_comment", "2026-01-06", "alice", 1, comment_id=100),
    ev("issue_comment", "2026-01-06", "bruno", 1, comment_id=101),  # bruno -> alice
    ev("issue_comment", "2026-01-09", "bruno", 1, comment_id=108, reply_to=100),  # alice twice over: once
    ev("pr_opened", "2026-01-07", "bruno", 2, "pull", challenge="html"),
    ev("review_submitted", "2026-01-08", "chloe", 2, "pull", state="commented"),  # chloe -> bruno
    ev("issue_opened", "2026-02-02", "mona", 3),
    ev("issue_comment", "2026-02-03", "alice", 3, comment_id=104, kudos=[{"login": "Chloe", "reason": "merci"}]),
    ev("issue_comment", "2026-02-04", "bruno", 3, comment_id=105, reply_to=104),  # bruno -> alice
    ev("issue_comment", "2026-02-04", "chloe", 3, comment_id=109, reply_to=999),  # an unknown comment: no one
]
AS_OF = dt.date(2026, 2, 28)


def test_a_reply_to_the_threads_author_counts_once_and_kudos_and_replies_link_learners():
    report = connections(build_history(community(), EVENTS, as_of=AS_OF))
    assert [(e.a, e.b, e.weight) for e in report.edges] == [(1, 2, 3), (1, 3, 1), (2, 3, 1)]
    assert [(m.month, m.pairs, m.learners) for m in report.months] == [("2026-01", 2, 3), ("2026-02", 2, 3)]


def test_compact_events_give_the_same_indexes_and_connections_as_validated_ones(tmp_path):
    store.append(tmp_path, EVENTS)
    compact, validated = store.load(tmp_path), store.load_validated(tmp_path)
    assert {type(e.payload) for e in compact} != {dict} and {type(e.payload) for e in validated} == {dict}
    old, new = (build_history(community(), events, as_of=AS_OF) for events in (validated, compact))
    assert connections(old) == connections(new)
    assert old.comment_authors == new.comment_authors == {100: 1, 101: 2, 108: 2, 104: 1, 105: 2, 109: 3}
    assert [e.id for e in old.giving_kudos] == [e.id for e in new.giving_kudos] == [EVENTS[7].id]
    assert {k: [e.id for e in v] for k, v in old.by_kind.items()} == {
        k: [e.id for e in v] for k, v in new.by_kind.items()
    }
    assert list(new.by_kind) == [k for k in EventKind if k in {e.kind for e in EVENTS}]


def test_payload_values_read_a_field_as_the_accessors_do_whatever_the_payloads_type(tmp_path):
    store.append(tmp_path, EVENTS)
    for events in (store.load(tmp_path), store.load_validated(tmp_path)):
        ids = [v if v.__class__ is int else None for v in payload_values(events, "comment_id")]
        assert ids == [e.comment_id for e in events]
