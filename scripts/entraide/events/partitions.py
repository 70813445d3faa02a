"""Programmes over several repositories: each repository's sync writes its own partition of the store
(a data folder of its own, one GitHub Actions matrix job each); one job then merges them into data/.

The merge reads the partitions in the order of their folder names, whatever order they are given in,
and appends them through the store (an event already stored wins, then the first partition by name):
the same partitions always give the same bytes. A partition that is missing (its job failed) is skipped
and named; the others' events are kept, and the next run's sync of that repository resumes from its
own cursor.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from entraide.events import store


def merge(partitions: Iterable[Path], into: Path) -> tuple[int, list[Path]]:
    """(events added to the store at `into`, partitions missing) after merging `partitions` in name order."""
    ordered = sorted({Path(path) for path in partitions}, key=lambda path: (path.name, str(path)))
    present = [path for path in ordered if (path / store.EVENTS_DIR).is_dir()]
    missing = [path for path in ordered if path not in present]
    events = [event for path in present for event in store.load_validated(path)]
    return store.append(into, events), missing
