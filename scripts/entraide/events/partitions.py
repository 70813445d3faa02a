"""Programmes over several repositories: each repository's sync writes its own partition of the store
(a data folder of its own, one GitHub Actions matrix job each); one job then merges them into data/.

A partition's events carry their repository (`Event.repo`, ids prefixed "OWNER/NAME#": issue numbers
are per repository), given by `tagged`. Its sync cursor travels with it: the shard starts from the
cursor kept in data/ (`seed`), and the merge brings the new one back (`data/sync/repos/OWNER/NAME.json`).

The merge reads the partitions in the order of their folder names, whatever order they are given in,
and appends them through the store (an event already stored wins, then the first partition by name):
the same partitions always give the same bytes. A partition that is missing (its job failed) is skipped
and named; the others' events are kept, and the next run's sync of that repository resumes from its
own cursor, which the merge left as it was.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from entraide.content.base import REPO_PATTERN
from entraide.content.errors import N_, Problem, UserError
from entraide.events import store
from entraide.events.files import write_atomic
from entraide.events.model import Event

STATE = Path("sync") / "state.json"  # a partition's cursor, where `entraide sync --data PARTITION` keeps it
CURSORS = Path("sync") / "repos"  # in data/: one cursor per repository of the programme


def tagged(repo: str) -> Callable[[Event], Event]:
    """What the sync of another repository stores: the event with its repository, and an id of its own."""

    def tag(event: Event) -> Event:
        if event.repo == repo:
            return event
        return event.model_copy(update={"repo": repo, "id": f"{repo}#{event.id}"})

    return tag


def cursor_path(data_dir: Path, repo: str) -> Path:
    return Path(data_dir) / CURSORS / f"{repo}.json"


def seed(partition: Path, *, data_dir: Path, repo: str) -> bool:
    """Give a new partition the cursor data/ keeps for `repo` (True when there was one)."""
    source, target = cursor_path(data_dir, repo), Path(partition) / STATE
    if target.exists() or not source.is_file():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return True


def merge(partitions: Iterable[Path], into: Path) -> tuple[int, list[Path]]:
    """(events added to the store at `into`, partitions missing) after merging `partitions` in name order;
    each present partition's cursor is kept under data/sync/repos/."""
    ordered = sorted({Path(path) for path in partitions}, key=lambda path: (path.name, str(path)))
    present = [path for path in ordered if (path / store.EVENTS_DIR).is_dir() or (path / STATE).is_file()]
    missing = [path for path in ordered if path not in present]
    events = [event for path in present for event in store.load_validated(path)]
    added = store.append(into, events)
    for path in present:
        _keep_cursor(path, into)
    return added, missing


def _keep_cursor(partition: Path, into: Path) -> None:
    state = partition / STATE
    if not state.is_file():
        return
    try:
        repo = json.loads(state.read_text(encoding="utf-8")).get("repo")
    except (ValueError, AttributeError):
        repo = None
    if not isinstance(repo, str) or store_repo_name(repo) is None:
        raise UserError(Problem(path=str(state), field="repo", message=N_("expected the partition's OWNER/NAME")))
    target = cursor_path(into, repo)
    content = state.read_bytes()
    if not target.is_file() or target.read_bytes() != content:
        write_atomic(target, content)


def store_repo_name(repo: str) -> str | None:
    """`repo` when it is an OWNER/NAME a path can hold safely (no `..`, no further slash)."""
    owner, _, name = repo.partition("/")
    return repo if re.match(REPO_PATTERN, repo) and name not in (".", "..") and owner else None
