"""The compact event core reads the store as before and changes no output by a byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import ev
from entraide.content.errors import UserError
from entraide.demo import identity
from entraide.events import store as events
from entraide.events.compact import StoredEvent

REPO = Path(__file__).resolve().parents[1]
ALICE, BOB = (101, "alice"), (102, "bob")


def test_the_example_community_gets_the_same_ledger_kpis_and_pages_from_the_compact_core():
    old, new = identity.outputs(REPO, reference=True), identity.outputs(REPO, reference=False)
    assert len(new) > 50 and '"awards"' in new["ledger.json"]  # real outputs, not two empty ones
    assert identity.differences(REPO) == []
    assert old == new


def test_every_stored_field_reads_back_the_same_from_the_compact_events():
    compact, validated = events.load(REPO / "data"), events.load_validated(REPO / "data")
    assert all(isinstance(event, StoredEvent) for event in compact)
    assert [event.to_event() for event in compact] == list(validated)
    assert {event.kind for event in compact} == {event.kind for event in validated}


def test_a_payload_key_the_core_does_not_know_is_kept_not_dropped(tmp_path):
    events.append(tmp_path, [ev("issue_comment", "2026-01-05T10:00", BOB, 1, comment_id=11, mood="glad")])
    (stored,) = events.load(tmp_path)
    assert stored.payload["mood"] == "glad" and stored.comment_id == 11


def test_a_month_file_edited_out_of_order_or_with_a_repeated_id_still_loads_sorted_and_once(tmp_path):
    first = ev("issue_opened", "2026-01-05T09:00", ALICE, 1, labels=["question"])
    second = ev("issue_comment", "2026-01-06T10:00", BOB, 1, comment_id=11)
    events.append(tmp_path, [first, second])
    path = tmp_path / "events" / "2026-01.jsonl"
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(lines[1] + lines[0] + lines[1])
    assert [event.id for event in events.load(tmp_path)] == [first.id, second.id]


def test_in_a_store_not_migrated_yet_the_latest_copy_of_an_id_wins_and_later_events_still_load(tmp_path):
    comment = ev("issue_comment", "2026-01-06T10:00", BOB, 1, comment_id=11)
    edited = comment.model_copy(update={"payload": {"comment_id": 11, "kudos": [{"login": "alice", "reason": "x"}]}})
    edited = edited.model_copy(update={"updated": edited.at.replace(day=7)})
    opened, later = ev("issue_opened", "2026-01-05T09:00", ALICE, 1), ev("issue_closed", "2026-01-08T09:00", ALICE, 1)
    lines = events.dumps([opened, comment, later]).splitlines(keepends=True)
    copy = events.dumps([edited])
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "2026-01.jsonl").write_bytes(lines[1] + copy + lines[0] + copy + lines[2] + lines[1])
    loaded = events.load(tmp_path)
    assert [event.id for event in loaded] == [opened.id, comment.id, later.id]
    assert [k.login for k in loaded[1].kudos] == ["alice"] and loaded[1].to_event() == edited


def test_a_bad_line_is_still_named_by_file_line_and_field(tmp_path):
    events.append(tmp_path, [ev("issue_comment", "2026-01-05T10:00", BOB, 1, comment_id=11)])
    path = tmp_path / "events" / "2026-01.jsonl"
    path.write_bytes(path.read_bytes() + path.read_bytes().replace(b'"subject":1', b'"subject":-4'))
    with pytest.raises(UserError) as raised:
        events.load(tmp_path)
    (problem,) = raised.value.problems
    assert (problem.path, problem.line, problem.field) == (str(path), 2, "subject")


def test_each_kind_reads_its_own_payload_and_a_key_unusual_for_the_kind_is_kept(tmp_path):
    usual = ev("issue_comment", "2026-01-05T10:00", BOB, 1, comment_id=11, kudos=[{"login": "alice", "reason": "x"}])
    unusual = ev("pr_comment", "2026-01-05T11:00", BOB, 2, comment_id=12, label="question", title="Bonjour")
    label = ev("label_added", "2026-01-05T12:00", ALICE, 1, label="question")
    events.append(tmp_path, [usual, unusual, label])
    loaded = events.load(tmp_path)
    assert all(isinstance(event, StoredEvent) for event in loaded)  # all through the compact path
    assert [event.to_event() for event in loaded] == list(events.load_validated(tmp_path))
    comment, other, labelled = loaded
    assert comment.comment_id == 11 and [k.login for k in comment.kudos] == ["alice"]
    assert (other.payload["label"], other.title, other.comment_id) == ("question", "Bonjour", 12)
    assert labelled.label == "question" and not labelled.on_comment
    assert "label" not in comment.payload and comment.payload.get("title") is None
