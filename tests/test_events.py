"""The event store: deduplication, deterministic bytes, atomic writes that survive a kill."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from builders import ev
from entraide.content.errors import UserError
from entraide.content.i18n import translator
from entraide.events import store as events

ALICE = (101, "alice")
BOB = (102, "bob")


def history() -> list:
    return [
        ev("issue_opened", "2026-01-05T09:00", ALICE, 1, labels=["question"]),
        ev("issue_comment", "2026-01-05T10:00", BOB, 1, comment_id=11),
        ev("pr_opened", "2026-01-20T08:00", ALICE, 2, challenge="html", sha="a1"),
        ev("review_submitted", "2026-02-01T08:00", BOB, 2, state="approved", commit_id="a1"),
        ev("reaction", "2026-02-01T08:00", None, 1, content="+1", target="issue"),
    ]


def month_bytes(data_dir: Path) -> dict[str, bytes]:
    folder = data_dir / "events"
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_events_are_partitioned_by_utc_month_and_read_back_sorted(tmp_path):
    late = ev("issue_comment", "2026-01-31T23:30", ALICE, 1, comment_id=12)
    late = late.model_copy(update={"at": late.at.astimezone(dt.timezone(dt.timedelta(hours=-2)))})
    assert events.append(tmp_path, reversed([*history(), late])) == 6
    assert sorted(month_bytes(tmp_path)) == ["2026-01.jsonl", "2026-02.jsonl"]
    loaded = events.load(tmp_path)
    assert [event.id for event in loaded] == [e.id for e in sorted([*history(), late], key=events.sort_key)]
    first_line = (tmp_path / "events" / "2026-01.jsonl").read_text().splitlines()[0]
    assert json.loads(first_line)["at"] == "2026-01-05T09:00:00Z"
    assert list(json.loads(first_line)) == sorted(json.loads(first_line))
    assert ", " not in first_line and '": ' not in first_line


def test_appending_stored_events_again_adds_nothing_and_the_stored_one_wins(tmp_path):
    assert events.append(tmp_path, history()) == 5
    original = history()[1]
    changed = original.model_copy(update={"payload": {"comment_id": 99}})
    assert events.append(tmp_path, [changed, *history()]) == 0
    stored = {event.id: event for event in events.load(tmp_path)}
    assert stored[original.id].payload == {"comment_id": 11}


def test_duplicates_inside_one_batch_are_stored_once(tmp_path):
    twice = [*history(), *history()]
    assert events.append(tmp_path, twice) == 5
    assert len(events.load(tmp_path)) == 5


def test_same_events_give_the_same_bytes_whatever_the_order_or_batches(tmp_path):
    items = history()
    events.append(tmp_path / "a", items)
    shuffled = items[:]
    random.Random(7).shuffle(shuffled)
    events.append(tmp_path / "b", shuffled[:2])
    events.append(tmp_path / "b", shuffled[2:])
    assert month_bytes(tmp_path / "a") == month_bytes(tmp_path / "b")


def test_appending_nothing_new_touches_no_file(tmp_path):
    events.append(tmp_path, history())
    folder = tmp_path / "events"
    before = {path.name: (path.stat().st_mtime_ns, path.read_bytes()) for path in folder.iterdir()}
    time.sleep(0.01)
    assert events.append(tmp_path, []) == 0
    assert events.append(tmp_path, history()) == 0
    after = {path.name: (path.stat().st_mtime_ns, path.read_bytes()) for path in folder.iterdir()}
    assert after == before


def test_only_the_month_that_gains_an_event_is_rewritten(tmp_path):
    events.append(tmp_path, history())
    january = tmp_path / "events" / "2026-01.jsonl"
    stamp = january.stat().st_mtime_ns
    time.sleep(0.01)
    assert events.append(tmp_path, [ev("reaction", "2026-02-03", BOB, 1, content="heart")]) == 1
    assert january.stat().st_mtime_ns == stamp


def test_a_corrupt_line_is_an_error_naming_file_and_line(tmp_path):
    events.append(tmp_path, history())
    path = tmp_path / "events" / "2026-01.jsonl"
    lines = path.read_text().splitlines(keepends=True)
    lines.insert(1, '{"id": "torn", "kind": "issue_op\n')
    path.write_text("".join(lines))
    (tmp_path / "events" / "2026-02.jsonl").write_text('{"id": "x"}\n')
    with pytest.raises(UserError) as caught:
        events.load(tmp_path)
    messages = [str(problem) for problem in caught.value.problems]
    assert any(message.startswith(f"{path}:2: ") for message in messages)
    assert any(":1: kind: required field is missing" in message and "2026-02" in message for message in messages)
    french = [problem.say(translator("fr")) for problem in caught.value.problems]  # as a French community reads it
    assert f"{path}, ligne 2 : ce n'est pas un événement valide : la ligne n'est pas du JSON complet" in french[0]
    assert any("2026-02.jsonl, ligne 1, champ « kind » : champ obligatoire manquant" in message for message in french)
    with pytest.raises(UserError):
        events.append(tmp_path, [ev("reaction", "2026-01-09", BOB, 1)])


def test_leftover_temporary_files_are_ignored_then_removed_by_the_next_write(tmp_path):
    events.append(tmp_path, history())
    leftover = tmp_path / "events" / ".tmp-abc.part"
    leftover.write_text('{"torn": ')
    assert len(events.load(tmp_path)) == 5
    events.append(tmp_path, [ev("reaction", "2026-02-03", BOB, 1, content="heart")])
    assert not leftover.exists()


def test_an_empty_store_loads_as_no_events(tmp_path):
    assert events.load(tmp_path) == ()


# --------------------------------------------------------------------------- kill test

BATCH = 150
CHILD = r"""
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from builders import ev
from entraide.events import store as events

data_dir, start = Path(sys.argv[1]), int(sys.argv[2])
print("ready", flush=True)
for batch in range(start, start + 10_000):
    month = 1 + batch % 3
    events.append(data_dir, [
        ev("issue_comment", f"2026-{month:02d}-{1 + i % 28:02d}T{i % 24:02d}:00", (7, "ann"), batch,
           id=f"b{batch}-{i}", comment_id=i, body="x" * 40)
        for i in range(BATCH)
    ])
    print(batch, flush=True)
""".replace("BATCH", str(BATCH))


def batch_ids(count: int) -> set[str]:
    return {f"b{batch}-{i}" for batch in range(count) for i in range(BATCH)}


def check_whole_files(data_dir: Path) -> int:
    """Each month file is complete canonical content; the store holds exactly the first N batches."""
    folder = data_dir / "events"
    for path in folder.glob("*.jsonl"):
        stored = events.load_file(path)
        assert path.read_bytes() == events.dumps(stored), f"{path.name} is not a whole file"
    ids = {event.id for event in events.load(data_dir)}
    batches = len(ids) // BATCH
    assert ids == batch_ids(batches)
    return batches


def test_a_kill_at_any_moment_leaves_old_or_new_whole_files(tmp_path):
    rng = random.Random(2026)
    tests_dir = str(Path(__file__).parent)
    done, kills = 0, 0
    while kills < 24:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(tmp_path), str(done), tests_dir], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        kills += 1
        done = check_whole_files(tmp_path)
    assert done > 0


@pytest.mark.parametrize("damage", ["two events on one line", "an empty line"])
def test_a_line_that_is_not_exactly_one_event_is_named(tmp_path, damage):
    events.append(tmp_path, history())
    path = tmp_path / "events" / "2026-01.jsonl"
    lines = path.read_text().splitlines()
    lines[0:2] = [lines[0] + "," + lines[1]] if damage == "two events on one line" else [lines[0], "", lines[1]]
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(UserError) as caught:
        events.load(tmp_path)
    assert [problem.line for problem in caught.value.problems] == [1 if damage.startswith("two") else 2]


# --------------------------------------------------------------------------- dates (issue 11, item 10)

SYNC_TIME = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)


def test_an_event_outside_its_files_month_is_refused_with_path_and_line(tmp_path):
    events.append(tmp_path, [ev("issue_opened", "2026-11-02", (1, "ana"), 1)])
    month = tmp_path / "events" / "2026-11.jsonl"
    future = events.dumps([ev("issue_opened", "2099-01-01", (1, "ana"), 2)])
    month.write_bytes(month.read_bytes() + future)
    with pytest.raises(UserError) as caught:
        events.load(tmp_path)
    (problem,) = caught.value.problems
    assert (problem.path, problem.line, problem.field) == (str(month), 2, "at")
    assert "2099-01.jsonl" in problem.message


def test_an_event_dated_after_the_sync_time_is_refused(tmp_path):
    events.append(tmp_path, [ev("issue_opened", "2026-11-02", (1, "ana"), 1)])
    (tmp_path / "events" / "2099-01.jsonl").write_bytes(events.dumps([ev("issue_opened", "2099-01-01", (1, "a"), 2)]))
    with pytest.raises(UserError) as caught:
        events.load(tmp_path, not_after=SYNC_TIME)
    (problem,) = caught.value.problems
    assert problem.path.endswith("2099-01.jsonl") and problem.line == 1 and "in the future" in problem.message
    with pytest.raises(UserError):
        events.append(tmp_path, [ev("issue_opened", "2027-01-01", (1, "ana"), 3)], not_after=SYNC_TIME)
    assert sorted(p.name for p in (tmp_path / "events").iterdir()) == ["2026-11.jsonl", "2099-01.jsonl"]
