"""The sync's last phase: find the conversation comments deleted on GitHub since they were stored.

GitHub's listings show only what still exists, and `/issues/comments?since=` never tells of a deletion.
So for each thread with live comments stored in the last `days` before the newest stored event, the
sync lists `/issues/{n}/comments` again, with that listing's ETag (an unchanged thread answers 304 and
costs nothing); a stored comment the listing no longer holds was deleted, and its tombstone
(`normalize.tombstone`) replaces it in the store, which revokes what it gave.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from entraide.events.model import Event, EventKind

from . import normalize as n
from .client import NotFound, Page


class Sync(Protocol):
    """What this phase uses of `sync.Sync`."""

    state: dict[str, Any]

    def read(self, name: str, path: str, params: dict | None, etag: str | None = None) -> Page: ...
    def emit(self, events: Iterable[Event | None]) -> None: ...
    def tick(self) -> None: ...
    def field(self, item: Any, name: str) -> Any: ...


_CONVERSATION = (EventKind.issue_comment, EventKind.pr_comment)


def recheck(sync: Sync, events: Sequence[Event], *, days: int) -> None:
    etags = sync.state.setdefault("comment_etags", {})
    for number, stored in sorted(recent_comments(events, days=days).items()):
        try:
            listed = _listed(sync, number, etags)
        except NotFound:  # the thread itself is gone: its comments stay history
            continue
        if listed is not None:
            sync.emit(n.tombstone(event) for cid, event in sorted(stored.items()) if cid not in listed)
        sync.tick()


def _listed(sync: Sync, number: int, etags: dict[str, str | None]) -> set[int] | None:
    """The ids of the comments GitHub lists on the thread now; None when unchanged since the last read (304)."""
    name, path = f"comments of #{number}", f"/issues/{number}/comments"
    page = sync.read(name, path, {"per_page": 100}, etags.get(str(number)))
    if page.status == 304:
        return None
    etags[str(number)] = page.etag
    listed: set[int] = set()
    while True:
        sync.emit(n.comment(item) for item in page.data)  # edits seen here are stored too
        listed |= {sync.field(item, "id") for item in page.data}
        if not page.next_url:
            return listed
        page = sync.read(name, page.next_url, None)


def recent_comments(events: Sequence[Event], *, days: int) -> dict[int, dict[int, Event]]:
    """Live conversation comments of the last `days` before the newest event, by thread number then id."""
    if not events:
        return {}
    since = events[-1].at - dt.timedelta(days=days)
    found: dict[int, dict[int, Event]] = {}
    for event in events:
        if event.kind in _CONVERSATION and event.at >= since and not event.deleted and event.comment_id:
            found.setdefault(event.subject, {})[event.comment_id] = event
    return found
