"""The community bot's GitHub access: issues and comments as plain JSON, and writes made once.

Reads go through `entraide.github.client.Client` (github3.py's session, with its retries and rate-limit
waits) as plain JSON: github3's issue and comment models fail on a deleted account (`user: null`), which
a join form or a report may well come from. Writes are spaced and never retried blindly (a 502 may hide
a comment that was posted; the next run finds its marker): only secondary rate limits are waited out.
A write whose outcome is unknown (5xx, a reset or timed-out connection, an answer cut short) raises
`Unconfirmed`, about that one item: the caller warns and goes on.
"""

from __future__ import annotations

import time
from typing import Any

from entraide.content.errors import Problem, UserError
from entraide.events.model import is_bot_account
from entraide.github.markers import marker

PER_PAGE = 100
MAX_PAGES = 1000


def is_bot(user: dict[str, Any] | None, bot_logins: frozenset[str]) -> bool:
    if not user:
        return False
    return is_bot_account(str(user.get("login") or ""), user.get("type"), bot_logins)


class GitHubIssues:
    """Issues and comments of one repository: reads through the sync's client, spaced writes."""

    def __init__(self, client, *, bot_logins: frozenset[str], delay: float, max_wait: float = 120.0, sleep=time.sleep):
        self.client, self.bot_logins, self.delay, self.max_wait, self.sleep = client, bot_logins, delay, max_wait, sleep
        self._comments: dict[int, list[dict]] = {}
        self._last_write = 0.0

    def pages(self, path: str, params: dict | None = None) -> list[dict]:
        """Every page, following GitHub's next links (the client refuses links to another host); a link
        already followed, or more than MAX_PAGES pages, stops the run instead of looping."""
        from entraide.github.client import StreamStopped

        items: list[dict[str, Any]] = []
        url: str | None = path
        params, seen = {"per_page": PER_PAGE, **(params or {})}, set()
        for _ in range(MAX_PAGES):
            page = self.client.get(url, params)
            items += page.data or []
            seen.add(page.url)
            url, params = page.next_url, None  # the next link carries the query
            if not url:
                return items
            if url in seen:
                raise StreamStopped(f"{path}: GitHub's next-page link repeats a page already read")
        raise StreamStopped(f"{path}: more than {MAX_PAGES} pages")

    def issue(self, number: int) -> dict | None:
        """The issue as GitHub has it now; None when it is gone (deleted or transferred: 404)."""
        from entraide.github.client import NotFound

        try:
            return self.client.get(f"/issues/{number}").data
        except NotFound:
            return None  # the repository itself was checked first, so a 404 here is this issue's

    def user_exists(self, login: str) -> bool:
        """False when GitHub has no such account (deleted: 404)."""
        from entraide.github.client import NotFound

        try:
            self.client.get(f"{self.client.api}/users/{login}")
        except NotFound:
            return False
        return True

    def find_comment(self, number: int, key: str) -> dict | None:
        if number not in self._comments:
            self._comments[number] = self.pages(f"/issues/{number}/comments")
        return next(
            (
                c
                for c in self._comments[number]
                if marker(key) in (c.get("body") or "") and is_bot(c.get("user"), self.bot_logins)
            ),
            None,
        )

    def find_issue(self, label: str, key: str) -> dict | None:
        issues = self.pages("/issues", {"labels": label, "state": "all"})
        return next(
            (i for i in issues if marker(key) in (i.get("body") or "") and is_bot(i.get("user"), self.bot_logins)), None
        )

    def comment(self, number: int, body: str) -> dict:
        comment = self.write("POST", f"/issues/{number}/comments", {"body": body})
        self._comments.setdefault(number, []).append(comment)
        return comment

    def open_issue(self, title: str, body: str, label: str) -> dict:
        return self.write("POST", "/issues", {"title": title, "body": body, "labels": [label]})

    def assign(self, issue: dict, logins: tuple[str, ...]) -> None:
        current = {a["login"] for a in issue.get("assignees") or () if a}
        if not set(logins) <= current:
            self.write("PATCH", f"/issues/{issue['number']}", {"assignees": sorted(current | set(logins))[:10]})

    def write(self, method: str, path: str, payload: dict) -> dict:
        """One spaced write, never retried blindly: `Unconfirmed` when GitHub may or may not have done it
        (the next run looks for the marker)."""
        url = self.client.url(path)
        for attempt in range(4):
            response = self._send(method, url, path, payload)
            if response.status_code < 400:
                return _written(response, method, path)
            wait = secondary_wait(response)
            if wait is None or attempt == 3 or wait > self.max_wait:
                raise self._failure(response, method, path)
            self.sleep(wait)
        raise AssertionError("unreachable")

    def _send(self, method: str, url: str, path: str, payload: dict):
        from entraide.github.client import RETRYABLE

        pause = self.delay - (time.monotonic() - self._last_write)
        if pause > 0:
            self.sleep(pause)
        try:
            return self.client.session.request(method, url, json=payload)
        except RETRYABLE as error:  # reset, refused, timed out: it may have been written
            raise Unconfirmed(f"{type(error).__name__} on {method} {path} ({_cause(error)})") from None
        finally:
            self._last_write = time.monotonic()

    def _failure(self, response, method: str, path: str) -> Exception:
        status, message = response.status_code, self.client.redact(_message(response))
        if status >= 500:
            return Unconfirmed(f"GitHub answered {status} to {method} {path}")
        permission = response.headers.get("x-accepted-github-permissions")
        if status in (404, 410, 422) or (status == 403 and not permission):
            return Refused(f"{status} {message}".strip())  # this issue's state, e.g. locked
        needed = f": the token needs the permission {permission}" if permission else ""
        return UserError(Problem(path="GitHub", message=f"GitHub refused {method} {path} ({status} {message}){needed}"))


def _message(response) -> str:
    try:
        return str(response.json().get("message", ""))
    except (ValueError, AttributeError):
        return response.text[:200]


def _written(response, method: str, path: str) -> dict:
    try:
        return response.json() if response.content else {}
    except ValueError:  # GitHub wrote it, or not: the answer was cut short
        raise Unconfirmed(f"an unreadable answer to {method} {path}") from None


def _cause(error: Exception) -> str:
    """The innermost reason of a connection error, e.g. 'Connection reset by peer'."""
    inner: BaseException = error
    for _ in range(5):
        deeper = inner.args[-1] if inner.args else getattr(inner, "reason", None)
        if not isinstance(deeper, BaseException):
            break
        inner = deeper
    return str(inner)[:160]


class Unconfirmed(Exception):
    """A write whose outcome is unknown (5xx, a reset connection, an answer cut short): that item is
    tried again next run, after looking for its marker."""


class Refused(Exception):
    """GitHub will not take this write on this issue (locked, deleted, invalid): skip it, go on."""


def secondary_wait(response) -> float | None:
    """Seconds to wait for a secondary rate limit (nothing was written); None for any other answer."""
    if response.status_code not in (403, 429):
        return None
    retry_after = response.headers.get("retry-after", "")
    if retry_after.isdigit():
        return float(retry_after)
    return 60.0 if response.status_code == 429 or "secondary rate limit" in response.text.lower() else None
