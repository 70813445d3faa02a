"""The activity event: one normalised fact of GitHub activity, as the store keeps it."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Literal

from pydantic import Field, field_validator

from entraide.content.models import Frozen


class EventKind(StrEnum):
    issue_opened = "issue_opened"
    issue_closed = "issue_closed"
    pr_opened = "pr_opened"
    pr_head = "pr_head"  # the PR's head moved to payload.sha (opened, synchronize)
    pr_merged = "pr_merged"
    pr_closed = "pr_closed"  # closed without merge
    review_submitted = "review_submitted"
    issue_comment = "issue_comment"  # conversation comment on an issue
    pr_comment = "pr_comment"  # conversation comment on a pull request
    review_comment = "review_comment"  # inline comment on a diff
    label_added = "label_added"
    label_removed = "label_removed"
    reaction = "reaction"
    discussion_created = "discussion_created"
    discussion_answered = "discussion_answered"
    discussion_comment = "discussion_comment"


SubjectType = Literal["issue", "pull", "discussion"]
ActorType = Literal["User", "Bot", "Organization", "Mannequin"]


class Event(Frozen):
    """One normalised fact of GitHub activity. The store keeps these, deduplicated by `id`.

    `id` is stable: the same fact reached by the REST sync, GraphQL or a webhook payload gets the same id.
    `actor_id`/`actor_login` are None for deleted accounts (GitHub's `user: null`).
    `payload` is minimal and JSON-shaped; by kind:
      issue_opened:        {"labels": [...], "form": "question"|"help"|"feedback"|..., "rating": 1-5}
      pr_opened:           {"challenge": slug|None, "sha": head sha}
      pr_head:             {"sha": head sha}
      pr_merged:           {"sha": head sha at merge}
      review_submitted:    {"state": "approved"|"changes_requested"|"commented"|"dismissed", "commit_id": sha}
      *_comment:           {"comment_id": int, "kudos": [{"login": str, "reason": str}], "reply_to": int|None}
      label_added/removed: {"label": name, "target_id": comment id or absent when on the issue itself}
      reaction:            {"content": "+1"|"heart"|..., "target": "issue"|"comment", "target_id": int}
      discussion_created:  {"category": "Q&A"|...}
      discussion_answered: {"comment_id": int, "marked_by_id": int|None}  (actor = the answer's author)
    """

    id: str = Field(min_length=3, max_length=200)
    kind: EventKind
    at: dt.datetime = Field(description="GitHub's own timestamp, UTC")
    actor_id: int | None
    actor_login: str | None
    actor_type: ActorType | None = "User"
    subject: int = Field(ge=0, description="issue, PR or discussion number")
    subject_type: SubjectType
    payload: dict[str, Any] = {}

    @field_validator("at")
    @classmethod
    def _in_utc(cls, moment: dt.datetime) -> dt.datetime:
        # GitHub's timestamps are UTC; a naive one is read as UTC, not as the machine's local time. Held in
        # UTC, events order and compare by `at` alone, without converting on every sort.
        return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)

    @property
    def is_bot(self) -> bool:
        return self.actor_type == "Bot" or (self.actor_login or "").endswith("[bot]")
