"""Filing the mentors' report in the private repository named by `mentors_repository` in entraide.yml.

The repository is asked whether it is private before anything is written: a public one is refused, so a
typo in entraide.yml cannot publish the report. One issue per day assessed, found again by its hidden
marker, so a re-run updates it instead of opening another. Nothing of the report is printed.
"""

from __future__ import annotations

import datetime as dt

from entraide.content.errors import Problem, UserError
from entraide.github.markers import marker, with_marker

LABEL = "risk-report"
DEFAULT_API = "https://api.github.com"


def post_report(
    text: str, *, repository: str | None, as_of: dt.date, token: str | None, api_url: str = DEFAULT_API
) -> str:
    """File the report; returns the issue's address."""
    from entraide.github.client import Client
    from entraide.github.issues import GitHubIssues

    if not repository:
        raise UserError(
            Problem(
                path="entraide.yml",
                field="mentors_repository",
                message="name the private repository (OWNER/NAME) that receives the report",
            )
        )
    if not token:
        raise UserError(
            Problem(
                path="risk report",
                field="--post",
                message="set a token that can write issues in the private repository",
            )
        )
    api = api_url.rstrip("/")
    client = Client(repository, token, api_url=None if api == DEFAULT_API else api.removesuffix("/api/v3"))
    if client.get("").data.get("private") is not True:
        raise UserError(
            Problem(
                path="entraide.yml",
                field="mentors_repository",
                message=(f"{repository} is not private: the at-risk report goes only to a private repository"),
            )
        )
    issues = GitHubIssues(client, bot_logins=frozenset(), delay=0.0)
    key = f"{LABEL}:{as_of.isoformat()}"
    body = with_marker(key, text)
    found = _own_issue(issues, key)
    if found is None:
        found = issues.open_issue(f"Suivi des apprenant·es · {as_of.isoformat()}", body, LABEL)
    else:
        found = issues.write("PATCH", f"/issues/{found['number']}", {"body": body})
    return found.get("html_url") or f"#{found['number']}"


def _own_issue(issues, key: str) -> dict | None:
    # Any author: the token's account may be a person's (a mentor's token) rather than a bot.
    return next(
        (i for i in issues.pages("/issues", {"labels": LABEL, "state": "all"}) if marker(key) in (i.get("body") or "")),
        None,
    )
