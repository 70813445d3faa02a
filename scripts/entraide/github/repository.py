"""The one way the bot's writers reach a repository through github3.py: token, github.com or Enterprise."""

from __future__ import annotations

import os

import github3
from github3.exceptions import GitHubError, TransportError

from entraide.content.errors import N_, Problem, UserError

DEFAULT_API = "https://api.github.com"

# What a failed call raises (an error answer, or a reset/timed-out connection): runners catch it to
# report that one object or action and go on with the rest.
WriteFailed = (GitHubError, TransportError)


def reason(error: BaseException) -> str:
    """A failed call in a few words: '502 Bad Gateway', 'connection reset'..."""
    code = getattr(error, "code", None)
    text = getattr(error, "msg", None) or str(error) or type(error).__name__
    return " ".join(f"{code or ''} {text}".split())[:200]


def repository(
    repo: str | None, *, api_url: str = DEFAULT_API, command: str, dry_run: bool = False, timeout: float = 30
):
    """The github3 repository `OWNER/NAME`, authenticated with $GITHUB_TOKEN; a clear error without one.

    `dry_run`: the command has --dry-run, which the error names. `timeout`: seconds to connect and to wait for each
    answer (a POST that times out is a failed call)."""
    token = os.environ.get("GITHUB_TOKEN")
    if not token or not repo or "/" not in repo:
        raise UserError(
            Problem(
                path=command,
                field="--repo",
                message=N_("set GITHUB_TOKEN and --repo OWNER/NAME (or GITHUB_REPOSITORY)")
                if not dry_run
                else N_("set GITHUB_TOKEN and --repo OWNER/NAME (or GITHUB_REPOSITORY), or use --dry-run"),
            )
        )
    api = api_url.rstrip("/")
    gh = (
        github3.GitHub(token=token)
        if api == DEFAULT_API
        else github3.GitHubEnterprise(api.removesuffix("/api/v3"), token=token)
    )
    gh.session.default_connect_timeout = gh.session.default_read_timeout = timeout
    owner, name = repo.split("/", 1)
    try:
        return gh.repository(owner, name)
    except WriteFailed as error:  # nothing can be done without the repository: one line, no traceback
        raise UserError(
            Problem(
                path=command,
                field="--repo",
                message=N_("cannot reach {repo} at {api}: {reason}", repo=repo, api=api, reason=reason(error)),
            )
        ) from None
