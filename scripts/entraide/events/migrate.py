"""The one-time migration of stores written before "latest state wins" (`entraide migrate-store`).

Stores written before: comments carry no `updated` (GitHub's updated_at), and an id was kept in its first
copy. The migration gives every comment without `updated` its creation time (what GitHub reports for a
comment never edited, and older than any edit, so the next copy the sync or a payload brings wins), keeps
one copy per id (`store.latest`), and rewrites each month file in its canonical bytes, only when they
change. Running it again changes nothing. The sync's state version moved with it (`github.cursor`), so
the next sync reads every listing once more, which brings the dismissed reviews and the edited and
deleted comments the old store never saw.
"""

from __future__ import annotations

from pathlib import Path

from entraide.events import store
from entraide.events.model import Event, EventKind

COMMENT_KINDS = frozenset(
    {EventKind.issue_comment, EventKind.pr_comment, EventKind.review_comment, EventKind.discussion_comment}
)


def upgraded(event: Event) -> Event:
    """A comment stored without `updated` gets its creation time; any other event is left as it is."""
    if event.kind in COMMENT_KINDS and event.updated is None and not event.deleted:
        return event.model_copy(update={"updated": event.at})
    return event


def migrate(data_dir: Path) -> list[str]:
    """Rewrite the store's month files that change; returns their names (empty: already migrated)."""
    folder = Path(data_dir) / store.EVENTS_DIR
    by_month: dict[str, list[Event]] = {}
    for event in store.load(data_dir):
        event = upgraded(event)
        by_month.setdefault(store.month_of(event), []).append(event)
    changed = []
    for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else ():
        content = store.dumps(by_month.pop(path.stem, []))
        if path.read_bytes() != content:
            store.write_atomic(path, content)
            changed.append(path.name)
    for month, events in sorted(by_month.items()):  # an event kept from a copy stored in another month
        store.write_atomic(folder / f"{month}.jsonl", store.dumps(events))
        changed.append(f"{month}.jsonl")
    return changed
