"""Per-repository partitions of the store merge into data/ deterministically, whatever the shard order."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import entraide_cmd
from builders import ev
from entraide.events import store

ENTRAIDE = str(Path(sys.executable).parent / "entraide")  # the installed command


def partition(folder: Path, tag: str, people: tuple[int, str], first_day: int) -> Path:
    events = [
        ev("issue_opened", f"2026-01-{first_day:02d}T09:00", people, 1, labels=["question"]),
        ev("issue_comment", f"2026-01-{first_day + 1:02d}T10:00", people, 1, comment_id=first_day),
        ev("pr_opened", f"2026-02-{first_day:02d}T08:00", people, 2, challenge="html", sha=tag * 8),
    ]
    store.append(folder, [event.model_copy(update={"id": f"{tag}:{event.id}"}) for event in events])
    return folder


def merged_bytes(into: Path, shards: list[Path]) -> dict[str, bytes]:
    """`entraide merge SHARD... --data INTO` (in process), then the store's bytes."""
    assert entraide_cmd.run("entraide.cli.merge", ["merge", *map(str, shards), "--data", str(into)]) == 0
    return {path.name: path.read_bytes() for path in sorted((into / "events").iterdir())}


def test_the_merge_gives_the_same_bytes_whatever_the_order_of_the_shards(tmp_path):
    shards = [
        partition(tmp_path / "cohort-a", "a", (101, "alice"), 5),
        partition(tmp_path / "cohort-b", "b", (102, "bob"), 3),
        partition(tmp_path / "cohort-c", "c", (103, "carol"), 7),
    ]
    results = [
        merged_bytes(tmp_path / f"merged-{n}" / "data", list(order))
        for n, order in enumerate(itertools.permutations(shards))
    ]
    assert all(result == results[0] for result in results) and len(results) == 6
    assert len(store.load(tmp_path / "merged-0" / "data")) == 9


def test_a_failed_shard_leaves_the_others_merged_and_its_retry_completes_the_store(tmp_path):
    a = partition(tmp_path / "cohort-a", "a", (101, "alice"), 5)
    b = partition(tmp_path / "cohort-b", "b", (102, "bob"), 3)
    failed = tmp_path / "cohort-c"  # its job failed: no artifact
    command = [ENTRAIDE, "merge", str(a), str(failed), str(b), "--data"]
    done = subprocess.run([*command, str(tmp_path / "data")], capture_output=True, text=True, check=True, timeout=60)
    assert f"{failed}: no events folder" in done.stderr
    assert len(store.load(tmp_path / "data")) == 6
    partition(failed, "c", (103, "carol"), 7)  # the next run's sync of that repository
    merged_bytes(tmp_path / "data", [a, b, failed])
    assert merged_bytes(tmp_path / "data", [failed]) == merged_bytes(tmp_path / "all" / "data", [b, failed, a])
