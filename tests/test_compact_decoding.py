"""The store's reading: payloads read the same as the validated events, repeated values shared, files as
written checked whole, and every line that is not exactly one event still read (and reported) as `Event`
reads it."""

from __future__ import annotations

import json

import pytest

from builders import ev
from entraide.content.errors import UserError
from entraide.events import store as events
from entraide.events.compact import Payload, StoredEvent

ALICE, BOB = (101, "alice"), (102, "bob")


def _line(kind: str, at: str, subject: int, payload: object, **fields: object) -> bytes:
    data = {"id": f"t:{kind}:{at}", "kind": kind, "at": at, "actor_id": 101, "actor_login": "alice"}
    data |= {"actor_type": "User", "subject": subject, "subject_type": "issue", "payload": payload, **fields}
    if payload is None:
        del data["payload"]
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode() + b"\n"


def _month(tmp_path, *lines: bytes):
    (tmp_path / "events").mkdir(exist_ok=True)
    path = tmp_path / "events" / "2026-01.jsonl"
    path.write_bytes(b"".join(lines))
    return path


def test_unusual_payloads_read_the_same_as_the_validated_events(tmp_path):
    _month(
        tmp_path,
        _line("issue_closed", "2026-01-02T10:00:00Z", 1, {}),
        _line("pr_closed", "2026-01-02T10:01:00Z", 2, None),
        _line("issue_closed", "2026-01-02T10:02:00Z", 3, {"state": "completed"}),  # a key where none is expected
        _line("label_added", "2026-01-02T10:03:00Z", 1, {"label": "x", "target_id": 7}),
        _line("label_added", "2026-01-02T10:04:00Z", 1, {"label": "x", "target_id": True}),
        _line("label_added", "2026-01-02T10:05:00Z", 1, {"label": ["x"]}),
        _line("label_added", "2026-01-02T10:06:00Z", 1, {"label": "x", "title": "why"}),
        _line("issue_opened", "2026-01-02T10:07:00Z", 4, {"labels": [], "form": 3, "title": "T"}),
        _line("issue_comment", "2026-01-02T10:08:00Z", 4, {"comment_id": 9, "kudos": [{"login": "bob"}]}),
        _line("review_submitted", "2026-01-02T10:09:00+02:00", 5, {"state": ["odd"]}),
        _line("pr_head", "2026-01-02T10:10:00Z", 5, {"sha": "abc"}, updated="2026-01-02T10:10:00Z"),
    )
    loaded = events.load(tmp_path)
    assert all(isinstance(event, StoredEvent) for event in loaded)  # no line sent its file to `Event`
    assert [event.to_event() for event in loaded] == list(events.load_validated(tmp_path))
    by_subject = {event.at.minute: event for event in loaded}
    assert by_subject[0].payload is by_subject[1].payload  # one shared empty payload
    assert isinstance(by_subject[2].payload, Payload) and by_subject[2].payload["state"] == "completed"
    assert by_subject[4].payload["target_id"] is True and by_subject[4].payload is not by_subject[3].payload
    assert by_subject[10].updated is by_subject[10].at  # never edited: one datetime


def test_the_same_label_payload_and_the_same_texts_are_one_object(tmp_path):
    first = ev("label_added", "2026-01-05T12:00", ALICE, 1, label="question")
    second = ev("label_removed", "2026-01-06T12:00", BOB, 2, label="question")
    heads = [ev("pr_head", f"2026-01-0{day}T12:00", ALICE, 3, sha="f" * 40) for day in (7, 8)]
    events.append(tmp_path, [first, second, *heads])
    loaded = events.load(tmp_path)
    assert loaded[0].payload is loaded[1].payload
    assert loaded[2].sha is loaded[3].sha and loaded[0].actor_login is loaded[2].actor_login


@pytest.mark.parametrize(
    "shape",
    [
        lambda a, b: a.rstrip(b"\n") + b + a,  # two events on one line
        lambda a, b: a.replace(b',"kind"', b',\n"kind"') + b + a,  # one event over two lines
        lambda a, b: a.replace(b"\n", b"\r\n") + b,  # a carriage return
        lambda a, b: a + b"\n" + b,  # an empty line
    ],
)
def test_a_file_not_written_one_event_a_line_reads_as_before(tmp_path, shape):
    a = _line("issue_closed", "2026-01-02T10:00:00Z", 1, {})
    b = _line("issue_closed", "2026-01-03T10:00:00Z", 2, {})
    path = _month(tmp_path, shape(a, b))
    expected: list = []
    validated = events._read_month(path, expected)  # the validated reader, line by line
    if not expected:  # \r\n line ends: lines all the same
        assert [event.to_event() for event in events.load(tmp_path)] == validated
        return
    with pytest.raises(UserError) as raised:
        events.load(tmp_path)
    assert raised.value.problems == expected


def test_an_id_stored_in_two_months_is_kept_once_the_latest_copy(tmp_path):
    comment = ev("issue_comment", "2026-01-31T23:00", BOB, 1, comment_id=11)
    events.append(tmp_path, [comment, ev("issue_closed", "2026-02-01T09:00", ALICE, 1)])
    edited = comment.model_copy(update={"payload": {"comment_id": 11, "deleted": True}})
    copy = events.dumps([edited.model_copy(update={"at": edited.at.replace(month=2, day=2)})])
    path = tmp_path / "events" / "2026-02.jsonl"
    path.write_bytes(path.read_bytes() + copy)
    loaded = events.load(tmp_path)
    assert [event.id for event in loaded].count(comment.id) == 1
    assert [event.to_event() for event in loaded] == list(events.load_validated(tmp_path))


def test_events_at_the_same_second_stored_out_of_id_order_still_load_sorted(tmp_path):
    first, second = (ev("issue_closed", "2026-01-05T09:00", ALICE, n, id=f"t:{n}") for n in (1, 2))
    lines = events.dumps([first, second]).splitlines(keepends=True)
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "2026-01.jsonl").write_bytes(lines[1] + lines[0])
    assert [event.id for event in events.load(tmp_path)] == ["t:1", "t:2"]


@pytest.mark.parametrize("size", [1, 7, 100, 1 << 20])
def test_a_month_file_read_a_piece_at_a_time_splits_into_the_lines_the_whole_file_does(monkeypatch, size):
    from entraide.events import decoding

    text = b"a\r\nbb\n\nccc\rd\n" * 5 + b"end"
    monkeypatch.setattr(decoding, "_PIECE", size)
    pieces = list(decoding._pieces(text))
    assert b"".join(pieces) == text
    assert [line for piece in pieces for line in piece.splitlines()] == text.splitlines()


def test_a_month_file_larger_than_a_piece_loads_every_event(tmp_path, monkeypatch):
    from entraide.events import decoding

    stored = [ev("issue_closed", f"2026-01-{day:02d}T09:00", ALICE, day) for day in range(1, 29)]
    events.append(tmp_path, stored)
    monkeypatch.setattr(decoding, "_PIECE", 300)
    assert [event.to_event() for event in events.load(tmp_path)] == sorted(stored, key=events.sort_key)


def test_comments_without_kudos_share_one_empty_list_and_others_keep_theirs(tmp_path):
    given = [{"login": "bob", "reason": "x"}]
    comments = [ev("issue_comment", f"2026-01-0{day}T12:00", ALICE, 1, comment_id=day, kudos=[]) for day in (1, 2)]
    events.append(tmp_path, [*comments, ev("issue_comment", "2026-01-03T12:00", ALICE, 1, comment_id=3, kudos=given)])
    first, second, third = events.load(tmp_path)
    assert first.payload.kudos == [] and first.payload.kudos is second.payload.kudos
    assert [kudos.login for kudos in third.kudos] == ["bob"] and third.payload.kudos is not first.payload.kudos
