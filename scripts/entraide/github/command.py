"""Shared set-up of the GitHub commands: the repository name, the token, the client."""

from __future__ import annotations

import os
import re

from entraide.errors import Problem, UserError

from .client import Client

REPO = re.compile(r"^[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}$")


def repo_from(value: str | None) -> str:
    repo = value or os.environ.get("GITHUB_REPOSITORY", "")
    if not REPO.match(repo):
        raise UserError(Problem(path="entraide sync", field="--repo",
                                message=f"expected OWNER/NAME (or $GITHUB_REPOSITORY), got {repo!r}"))
    return repo


def client_from(repo: str, api_url: str | None, **options) -> Client:
    token = os.environ.get("GITHUB_TOKEN", "")
    if not token:
        raise UserError(Problem(path="entraide sync", field="GITHUB_TOKEN",
                                message="set GITHUB_TOKEN to a token that can read the repository"))
    return Client(repo, token, api_url=web_root(api_url), **options)


def web_root(api_url: str | None) -> str | None:
    """github3 wants the Enterprise web root; accept `…/api/v3` and treat api.github.com as github.com."""
    if not api_url:
        return None
    url = api_url.rstrip("/")
    if url in ("https://api.github.com", "https://github.com"):
        return None
    if not url.startswith(("http://", "https://")):
        raise UserError(Problem(path="entraide sync", field="--api-url",
                                message=f"expected an http(s) URL, got {api_url!r}"))
    return url[: -len("/api/v3")] if url.endswith("/api/v3") else url
