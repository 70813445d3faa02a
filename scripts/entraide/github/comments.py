"""Comments and labels on issues and pull requests through github3.py, spaced and retried within GitHub's secondary rate limits."""

from __future__ import annotations

import time
from collections.abc import Callable

from entraide.github.markers import marker
from entraide.github.repository import WriteFailed


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
        return [item.filename for item in self.repository.pull_request(number).files()]

    def issue(self, number: int):
        if number not in self._issues:
            self._issues[number] = self.repository.issue(number)
        return self._issues[number]

    def find(self, number: int, key: str):
        """The bot's own comment carrying this key's marker, if any."""
        if number not in self._comments:
            self._comments[number] = list(self.issue(number).comments())
        tag = marker(key)
        for comment in self._comments[number]:
            author = comment.user.login if comment.user else ""
            if tag in (comment.body or "") and (author in self.bot_logins or author.endswith("[bot]")):
                return comment
        return None

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
