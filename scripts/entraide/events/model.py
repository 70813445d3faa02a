"""The activity event: one normalised fact of GitHub activity, as the store keeps it."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from pydantic import Field, field_validator

from entraide.content.base import REPO_PATTERN
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


def is_bot_account(login: str | None, account_type: str | None, listed: Collection[str] = ()) -> bool:
    """The one test of "is this account a bot": GitHub says so (type "Bot"), its login ends with "[bot]"
    (GitHub Apps, github-actions), or the community lists it; logins compared casefolded, as GitHub does.

    Asked once per event at scale, for a few thousand distinct accounts: answers are remembered when
    `listed` can be (a tuple, as `Rules.bots` is, or a frozenset)."""
    if isinstance(listed, tuple | frozenset):
        return _bot_answer(login, account_type, listed)
    return _is_bot(login, account_type, listed)


def _is_bot(login: str | None, account_type: str | None, listed: Collection[str]) -> bool:
    name = (login or "").casefold()
    return account_type == "Bot" or name.endswith("[bot]") or any(name == other.casefold() for other in listed)


_bot_answer = functools.lru_cache(maxsize=1 << 18)(_is_bot)


class Kudos(NamedTuple):
    """One `/kudos @login reason` read from a comment."""

    login: str
    reason: str


def thread_of(subject_type: str, number: int, repo: str | None) -> tuple[str, int]:
    """The key of a thread (see `EventReading.thread`), for whatever else is read from one."""
    return (subject_type, number) if repo is None else (f"{repo}#{subject_type}", number)


class EventReading:
    """How every stage reads an event, whichever form holds it (`Event` here, or the store's compact
    `StoredEvent`): the bot test and the payload, typed by kind."""

    __slots__ = ()
    if TYPE_CHECKING:
        kind: EventKind
        actor_login: str | None
        actor_type: str | None
        payload: Any
        subject: int
        subject_type: str
        repo: str | None

    @property
    def thread(self) -> tuple[str, int]:
        """What keys the issue, pull request or discussion the event is about: (subject_type, number) in the
        community's own repository, ("OWNER/NAME#subject_type", number) in another of the programme's, since
        numbers are per repository (issue #1 of one cohort is not issue #1 of another)."""
        return thread_of(self.subject_type, self.subject, self.repo)

    @property
    def at_home(self) -> bool:
        """In the community's own repository (where the agenda's issues and the bot's prompts live)."""
        return self.repo is None

    @property
    def deleted(self) -> bool:
        """*_comment: the comment was deleted on GitHub (what it gave is revoked)."""
        return self.payload.get("deleted") is True

    @property
    def final(self) -> bool:
        """A state GitHub never leaves: a deleted comment, a dismissed review. It wins over any other copy."""
        return self.deleted or (self.kind is EventKind.review_submitted and self.state == "dismissed")

    @property
    def team(self) -> tuple[str, ...]:
        """pr_opened: the logins its description names as co-authors (`Co-authored-by:` trailers)."""
        return tuple(str(login) for login in self.payload.get("team") or ())

    @property
    def is_bot(self) -> bool:
        """By a GitHub App or the Actions bot (see `is_bot_account`)."""
        return is_bot_account(self.actor_login, self.actor_type)

    def by_bot(self, listed: Collection[str]) -> bool:
        """By a bot, counting the logins the community lists as bots (entraide.yml `bots`)."""
        return is_bot_account(self.actor_login, self.actor_type, listed)

    # ------------------------------------------------------------------ the payload, typed by kind
    # Every stage reads the payload through these accessors, never by key: one place knows its shape,
    # and a value of the wrong type reads as absent instead of surprising the reader.

    def _text(self, key: str) -> str | None:
        value = self.payload.get(key)
        return value if isinstance(value, str) else None

    def _number(self, key: str) -> int | None:
        value = self.payload.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def labels(self) -> tuple[str, ...]:
        """issue_opened: the labels the issue was opened with."""
        return tuple(str(label) for label in self.payload.get("labels") or ())

    @property
    def form(self) -> str | None:
        """issue_opened: the issue form it came from ("question", "feedback", "join"...)."""
        return self._text("form")

    @property
    def rating(self) -> object:
        """issue_opened from the feedback form: the rating as stored (validated by the reader)."""
        return self.payload.get("rating")

    @property
    def title(self) -> str | None:
        return self._text("title")

    @property
    def category(self) -> str:
        """discussion_created: the Discussions category, "" when none."""
        return str(self.payload.get("category") or "")

    @property
    def challenge(self) -> str | None:
        """pr_opened: the challenge the submission names, if any."""
        value = self.payload.get("challenge")
        return str(value) if value else None

    @property
    def sha(self) -> str | None:
        """pr_opened, pr_head, pr_merged: the head commit."""
        return self._text("sha")

    @property
    def state(self) -> str:
        """review_submitted: approved, changes_requested, commented or dismissed (lower case)."""
        return str(self.payload.get("state") or "").casefold()

    @property
    def commit_id(self) -> str | None:
        """review_submitted: the commit the review was given on."""
        return self._text("commit_id")

    @property
    def comment_id(self) -> int | None:
        """*_comment and discussion_answered: the comment's id."""
        return self._number("comment_id")

    @property
    def reply_to(self) -> int | None:
        """*_comment: the comment this one answers, if any."""
        return self._number("reply_to")

    @property
    def kudos(self) -> tuple[Kudos, ...]:
        """*_comment: the kudos it gives, in order."""
        entries = self.payload.get("kudos")
        return tuple(
            Kudos(entry["login"], str(entry.get("reason") or ""))
            for entry in (entries if isinstance(entries, list) else ())
            if isinstance(entry, dict) and isinstance(entry.get("login"), str)
        )

    @property
    def label(self) -> str:
        """label_added, label_removed: the label's name ("" when absent)."""
        return str(self.payload.get("label") or "")

    @property
    def on_comment(self) -> bool:
        """label_*, reaction: True when it targets a comment rather than the issue itself."""
        return "target_id" in self.payload

    @property
    def target_id(self) -> int | None:
        return self._number("target_id")


class Event(Frozen, EventReading):
    """One normalised fact of GitHub activity. The store keeps these, deduplicated by `id`.

    `id` is stable: the same fact reached by the REST sync, GraphQL or a webhook payload gets the same id.
    `actor_id`/`actor_login` are None for deleted accounts (GitHub's `user: null`).
    `payload` is minimal and JSON-shaped; by kind:
      issue_opened:        {"labels": [...], "form": "question"|"help"|"feedback"|..., "rating": 1-5,
                            "fields": {id: answer} (opportunity form only)}
      pr_opened:           {"challenge": slug|None, "sha": head sha, "team": [co-author logins] (when any)}
      pr_head:             {"sha": head sha}
      pr_merged:           {"sha": head sha at merge}
      review_submitted:    {"state": "approved"|"changes_requested"|"commented"|"dismissed", "commit_id": sha}
      *_comment:           {"comment_id": int, "kudos": [{"login": str, "reason": str}], "reply_to": int|None,
                            "deleted": true (only once deleted)}
      label_added/removed: {"label": name, "target_id": comment id or absent when on the issue itself}
      reaction:            {"content": "+1"|"heart"|..., "target": "issue"|"comment", "target_id": int}
      discussion_created:  {"category": "Q&A"|...}
      discussion_answered: {"comment_id": int, "marked_by_id": int|None}  (actor = the answer's author)
    An event from another repository of the programme carries `repo`, and its id starts with "OWNER/NAME#":
    issue numbers are per repository, so `subject` is read with `repo` (see `scoring.threads.thread_key`).
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
    updated: dt.datetime | None = Field(
        None, description="GitHub's updated_at of the object when it can change (edits); the store keeps the latest"
    )
    repo: str | None = Field(
        None,
        pattern=REPO_PATTERN,
        description="OWNER/NAME of another repository of the programme (`entraide sync --partition`); "
        "None for the community's own repository, whose stored lines keep no such key",
    )

    @field_validator("at", "updated")
    @classmethod
    def _in_utc(cls, moment: dt.datetime | None) -> dt.datetime | None:
        # GitHub's timestamps are UTC; a naive one is read as UTC, not as the machine's local time. Held in
        # UTC, events order and compare by `at` alone, without converting on every sort.
        if moment is None:
            return None
        return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
