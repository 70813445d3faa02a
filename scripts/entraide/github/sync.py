"""`entraide sync`: read a repository's activity from GitHub into the event store, incrementally.

Reads, in this order, each resuming from its cursor in data/sync/state.json:
  1. the repository with If-Modified-Since (a 304 is free for any token): are Discussions on?
  2. /issues?since= (issues; pull requests are read from /pulls), oldest update first; 3. /pulls, newest
     update first, down to the watermark (sort-and-stop); a PR whose update is new is queued for its
     reviews; 4. the queued PRs' reviews through GraphQL, 100 PRs per query (`batched`);
  5. /issues/comments?since= and /pulls/comments?since=, oldest update first;
  6. /issues/events (label changes with who made them, closings), newest first, down to the last id;
  7. reactions on issues labelled `event` and the agenda's issues (attendance), 100 issues per GraphQL query;
  8. Discussions: their list by update (GraphQL) down to the watermark, then the changed ones whole;
  9. deletions: the threads with a comment stored in the last 14 days, their comment ids through GraphQL
     (100 threads per query); a stored comment gone from GitHub becomes a tombstone (`deletions`).
The economy rests on what holds for any token: `since=` watermarks, sort-and-stop, If-Modified-Since and
GraphQL batches; ETags are a bonus when the same token syncs again (`etags.EtagCache`, outside data/).
Ascending listings move their `since` to the last item read minus the overlap after each page (keyset
paging); newest-first listings remember the items inside the overlap with their update time.
Every loop has a bound; a listing that repeats a page link or a cursor stops with a warning, the run
goes on. Events, then the state, are saved every `checkpoint` pages (200) and at the end: a kill loses
at most the pages since the last checkpoint. Another repository's events are `tag`ged (partitions).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from entraide.events import store
from entraide.events.model import Event

from . import cursor
from . import normalize as n
from .batched import MAX_PAGES, Batched
from .client import Client, Page, Stopped, StreamStopped
from .deletions import RECHECK, Deletions
from .emitting import Emitter
from .progress import Progress

PER_PAGE = 100
REACTION_LABELS = frozenset({"event"})


@dataclass
class Report:
    added: int
    requests: int
    stopped: Stopped | None
    warnings: tuple[str, ...] = field(default=())


def shift(stamp: str, seconds: int) -> str:
    return (n.parse_at(stamp) + dt.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


class Sync(Emitter, Deletions, Batched):
    def __init__(
        self,
        client: Client,
        data_dir: Path,
        *,
        progress: Progress,
        overlap: int = 60,
        checkpoint: int = 200,
        attendance_issues: tuple[int, ...] = (),
        now: dt.datetime | None = None,
        recheck: dt.timedelta = RECHECK,
        tag: Callable[[Event], Event] | None = None,
    ):
        self.client, self.data_dir, self.progress = client, Path(data_dir), progress
        self.now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)  # the sync's clock
        self.recheck = recheck  # how far back deleted comments are looked for
        self.tag = tag  # another repository of the programme: its events carry it (events.partitions)
        self.overlap, self.checkpoint_every = overlap, checkpoint
        cursor.remove_partial_writes(self.data_dir)
        self.state = cursor.load(self.data_dir, client.repo)
        if client.etags is not None:
            client.etags.bind(cursor.dumps(self.state))
        for number in attendance_issues:  # agenda items' issues, labelled `event` or not
            self.attend(number)
        self.buffer: list = []
        self.warnings: list[str] = []
        self.added = self.emitted = self._pages = 0

    PHASES = (
        "repository",
        "issues",
        "pulls",
        "reviews",
        "issue_comments",
        "review_comments",
        "issue_events",
        "reactions",
        "discussions",
        "deletions",
    )

    def run(self) -> Report:
        """Every phase in order, from the one a budget stopped last time (so a small budget still moves
        on, though each listing costs a request even when nothing changed)."""
        stopped, phases = None, self.PHASES
        start = phases.index(self.state["resume"]) if self.state.get("resume") in phases else 0
        try:
            for name in phases[start:]:
                self.state["resume"] = name
                try:
                    getattr(self, name)()
                except StreamStopped as stop:
                    self.warn(f"{name.replace('_', ' ')}: {stop}; this listing resumes next run")
            del self.state["resume"]
        except Stopped as stop:
            stopped = stop
        finally:
            self.checkpoint()
        return Report(self.added, self.client.used, stopped, tuple(self.warnings))

    # ------------------------------------------------------------------ plumbing

    def read(self, name: str, path: str, params: dict | None, **conditions) -> Page:
        page = self.client.get(path, params, **conditions)
        self.progress.page(name, status=page.status, events=self.emitted, remaining=self.client.remaining)
        if page.status == 200 and not isinstance(page.data, list if path else dict):
            raise Stopped(
                f"{name}: GitHub answered {type(page.data).__name__} where a "
                f"{'list' if path else 'object'} was expected",
                failed=True,
            )
        if page.next_url and _same_url(page.next_url, page.url):
            raise StreamStopped(
                f"GitHub's next-page link points to the page just read ({self.client.redact(page.url)})"
            )
        return page

    def remember(self, page: Page | None) -> None:
        """Keep this token's ETag for a first page fully read (saved with the state, outside data/)."""
        if page is not None and page.status == 200 and page.etag and self.client.etags is not None:
            self.client.etags.put(page.url, page.etag)

    def warn(self, text: str) -> None:
        self.warnings.append(text)
        self.progress.note(f"warning: {text}")

    def tick(self) -> None:
        self._pages += 1
        if self._pages % self.checkpoint_every == 0 or len(self.buffer) >= 5000:
            self.checkpoint()

    def checkpoint(self) -> None:
        """Events first, then the cursors that account for them, then this token's ETags."""
        if self.buffer:
            self.added += store.append(self.data_dir, self.buffer, not_after=self.now)
            self.buffer = []
        cursor.save(self.data_dir, self.state)
        if self.client.etags is not None:
            self.client.etags.save(cursor.dumps(self.state))

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

    def attend(self, number: int) -> None:
        issues = self.state["reaction_issues"]
        if number not in issues:
            issues.append(number)
            issues.sort()

    # ------------------------------------------------------------------ REST phases

    def repository(self) -> None:
        page = self.read("repository", "", None, modified_since=self.state.get("repo_modified"))
        if page.status == 200:
            self.state["repo_modified"] = page.modified
            self.state["has_discussions"] = bool(page.data.get("has_discussions"))

    def issues(self) -> None:
        def handle(items):
            for item in items:
                if "pull_request" in item:
                    continue
                if REACTION_LABELS & set(n.label_names(item)):
                    self.attend(int(item["number"]))
                yield n.issue_opened(item)

        self.ascending("issues", "/issues", {"state": "all"}, handle)

    def issue_comments(self) -> None:
        self.ascending("issue comments", "/issues/comments", {}, lambda items: map(n.comment, items))

    def review_comments(self) -> None:
        self.ascending("review comments", "/pulls/comments", {}, lambda items: map(n.review_comment, items))

    def ascending(self, name: str, path: str, params: dict, handle) -> None:
        st = self.stream(name)
        since, page = st.get("since"), st.get("page", 1)
        for _ in range(MAX_PAGES):
            query = {**params, "sort": "updated", "direction": "asc", "per_page": PER_PAGE}
            query.update({"since": since} if since else {}, **({"page": page} if page > 1 else {}))
            result = self.read(name, path, query, conditional=page == 1)
            if result.status == 304:
                return
            self.emit_each(name, result.data, lambda item: handle([item]))
            if not result.next_url or not result.data:
                st.clear()
                st.update(since=since)  # the same URL next run: this token's ETag can answer 304
                self.remember(result if page == 1 else None)
                return self.tick()
            stamps = [self.capped(self.field(item, "updated_at")) for item in result.data]
            last = max((at for at in stamps if at), default=None)
            step = shift(last, -self.overlap) if last else None
            since, page = (step, 1) if step and (since is None or step > since) else (since, page + 1)
            st.clear()
            st.update(since=since, page=page)
            self.tick()
        raise StreamStopped(f"more than {MAX_PAGES} pages in one run")

    def pulls(self) -> None:
        st = self.stream("pulls")
        since, known, run = st.get("since"), st.get("seen") or {}, st.get("pass") or {}
        page, top, window = run.get("page", 1), run.get("top"), dict(run.get("window") or {})
        first = None
        for _ in range(MAX_PAGES):
            query = {"state": "all", "sort": "updated", "direction": "desc", "per_page": PER_PAGE}
            params = {**query, **({"page": page} if page > 1 else {})}
            result = self.read("pulls", "/pulls", params, conditional=page == 1 and not run)
            if result.status == 304:
                return
            first = result if page == 1 else first
            dated = self.dated("pulls", result.data)
            top = max([at for _, at in dated] + ([top] if top else []), default=None)
            fresh = [(pr, at) for pr, at in dated if since is None or at >= since]
            for pr, at in fresh:
                number = str(self.field(pr, "number"))
                if known.get(number) != at:  # new, or changed since it was read
                    self.emit_each("pulls", [pr], n.pull_events)
                    self.queue_reviews(int(number))
                window[number] = at
            edge = shift(top, -self.overlap) if top else ""
            window = {k: v for k, v in window.items() if v >= edge}
            if len(fresh) < len(dated) or not result.next_url or not result.data:
                since = self.later(since, top)
                st.clear()
                st.update(since=since, seen={k: v for k, v in sorted(window.items()) if since is None or v >= since})
                self.remember(first)
                return self.tick()
            page += 1
            st["pass"] = {"page": page, "top": top, "window": dict(sorted(window.items()))}
            self.tick()
        raise StreamStopped(f"more than {MAX_PAGES} pages in one run")

    def queue_reviews(self, number: int) -> None:
        pending = self.state["pending_reviews"]
        if number not in pending:
            pending.append(number)
            pending.sort()

    def issue_events(self) -> None:
        st = self.stream("issue events")
        last, run = st.get("last_id", 0), st.get("pass") or {}
        page, top, first = run.get("page", 1), run.get("top"), None
        for _ in range(MAX_PAGES):
            params = {"per_page": PER_PAGE, **({"page": page} if page > 1 else {})}
            result = self.read("issue events", "/issues/events", params, conditional=page == 1 and not run)
            if result.status == 304:
                return
            first = result if page == 1 else first
            ids = [self.field(item, "id") for item in result.data]
            top = max(ids + [top or 0, last])  # whatever the order of pages
            fresh = [item for item, number in zip(result.data, ids) if number > last]
            self.emit_each("issue events", fresh, lambda item: [n.issue_event(item)])
            if len(fresh) < len(result.data) or not result.next_url or not result.data:
                st.clear()
                st.update(last_id=top)
                self.remember(first)
                return self.tick()
            page += 1
            st["pass"] = {"page": page, "top": top}
            self.tick()
        raise StreamStopped(f"more than {MAX_PAGES} pages in one run")


def _same_url(one: str, other: str) -> bool:
    a, b = urlsplit(one), urlsplit(other)
    same = (a.netloc, a.path.rstrip("/"), sorted(parse_qsl(a.query)))
    return same == (b.netloc, b.path.rstrip("/"), sorted(parse_qsl(b.query)))
