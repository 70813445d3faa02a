"""One `StoredEvent` class per kind, each reading its payload into the struct of the fields its kind carries.

msgspec decodes a stored line straight into its kind's class, chosen by the line's "kind" key (a tagged
union), payload included: one decode per line, no raw payload kept for a second one, no slot for the kind
(the class holds it). Every stage reads these as `StoredEvent`s; only `decoding` names them.
"""

from __future__ import annotations

from typing import Any

import msgspec

from entraide.events.compact import (
    EMPTY_PAYLOAD,
    Answered,
    Comment,
    DiscussionCreated,
    Head,
    IssueOpened,
    NoPayload,
    PrOpened,
    Reaction,
    Review,
    SharedPayload,
    StoredEvent,
)
from entraide.events.model import EventKind

_K = EventKind


def _empty() -> Any:
    return EMPTY_PAYLOAD  # a line without a payload, as `{}`: the shared empty one


class IssueOpenedEvent(StoredEvent, tag="issue_opened", gc=False):
    kind = _K.issue_opened
    payload: IssueOpened = msgspec.field(default_factory=_empty)


class IssueClosedEvent(StoredEvent, tag="issue_closed", gc=False):
    kind = _K.issue_closed
    payload: NoPayload = msgspec.field(default_factory=_empty)


class PrOpenedEvent(StoredEvent, tag="pr_opened", gc=False):
    kind = _K.pr_opened
    payload: PrOpened = msgspec.field(default_factory=_empty)


class PrHeadEvent(StoredEvent, tag="pr_head", gc=False):
    kind = _K.pr_head
    payload: Head = msgspec.field(default_factory=_empty)


class PrMergedEvent(StoredEvent, tag="pr_merged", gc=False):
    kind = _K.pr_merged
    payload: Head = msgspec.field(default_factory=_empty)


class PrClosedEvent(StoredEvent, tag="pr_closed", gc=False):
    kind = _K.pr_closed
    payload: NoPayload = msgspec.field(default_factory=_empty)


class ReviewSubmittedEvent(StoredEvent, tag="review_submitted", gc=False):
    kind = _K.review_submitted
    payload: Review = msgspec.field(default_factory=_empty)


class IssueCommentEvent(StoredEvent, tag="issue_comment", gc=False):
    kind = _K.issue_comment
    payload: Comment = msgspec.field(default_factory=_empty)


class PrCommentEvent(StoredEvent, tag="pr_comment", gc=False):
    kind = _K.pr_comment
    payload: Comment = msgspec.field(default_factory=_empty)


class ReviewCommentEvent(StoredEvent, tag="review_comment", gc=False):
    kind = _K.review_comment
    payload: Comment = msgspec.field(default_factory=_empty)


class LabelAddedEvent(StoredEvent, tag="label_added", gc=False):
    kind = _K.label_added
    payload: SharedPayload = msgspec.field(default_factory=_empty)


class LabelRemovedEvent(StoredEvent, tag="label_removed", gc=False):
    kind = _K.label_removed
    payload: SharedPayload = msgspec.field(default_factory=_empty)


class ReactionEvent(StoredEvent, tag="reaction", gc=False):
    kind = _K.reaction
    payload: Reaction = msgspec.field(default_factory=_empty)


class DiscussionCreatedEvent(StoredEvent, tag="discussion_created", gc=False):
    kind = _K.discussion_created
    payload: DiscussionCreated = msgspec.field(default_factory=_empty)


class DiscussionAnsweredEvent(StoredEvent, tag="discussion_answered", gc=False):
    kind = _K.discussion_answered
    payload: Answered = msgspec.field(default_factory=_empty)


class DiscussionCommentEvent(StoredEvent, tag="discussion_comment", gc=False):
    kind = _K.discussion_comment
    payload: Comment = msgspec.field(default_factory=_empty)


KIND_EVENTS: dict[EventKind, type[StoredEvent]] = {cls.kind: cls for cls in StoredEvent.__subclasses__()}
assert set(KIND_EVENTS) == set(EventKind), "every kind is read by its own class"
