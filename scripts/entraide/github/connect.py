"""One way to build the sync's client from the command line and the environment: the repository
(--repo, $GITHUB_REPOSITORY, entraide.yml), the token ($GITHUB_TOKEN), the API root (--api-url,
$GITHUB_API_URL) and the same-token ETag cache."""

from __future__ import annotations

import os
import re
from pathlib import Path

from entraide.content.errors import N_, Problem, UserError

from .client import Client
from .etags import EtagCache, default_path

REPO = re.compile(r"^[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}$")


def repo_from(value: str | None, configured: str | None = None) -> str:
    """--repo, else $GITHUB_REPOSITORY (set in Actions), else `repository:` in entraide.yml."""
    repo = value or os.environ.get("GITHUB_REPOSITORY") or configured or ""
    if not isinstance(repo, str) or not REPO.match(repo):
        raise UserError(
            Problem(
                path="entraide sync",
                field="--repo",
                message=N_(
                    "expected OWNER/NAME (or $GITHUB_REPOSITORY, or repository: in entraide.yml), got '{given}'",
                    given=repo,
                ),
            )
        )
    return repo


def client_from(repo: str, api_url: str | None, *, etag_cache: Path | bool | None = True, **options) -> Client:
    """`etag_cache`: a file, True for the default place ($XDG_CACHE_HOME/entraide/...), False for none."""
    token = os.environ.get("GITHUB_TOKEN", "")
    if not token:
        raise UserError(
            Problem(
                path="entraide sync",
                field="GITHUB_TOKEN",
                message=N_("set GITHUB_TOKEN to a token that can read the repository"),
            )
        )
    path = default_path(repo) if etag_cache is True else (etag_cache or None)
    etags = EtagCache(path, token) if path else None
    return Client(repo, token, api_url=web_root(api_url), etags=etags, **options)


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
            Problem(
                path="entraide sync",
                field="--api-url",
                message=N_("expected an http(s) URL, got '{given}'", given=api_url),
            )
        )
    return url[: -len("/api/v3")] if url.endswith("/api/v3") else url
