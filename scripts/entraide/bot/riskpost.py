"""Filing the mentors' report in the private repository named by `mentors_repository` in entraide.yml.

The repository is asked whether it is private before anything is written: a public one is refused, so a
typo in entraide.yml cannot publish the report. One issue per day assessed, found again by its hidden
marker, so a re-run updates it instead of opening another. Nothing of the report is printed.
"""

from __future__ import annotations

import datetime as dt

from entraide.bot.privatepost import DEFAULT_API, filed, heading, private_issues
from entraide.github.markers import with_marker

LABEL = "risk-report"


def post_report(
    text: str,
    *,
    repository: str | None,
    as_of: dt.date,
    token: str | None,
    api_url: str = DEFAULT_API,
    timeout: float = 30,
) -> str:
    """File the report; returns the issue's address. Unlike the digest, the day's issue is updated in place."""
    issues = private_issues(repository, token=token, api_url=api_url, what="the at-risk report", timeout=timeout)
    key = f"{LABEL}:{as_of.isoformat()}"
    body = with_marker(key, text)
    found = filed(issues, key=key, label=LABEL)
    if found is None:
        title = heading(text, fallback=f"{LABEL} {as_of.isoformat()}")  # the report's title, in the mentors' language
        found = issues.open_issue(title, body, LABEL)
    else:
        found = issues.write("PATCH", f"/issues/{found['number']}", {"body": body})
    return found.get("html_url") or f"#{found['number']}"
