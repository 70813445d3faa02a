"""`StoredEvent` declares its fields in the order of a stored line's sorted keys (msgspec finds each key at
the first try from the last one found), and a line whose keys come in any other order, as a hand may write
it, still reads as the validated event."""

from __future__ import annotations

import json
import random

import pytest

from builders import ev
from entraide.events import store as events
from entraide.events.compact import StoredEvent


def test_the_fields_come_in_the_order_of_a_stored_lines_keys():
    line = json.loads(events.dumps([ev("issue_comment", "2026-01-02T10:00", (101, "alice"), 3, comment_id=7)]))
    keys = list(line)  # as written: sorted, without the absent `updated` and `repo`
    assert keys == sorted(keys)
    assert list(StoredEvent.__struct_fields__) == sorted(StoredEvent.__struct_fields__)


@pytest.mark.parametrize("seed", range(10))
def test_lines_with_their_keys_in_any_order_read_as_validated(tmp_path, seed):
    rng = random.Random(seed)
    stored = [
        ev("issue_comment", f"2026-01-{day:02d}T10:00", (101, "alice"), day, comment_id=day, kudos=[], reply_to=None)
        for day in range(1, 20)
    ]
    lines = []
    for line in events.dumps(stored).decode().splitlines():
        data = json.loads(line)
        keys = list(data)
        rng.shuffle(keys)
        lines.append(json.dumps({key: data[key] for key in keys}, separators=(",", ":")))
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "2026-01.jsonl").write_text("".join(f"{line}\n" for line in lines))
    loaded = events.load(tmp_path)
    assert all(isinstance(event, StoredEvent) for event in loaded)
    assert [event.to_event() for event in loaded] == list(events.load_validated(tmp_path))
