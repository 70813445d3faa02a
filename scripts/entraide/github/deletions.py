"""The sync's last phase: find the conversation comments deleted on GitHub since they were stored.

A deleted comment leaves no trace in `/issues/comments?since=` (the listing only shows what exists), and
the webhook that says so is not the sync's. So the threads (issues and pull requests) holding a comment
stored live and written in the last `recheck` (14) days are listed again through GraphQL, only the ids of
their comments, 100 threads per query (about 1 point), issues and pull requests mixed; a stored comment
GitHub no longer lists becomes its `normalize.tombstone`, which the store keeps over every other copy and
the ledger reads as a revocation. An unchanged repository costs one more GraphQL query (1 point) per
100 threads commented in the window, at most 5 (`MAX_THREADS`, the most recently commented first):
measured on the fake's busy repository (9,000 comments over 9 days, a new token), an unchanged run takes
5 REST requests and 7 GraphQL queries instead of 5 and 2; with no comment in the window, 5 and 2 as
before; data/ stays byte-identical either way.

Bounds: pages of 100 comments each, `batched.MAX_PAGES` rounds; a thread GitHub does not find (deleted,
transferred) is left as it is, and so is one whose list comes back incomplete.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from entraide.events import store
from entraide.events.model import Event, EventKind

from . import normalize as n
from .batched import MAX_PAGES
from .client import StreamStopped

RECHECK = dt.timedelta(days=14)
MAX_THREADS = 500
BATCH = 100
COMMENTS = "comments(first: 100AFTER) { pageInfo { hasNextPage endCursor } nodes { databaseId } }"
KINDS = {"issue": "issue", "pull": "pullRequest"}
Thread = tuple[str, int]  # (subject_type, number)


def live_comments(data_dir: Path, *, since: dt.datetime, pending: list[Event]) -> dict[Thread, list[Event]]:
    """The conversation comments stored (or about to be) since `since` and not deleted, by thread."""
    folder = Path(data_dir) / store.EVENTS_DIR
    months = sorted(p for p in folder.glob("????-??.jsonl") if p.stem >= since.strftime("%Y-%m"))
    latest: dict[str, Event] = {}
    for event in [e for path in months for e in store.load_file(path)] + pending:
        latest[event.id] = store.latest(latest.get(event.id), event)
    threads: dict[Thread, list[Event]] = {}
    for event in latest.values():
        if event.kind in (EventKind.issue_comment, EventKind.pr_comment) and not event.deleted and event.at >= since:
            threads.setdefault((event.subject_type, event.subject), []).append(event)
    return threads


def query(asked: dict[Thread, str | None]) -> str:
    parts = []
    for (kind, number), after in sorted(asked.items()):
        more = f', after: "{after}"' if after else ""
        parts.append(
            f"t{kind[0]}{number}: {KINDS[kind]}(number: {int(number)}) {{ {COMMENTS.replace('AFTER', more)} }}"
        )
    joined = "\n    ".join(parts)
    return f"query($owner: String!, $name: String!) {{\n  repository(owner: $owner, name: $name) {{\n    {joined}\n  }}\n}}\n"


class Deletions:
    """Mixed into `sync.Sync`, whose plumbing (graphql, connection, emit, warn, tick...) it uses."""

    data_dir: Path
    now: dt.datetime
    buffer: list
    recheck: dt.timedelta
    graphql: Callable[..., dict]
    connection: Callable[..., dict]
    emit: Callable
    warn: Callable
    tick: Callable

    def deletions(self) -> None:
        threads = live_comments(self.data_dir, since=self.now - self.recheck, pending=self.buffer)
        recent = sorted(threads, key=lambda t: max(e.at for e in threads[t]), reverse=True)[:MAX_THREADS]
        for start in range(0, len(recent), BATCH):
            listed = self.listed(sorted(recent[start : start + BATCH]))
            for thread, ids in listed.items():
                self.emit(n.tombstone(e) for e in threads[thread] if e.comment_id not in ids)
            self.tick()

    def listed(self, threads: list[Thread]) -> dict[Thread, set[int]]:
        """The comment ids GitHub lists on each thread it finds, every page; a thread whose list came
        back incomplete (a repeated cursor, a comment without id) is left out: nothing is judged gone."""
        asked: dict[Thread, str | None] = dict.fromkeys(threads)
        ids: dict[Thread, set[int]] = {}
        incomplete: set[Thread] = set()
        for _ in range(MAX_PAGES):
            found = self.graphql(query(asked), missing_ok=True)
            more: dict[Thread, str | None] = {}
            for thread, after in asked.items():
                node = found.get(f"t{thread[0][0]}{thread[1]}")
                if node is not None:  # else deleted or transferred: its comments are left as stored
                    cursor = self.page(thread, after, node, ids.setdefault(thread, set()))
                    incomplete |= {thread} if cursor == "" else set()
                    more.update({thread: cursor} if cursor else {})
            if not more:
                return {thread: seen for thread, seen in ids.items() if thread not in incomplete}
            asked = more
        raise StreamStopped(f"more than {MAX_PAGES} pages in one run")

    def page(self, thread: Thread, after: str | None, node: Any, ids: set[int]) -> str | None:
        """Add one page's comment ids; the cursor of the next page, None at the end, "" if incomplete."""
        what = f"comments of {KINDS[thread[0]]} #{thread[1]}"
        connection = self.connection(node, "comments", what)
        listed = [c.get("databaseId") if isinstance(c, dict) else None for c in connection["nodes"]]
        ids.update(i for i in listed if isinstance(i, int))
        more, cursor = connection["pageInfo"]["hasNextPage"], connection["pageInfo"].get("endCursor")
        if any(not isinstance(i, int) for i in listed) or (more and (not cursor or cursor == after)):
            self.warn(f"{what}: GitHub's list is incomplete (a comment without id, or a repeated cursor); "
                      "deletions there are looked for next run")  # fmt: skip
            return ""
        return cursor if more else None
