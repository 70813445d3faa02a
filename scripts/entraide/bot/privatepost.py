"""The mentors' private space: the repository named by `mentors_repository`, checked private before any
read or write. Digests and well-being alerts are filed there once per key, found again by a hidden marker
(so a re-run, or a run after a kill, never files a second one). Nothing filed here is printed.
"""

from __future__ import annotations

from entraide.content.errors import Problem, UserError
from entraide.github.markers import marker, with_marker

DEFAULT_API = "https://api.github.com"


def private_issues(
    repository: str | None, *, token: str | None, api_url: str = DEFAULT_API, what: str, timeout: float = 30
):
    """GitHubIssues of the private repository; refuses a missing name, a missing token or a public repository.
    `timeout`: seconds to wait for each answer ($ENTRAIDE_HTTP_TIMEOUT, read by the command)."""
    from entraide.github.client import Client
    from entraide.github.issues import GitHubIssues

    if not repository:
        raise UserError(
            Problem(path="entraide.yml", field="mentors_repository", message=f"name the private repository for {what}")
        )
    if not token:
        raise UserError(Problem(path=what, field="token", message="set ENTRAIDE_MENTORS_TOKEN (or GITHUB_TOKEN)"))
    api = api_url.rstrip("/")
    client = Client(
        repository, token, api_url=None if api == DEFAULT_API else api.removesuffix("/api/v3"), timeout=timeout
    )
    if client.get("").data.get("private") is not True:
        raise UserError(
            Problem(
                path="entraide.yml",
                field="mentors_repository",
                message=f"{repository} is not private: {what} goes only to a private repository",
            )
        )
    return GitHubIssues(client, bot_logins=frozenset(), delay=0.0)


def filed(issues, *, key: str, label: str) -> dict | None:
    """The issue already holding `key`, if any (any author: the token may be a mentor's)."""
    listed = issues.pages("/issues", {"labels": label, "state": "all"})
    return next((i for i in listed if marker(key) in (i.get("body") or "")), None)


def file_once(issues, *, key: str, title: str, label: str, body: str) -> tuple[str, bool]:
    """(address, filed now): the issue holding `key`, opened only when no issue holds it yet."""
    found = filed(issues, key=key, label=label)
    if found is not None:
        return found.get("html_url") or f"#{found['number']}", False
    made = issues.open_issue(title, with_marker(key, body), label)
    return made.get("html_url") or f"#{made['number']}", True


def heading(text: str, *, fallback: str) -> str:
    """An issue's title from the text's first-level heading, already in the mentors' language."""
    first = text.lstrip().split("\n", 1)[0]
    return first.removeprefix("# ").strip() if first.startswith("# ") else fallback
