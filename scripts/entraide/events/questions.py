"""Questions and help requests: which are still waiting for someone to answer.

A question is an issue opened with the `question` or `help` label (or through those issue forms, or
labelled so later) or a discussion in the Q&A category. It waits until someone other than its author
(bots excluded) replies, or, for a discussion, until an answer is marked. Closed or moderated questions
no longer wait.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Collection

from entraide.content.models import Frozen
from entraide.events.model import Event, EventKind, thread_of
from entraide.events.order import StoreOrdered

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


# The kinds that open, reply to, answer, close, label or moderate a question: every other event (pull
# requests, reviews, reactions: most of the history) leaves the questions as they are.
_OPENERS = frozenset({EventKind.issue_opened, EventKind.discussion_created})
_READ = (
    _OPENERS
    | REPLIES
    | {
        EventKind.discussion_answered,
        EventKind.issue_closed,
        EventKind.label_added,
        EventKind.label_removed,
    }
)


def questions(
    events: tuple[Event, ...],
    *,
    moderation_labels: tuple[str, ...] = ("spam", "off-topic", "invalid"),
    bots: frozenset[str] = frozenset(),
) -> tuple[Question, ...]:
    """One pass over the events that can change a question, in time order.

    Each question's state is kept as a dict of its changed fields and becomes a `Question` once, at the end
    (a model copied per reply cost more than the pass itself at a million events); only the events of the
    kinds above are sorted (unless they come in that order, as the store gives them), which keeps their
    relative order: the same questions as sorting them all."""
    found: dict[tuple[str, int, str | None], tuple[Event, dict[str, object]]] = {}
    openers: dict[tuple[str, int, str | None], Event] = {}
    asked_in: set[int] = set()  # the numbers of the questions: most replies are to other threads
    opened_in: set[int] = set()  # the numbers of every issue and discussion: most labels are pull requests'
    read = [e for e in events if e.kind in _READ]
    if not (isinstance(events, StoreOrdered) or _in_time_order(read)):  # part of a sorted history is sorted
        read.sort(key=lambda e: (e.at, e.id))
    for event in read:
        kind = event.kind
        if kind in _OPENERS:
            key = (event.subject_type, event.subject, event.repo)  # numbers are per repository
            openers[key] = event
            opened_in.add(event.subject)
            if is_question(event):
                found[key] = (event, {})
                asked_in.add(event.subject)
            continue
        # Any other event changes only a question (a label also an opened thread): its number tells first.
        if event.subject not in (opened_in if kind is EventKind.label_added else asked_in):
            continue
        key = (event.subject_type, event.subject, event.repo)
        if kind is EventKind.label_added and key in openers and key not in found:
            if event.label.casefold() in QUESTION_LABELS:
                found[key] = (openers[key], {})
                asked_in.add(event.subject)
        elif key in found:
            opener, changed = found[key]
            _update(changed, event, author_id=opener.actor_id, moderation_labels=moderation_labels, bots=bots)
    asked = (_question(opener, changed) for opener, changed in found.values())
    return tuple(sorted(asked, key=lambda q: (q.asked_at, q.subject_type, q.subject, q.repo or "")))


def _in_time_order(events: list[Event]) -> bool:
    """Already sorted by (at, id): sorting them again would change nothing."""
    return all(a.at < b.at or (a.at == b.at and a.id <= b.id) for a, b in itertools.pairwise(events))


def _question(opener: Event, changed: dict[str, object]) -> Question:
    """The question `opener` asked, with what later events changed: built once (its set fields, those it was
    built with and every field an event changed, are those a copy of the model per change left).

    Built from validated events (tens of thousands of questions at a million events), so not validated
    again: every field laid out in the model's order (its defaults copied, then overwritten), as validating
    lays them out, and the fields set as given."""
    values = _BLANK.copy()
    values.update(
        subject=opener.subject,
        subject_type=opener.subject_type,
        asked_at=opener.at,
        author_id=opener.actor_id,
        title=opener.title,
        repo=opener.repo,
    )
    values.update(changed)
    names = _GIVEN + tuple(changed)
    question = Question.__new__(Question)
    object.__setattr__(question, "__dict__", values)
    object.__setattr__(question, "__pydantic_fields_set__", _SETS.get(names) or _SETS.setdefault(names, set(names)))
    object.__setattr__(question, "__pydantic_extra__", None)
    object.__setattr__(question, "__pydantic_private__", None)
    return question


# Every field in the model's order, with its default (the required ones are always given: None till then).
_BLANK = {name: None if field.is_required() else field.default for name, field in Question.model_fields.items()}
_GIVEN = ("subject", "subject_type", "asked_at", "author_id", "title", "repo")
_SETS: dict[tuple[str, ...], set[str]] = {}  # shared, as `Frozen.trusted` shares them: the models are frozen


def _update(
    changed: dict[str, object],
    event: Event,
    *,
    author_id: int | None,
    moderation_labels: Collection[str],
    bots: Collection[str],
) -> None:
    kind = event.kind
    if (
        kind in REPLIES
        and not changed.get("first_reply_at")
        and event.actor_id is not None
        and event.actor_id != author_id
        and not event.by_bot(bots)
    ):
        changed["first_reply_at"] = event.at
    elif kind is EventKind.discussion_answered:
        changed["answered_at"] = changed.get("answered_at") or event.at
        changed["answer_id"] = event.comment_id
    elif kind is EventKind.issue_closed:
        changed["closed"] = True
    elif (
        kind in (EventKind.label_added, EventKind.label_removed)
        and event.label in moderation_labels
        and not event.target_id
    ):
        changed["moderated"] = kind is EventKind.label_added


def waiting(all_questions: tuple[Question, ...]) -> tuple[Question, ...]:
    """Oldest first: the longest wait is the most urgent."""
    return tuple(q for q in all_questions if q.waiting)
