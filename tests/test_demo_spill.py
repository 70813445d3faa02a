"""The simulator's bounded memory (demo/spill.py, events.files.write_stream): a history spilled to disk in
sorted runs and merged back writes the same bytes as one held in memory, ties in time keep the order the
drafts were emitted in, and the runs' temporary folder is gone after a run, a failure or an interrupt."""

from __future__ import annotations

import datetime as dt
import heapq
import random
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from entraide.content.animation import load_animation
from entraide.content.loader import load_community
from entraide.demo import gatherings, spill
from entraide.demo.community import EXAMPLE, write_community, write_history
from entraide.demo.history import BOT, GHOST, Actor, Draft
from entraide.events import files, store
from entraide.events.model import EventKind as K

ALL_IN_MEMORY = 10**9


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def runs(monkeypatch, tmp_path) -> list[Path]:
    """The folder of every run written (the system's temporary folder is tmp_path/temp meanwhile)."""
    (tmp_path / "temp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))
    written: list[Path] = []
    spill_once = spill.Drafts._spill

    def spill_seen(drafts: spill.Drafts) -> None:
        spill_once(drafts)
        if drafts.runs:
            written.append(drafts.runs[-1].parent)

    monkeypatch.setattr(spill.Drafts, "_spill", spill_seen)
    return written


def test_a_community_spilled_in_many_runs_has_the_bytes_of_one_held_in_memory(tmp_path, runs):
    write_community(tmp_path / "memory", members=40, seed=3)
    assert runs == []  # a small history never touches a file
    write_community(tmp_path / "spilled", members=40, seed=3, held=50)
    assert len(runs) > 20
    assert tree_bytes(tmp_path / "memory") == tree_bytes(tmp_path / "spilled")
    assert not list((tmp_path / "temp").iterdir())


def test_the_example_s_history_spilled_in_runs_is_the_committed_one(tmp_path, runs):
    """Agenda issues keep their numbers, the animation plays on the last evening, two requests in one second."""
    example = load_community(EXAMPLE)
    write_history(tmp_path, example, seed=1, animation=load_animation(EXAMPLE, example), held=64)
    assert len(runs) > 20
    assert tree_bytes(tmp_path / "data" / "events") == tree_bytes(EXAMPLE / "data" / "events")


def draft(at: dt.datetime, n: int, actor: Actor) -> Draft:
    # The later the draft, the smaller its payload's text: merged by anything but (time, sequence), ties flip.
    return Draft(at, K.issue_comment, actor, 1 + n % 3, "issue", f'{{"n":{10**6 - n}}}')


@pytest.mark.parametrize("held", [1, 3, 10, ALL_IN_MEMORY])
def test_drafts_of_the_same_instant_come_back_in_the_order_they_were_emitted_across_runs(held, runs):
    rng = random.Random(held)
    start = dt.datetime(2026, 3, 1, 18, 0, tzinfo=dt.UTC)
    instants = [start + dt.timedelta(seconds=s) for s in (0, 1, 1, 2, 3600)]  # few instants: many ties
    actors = (BOT, GHOST, Actor(7, "ana-lima"))
    emitted = [draft(rng.choice(instants), n, actors[n % 3]) for n in range(200)]
    drafts = spill.Drafts(Draft, held)
    for d in emitted:
        drafts.append(d)
    assert len(drafts) == 200
    back = list(drafts.in_time_order())
    assert back == sorted(emitted, key=lambda d: d.at)  # sorted() is stable: ties in emission order
    assert (len(runs) > 0) == (held < 200)
    assert not list(Path(tempfile.gettempdir()).iterdir())


def test_the_runs_are_gone_after_an_interrupt_while_the_simulation_plays(tmp_path, monkeypatch, runs):
    def interrupted(*_):
        raise KeyboardInterrupt

    monkeypatch.setattr(gatherings, "opportunity_board", interrupted)  # after every cohort: runs are written
    with pytest.raises(KeyboardInterrupt) as caught:
        write_community(tmp_path / "c", members=40, seed=3, held=50)
    assert caught.traceback  # gone while the traceback (and so the history) is still held, not when it is freed
    assert runs and not any(folder.exists() for folder in runs)
    assert not list((tmp_path / "temp").iterdir())


def test_the_runs_are_gone_after_an_error_while_the_history_is_written(tmp_path, monkeypatch, runs):
    write_stream = store.write_stream

    def failing(data_dir, lines):
        def some():
            for n, line in enumerate(lines):
                if n == 500:
                    raise OSError("disk full")
                yield line

        return write_stream(data_dir, some())

    monkeypatch.setattr(store, "write_stream", failing)
    with pytest.raises(OSError, match="disk full") as caught:
        write_community(tmp_path / "c", members=40, seed=3, held=50)
    assert caught.traceback  # gone while the traceback (and so the history) is still held, not when it is freed
    assert runs and not list((tmp_path / "temp").iterdir())
    assert not list((tmp_path / "c" / "data").rglob("*.part"))  # the month being written is not left half-done
    assert all(not folder.is_relative_to(tmp_path / "c") for folder in runs)  # never in the community's folder


def test_the_streamed_writer_writes_a_month_chunk_by_chunk_as_one_sort_would(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "_CHUNK", 3)
    start = dt.datetime(2026, 1, 31, 23, 59, 58, tzinfo=dt.UTC)
    seconds = sorted(random.Random(4).choices(range(5), k=40))  # ties, and a month boundary
    lines = [(start + dt.timedelta(seconds=s), f"sim:x:{40 - n}", f"line {n}") for n, s in enumerate(seconds)]
    assert files.write_stream(tmp_path, lines) == 40
    by_month: dict[str, list[str]] = {}
    for at, _, line in sorted(lines, key=lambda item: item[:2]):
        by_month.setdefault(f"{at:%Y-%m}.jsonl", []).append(f"{line}\n")
    assert set(by_month) == {"2026-01.jsonl", "2026-02.jsonl"}
    assert tree_bytes(tmp_path / "events") == {k: "".join(v).encode() for k, v in by_month.items()}


def test_the_streamed_writer_refuses_lines_out_of_time_order(tmp_path):
    at = dt.datetime(2026, 1, 10, tzinfo=dt.UTC)
    with pytest.raises(ValueError, match="after"):
        files.write_stream(tmp_path, [(at, "a", "one"), (at - dt.timedelta(seconds=1), "b", "two")])
    assert not list(tmp_path.rglob("*.part"))


def test_a_history_that_cannot_be_written_is_a_clear_error_and_the_stored_events_stay(tmp_path, monkeypatch, capsys):
    """`entraide demo --history` with no room for the runs (the simulation fails): exit 2, the reason and
    where the runs wait, no traceback, and the community's stored events as they were."""
    from entraide.cli import main
    from entraide.demo import community

    root = tmp_path / "community"
    write_community(root, members=40, seed=3)
    before = tree_bytes(root / "data")

    def no_room(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(community, "play", no_room)
    assert main(["demo", "--history", "--root", str(root), "--seed", "3"]) == 2
    said = capsys.readouterr().err
    assert "No space left on device" in said and "TMPDIR" in said
    assert "Traceback" not in said
    assert tree_bytes(root / "data") == before


def test_drafts_closed_then_given_more_spill_them_into_a_new_folder(runs):
    drafts = spill.Drafts(Draft, held=1)  # each draft its own run: none left in memory when closed
    at = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
    for n in range(3):
        drafts.append(Draft(at + dt.timedelta(minutes=n), K.issue_opened, BOT, n + 1, "issue", "{}"))
    drafts.close()
    later = [Draft(at + dt.timedelta(hours=n), K.issue_opened, BOT, n + 10, "issue", "{}") for n in range(3)]
    for draft in later:
        drafts.append(draft)
    assert list(drafts.in_time_order()) == later
    assert all(not folder.exists() for folder in runs)


@pytest.fixture
def merges(monkeypatch) -> Iterator[list[int]]:
    """How many runs each merge took at once (the oldest runs', then the last one's); at the last, no other
    run is left in the folder (what was merged before was removed)."""
    taken: list[int] = []
    in_folder: list[int] = []
    merge = heapq.merge

    def counted(*runs):
        taken.append(len(runs))
        in_folder.append(len(list(Path(runs[0].name).parent.glob("*.run"))))
        return merge(*runs)

    monkeypatch.setattr(spill.heapq, "merge", counted)
    yield taken
    if taken:
        assert in_folder[-1] == taken[-1]


@pytest.mark.parametrize(("held", "fan_in"), [(1, 2), (3, 3), (7, 2)])
def test_more_runs_than_merge_at_once_are_merged_in_steps_in_the_order_of_one_merge(held, fan_in, runs, merges):
    """200 drafts in runs of `held`: up to 200 runs, never more than `fan_in` merged at once (each an open file)."""
    rng = random.Random(held)
    start = dt.datetime(2026, 3, 1, 18, 0, tzinfo=dt.UTC)
    instants = [start + dt.timedelta(seconds=s) for s in (0, 1, 1, 2, 3600)]  # ties across runs and merges
    actors = (BOT, GHOST, Actor(7, "ana-lima"))
    emitted = [draft(rng.choice(instants), n, actors[n % 3]) for n in range(200)]
    drafts = spill.Drafts(Draft, held, fan_in=fan_in)
    for d in emitted:
        drafts.append(d)
    assert list(drafts.in_time_order()) == sorted(emitted, key=lambda d: d.at)
    assert len(merges) > 2 and max(merges) <= fan_in  # runs were merged first; no merge held more open
    assert not list(Path(tempfile.gettempdir()).iterdir())


def test_the_example_s_history_merged_two_runs_at_a_time_is_the_committed_one(tmp_path, monkeypatch, runs, merges):
    monkeypatch.setattr(spill, "FAN_IN", 2)
    example = load_community(EXAMPLE)
    write_history(tmp_path, example, seed=1, animation=load_animation(EXAMPLE, example), held=64)
    assert len(runs) > 20 and max(merges) == 2
    assert tree_bytes(tmp_path / "data" / "events") == tree_bytes(EXAMPLE / "data" / "events")


def test_the_runs_are_gone_after_an_error_while_the_oldest_runs_are_merged(monkeypatch, runs):
    drafts = spill.Drafts(Draft, held=1, fan_in=2)
    at = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
    for n in range(9):
        drafts.append(Draft(at + dt.timedelta(minutes=n), K.issue_opened, BOT, n + 1, "issue", "{}"))
    merges = 0

    def full_disk(self):
        nonlocal merges
        merges += 1
        if merges == 2:
            raise OSError(28, "No space left on device")
        merge_oldest(self)

    merge_oldest = spill.Drafts._merge_oldest
    monkeypatch.setattr(spill.Drafts, "_merge_oldest", full_disk)
    with pytest.raises(OSError, match="No space"):
        list(drafts.in_time_order())
    assert runs and not any(folder.exists() for folder in runs)


def test_drafts_refuse_a_merge_of_fewer_than_two_runs():
    with pytest.raises(ValueError, match="two runs"):
        spill.Drafts(Draft, fan_in=1)


def test_only_as_many_runs_as_needed_are_merged_before_the_last_merge(runs, merges):
    """10 runs, 8 at a time: the 3 oldest merged into one, then the last merge of 8 (not two passes of all 10)."""
    drafts = spill.Drafts(Draft, held=1, fan_in=8)
    at = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
    emitted = [Draft(at - dt.timedelta(minutes=n), K.issue_opened, BOT, n + 1, "issue", "{}") for n in range(10)]
    for draft in emitted:
        drafts.append(draft)
    assert list(drafts.in_time_order()) == emitted[::-1]
    assert merges == [3, 8]


def test_a_history_that_fails_while_its_months_are_written_leaves_the_stored_events_as_they_were(
    tmp_path, monkeypatch, capsys
):
    """`entraide demo --history` failing after its first month is written (the runs are merged, and the
    months written, only then: a full disk then): exit 2, and the stored events exactly as they were."""
    from entraide.cli import main

    root = tmp_path / "community"
    write_community(root, members=40, seed=3)
    before = tree_bytes(root / "data")
    write_stream = store.write_stream

    def full_after_a_month(data_dir, lines):
        def some():
            for n, line in enumerate(lines):
                if n == 1000:  # about half the history: its first months are written by now
                    raise OSError(28, "No space left on device")
                yield line

        return write_stream(data_dir, some())

    monkeypatch.setattr(store, "write_stream", full_after_a_month)
    assert main(["demo", "--history", "--root", str(root), "--seed", "4"]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert tree_bytes(root / "data") == before  # nothing lost, nothing half-written left beside it
    assert sorted(path.name for path in (root / "data").iterdir()) == sorted({p.split("/")[0] for p in before})
