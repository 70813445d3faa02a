"""The questions' and the submissions' waits for a first response, read as columns in one loop over the
openings (`responsiveness`).

At a million events the openings, their events, payloads and replies are ~150k objects scattered in memory:
each trip to one costs more than the few tests made on it, so each is read once, in the one loop that
classifies the thread (`is_question`, `is_submission`), finds its first response (`first_response`) and
writes its columns; the payload fields are read without the accessors' calls (as `payload_values` does).
Measured at a million events and no faster: the openings classified by passes in C over their kinds and
fields (0.40 -> 0.54 s), the first responses found at once by numpy from the history's columns of its
replies (0.40 -> 0.42 s), or found in the history's one step per reply (this loop 0.41 -> 0.30 s, the
history as much slower): each moved the trips to the same objects, none saved one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from entraide.events.model import EventKind
from entraide.events.questions import QA_CATEGORIES, QUESTION_LABELS
from entraide.kpis.history import History

QUESTION_FORMS = QUESTION_LABELS  # the question and help issue forms carry the label of the same name
DAY = dt.timedelta(hours=24)
HOUR = dt.timedelta(hours=1)
RESPONSE_KINDS = {
    "issue": frozenset({EventKind.issue_comment}),
    "discussion": frozenset({EventKind.discussion_comment, EventKind.discussion_answered}),
    "pull": frozenset({EventKind.review_submitted}),
}


@dataclass(slots=True)
class Columns:
    """One row per wait: the month it was opened in (year * 12 + month - 1), the hours to its first response
    as `timedelta / HOUR` gives them (NaN: none yet), whether it was opened 24 hours or more before `now`,
    its author's code (an opening without a known author is a person of its own, below every account id)."""

    month: list[int] = field(default_factory=list)
    hours: list[float] = field(default_factory=list)
    due: list[bool] = field(default_factory=list)
    person: list[int] = field(default_factory=list)

    def add(self, opened: dt.datetime, answer: dt.datetime | None, actor: int | None, *, due_by: dt.datetime) -> None:
        self.month.append(opened.year * 12 + opened.month - 1)
        self.hours.append(_NAN if answer is None else (answer - opened) / HOUR)
        self.due.append(opened <= due_by)
        self.person.append(actor if actor is not None else -1 - len(self.person))


def read_waits(history: History, labelled: set[tuple[str, int]]) -> tuple[Columns, Columns]:
    """The questions' and the submissions' columns (rows in no particular order: no figure depends on it)."""
    questions, submissions = Columns(), Columns()
    due_by = history.now - DAY
    # thread k < `opened` is the k-th opening's (`Replies`): its replies read by place, not looked up by key
    for (key, opening), replies in zip(history.openings.items(), history.reply_columns.lists):
        event = opening.event
        kind, payload = event.kind, event.payload
        # A payload field as `payload_values` reads it: a dict's by `get`, a typed payload's slot by `getattr`.
        read: Any = dict.get if payload.__class__ is dict else getattr
        if kind is EventKind.pr_opened:
            if not read(payload, "challenge", None):
                continue
            found = submissions
        elif kind is EventKind.issue_opened:
            form = read(payload, "form", None)
            asked = (isinstance(form, str) and form in QUESTION_FORMS) or key in labelled  # the cheaper tests first
            if not (asked or _asks(read(payload, "labels", None))):
                continue
            found = questions
        elif kind is EventKind.discussion_created:
            if str(read(payload, "category", None) or "").casefold() not in QA_CATEGORIES:
                continue
            found = questions
        else:
            continue
        opened, author, login = opening.at, opening.actor_id, opening.login
        responses = RESPONSE_KINDS.get(event.subject_type, ())
        answer = None
        for reply in replies or ():  # `first_response`, written out: ~130k threads
            if reply.kind not in responses:
                continue
            at = reply.at
            if at.tzinfo is None:
                at = at.replace(tzinfo=dt.UTC)
            if at < opened:
                continue
            actor = reply.actor_id
            if actor is not None and author is not None:
                if actor != author:
                    answer = at
                    break
            elif reply.actor_login is None or reply.actor_login != login:
                answer = at
                break
        found.month.append(opened.year * 12 + opened.month - 1)
        found.hours.append(_NAN if answer is None else (answer - opened) / HOUR)
        found.due.append(opened <= due_by)
        found.person.append(author if author is not None else -1 - len(found.person))
    return questions, submissions


def _asks(labels: Any) -> bool:
    """Opened with the question or help label (`Event.labels`, read as `is_question` reads it)."""
    return any(str(label).casefold() in QUESTION_LABELS for label in labels or ())


_NAN = float("nan")
