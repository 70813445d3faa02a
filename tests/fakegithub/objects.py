"""The objects a fake repository holds (plain dataclasses), and small helpers for times and shas."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

UTC = dt.UTC
When = dt.datetime | str | None


def parse_time(value: When) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)


def sha_of(*parts: object) -> str:
    return hashlib.sha1(":".join(map(str, parts)).encode()).hexdigest()


@dataclass
class User:
    login: str
    id: int
    type: str = "User"  # "Bot" for apps, "Organization"...
    deleted: bool = False  # GitHub then answers `user: null`


@dataclass
class Label:
    id: int
    name: str
    color: str = "ededed"
    description: str = ""


@dataclass
class Reaction:
    id: int
    user: User | None
    content: str
    created_at: dt.datetime


@dataclass
class Issue:
    """An issue, or a pull request when `head_sha` is set (GitHub shares the numbering)."""

    number: int
    id: int
    title: str
    body: str | None
    user: User | None
    created_at: dt.datetime
    updated_at: dt.datetime
    labels: list[str] = field(default_factory=list)
    state: str = "open"
    closed_at: dt.datetime | None = None
    closed_by: User | None = None
    comments: int = 0
    reactions: list[Reaction] = field(default_factory=list)
    # pull request only
    head_sha: str | None = None
    head_ref: str = ""
    merged_at: dt.datetime | None = None
    merged_by: User | None = None
    draft: bool = False
    files: list[dict] = field(default_factory=list)

    @property
    def is_pr(self) -> bool:
        return self.head_sha is not None


@dataclass
class Comment:
    id: int
    issue: int
    user: User | None
    body: str
    created_at: dt.datetime
    updated_at: dt.datetime
    reactions: list[Reaction] = field(default_factory=list)


@dataclass
class Review:
    id: int
    pr: int
    user: User | None
    state: str  # APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED
    body: str
    commit_id: str
    submitted_at: dt.datetime


@dataclass
class ReviewComment:
    id: int
    pr: int
    review_id: int
    user: User | None
    body: str
    path: str
    commit_id: str
    created_at: dt.datetime
    updated_at: dt.datetime
    in_reply_to: int | None = None
    reactions: list[Reaction] = field(default_factory=list)


@dataclass
class IssueEvent:
    id: int
    issue: int
    actor: User | None
    event: str  # labeled, unlabeled, closed, reopened, merged
    created_at: dt.datetime
    label: str | None = None
    commit_id: str | None = None


@dataclass
class DiscussionComment:
    id: int
    discussion: int
    user: User | None
    body: str
    created_at: dt.datetime
    reply_to: int | None = None


@dataclass
class Discussion:
    number: int
    id: int
    title: str
    body: str
    user: User | None
    category: str
    created_at: dt.datetime
    updated_at: dt.datetime
    comments: list[DiscussionComment] = field(default_factory=list)
    answer_id: int | None = None
    answer_chosen_at: dt.datetime | None = None
    answer_chosen_by: User | None = None
