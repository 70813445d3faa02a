"""`entraide sync`: read a repository's activity from GitHub into the event store, incrementally.

Reads, in this order, each resuming from its cursor in data/sync/state.json:
  1. the repository (conditional; tells whether Discussions are on);
  2. /issues?since= (issues; pull requests are read from /pulls), oldest update first;
  3. /pulls, newest update first, down to the cursor; each PR seen is queued for its reviews;
  4. /pulls/{n}/reviews for each queued PR, with its own ETag;
  5. /issues/comments?since= and /pulls/comments?since=, oldest update first;
  6. /issues/events (label changes with who made them, closings), newest first, down to the last id;
  7. /issues/{n}/reactions for issues labelled `event` and the agenda's issues (attendance), with
     their ETags;
  8. Discussions through GraphQL, newest update first, down to the cursor;
  9. comments deleted since they were stored, on recently active threads (`deletions`).
Ascending listings move their `since` to the last item read minus the overlap window after each page
(keyset paging: robust to items changing during the read). The last request of a finished pass keeps
its ETag: when nothing changed, the next run's first request answers 304, which costs nothing.
Events are appended, then the state saved, every `checkpoint` pages (200) and at the end; a kill loses at
most the pages since the last checkpoint, which the next run reads again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from entraide.events import store

from . import cursor, deletions
from . import normalize as n
from .client import Client, NotFound, Page, Stopped
from .discussions import discussion_events
from .progress import Progress
from .queries import DISCUSSIONS_QUERY

PER_PAGE = 100
REACTION_LABELS = frozenset({"event"})


@dataclass
class Report:
    added: int
    requests: int
    stopped: Stopped | None


def shift(stamp: str, seconds: int) -> str:
    return (n.parse_at(stamp) + dt.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


class Sync:
    def __init__(
        self,
        client: Client,
        data_dir: Path,
        *,
        progress: Progress,
        overlap: int = 60,
        checkpoint: int = 200,
        attendance_issues: tuple[int, ...] = (),
        recheck_days: int = 14,
    ):
        self.client, self.data_dir, self.progress = client, Path(data_dir), progress
        self.overlap, self.checkpoint_every, self.recheck_days = overlap, checkpoint, recheck_days
        cursor.remove_partial_writes(self.data_dir)
        self.state = cursor.load(self.data_dir, client.repo)
        for number in attendance_issues:  # agenda items' issues, labelled `event` or not
            self.state["reaction_issues"].setdefault(str(number), None)
        self.buffer: list = []
        self.added = self.emitted = self._pages = 0

    def run(self) -> Report:
        stopped = None
        try:
            for phase in (
                self.repository,
                self.issues,
                self.pulls,
                self.reviews,
                self.issue_comments,
                self.review_comments,
                self.issue_events,
                self.reactions,
                self.discussions,
                self.deleted_comments,
            ):
                phase()
        except Stopped as stop:
            stopped = stop
        finally:
            self.checkpoint()
        return Report(self.added, self.client.used, stopped)

    # ------------------------------------------------------------------ plumbing

    def read(self, name: str, path: str, params: dict | None, etag: str | None = None) -> Page:
        page = self.client.get(path, params, etag=etag)
        self.progress.page(name, status=page.status, events=self.emitted, remaining=self.client.remaining)
        if page.status == 200 and not isinstance(page.data, list if path else dict):
            raise Stopped(
                f"{name}: GitHub answered {type(page.data).__name__} where a "
                f"{'list' if path else 'object'} was expected",
                failed=True,
            )
        return page

    def emit(self, events) -> None:
        before = len(self.buffer)
        try:
            self.buffer.extend(event for event in events if event is not None)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            # A JSON answer not shaped like GitHub's: like a server error, stop and read it again later.
            raise Stopped(
                f"GitHub answered an object the sync cannot read ({type(error).__name__}: {str(error)[:100]})",
                failed=True,
            ) from None
        self.emitted += len(self.buffer) - before

    def tick(self) -> None:
        self._pages += 1
        if self._pages % self.checkpoint_every == 0 or len(self.buffer) >= 5000:
            self.checkpoint()

    def checkpoint(self) -> None:
        """Events first, then the cursors that account for them."""
        if self.buffer:
            self.added += store.append(self.data_dir, self.buffer)
            self.buffer = []
        cursor.save(self.data_dir, self.state)

    @staticmethod
    def field(item, name: str):
        """A field every listed item has; without it the answer is not GitHub's: stop, read it later."""
        if not isinstance(item, dict) or item.get(name) is None:
            raise Stopped(f"GitHub answered an item without {name!r}", failed=True)
        return item[name]

    def later(self, since: str | None, top: str | None) -> str | None:
        """The next cursor of a newest-first listing: the newest update read, minus the overlap; never back."""
        step = shift(top, -self.overlap) if top else None
        return step if since is None or (step is not None and step > since) else since

    def stream(self, name: str) -> dict:
        return self.state["streams"].setdefault(name, {})

    # ------------------------------------------------------------------ phases

    def repository(self) -> None:
        page = self.read("repository", "", None, self.state.get("repo_etag"))
        if page.status == 200:
            self.state["repo_etag"] = page.etag
            self.state["has_discussions"] = bool(page.data.get("has_discussions"))

    def issues(self) -> None:
        def handle(items):
            for item in items:
                if "pull_request" in item:
                    continue
                if REACTION_LABELS & set(n.label_names(item)):
                    self.state["reaction_issues"].setdefault(str(item["number"]), None)
                yield n.issue_opened(item)

        self.ascending("issues", "/issues", {"state": "all"}, handle)

    def issue_comments(self) -> None:
        self.ascending("issue comments", "/issues/comments", {}, lambda items: map(n.comment, items))

    def review_comments(self) -> None:
        self.ascending("review comments", "/pulls/comments", {}, lambda items: map(n.review_comment, items))

    def ascending(self, name: str, path: str, params: dict, handle) -> None:
        st = self.stream(name)
        since, page = st.get("since"), st.get("page", 1)
        etag = st.get("etag") if page == 1 else None
        while True:
            query = {**params, "sort": "updated", "direction": "asc", "per_page": PER_PAGE}
            query.update({"since": since} if since else {}, **({"page": page} if page > 1 else {}))
            result = self.read(name, path, query, etag)
            etag = None
            if result.status == 304:
                return
            self.emit(handle(result.data))
            if not result.next_url or not result.data:
                st.clear()
                st.update({"since": since, "etag": result.etag if page == 1 else None})
                return self.tick()
            step = shift(self.field(result.data[-1], "updated_at"), -self.overlap)
            since, page = (step, 1) if since is None or step > since else (since, page + 1)
            st.clear()
            st.update(since=since, page=page)
            self.tick()

    def pulls(self) -> None:
        st = self.stream("pulls")
        since, run = st.get("since"), st.get("pass") or {}
        page, top, first_etag = run.get("page", 1), run.get("top"), run.get("etag")
        etag = None if run else st.get("etag")
        while True:
            query = {"state": "all", "sort": "updated", "direction": "desc", "per_page": PER_PAGE}
            result = self.read("pulls", "/pulls", {**query, **({"page": page} if page > 1 else {})}, etag)
            etag = None
            if result.status == 304:
                return
            if page == 1:
                first_etag = result.etag
            updated = [self.field(pr, "updated_at") for pr in result.data]
            top = max(updated + ([top] if top else []), default=None)
            fresh = [pr for pr, at in zip(result.data, updated) if since is None or at >= since]
            for pr in fresh:
                self.emit(n.pull_events(pr))
                self.queue_reviews(pr["number"])
            if len(fresh) < len(result.data) or not result.next_url:
                st.clear()
                st.update(since=self.later(since, top), etag=first_etag)
                return self.tick()
            page += 1
            st["pass"] = {"page": page, "top": top, "etag": first_etag}
            self.tick()

    def queue_reviews(self, number: int) -> None:
        pending = self.state["pending_reviews"]
        if number not in pending:
            pending.append(number)
            pending.sort()

    def reviews(self) -> None:
        pending, etags = self.state["pending_reviews"], self.state["review_etags"]
        while pending:
            number = pending[0]
            try:
                etags[str(number)] = self.read_all(
                    f"reviews of #{number}", f"/pulls/{number}/reviews", etags.get(str(number)), n.review
                )
            except NotFound:  # gone since it was listed (deleted or transferred): nothing left to read
                self.progress.note(f"note: pull request #{number} not found: its reviews are skipped")
            pending.pop(0)
            self.tick()

    def read_all(self, name: str, path: str, etag: str | None, convert) -> str | None:
        """Every page of a small listing; returns the first page's ETag (kept when 304)."""
        result = self.read(name, path, {"per_page": PER_PAGE}, etag)
        if result.status == 304:
            return etag
        first_etag = result.etag
        while True:
            self.emit(convert(item) for item in result.data)
            if not result.next_url:
                return first_etag
            result = self.read(name, result.next_url, None)

    def issue_events(self) -> None:
        st = self.stream("issue events")
        last, run = st.get("last_id", 0), st.get("pass") or {}
        page, top, first_etag = run.get("page", 1), run.get("top"), run.get("etag")
        etag = None if run else st.get("etag")
        while True:
            params = {"per_page": PER_PAGE, **({"page": page} if page > 1 else {})}
            result = self.read("issue events", "/issues/events", params, etag)
            etag = None
            if result.status == 304:
                return
            if page == 1:
                first_etag = result.etag
            ids = [self.field(item, "id") for item in result.data]
            top = max(ids + [top or 0, last])  # whatever the order of pages
            fresh = [item for item, number in zip(result.data, ids) if number > last]
            self.emit(map(n.issue_event, fresh))
            if len(fresh) < len(result.data) or not result.next_url:
                st.clear()
                st.update(last_id=top, etag=first_etag)
                return self.tick()
            page += 1
            st["pass"] = {"page": page, "top": top, "etag": first_etag}
            self.tick()

    def reactions(self) -> None:
        issues = self.state["reaction_issues"]
        for number in sorted(issues, key=int):
            try:
                issues[number] = self.read_all(
                    f"reactions on #{number}",
                    f"/issues/{number}/reactions",
                    issues[number],
                    lambda r, k=int(number): n.reaction(r, k),
                )
            except NotFound:  # an agenda entry naming an issue that does not exist (yet)
                del issues[number]
                self.progress.note(f"note: issue #{number} not found: no attendance read there")
            self.tick()

    def discussions(self) -> None:
        if not self.state.get("has_discussions"):
            return
        st = self.stream("discussions")
        since, after, top = st.get("since"), None, None
        owner, name = self.client.repo.split("/", 1)
        while True:
            data = self.client.graphql(DISCUSSIONS_QUERY, {"owner": owner, "name": name, "first": 25, "after": after})
            self.progress.page("discussions", status=200, events=self.emitted, remaining=self.client.remaining)
            connection = ((data or {}).get("repository") or {}).get("discussions")
            if not isinstance(connection, dict) or not isinstance(connection.get("nodes"), list):
                raise Stopped("discussions: GitHub's GraphQL answer has no discussions", failed=True)
            nodes = connection["nodes"]
            top = max([d["updatedAt"] for d in nodes] + ([top] if top else []), default=None)
            fresh = [d for d in nodes if since is None or d["updatedAt"] >= since]
            for node in fresh:
                self.emit(discussion_events(node))
            if len(fresh) < len(nodes) or not connection["pageInfo"]["hasNextPage"]:
                st["since"] = self.later(since, top)
                return self.tick()
            after = connection["pageInfo"]["endCursor"]

    def deleted_comments(self) -> None:
        self.checkpoint()  # what this run read is stored before comparing with GitHub's listings
        deletions.recheck(self, store.load(self.data_dir), days=self.recheck_days)
