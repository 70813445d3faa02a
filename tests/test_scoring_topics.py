"""A thread's topical state as the index's pass settles it: the reading of a thread that carries a single
topical label (most threads: the one it was opened with), inline, equals `Thread.topic`, the general reading,
on random histories of labels put on and taken off, most threads keeping to one label."""

from __future__ import annotations

import random

import pytest

from entraide.events import store
from entraide.events.model import Event
from entraide.events.questions import QUESTION_LABELS
from entraide.scoring.threads import EVENT_LABELS, build_index

LABELS = ("question", "Help", "event", "EVENT", "bug")
KINDS = ("label_added", "label_added", "label_removed", "issue_opened", "issue_comment")


def _history(rng: random.Random) -> tuple[Event, ...]:
    own = {subject: rng.choice(LABELS) for subject in range(1, 13)}  # each thread's usual label
    events, at = [], 1_773_000_000
    for number in range(rng.randint(5, 120)):
        at += rng.choice((0, 60, 3600))
        subject, kind = rng.randint(1, 12), rng.choice(KINDS)
        label = own[subject] if rng.random() < 0.9 else rng.choice(LABELS)
        payload: dict[str, object] = {}
        if kind.startswith("label_"):
            payload = {"label": label}
        elif kind == "issue_opened":
            payload = {"labels": [label] if rng.random() < 0.7 else [], "form": rng.choice((None, label))}
        event = {"id": f"ev-{number:05d}", "kind": kind, "at": at, "actor_id": 10, "actor_login": "mia",
                 "actor_type": "User", "subject": subject, "subject_type": "issue", "payload": payload}  # fmt: skip
        events.append(Event.model_validate(event))
    return tuple(sorted(events, key=store.sort_key))


@pytest.mark.parametrize("seed", range(60))
def test_a_single_topical_label_reads_as_the_general_topic(seed: int) -> None:
    history = _history(random.Random(seed))
    index = build_index(history, moderator_ids=frozenset({10}), moderation_labels=frozenset({"spam"}))
    for thread in index.threads.values():
        if thread.topics:
            assert (thread.question, thread.gathering) == (thread.topic(QUESTION_LABELS), thread.topic(EVENT_LABELS))
        else:
            assert (thread.question, thread.gathering) == ((False, None), (False, None))


def test_the_random_histories_reach_every_single_label_state() -> None:
    """The histories above give threads one label still on, one taken off, and several labels."""
    seen = set()
    for seed in range(60):
        history = _history(random.Random(seed))
        index = build_index(history, moderator_ids=frozenset({10}), moderation_labels=frozenset({"spam"}))
        for thread in index.threads.values():
            topics = thread.topics or {}
            if len(topics) == 1:
                [(label, topic)] = topics.items()
                seen.add((label in QUESTION_LABELS, topic.on, topic.removed_by is not None))
            elif topics:
                seen.add("several")
    assert seen >= {(True, True, False), (True, False, True), (False, True, False), (False, False, True), "several"}
