"""A stored event's `updated` reads as the validated one, in UTC, and is the very object `at` is when it
names the same instant (never edited), whichever zone each was written in (`decoding.Interner.read`
compares them before looking at the zone)."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from entraide.events import store as events
from entraide.events.compact import StoredEvent

FORMS = ("{}Z", "{}+00:00", "{}+02:00", "{}-05:30", "{}")  # the last one naive: read as UTC


def _written(moment: dt.datetime, form: str) -> str:
    offset = {"{}+02:00": 2, "{}-05:30": -5.5}.get(form, 0)
    return form.format((moment + dt.timedelta(hours=offset)).strftime("%Y-%m-%dT%H:%M:%S"))


@pytest.mark.parametrize("seed", range(20))
def test_updated_reads_as_validated_in_utc_and_is_at_when_the_same_instant(tmp_path, seed):
    rng = random.Random(seed)
    lines = []
    for n in range(30):
        at = dt.datetime(2026, 1, 10, 12, tzinfo=dt.UTC) + dt.timedelta(minutes=n)
        updated = at if rng.random() < 0.6 else at + dt.timedelta(seconds=rng.choice((1, 3600)))
        data = {"actor_id": 101, "actor_login": "alice", "actor_type": "User", "at": _written(at, rng.choice(FORMS))}
        data |= {"id": f"t:{n}", "kind": "issue_comment", "payload": {"comment_id": n, "kudos": [], "reply_to": None}}
        data |= {"subject": 1, "subject_type": "issue", "updated": _written(updated, rng.choice(FORMS))}
        lines.append(json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n")
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "2026-01.jsonl").write_text("".join(lines))
    loaded = events.load(tmp_path)
    assert all(isinstance(event, StoredEvent) for event in loaded)
    assert [event.to_event() for event in loaded] == list(events.load_validated(tmp_path))
    for event in loaded:
        assert event.at.tzinfo is dt.UTC and event.updated.tzinfo is dt.UTC
        assert (event.updated is event.at) == (event.updated == event.at)
