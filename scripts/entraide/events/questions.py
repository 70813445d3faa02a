"""Questions and help requests: which are still waiting for someone to answer.

A question is an issue opened with the `question` or `help` label (or through those issue forms, or
labelled so later) or a discussion in the Q&A category. It waits until someone other than its author
(bots excluded) replies, or, for a discussion, until an answer is marked. Closed or moderated questions
no longer wait.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from entraide.content.models import Frozen
from entraide.events.model import Event, EventKind, thread_of

QUESTION_LABELS = frozenset({"question", "help"})
QA_CATEGORIES = frozenset({"q&a", "questions", "questions & réponses"})
REPLIES = frozenset({EventKind.issue_comment, EventKind.discussion_comment})


class Question(Frozen):
    subject: int
    subject_type: str
    asked_at: dt.datetime
    repo: str | None = None  # another repository of the programme (see `Event.repo`)
    author_id: int | None
    title: str | None = None
    first_reply_at: dt.datetime | None = None
    answered_at: dt.datetime | None = None
    answer_id: int | None = None  # the comment marked as the answer (discussions), the last one marked
    closed: bool = False
    moderated: bool = False

    @property
    def thread(self) -> tuple[str, int]:
        """Keyed as `Event.thread` keys the events about it."""
        return thread_of(self.subject_type, self.subject, self.repo)

    @property
    def waiting(self) -> bool:
        replied = self.answered_at if self.subject_type == "discussion" else self.first_reply_at
        return not (replied or self.closed or self.moderated)


def is_question(event: Event) -> bool:
    if event.kind is EventKind.issue_opened:
        labels = {x.casefold() for x in event.labels}
        return bool(labels & QUESTION_LABELS) or event.form in QUESTION_LABELS
    if event.kind is EventKind.discussion_created:
        return event.category.casefold() in QA_CATEGORIES
    return False


def questions(
    events: tuple[Event, ...],
    *,
    moderation_labels: tuple[str, ...] = ("spam", "off-topic", "invalid"),
    bots: frozenset[str] = frozenset(),
) -> tuple[Question, ...]:
    """One pass over the events, in time order."""
    found: dict[tuple[str, int, str | None], Question] = {}
    openers: dict[tuple[str, int, str | None], Event] = {}
    for event in sorted(events, key=lambda e: (e.at, e.id)):
        key = (event.subject_type, event.subject, event.repo)  # numbers are per repository
        if event.kind in (EventKind.issue_opened, EventKind.discussion_created):
            openers[key] = event
            if is_question(event):
                found[key] = _new(event)
        elif (
            event.kind is EventKind.label_added
            and key in openers
            and key not in found
            and event.label.casefold() in QUESTION_LABELS
        ):
            found[key] = _new(openers[key])
        elif key in found:
            found[key] = _update(found[key], event, moderation_labels=moderation_labels, bots=bots)
    return tuple(sorted(found.values(), key=lambda q: (q.asked_at, q.subject_type, q.subject, q.repo or "")))


def _new(event: Event) -> Question:
    return Question(
        subject=event.subject,
        subject_type=event.subject_type,
        asked_at=event.at,
        author_id=event.actor_id,
        title=event.title,
        repo=event.repo,
    )


def _update(question: Question, event: Event, *, moderation_labels: Collection[str], bots: Collection[str]) -> Question:
    human = not event.by_bot(bots) and event.actor_id is not None
    if event.kind in REPLIES and human and event.actor_id != question.author_id and not question.first_reply_at:
        return question.model_copy(update={"first_reply_at": event.at})
    if event.kind is EventKind.discussion_answered:
        return question.model_copy(
            update={"answered_at": question.answered_at or event.at, "answer_id": event.comment_id}
        )
    if event.kind is EventKind.issue_closed:
        return question.model_copy(update={"closed": True})
    if (
        event.kind in (EventKind.label_added, EventKind.label_removed)
        and event.label in moderation_labels
        and not event.target_id
    ):
        return question.model_copy(update={"moderated": event.kind is EventKind.label_added})
    return question


def waiting(all_questions: tuple[Question, ...]) -> tuple[Question, ...]:
    """Oldest first: the longest wait is the most urgent."""
    return tuple(q for q in all_questions if q.waiting)
