"""The authenticated github3.py session, and how reads survive GitHub's bad moments.

`Client.get()` returns a `Page` or raises:
  - `Stopped` when the sync must stop cleanly and resume next run: this run's request budget is spent,
    the rate limit resets later than the wait budget allows, or GitHub kept failing after the retries;
  - `UserError` when retrying cannot help: bad token (401), missing permission (403 without rate-limit
    signs, naming the permission from `x-accepted-github-permissions`), repository not found (404).
Retried with exponential backoff and full jitter: 5xx, timeouts, refused or reset connections, bodies
that are not JSON (an HTML error page, a truncated answer). Secondary rate limits (403/429 with
`retry-after`, or saying so) wait `retry-after` seconds, else one minute doubling; the primary limit
(`x-ratelimit-remaining: 0`) waits for `x-ratelimit-reset`. All waits come out of one wait budget.
The token is never printed: every message goes through `redact()`.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import github3
import requests

from entraide.content.errors import Problem, UserError

from .etags import EtagCache

RETRYABLE = (
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,
    requests.exceptions.ContentDecodingError,
)


class Stopped(Exception):
    """Stop now, keep what was read; the next run resumes from the saved cursors."""

    def __init__(self, reason: str, *, failed: bool = False):
        super().__init__(reason)
        self.reason, self.failed = reason, failed


class NotFound(UserError):
    """GitHub answered 404: the repository, or the object asked for, does not exist for this token."""


class StreamStopped(Stopped):
    """One listing cannot go on this run (a repeated cursor or page, a link to another host): the sync
    warns, keeps that listing's cursor where it was, and goes on with the others; elsewhere it is a
    failed stop like any other."""

    def __init__(self, reason: str):
        super().__init__(reason, failed=True)


@dataclass
class Page:
    status: int  # 200, or 304 when unchanged (If-None-Match or If-Modified-Since; nothing spent)
    data: Any
    etag: str | None
    next_url: str | None
    url: str = ""
    modified: str | None = None  # Last-Modified, where GitHub sends it (single objects)


class Client:
    def __init__(
        self,
        repo: str,
        token: str,
        *,
        api_url: str | None = None,
        budget: int = 900,
        graphql_budget: int = 100,
        max_wait: float = 600,
        retries: int = 5,
        timeout: float = 30,
        backoff: float = 1.0,
        floor: float = 1.0,
        etags: EtagCache | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        rng: random.Random | None = None,
    ):
        self.repo, self.token = repo, token
        gh = github3.GitHubEnterprise(api_url, token=token) if api_url else github3.GitHub(token=token)
        self.session = gh.session
        self.session.default_read_timeout = self.session.default_connect_timeout = timeout
        self.api = self.session.base_url.rstrip("/")
        self.graphql_url = (api_url.rstrip("/") + "/api/graphql") if api_url else self.api + "/graphql"
        self.origin = _origin(self.api)
        self.budget, self.max_wait, self.retries, self.backoff = budget, max_wait, retries, backoff
        self.graphql_budget, self.floor = graphql_budget, floor
        self.sleep, self.clock, self.rng = sleep, clock, rng or random.Random()
        self.etags = etags
        self.used = 0  # counted REST requests this run (not 304s)
        self.waited = 0.0
        self.secondary_hits = 0
        self.graphql_used = 0
        self.remaining: int | None = None

    def redact(self, text: str) -> str:
        return text.replace(self.token, "***") if self.token else text

    def url(self, path: str) -> str:
        url = path if path.startswith(("http://", "https://")) else f"{self.api}/repos/{self.repo}{path}"
        if _origin(url) != self.origin:  # the token goes to GitHub's API and nowhere else
            raise StreamStopped(f"a link points outside {self.origin} ({self.redact(_origin(url))}): not followed")
        return url

    # ------------------------------------------------------------------ requests

    def get(
        self, path: str, params: dict | None = None, *, conditional: bool = False, modified_since: str | None = None
    ) -> Page:
        """One GET. `conditional`: send the ETag this token got last time for the same URL (a 304 then
        means the answer is the one already read); `modified_since`: If-Modified-Since, for any token."""
        url = self.url(path)
        key = requests.Request("GET", url, params=params).prepare().url or url
        etag = self.etags.get(key) if conditional and self.etags else None
        headers = {"If-None-Match": etag} if etag else {}
        headers.update({"If-Modified-Since": modified_since} if modified_since else {})
        response, data = self._send("GET", url, params=params, headers=headers)
        if response.status_code == 304:
            return Page(304, None, etag, None, key, modified_since)
        if conditional and self.etags is not None and response.headers.get("ETag"):
            self.etags.put(key, response.headers["ETag"])
        next_url = response.links.get("next", {}).get("url")
        if next_url and _origin(next_url) != self.origin:
            raise StreamStopped(f"{self._where(url)}: the next page is on another host: not followed")
        return Page(
            response.status_code,
            data,
            response.headers.get("ETag"),
            next_url,
            key,
            response.headers.get("Last-Modified"),
        )

    def graphql(self, query: str, variables: dict, *, missing_ok: bool = False) -> dict:
        """One GraphQL query, counted against its own budget. `missing_ok`: NOT_FOUND errors on some
        aliases leave those null instead of failing the query."""
        if self.graphql_used >= self.graphql_budget:
            raise Stopped(f"GraphQL budget of this run spent ({self.graphql_budget} queries)")
        used = self.used
        self.graphql_used += 1
        try:
            _, data = self._send("POST", self.graphql_url, json={"query": query, "variables": variables})
        finally:
            self.used = used  # GraphQL points are not REST requests
        errors = (data.get("errors") or []) if isinstance(data, dict) else []
        blocking = [e for e in errors if not (missing_ok and isinstance(e, dict) and e.get("type") == "NOT_FOUND")]
        if not isinstance(data, dict) or blocking or not isinstance(data.get("data"), dict):
            messages = "; ".join(str(e.get("message", "?")) for e in blocking if isinstance(e, dict)) or "no data"
            raise Stopped(f"GitHub GraphQL refused the query: {self.redact(messages)}", failed=True)
        return data["data"]

    def _send(self, method: str, url: str, **kwargs) -> tuple[requests.Response, Any]:
        attempt = 0  # failures so far; waits for rate limits are bounded by the wait budget instead
        limited = 0  # rate-limit answers in a row for this request
        while True:
            if self.used >= self.budget:
                raise Stopped(f"request budget of this run spent ({self.budget} requests)")
            if limited > 10:
                raise Stopped(f"{self._where(url)}: still rate limited after {limited} waits", failed=True)
            try:
                response = self.session.request(method, url, **kwargs)
            except RETRYABLE as error:
                self._retry_later(attempt, f"{type(error).__name__} on {self._where(url)}")
                attempt += 1
                continue
            self._note_rate(response)
            verdict, data = self._judge(response, url, attempt)
            if verdict == "ok":
                return response, data
            attempt += verdict == "failed"
            limited += verdict == "waited"

    def _judge(self, response: requests.Response, url: str, attempt: int) -> tuple[str, Any]:
        """("ok", data) when usable; ("waited"|"failed", None) when it should be asked again."""
        status = response.status_code
        if status == 304:
            return "ok", None
        self.used += 1
        if status in (403, 429) and self._rate_limited(response):
            return "waited", None
        if status >= 500:
            self._retry_later(attempt, f"GitHub answered {status} on {self._where(url)}")
            return "failed", None
        if status >= 400:
            raise (NotFound if status == 404 else UserError)(self._refusal(response, url))
        try:
            return "ok", response.json()
        except ValueError:
            kind = response.headers.get("Content-Type", "?").split(";")[0]
            self._retry_later(attempt, f"unreadable {kind} body from {self._where(url)}")
            return "failed", None

    # ------------------------------------------------------------------ waiting

    def _retry_later(self, attempt: int, what: str) -> None:
        if attempt >= self.retries:
            raise Stopped(f"{self.redact(what)}; gave up after {self.retries + 1} attempts", failed=True)
        self._wait(self.rng.uniform(0, self.backoff * 2**attempt), what)

    def _backoff(self, at_least: float, hits: int) -> float:
        """At least `at_least` and the floor, doubling with each hit in a row, plus up to 10 % jitter."""
        base = max(at_least, self.floor * 2 ** (hits - 1))
        return base + self.rng.uniform(0, base / 10)

    def _wait(self, seconds: float, what: str) -> None:
        if self.waited + seconds > self.max_wait:
            raise Stopped(
                f"{self.redact(what)}; waiting {seconds:.0f} s more would exceed the wait "
                f"budget ({self.max_wait:.0f} s)"
            )
        self.waited += seconds
        self.sleep(seconds)

    def _note_rate(self, response: requests.Response) -> None:
        remaining = response.headers.get("x-ratelimit-remaining")
        if remaining is not None and remaining.isdigit():
            self.remaining = int(remaining)

    def _rate_limited(self, response: requests.Response) -> bool:
        """Wait out a primary or secondary rate limit and return True; False: a plain refusal."""
        headers, message = response.headers, _message(response).lower()
        retry_after = headers.get("retry-after")
        if headers.get("x-ratelimit-remaining") == "0":
            reset = _epoch(headers.get("x-ratelimit-reset"))
            self.used -= 1  # an answer refused for the limit is not a read
            self._wait(max(reset - self.clock(), self.floor) + 1, "primary rate limit reached")
            return True
        if retry_after or response.status_code == 429 or "secondary rate limit" in message:
            self.used -= 1
            self.secondary_hits += 1
            given = float(retry_after) if retry_after and retry_after.isdigit() else 60.0
            self._wait(self._backoff(given, self.secondary_hits), "secondary rate limit")
            return True
        return False

    def _refusal(self, response: requests.Response, url: str) -> Problem:
        status, where = response.status_code, self._where(url)
        message = self.redact(_message(response))
        if status == 401:
            text = "GitHub rejected the token (401): set GITHUB_TOKEN to a valid token"
        elif status == 403:
            permission = response.headers.get("x-accepted-github-permissions", "unknown")
            text = f"the token lacks the permission {permission} for {where} ({message})"
        elif status == 404:
            text = f"{where} not found: check --repo {self.repo} and that the token can read it"
        else:
            text = f"GitHub answered {status} on {where}: {message}"
        return Problem(path="GitHub", field=None, message=text)

    def _where(self, url: str) -> str:
        return self.redact(url.replace(self.api, "").split("?")[0] or "/")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _epoch(value: str | None) -> float:
    """x-ratelimit-reset: epoch seconds; anything else is GitHub misbehaving, said in one line."""
    try:
        return float(value or "")
    except ValueError:
        raise Stopped(
            f"GitHub said the rate limit is spent but its reset time {str(value)[:40]!r} is not a time"
            " (x-ratelimit-reset); run again later",
            failed=True,
        ) from None


def _message(response: requests.Response) -> str:
    try:
        return str(response.json().get("message", ""))
    except (ValueError, AttributeError):
        return response.text[:200]
