"""What the sync reads through GraphQL, many objects per query: the queued pull requests' reviews,
reactions on attendance issues, and Discussions (their list by update, then the changed ones whole).

REST would ask one listing per pull request or issue; here 100 go in one query (about 1 point).
Every loop is bounded; a connection that repeats its cursor stops with a warning (the rest is read next
run); an answer without `nodes`, `pageInfo` or `updatedAt` stops the run with one clear line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from entraide.github.discussions import discussion_events

from . import nodes
from .client import Stopped, StreamStopped
from .queries import DISCUSSION_LIST_QUERY, batch

MAX_PAGES = 2000  # pages of one listing in one run (200,000 items)
BATCH = {"pullRequest": 100, "issue": 100, "discussion": 10}
WHAT = {"pullRequest": "pull request", "issue": "issue", "discussion": "discussion"}


class Batched:
    """Mixed into `sync.Sync`, whose plumbing (client, state, emit, tick, warn, later...) it uses."""

    client: Any
    state: dict
    progress: Any
    emit: Callable
    emit_each: Callable
    capped: Callable
    tick: Callable
    warn: Callable
    later: Callable
    stream: Callable
    overlap: int
    emitted: int

    def graphql(self, query: str, variables: dict | None = None, *, missing_ok: bool = False) -> dict:
        owner, name = self.client.repo.split("/", 1)
        data = self.client.graphql(query, {"owner": owner, "name": name, **(variables or {})}, missing_ok=missing_ok)
        self.progress.page("graphql", status=200, events=self.emitted, remaining=self.client.remaining)
        repository = data.get("repository")
        if not isinstance(repository, dict):
            raise Stopped("GitHub's GraphQL answer has no repository", failed=True)
        return repository

    @staticmethod
    def connection(node: Any, name: str, what: str) -> dict:
        """`node[name]` as a connection (nodes, pageInfo.hasNextPage); else a clear stop."""
        found = node.get(name) if isinstance(node, dict) else None
        info = found.get("pageInfo") if isinstance(found, dict) else None
        if not isinstance(found.get("nodes") if found else None, list) or not isinstance(info, dict):
            raise Stopped(f"{what}: GitHub's GraphQL answer has no {name} with nodes and pageInfo", failed=True)
        if not isinstance(info.get("hasNextPage"), bool) or not isinstance(found, dict):
            raise Stopped(f"{what}: GitHub's GraphQL answer has no pageInfo.hasNextPage", failed=True)
        return found

    def stamp_of(self, node: Any, what: str) -> tuple[int, str]:
        """(number, updatedAt as a watermark, never after the sync's clock); else a clear stop."""
        number, updated = (node.get("number"), node.get("updatedAt")) if isinstance(node, dict) else (None, None)
        if not isinstance(number, int) or not isinstance(updated, str):
            raise Stopped(f"{what}: GitHub's GraphQL answer has a node without number or updatedAt", failed=True)
        at = self.capped(updated)
        if at is None:
            raise Stopped(f"{what}: #{number}: malformed updatedAt {updated[:40]!r}", failed=True)
        return number, at

    # ------------------------------------------------------------------ by number, 100 at a time

    def by_number(self, kind: str, field: str, numbers: list[int], convert) -> set[int]:
        """Every page of `field` for each object; returns the numbers GitHub does not know."""
        asked: dict[int, str | None] = dict.fromkeys(numbers)
        missing: set[int] = set()
        for _ in range(MAX_PAGES):
            found = self.graphql(batch(kind, asked), missing_ok=True)
            more: dict[int, str | None] = {}
            for number, after in asked.items():
                node = found.get(f"n{number}")
                if node is None:
                    missing.add(number)
                    continue
                what = f"{field} of {WHAT[kind]} #{number}"
                connection = self.connection(node, field, what)
                self.emit_each(what, connection["nodes"], lambda item, number=number: [convert(item, number)])
                if connection["pageInfo"]["hasNextPage"]:
                    next_cursor = connection["pageInfo"].get("endCursor")
                    if not next_cursor or next_cursor == after:
                        self.warn(f"{what}: GitHub repeated the cursor {next_cursor!r}; the rest is read next run")
                    else:
                        more[number] = next_cursor
            if not more:
                return missing
            asked = more
        raise StreamStopped(f"{kind}: more than {MAX_PAGES} pages in one run")

    def reviews(self) -> None:
        pending = self.state["pending_reviews"]
        while pending:
            chunk = pending[: BATCH["pullRequest"]]
            for number in sorted(self.by_number("pullRequest", "reviews", chunk, nodes.review)):
                self.progress.note(f"note: pull request #{number} not found: its reviews are skipped")
            del pending[: len(chunk)]
            self.tick()

    def reactions(self) -> None:
        issues = self.state["reaction_issues"]
        gone: set[int] = set()
        for start in range(0, len(issues), BATCH["issue"]):
            gone |= self.by_number("issue", "reactions", issues[start : start + BATCH["issue"]], nodes.reaction)
            self.tick()
        for number in sorted(gone):  # an agenda entry naming an issue that does not exist (yet)
            self.progress.note(f"note: issue #{number} not found: no attendance read there")
        issues[:] = [number for number in issues if number not in gone]

    # ------------------------------------------------------------------ discussions

    def discussions(self) -> None:
        if not self.state.get("has_discussions"):
            return
        st = self.stream("discussions")
        since, known = st.get("since"), st.get("seen") or {}
        top, window = self.changed_discussions(since, known)
        changed = sorted(int(k) for k, at in window.items() if known.get(k) != at)
        for start in range(0, len(changed), BATCH["discussion"]):
            asked = dict.fromkeys(changed[start : start + BATCH["discussion"]])
            found = self.graphql(batch("discussion", asked), missing_ok=True)
            for number in asked:
                if found.get(f"n{number}") is not None:
                    self.emit_each("discussions", [found[f"n{number}"]], discussion_events)
            self.tick()
        since = self.later(since, top)
        st.clear()
        st.update(since=since, seen={k: v for k, v in sorted(window.items()) if since is None or v >= since})

    def changed_discussions(self, since: str | None, known: dict) -> tuple[str | None, dict[str, str]]:
        """Newest update first, down to the watermark: (newest update, {number: update} of those at or
        after the watermark)."""
        after: str | None = None
        top: str | None = None
        window: dict[str, str] = {}
        cursors: set[str] = set()
        for _ in range(MAX_PAGES):
            found = self.graphql(DISCUSSION_LIST_QUERY, {"first": 100, "after": after})
            connection = self.connection(found, "discussions", "discussions")
            stamps = [self.stamp_of(node, "discussions") for node in connection["nodes"]]
            top = max([at for _, at in stamps] + ([top] if top else []), default=None)
            fresh = [(number, at) for number, at in stamps if since is None or at >= since]
            window.update((str(number), at) for number, at in fresh)
            if len(fresh) < len(stamps) or not connection["pageInfo"]["hasNextPage"]:
                return top, window
            after = connection["pageInfo"].get("endCursor")
            if not after or after in cursors:
                raise StreamStopped(f"GitHub repeated the cursor {after!r}")
            cursors.add(after)
        raise StreamStopped(f"more than {MAX_PAGES} pages in one run")
