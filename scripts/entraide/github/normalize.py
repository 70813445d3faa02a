"""GitHub JSON (REST, GraphQL) -> `Event`s. Pure: no I/O, no clock.

Event ids depend only on what every path to the same fact knows (numbers, object ids, GitHub's own
timestamps), so the REST sync, the GraphQL query and a webhook payload give the same id:

    issue_opened         gh:issue:<number>:opened
    issue_closed         gh:issue:<number>:closed:<closed_at>       (actor: who closed it)
    pr_opened            gh:pr:<number>:opened
    pr_head              gh:pr:<number>:head:<sha>                   (at: the PR's updated_at)
    pr_merged            gh:pr:<number>:merged                       (actor: the PR's author)
    pr_closed            gh:pr:<number>:closed:<closed_at>           (actor: the PR's author)
    issue/pr_comment     gh:comment:<comment id>
    review_submitted     gh:review:<review id>
    review_comment       gh:review-comment:<comment id>
    label_added/removed  gh:label:<number>:<added|removed>:<label>:<at>  (at: the label event's time)
    reaction             gh:reaction:<reaction id>
    discussion_created   gh:discussion:<number>:created
    discussion_comment   gh:discussion-comment:<comment id>
    discussion_answered  gh:discussion:<number>:answered:<comment id>

A deleted account (`user: null`, or GitHub's placeholder login "ghost") gives actor None.
Comments carry GitHub's `updated_at` as `updated`, so the store keeps the latest edit; a deleted comment
becomes its `tombstone` and a dismissed review its state "dismissed", final states the store keeps over
any other copy (`events.store.latest`). What REST cannot know otherwise is taken as first seen: the sync
reads a PR's current head only (pr_opened's sha, pr_head's time), and an issue's labels at sync time
(a webhook gives the labels at opening).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from entraide.content.errors import N_, Text
from entraide.events.bodies import co_authors, opportunity_fields, reward_of
from entraide.events.model import Event, EventKind
from entraide.events.surveys import parse_issue_form
from entraide.events.surveys import rating as survey_rating
from entraide.scoring.kudos import parse_kudos

Json = dict[str, Any]
GHOST_LOGINS = frozenset({"ghost"})
# Issue forms put their label on the issue: the label names the form (.github/ISSUE_TEMPLATE).
FORM_LABELS = ("feedback", "question", "help", "join", "conduct", "resource", "opportunity", "recompense")
CHALLENGE_LABEL = re.compile(r"^challenge:([a-z0-9][a-z0-9-]{0,62})$")


class BadDate(ValueError):
    """GitHub gave a timestamp that is not one (not ISO 8601, or without its time zone)."""


def parse_at(value: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (AttributeError, TypeError, ValueError):
        raise BadDate(f"malformed date {str(value)[:40]!r}") from None
    if moment.tzinfo is None:
        raise BadDate(f"date without a time zone {value[:40]!r}")
    return moment.astimezone(dt.UTC)


def stamp(value: str) -> str:
    """GitHub's timestamp, normalised to `YYYY-MM-DDTHH:MM:SSZ` for ids."""
    return parse_at(value).strftime("%Y-%m-%dT%H:%M:%SZ")


def actor_fields(user: Json | None) -> dict[str, Any]:
    if not user or user.get("login") in GHOST_LOGINS:
        return {"actor_id": None, "actor_login": None, "actor_type": None}
    kind = user.get("type") or user.get("__typename") or "User"
    return {
        "actor_id": user.get("id", user.get("databaseId")),
        "actor_login": user["login"],
        "actor_type": kind if kind in ("User", "Bot", "Organization", "Mannequin") else "User",
    }


class PayloadError(ValueError):
    """A payload that is not what GitHub sends, said in words the catalogues translate (`text`)."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.say())
        self.text = text


def number_from_url(url: str) -> int:
    """The issue or pull request number that ends a GitHub API URL; ValueError naming the URL otherwise."""
    tail = url.rstrip("/").rsplit("/", 1)[-1] if isinstance(url, str) else ""
    if not tail.isdigit() or not tail.isascii():
        raise PayloadError(N_("expected an API URL ending in the issue number, got {given}", given=f"{url!r:.120}"))
    return int(tail)


def label_names(item: Json) -> list[str]:
    return sorted(label["name"] if isinstance(label, dict) else label for label in item.get("labels") or ())


def make_event(
    id: str,
    kind: EventKind,
    at: str,
    user: Json | None,
    subject: int,
    subject_type: str,
    payload: Json | None = None,
    updated: str | None = None,
) -> Event:
    return Event(
        id=id,
        kind=kind,
        at=parse_at(at),
        subject=subject,
        subject_type=subject_type,
        payload=payload or {},
        updated=parse_at(updated) if updated else None,
        **actor_fields(user),
    )


def tombstone(event: Event) -> Event:
    """A deleted comment: who wrote it where and when stays (it is history), what it said and gave goes."""
    payload: Json = {"comment_id": event.comment_id, "deleted": True, "kudos": [], "reply_to": event.reply_to}
    return event.model_copy(update={"payload": payload, "updated": None})


# ---------------------------------------------------------------------- issues and pull requests


def issue_opened(issue: Json) -> Event:
    labels = label_names(issue)
    payload: Json = {"labels": labels, "title": issue.get("title") or ""}
    form = next((name for name in FORM_LABELS if name in labels), None)
    if form:
        payload["form"] = form
    rating = survey_rating(parse_issue_form(issue.get("body"))) if form == "feedback" else None
    if rating is not None:
        payload["rating"] = rating
    if form == "opportunity":
        payload["fields"] = opportunity_fields(parse_issue_form(issue.get("body")))
    if form == "recompense":
        payload["reward"] = reward_of(parse_issue_form(issue.get("body")))[:300]
    return make_event(
        f"gh:issue:{issue['number']}:opened",
        EventKind.issue_opened,
        issue["created_at"],
        issue.get("user"),
        issue["number"],
        "issue",
        payload,
    )


def issue_closed(number: int, closed_at: str, closer: Json | None) -> Event:
    return make_event(
        f"gh:issue:{number}:closed:{stamp(closed_at)}", EventKind.issue_closed, closed_at, closer, number, "issue"
    )


def challenge_of(pr: Json) -> str | None:
    for name in label_names(pr):
        match = CHALLENGE_LABEL.match(name)
        if match:
            return match.group(1)
    return None


def pull_events(pr: Json) -> list[Event]:
    """What a pull request's current state tells: opened, its head, and merged or closed."""
    number, author, sha = pr["number"], pr.get("user"), pr["head"]["sha"]
    opened: Json = {"challenge": challenge_of(pr), "sha": sha, "title": pr.get("title") or ""}
    team = co_authors(pr.get("body"))
    if team:
        opened["team"] = team
    events = [
        make_event(
            f"gh:pr:{number}:opened",
            EventKind.pr_opened,
            pr["created_at"],
            author,
            number,
            "pull",
            opened,
        ),
        make_event(
            f"gh:pr:{number}:head:{sha}", EventKind.pr_head, pr["updated_at"], author, number, "pull", {"sha": sha}
        ),
    ]
    if pr.get("merged_at"):
        events.append(
            make_event(
                f"gh:pr:{number}:merged", EventKind.pr_merged, pr["merged_at"], author, number, "pull", {"sha": sha}
            )
        )
    elif pr.get("closed_at"):
        events.append(
            make_event(
                f"gh:pr:{number}:closed:{stamp(pr['closed_at'])}",
                EventKind.pr_closed,
                pr["closed_at"],
                author,
                number,
                "pull",
            )
        )
    return events


# ---------------------------------------------------------------------- comments and reviews


def comment(item: Json, *, on_pull: bool | None = None) -> Event:
    """A conversation comment; `on_pull` when known, else read from its html_url (/pull/ or /issues/)."""
    number = number_from_url(item["issue_url"])
    if on_pull is None:
        on_pull = "/pull/" in (item.get("html_url") or "")
    kind = EventKind.pr_comment if on_pull else EventKind.issue_comment
    return make_event(
        f"gh:comment:{item['id']}",
        kind,
        item["created_at"],
        item.get("user"),
        number,
        "pull" if on_pull else "issue",
        {"comment_id": item["id"], "kudos": parse_kudos(item.get("body")), "reply_to": None},
        item.get("updated_at"),
    )


def review(item: Json) -> Event | None:
    """A submitted review; pending ones (no submitted_at yet) are not activity."""
    if not item.get("submitted_at") or item.get("state", "").upper() == "PENDING":
        return None
    number = number_from_url(item["pull_request_url"])
    return make_event(
        f"gh:review:{item['id']}",
        EventKind.review_submitted,
        item["submitted_at"],
        item.get("user"),
        number,
        "pull",
        {"state": item["state"].lower(), "commit_id": item.get("commit_id")},
    )


def review_comment(item: Json) -> Event:
    number = number_from_url(item["pull_request_url"])
    return make_event(
        f"gh:review-comment:{item['id']}",
        EventKind.review_comment,
        item["created_at"],
        item.get("user"),
        number,
        "pull",
        {"comment_id": item["id"], "kudos": parse_kudos(item.get("body")), "reply_to": item.get("in_reply_to_id")},
        item.get("updated_at"),
    )


def label_change(number: int, on_pull: bool, name: str, added: bool, at: str, user: Json | None) -> Event:
    verb = "added" if added else "removed"
    return make_event(
        f"gh:label:{number}:{verb}:{name}:{stamp(at)}",
        EventKind.label_added if added else EventKind.label_removed,
        at,
        user,
        number,
        "pull" if on_pull else "issue",
        {"label": name},
    )


def issue_event(item: Json) -> Event | None:
    """An entry of /issues/events: label changes, and closings of issues (PR closings come from /pulls)."""
    issue = item.get("issue") or {}
    on_pull = "pull_request" in issue
    if item["event"] in ("labeled", "unlabeled") and item.get("label") and issue:
        return label_change(
            issue["number"],
            on_pull,
            item["label"]["name"],
            item["event"] == "labeled",
            item["created_at"],
            item.get("actor"),
        )
    if item["event"] == "closed" and issue and not on_pull:
        return issue_closed(issue["number"], item["created_at"], item.get("actor"))
    return None


def reaction(item: Json, number: int, on_pull: bool = False) -> Event:
    return make_event(
        f"gh:reaction:{item['id']}",
        EventKind.reaction,
        item["created_at"],
        item.get("user"),
        number,
        "pull" if on_pull else "issue",
        {"content": item["content"], "target": "issue", "target_id": number},
    )
