"""Webhook payloads -> `Event`s, with the same ids as the REST sync (see `normalize`). Pure.

Actions that carry no activity (assigned, pinned, a repository label created...) give no event. An edited
comment gives its new copy (the store keeps the latest), a deleted one its tombstone, a dismissed review
its "dismissed" state: what they gave is revoked.
A payload missing what its action needs raises `KeyError`/`TypeError`; `ingest` reports it as bad input.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from entraide.content.errors import N_
from entraide.events.model import Event

from . import discussions as d_
from . import normalize as n

Json = dict[str, Any]
EVENT_NAMES = (
    "issues",
    "issue_comment",
    "pull_request",
    "pull_request_review",
    "pull_request_review_comment",
    "discussion",
    "discussion_comment",
    "label",
)


def events_from(name: str, payload: Json) -> list[Event]:
    """Every event a webhook delivery `name` (X-GitHub-Event / GITHUB_EVENT_NAME) tells."""
    if not isinstance(payload, dict) or "action" not in payload:
        raise n.PayloadError(N_("a webhook payload is a JSON object with an 'action'"))
    return HANDLERS[name](payload["action"], payload)


def _issues(action: str, p: Json) -> list[Event]:
    issue = p["issue"]
    if action == "opened":
        return [n.issue_opened(issue)]
    if action == "closed" and issue.get("closed_at"):
        return [n.issue_closed(issue["number"], issue["closed_at"], p.get("sender"))]
    if action in ("labeled", "unlabeled") and p.get("label"):
        return [
            n.label_change(
                issue["number"],
                "pull_request" in issue,
                p["label"]["name"],
                action == "labeled",
                issue["updated_at"],
                p.get("sender"),
            )
        ]
    return []


def _issue_comment(action: str, p: Json) -> list[Event]:
    if action not in ("created", "edited", "deleted"):
        return []
    return [_gone(action, n.comment(p["comment"], on_pull="pull_request" in p["issue"]))]


def _gone(action: str, event: Event) -> Event:
    return n.tombstone(event) if action == "deleted" else event


def _pull_request(action: str, p: Json) -> list[Event]:
    pr = p["pull_request"]
    if action in ("opened", "reopened", "ready_for_review"):
        return n.pull_events(pr)[:2]
    if action == "synchronize":
        return n.pull_events(pr)[1:2]
    if action == "closed":
        return n.pull_events(pr)[2:]
    if action in ("labeled", "unlabeled") and p.get("label"):
        return [
            n.label_change(
                pr["number"], True, p["label"]["name"], action == "labeled", pr["updated_at"], p.get("sender")
            )
        ]
    return []


def _review(action: str, p: Json) -> list[Event]:
    if action not in ("submitted", "edited", "dismissed"):
        return []
    event = n.review(dict(p["review"], pull_request_url=p["pull_request"]["url"]))
    return [event] if event else []


def _review_comment(action: str, p: Json) -> list[Event]:
    return [_gone(action, n.review_comment(p["comment"]))] if action in ("created", "edited", "deleted") else []


def _discussion(action: str, p: Json) -> list[Event]:
    d = p["discussion"]
    if action == "created":
        node = {
            "number": d["number"],
            "createdAt": d["created_at"],
            "author": d.get("user"),
            "category": {"name": (d.get("category") or {}).get("name")},
            "title": d.get("title"),
        }
        return d_.discussion_events(node)
    if action == "answered" and p.get("answer"):
        answer = p["answer"]
        at = d.get("answer_chosen_at") or answer.get("updated_at") or answer["created_at"]
        return [
            d_.discussion_answered(d["number"], answer["id"], at, answer.get("user"), (p.get("sender") or {}).get("id"))
        ]
    return []


def _discussion_comment(action: str, p: Json) -> list[Event]:
    if action not in ("created", "edited", "deleted"):
        return []
    c = p["comment"]
    node = {
        "databaseId": c["id"],
        "createdAt": c["created_at"],
        "updatedAt": c.get("updated_at"),
        "author": c.get("user"),
        "body": c.get("body"),
    }
    return [_gone(action, d_.discussion_comment(p["discussion"]["number"], node, c.get("parent_id")))]


def _label(action: str, p: Json) -> list[Event]:
    p["label"]["name"]  # a repository's label was created/edited/deleted: no member activity
    return []


HANDLERS: dict[str, Callable[[str, Json], list[Event]]] = {
    "issues": _issues,
    "issue_comment": _issue_comment,
    "pull_request": _pull_request,
    "pull_request_review": _review,
    "pull_request_review_comment": _review_comment,
    "discussion": _discussion,
    "discussion_comment": _discussion_comment,
    "label": _label,
}
