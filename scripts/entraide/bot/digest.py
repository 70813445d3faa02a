"""Gathering and filing the monthly digest (insight.digest) in the private mentors' repository.

The month's survey comments are read from the public repository's feedback issues (where their authors
wrote them) by the caller; everything else comes from the event store. Filed once per month: the marker
`digest:YYYY-MM` is looked for first, so re-runs and runs after a kill never file a second digest.
"""

from __future__ import annotations

import datetime as dt

from entraide.content.models import Community
from entraide.events.model import Event
from entraide.events.surveys import parse_issue_form
from entraide.insight import digest
from entraide.insight.community import assess
from entraide.insight.report import Capacity, shortlist

LABEL = "digest"
COMMENT_LABELS = ("votre avis", "comment", "commentaire")


def inputs(
    community: Community, history: tuple[Event, ...], *, month: str, as_of: dt.date, comments: tuple[str, ...]
) -> digest.DigestInputs:
    from entraide.events.questions import questions, waiting
    from entraide.kpis import compute_all
    from entraide.kpis.public import public_report

    report = compute_all(community, history, as_of=as_of)
    public = public_report(report)
    asked = questions(history, moderation_labels=community.rules.moderation_labels)
    until = [q for q in asked if q.asked_at.strftime("%Y-%m") <= month]
    before = [q.title or "" for q in until if q.asked_at.strftime("%Y-%m") < month]
    in_month = [q.title or "" for q in until if q.asked_at.strftime("%Y-%m") == month]
    found = assess(community, history, as_of=as_of)
    waits = report.mentors.waiting
    return digest.DigestInputs(
        month=month,
        moved=digest.moved_kpis(public, month=month, threshold=community.rules.digest.moved),
        waiting_submissions=len(waits),
        oldest_wait_days=int(max(w.age_hours for w in waits) // 24) if waits else None,
        at_risk=len(shortlist(found, Capacity())),
        assessed=len(found.risks),
        waiting_questions=len(waiting(tuple(until))),
        recurring_questions=digest.recurring(in_month, earlier=before),
        comments=comments[: community.rules.digest.comments],
        effects_url=digest.effects_url(community),
        language=community.rules.language,
    )


def survey_comments(issues: list[dict], *, month: str) -> tuple[str, ...]:
    """The free-text answers of feedback issues opened in `month`, oldest first."""
    found = []
    for issue in sorted(issues, key=lambda i: (i.get("created_at") or "", i.get("number") or 0)):
        if not str(issue.get("created_at") or "").startswith(month):
            continue
        answers = parse_issue_form(issue.get("body"))
        text = next((a for label, a in answers.items() if label.casefold() in COMMENT_LABELS and a), "")
        if text:
            found.append(text)
    return tuple(found)


def post(text: str, *, month: str, issues) -> tuple[str, bool]:
    from entraide.bot.privatepost import file_once, heading

    title = heading(text, fallback=f"{LABEL} {month}")  # the digest's own title, in the mentors' language
    return file_once(issues, key=f"{LABEL}:{month}", title=title, label=LABEL, body=text)
