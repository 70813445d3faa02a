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

import os
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import github3
import requests

from entraide.content.errors import Problem, UserError

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


@dataclass
class Page:
    status: int  # 200, or 304 when the ETag matched (nothing changed, nothing spent)
    data: Any
    etag: str | None
    next_url: str | None


class Client:
    def __init__(
        self,
        repo: str,
        token: str,
        *,
        api_url: str | None = None,
        budget: int = 900,
        max_wait: float = 600,
        retries: int = 5,
        timeout: float = 30,
        backoff: float = 1.0,
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
        self.budget, self.max_wait, self.retries, self.backoff = budget, max_wait, retries, backoff
        self.sleep, self.clock, self.rng = sleep, clock, rng or random.Random()
        self.used = 0  # counted requests this run (not 304s)
        self.waited = 0.0
        self.secondary_hits = 0
        self.graphql_used = 0
        self.remaining: int | None = None

    def redact(self, text: str) -> str:
        return text.replace(self.token, "***") if self.token else text

    def url(self, path: str) -> str:
        return path if path.startswith("http") else f"{self.api}/repos/{self.repo}{path}"

    # ------------------------------------------------------------------ requests

    def get(self, path: str, params: dict | None = None, *, etag: str | None = None) -> Page:
        headers = {"If-None-Match": etag} if etag else {}
        response, data = self._send("GET", self.url(path), params=params, headers=headers)
        if response.status_code == 304:
            return Page(304, None, etag, None)
        next_url = response.links.get("next", {}).get("url")
        return Page(response.status_code, data, response.headers.get("ETag"), next_url)

    def graphql(self, query: str, variables: dict) -> dict:
        used = self.used
        _, data = self._send("POST", self.graphql_url, json={"query": query, "variables": variables})
        self.used, self.graphql_used = used, self.graphql_used + 1  # GraphQL has its own budget
        if not isinstance(data, dict) or data.get("errors") or "data" not in data:
            messages = "; ".join(e.get("message", "?") for e in (data or {}).get("errors", [])) or "no data"
            raise Stopped(f"GitHub GraphQL refused the query: {self.redact(messages)}", failed=True)
        return data["data"]

    def _send(self, method: str, url: str, **kwargs) -> tuple[requests.Response, Any]:
        attempt = 0  # failures so far; waits for rate limits are bounded by the wait budget instead
        while True:
            if self.used >= self.budget:
                raise Stopped(f"request budget of this run spent ({self.budget} requests)")
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
            reset = float(headers.get("x-ratelimit-reset") or 0)
            self.used -= 1  # an answer refused for the limit is not a read
            self._wait(max(reset - self.clock(), 0) + 1, "primary rate limit reached")
            return True
        if retry_after or response.status_code == 429 or "secondary rate limit" in message:
            self.used -= 1
            self.secondary_hits += 1
            seconds = (
                float(retry_after) if retry_after and retry_after.isdigit() else 60.0 * 2 ** (self.secondary_hits - 1)
            )
            self._wait(seconds, "secondary rate limit")
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


def _message(response: requests.Response) -> str:
    try:
        return str(response.json().get("message", ""))
    except (ValueError, AttributeError):
        return response.text[:200]


# --------------------------------------------------------------------------- one way to build a client

REPO = re.compile(r"^[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}$")


def repo_from(value: str | None, configured: str | None = None) -> str:
    """--repo, else $GITHUB_REPOSITORY (set in Actions), else `repository:` in entraide.yml."""
    repo = value or os.environ.get("GITHUB_REPOSITORY") or configured or ""
    if not isinstance(repo, str) or not REPO.match(repo):
        raise UserError(
            Problem(
                path="entraide sync",
                field="--repo",
                message=f"expected OWNER/NAME (or $GITHUB_REPOSITORY, or repository: in entraide.yml), got {repo!r}",
            )
        )
    return repo


def client_from(repo: str, api_url: str | None, **options) -> Client:
    token = os.environ.get("GITHUB_TOKEN", "")
    if not token:
        raise UserError(
            Problem(
                path="entraide sync",
                field="GITHUB_TOKEN",
                message="set GITHUB_TOKEN to a token that can read the repository",
            )
        )
    return Client(repo, token, api_url=web_root(api_url), **options)


def web_root(api_url: str | None) -> str | None:
    """github3 wants the Enterprise web root; accept `…/api/v3` and treat api.github.com as github.com.

    Without --api-url, Actions' $GITHUB_API_URL tells where the repository lives."""
    api_url = api_url or os.environ.get("GITHUB_API_URL")
    if not api_url:
        return None
    url = api_url.rstrip("/")
    if url in ("https://api.github.com", "https://github.com"):
        return None
    if not url.startswith(("http://", "https://")):
        raise UserError(
            Problem(path="entraide sync", field="--api-url", message=f"expected an http(s) URL, got {api_url!r}")
        )
    return url[: -len("/api/v3")] if url.endswith("/api/v3") else url
