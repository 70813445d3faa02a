"""Responsiveness: time to the first response on questions and help requests, time to the first review
on submissions. A response comes from a human other than the author (CHAOSS: Time to First Response)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from entraide.content.models import Frozen
from entraide.events.model import Event, EventKind
from entraide.events.questions import (  # what counts as a question, defined once
    QA_CATEGORIES,
    QUESTION_LABELS,
)
from entraide.kpis.history import History, Opening, at_of, months, p90
from entraide.kpis.waiting import DAY, QUESTION_FORMS, RESPONSE_KINDS, Columns, read_waits
from entraide.kpis.waiting import HOUR as HOUR  # read by the tests from here, where it was defined


class MonthResponse(Frozen):
    month: str  # month the question or submission was opened, or "total"
    opened: int
    people: int  # distinct authors: the group size for privacy
    answered: int
    due: int  # opened at least 24 hours before as_of's end: the within-24h share's denominator
    within_day: int
    median_hours: float | None  # over the answered ones
    p90_hours: float | None

    @property
    def within_day_share(self) -> float | None:
        return self.within_day / self.due if self.due else None


class Responsiveness(Frozen):
    questions: tuple[MonthResponse, ...]
    questions_total: MonthResponse
    submissions: tuple[MonthResponse, ...]
    submissions_total: MonthResponse


@dataclass(frozen=True, slots=True)
class Wait:
    opening: Opening
    first_response: dt.datetime | None


def is_question(opening: Opening, labelled: set[tuple[str, int]]) -> bool:
    event = opening.event
    if event.kind == EventKind.discussion_created:
        return event.category.casefold() in QA_CATEGORIES
    if event.kind != EventKind.issue_opened:
        return False
    if event.form in QUESTION_FORMS or event.thread in labelled:  # the cheaper tests first
        return True
    return any(label.casefold() in QUESTION_LABELS for label in event.labels)


def is_submission(opening: Opening) -> bool:
    return opening.event.kind == EventKind.pr_opened and bool(opening.event.challenge)


def first_response(opening: Opening, replies: Iterable[Event]) -> dt.datetime | None:
    """When someone other than the author first responded in the thread (`History.replies` holds every
    reply kind; a response is one of `RESPONSE_KINDS` of its subject). One loop without a call per reply:
    it runs over every reply of every question and submission."""
    opened, author, login = opening.at, opening.actor_id, opening.login
    responses = RESPONSE_KINDS.get(opening.event.subject_type, ())  # a thread's replies share its subject type
    for event in replies:
        if event.kind not in responses:
            continue
        at = event.at if event.at.tzinfo else at_of(event)
        if at < opened:
            continue
        actor = event.actor_id
        if actor is not None and author is not None:
            if actor != author:
                return at
        elif event.actor_login is None or event.actor_login != login:
            return at
    return None


def _question_labels(history: History) -> set[tuple[str, int]]:
    """Issues labelled question/help after opening (a label on the issue itself, not on a comment)."""
    return {
        e.thread
        for e in history.of_kinds(EventKind.label_added)
        if e.subject_type == "issue" and not e.on_comment and e.label.casefold() in QUESTION_LABELS
    }


def waits(history: History, labelled: set[tuple[str, int]]) -> tuple[list[Wait], list[Wait]]:
    """The questions' and the submissions' waits, in one pass over the openings (a pull request is never
    a question, an issue or discussion never a submission)."""
    questions: list[Wait] = []
    submissions: list[Wait] = []
    replies = history.replies
    for key, opening in history.openings_in_order:
        found: list[Wait] | None
        if opening.event.kind is EventKind.pr_opened:
            found = submissions if is_submission(opening) else None
        else:
            found = questions if is_question(opening, labelled) else None
        if found is not None:
            found.append(Wait(opening, first_response(opening, replies.get(key, ()))))
    return questions, submissions


def responsiveness(history: History) -> Responsiveness:
    questions, submissions = read_waits(history, _question_labels(history))
    return summarised(_Waits(questions), _Waits(submissions), months(history))


def summarised(asked: _Waits, submitted: _Waits, every: list[str]) -> Responsiveness:
    return Responsiveness(
        questions=asked.by_months(every),
        questions_total=asked.summary("total", np.arange(len(asked.month))),
        submissions=submitted.by_months(every),
        submissions_total=submitted.summary("total", np.arange(len(submitted.month))),
    )


class _Waits:
    """The waits as columns (`Columns`): each month's figures are then a few array operations on its rows
    instead of five passes over its waits (a million events give ~130k waits)."""

    def __init__(self, found: Columns) -> None:
        self.month = np.array(found.month, dtype=np.int64)
        self.hours = np.array(found.hours, dtype=float)
        self.due = np.array(found.due, dtype=np.bool_)
        # `hours` as `timedelta / HOUR` gives them: a delay within 24 hours is one of at most 24.0 hours (the
        # division is exact at 24 hours and monotone); NaN, no response, is not within.
        self.within_day = self.hours <= 24.0
        self.person = np.array(found.person, dtype=np.int64)

    @classmethod
    def of(cls, found: list[Wait], *, now: dt.datetime) -> _Waits:
        """The columns of waits found by `waits` (the plain reading `read_waits` replaced)."""
        columns = Columns()
        for wait in found:
            columns.add(wait.opening.at, wait.first_response, wait.opening.actor_id, due_by=now - DAY)
        return cls(columns)

    def by_months(self, months: list[str]) -> tuple[MonthResponse, ...]:
        """The figures of each of `months` ("YYYY-MM"), over the waits opened in it."""
        order = np.argsort(self.month, kind="stable")
        codes, starts = np.unique(self.month[order], return_index=True)
        groups = np.split(order, starts[1:]) if len(codes) else []  # no wait at all: no group
        opened_in = {
            f"{code // 12:04d}-{code % 12 + 1:02d}": rows for code, rows in zip(codes.tolist(), groups, strict=True)
        }
        empty = np.zeros(0, dtype=np.int64)
        return tuple(self.summary(month, opened_in.get(month, empty)) for month in months)

    def summary(self, month: str, rows: np.ndarray) -> MonthResponse:
        hours = self.hours[rows]
        answered = np.sort(hours[~np.isnan(hours)]).tolist()
        due = self.due[rows]
        return MonthResponse(
            month=month,
            opened=len(rows),
            people=len(np.unique(self.person[rows])),
            answered=len(answered),
            due=int(due.sum()),
            within_day=int((due & self.within_day[rows]).sum()),
            median_hours=_median(answered),
            p90_hours=p90(answered),
        )


def _median(ordered: list[float]) -> float | None:
    """`statistics.median` of sorted floats (the middle one, or the mean of the middle two, as it adds them)."""
    if not ordered:
        return None
    middle = len(ordered) // 2
    return float(ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2)
