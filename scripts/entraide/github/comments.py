"""Comments and labels on issues and pull requests through github3.py, spaced and retried within GitHub's secondary rate limits."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlsplit

from github3.issues.comment import IssueComment

from entraide.github.markers import marker
from entraide.github.repository import WriteFailed

MAX_COMMENT_PAGES = 50  # 5,000 comments on one thread: beyond, the bot stops looking


class Writer:
    """Comments and labels through github3.py, spaced and retried within GitHub's secondary limits."""

    def __init__(
        self,
        repository,
        *,
        bot_logins: frozenset[str],
        delay: float,
        managed: Callable[[str], bool],
        max_wait: float = 120.0,
        max_writes: int = 150,
    ):
        self.repository = repository
        self.managed = managed  # the labels the bot owns; it never touches the others
        self.writes_left = max_writes
        self.bot_logins = bot_logins
        self.delay = delay
        self.max_wait = max_wait
        self._issues: dict[int, object] = {}
        self._comments: dict[int, list] = {}
        self._last_write = 0.0

    def files(self, number: int) -> list[str]:
        try:
            return [item.filename for item in self.repository.pull_request(number).files()]
        except (TypeError, KeyError, AttributeError) as error:  # an answer github3 cannot model
            raise Unreadable(f"an unexpected answer ({type(error).__name__})") from None

    def issue(self, number: int):
        if number not in self._issues:
            try:
                self._issues[number] = self.repository.issue(number)
            except (TypeError, KeyError, AttributeError) as error:
                raise Unreadable(f"an unexpected answer ({type(error).__name__})") from None
        return self._issues[number]

    def find(self, number: int, key: str):
        """The bot's own comment carrying this key's marker, if any."""
        if number not in self._comments:
            self._comments[number] = self._bot_comments(self.issue(number))
        tag = marker(key)
        return next((comment for comment in self._comments[number] if tag in (comment.body or "")), None)

    def _bot_comments(self, issue) -> list:
        """The bot's comments on a thread, read as plain JSON: a comment by a deleted account
        (`user: null`), which github3 cannot model, is only someone else's comment."""
        found: list = []
        seen: set[str] = set()
        url = issue.comments_url
        while url and url not in seen and len(seen) < MAX_COMMENT_PAGES:
            seen.add(url)
            response = issue._get(url, params=None if "?" in url else {"per_page": 100})
            items = issue._json(response, 200) or []
            for item in items if isinstance(items, list) else []:
                author = (item.get("user") or {}).get("login") or "" if isinstance(item, dict) else ""
                if author in self.bot_logins or author.endswith("[bot]"):
                    found.append(IssueComment(item, issue.session))
            url = _same_origin(response.links.get("next", {}).get("url"), issue.comments_url)
        return found

    def post(self, number: int, body: str):
        comment = self._write(lambda: self.issue(number).create_comment(body))
        self._comments.setdefault(number, []).append(comment)
        return comment

    def edit(self, comment, body: str) -> None:
        if comment.body != body:
            self._write(lambda: comment.edit(body))

    def relabel(self, number: int, *, want: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Bring the bot-managed labels to `want`, judged on GitHub's labels; (added, removed)."""
        issue = self.issue(number)
        current = {label.name for label in issue.original_labels or ()}
        missing = tuple(sorted(set(want) - current))
        extra = tuple(sorted(name for name in current - set(want) if self.managed(name)))
        if missing:
            self._write(lambda: issue.add_labels(*missing))
        for name in extra:
            self._write(lambda name=name: issue.remove_label(name))
        return missing, extra

    def _write(self, call):
        if self.writes_left <= 0:
            raise WritesSpent()
        self.writes_left -= 1
        for attempt in range(4):
            pause = self.delay - (time.monotonic() - self._last_write)
            if pause > 0:
                time.sleep(pause)
            try:
                return call()
            except WriteFailed as error:
                wait = _secondary_wait(error)
                if wait is None or attempt == 3 or wait > self.max_wait:
                    raise
                time.sleep(wait)
            finally:
                self._last_write = time.monotonic()


def _same_origin(url: str | None, origin: str) -> str | None:
    """`url` when it is on the API's own scheme and host (the token is never sent elsewhere)."""
    if not url:
        return None
    ours, theirs = urlsplit(origin), urlsplit(url)
    return url if (ours.scheme, ours.netloc) == (theirs.scheme, theirs.netloc) else None


class Unreadable(Exception):
    """GitHub answered with something that is not the object asked for: that one object is skipped."""


class WritesSpent(Exception):
    """This run's share of writes is used: the rest waits for the next run (GitHub allows about 500
    content-creating requests an hour)."""


def _secondary_wait(error) -> float | None:
    """Seconds to wait for a secondary rate limit; None for any other error."""
    response = getattr(error, "response", None)
    if response is None or response.status_code not in (403, 429):
        return None
    retry_after = response.headers.get("retry-after")
    if retry_after and retry_after.isdigit():
        return float(retry_after)
    return 60.0 if "secondary rate limit" in str(error).lower() or response.status_code == 429 else None
