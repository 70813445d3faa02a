"""`data/sync/state.json`: where each listing stopped: watermarks and cursors, nothing else.

It holds only what changes with the data (GitHub's own timestamps and ids, page numbers, pull requests
waiting for their reviews), never a per-token header such as an ETag: an unchanged sync leaves it, and
all of data/, byte-identical whatever the token (a workflow's token is new on every run). ETags live
in `etags.EtagCache`, outside data/. Version 1 files (with ETags) are read and converted.
Deterministic JSON (sorted keys, no wall-clock time), written atomically and only when it changed.
It is always saved right after the events it accounts for, so a kill leaves a state that is at worst
behind the events: the next run reads a little again, and the store drops what it already holds.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from entraide.content.errors import N_, Problem, UserError
from entraide.events.store import write_atomic

VERSION = 2


def path_of(data_dir: Path) -> Path:
    return Path(data_dir) / "sync" / "state.json"


def load(data_dir: Path, repo: str) -> dict[str, Any]:
    """The saved state for `repo`; a fresh one when there is none or it belongs to another repository."""
    path = path_of(data_dir)
    if not path.exists():
        return fresh(repo)
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise UserError(
            Problem(
                path=str(path),
                field=None,
                message=N_("not valid JSON ({error}); delete it to sync from the start", error=str(error)),
            )
        ) from None
    if isinstance(state, dict) and state.get("version") == 1 and state.get("repo") == repo:
        return from_version_1(state)
    if not isinstance(state, dict) or state.get("version") != VERSION or state.get("repo") != repo:
        return fresh(repo)
    return state


def from_version_1(old: dict[str, Any]) -> dict[str, Any]:
    """The same cursors without the ETags version 1 kept."""
    state = fresh(old["repo"])
    for name, stream in (old.get("streams") or {}).items():
        kept = {k: v for k, v in stream.items() if k != "etag"}
        if isinstance(kept.get("pass"), dict):
            kept["pass"] = {k: v for k, v in kept["pass"].items() if k != "etag"}
        state["streams"][name] = kept
    state["pending_reviews"] = list(old.get("pending_reviews") or [])
    state["reaction_issues"] = sorted({int(k) for k in old.get("reaction_issues") or {}})
    if "has_discussions" in old:
        state["has_discussions"] = old["has_discussions"]
    return state


def remove_partial_writes(data_dir: Path) -> None:
    """Delete the temporary files a killed atomic write left behind (events and state): they are
    ignored by every reader, and once gone the folder holds the same files as after a clean run."""
    for folder in (Path(data_dir) / "events", Path(data_dir) / "sync"):
        if folder.is_dir():
            for leftover in folder.glob(".tmp-*.part"):
                leftover.unlink(missing_ok=True)


def fresh(repo: str) -> dict[str, Any]:
    return {
        "version": VERSION,
        "repo": repo,
        "streams": {},
        "pending_reviews": [],
        "reaction_issues": [],
    }


def dumps(state: dict[str, Any]) -> bytes:
    return (json.dumps(state, sort_keys=True, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def save(data_dir: Path, state: dict[str, Any]) -> bool:
    """Write the state if it changed; True when a file was written."""
    path, content = path_of(data_dir), dumps(state)
    if path.exists() and path.read_bytes() == content:
        return False
    write_atomic(path, content)
    return True
