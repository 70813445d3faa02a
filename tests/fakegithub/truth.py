"""What a complete sync must store for a fake repository, computed from the state, not from payloads.

`expected(repo)` maps each event id to (kind, actor login or None, subject number), following the
id rules documented in entraide.github.normalize. Reactions are expected only on issues labelled
`event` (the sync asks who reacted only where attendance is counted).
"""

from __future__ import annotations

from .payloads import stamp
from .state import Repo, User


def login(user: User | None) -> str | None:
    return None if user is None or user.deleted else user.login


def expected(repo: Repo) -> dict[str, tuple[str, str | None, int]]:
    out: dict[str, tuple[str, str | None, int]] = {}
    for item in repo.issues.values():
        author = login(item.user)
        if item.is_pr:
            out[f"gh:pr:{item.number}:opened"] = ("pr_opened", author, item.number)
            out[f"gh:pr:{item.number}:head:{item.head_sha}"] = ("pr_head", author, item.number)
            if item.merged_at:
                out[f"gh:pr:{item.number}:merged"] = ("pr_merged", author, item.number)
            elif item.closed_at:
                out[f"gh:pr:{item.number}:closed:{stamp(item.closed_at)}"] = ("pr_closed", author, item.number)
        else:
            out[f"gh:issue:{item.number}:opened"] = ("issue_opened", author, item.number)
            if "event" in item.labels:
                for r in item.reactions:
                    out[f"gh:reaction:{r.id}"] = ("reaction", login(r.user), item.number)
    for event in repo.events:
        issue = repo.issues[event.issue]
        if event.event in ("labeled", "unlabeled"):
            verb = "added" if event.event == "labeled" else "removed"
            key = f"gh:label:{event.issue}:{verb}:{event.label}:{stamp(event.created_at)}"
            out[key] = (f"label_{verb}", login(event.actor), event.issue)
        elif event.event == "closed" and not issue.is_pr:
            out[f"gh:issue:{event.issue}:closed:{stamp(event.created_at)}"] = (
                "issue_closed",
                login(event.actor),
                event.issue,
            )
    for c in repo.comments.values():
        kind = "pr_comment" if repo.issues[c.issue].is_pr else "issue_comment"
        out[f"gh:comment:{c.id}"] = (kind, login(c.user), c.issue)
    for r in repo.reviews.values():
        out[f"gh:review:{r.id}"] = ("review_submitted", login(r.user), r.pr)
    for c in repo.review_comments.values():
        out[f"gh:review-comment:{c.id}"] = ("review_comment", login(c.user), c.pr)
    for d in repo.discussions.values():
        out[f"gh:discussion:{d.number}:created"] = ("discussion_created", login(d.user), d.number)
        for c in d.comments:
            out[f"gh:discussion-comment:{c.id}"] = ("discussion_comment", login(c.user), d.number)
        if d.answer_id:
            answer = next(c for c in d.comments if c.id == d.answer_id)
            out[f"gh:discussion:{d.number}:answered:{d.answer_id}"] = (
                "discussion_answered",
                login(answer.user),
                d.number,
            )
    return out


def stored(events) -> dict[str, tuple[str, str | None, int]]:
    return {e.id: (e.kind.value, e.actor_login, e.subject) for e in events}
