"""« Ce qui aide »'s quick answers tell a question by `kpis.exposed.asks` (the payload's fields read
directly) instead of `events.questions.is_question`: the same answer for every issue and discussion, from
validated events (dict payloads) and the compact store's (typed payloads) alike, whatever the form, labels
and category hold (other cases, wrong types, none at all)."""

from __future__ import annotations

import itertools

from entraide.events import store
from entraide.events.questions import is_question
from entraide.kpis.exposed import asks
from kpi_fixtures import ev

FORMS = [None, "question", "Question", "help", "feedback", "join", 3, "", ["question"]]
LABELS = [None, [], ["question"], ["Help"], ["bug", "QUESTION"], ["bug"], ["help wanted"], "help", [7]]
CATEGORIES = [None, "Q&A", "q&a", "Questions", "Questions & réponses", "General", "", 5]


def _events():
    found, day = [], itertools.count(1)
    for form, labels in itertools.product(FORMS, LABELS):
        payload = {key: value for key, value in (("form", form), ("labels", labels)) if value is not None}
        found.append(ev("issue_opened", f"2026-01-{next(day) % 28 + 1:02d}", "alice", len(found) + 1, **payload))
    for category in CATEGORIES:
        payload = {} if category is None else {"category": category}
        found.append(ev("discussion_created", "2026-01-03", "bruno", len(found) + 1, "discussion", **payload))
    found.append(ev("pr_opened", "2026-01-04", "chloe", 999, "pull", challenge="html"))
    found.append(ev("issue_comment", "2026-01-04", "chloe", 1, comment_id=5))
    return found


def test_asks_is_is_question_for_validated_and_compact_events(tmp_path):
    events = _events()
    store.append(tmp_path, events)
    compact, validated = store.load(tmp_path), store.load_validated(tmp_path)
    assert {type(e.payload) for e in compact} != {dict} and {type(e.payload) for e in validated} == {dict}
    for loaded in (compact, validated, events):
        assert [asks(e) for e in loaded] == [is_question(e) for e in loaded]
    assert 0 < sum(map(asks, compact)) < len(compact)
