"""« Ce qui aide »'s exposures and early activity for every learner at once, read in their windows only.

Each learner's window is [first day, first day + days), and most learners of a cohort start on its first
day: the windows are a few runs of days. What can expose someone (a reply in a thread they opened, kudos
naming them, a comment or reaction on an agenda's issue) is read only among the events of those days, cut
by two searches from the history's time-ordered lists, each checked against its learner's own window:
a walk over every thread and reply per learner and definition (the plain reading the tests compare this
with, `exposure` in `tests/plain_rows.py`) touched every learner's threads, and one over every event, most
of the history.
"""

from __future__ import annotations

import bisect
import datetime as dt
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, compress, repeat
from typing import Any, TypeVar

import numpy as np

from entraide.content.models import Exposure, Member
from entraide.events.model import Event, EventKind, Kudos
from entraide.events.questions import QA_CATEGORIES, QUESTION_LABELS
from entraide.kpis.history import INTERACTION_KINDS, OPENING_KINDS, History, Opening, at_of

_ACTOR, _ID, _LOGIN, _SUBJECT = (
    operator.attrgetter("actor_id"),
    operator.attrgetter("id"),
    operator.attrgetter("login"),
    operator.attrgetter("subject"),
)
_T = TypeVar("_T")
_ASKING = (EventKind.issue_opened, EventKind.discussion_created)  # what `is_question` may accept
_DAY = dt.timedelta(days=1)


class Exposures:
    """The learners with a row (`learners`, each starting on day number `starts[n]`); `of(definition)`
    gives each one's exposure as the plain reading (`tests/plain_rows.py`) does, `early` their threads opened early."""

    def __init__(self, history: History, learners: Sequence[Member], starts: np.ndarray) -> None:
        self.history, self.learners, self.starts = history, learners, starts
        self.ids = list(map(_ID, learners))
        self.row_of = dict(zip(self.ids, range(len(self.ids))))
        self.day_after = (history.as_of + _DAY).toordinal()

    def of(self, definition: Exposure) -> list[bool | None]:
        ends = self.starts + definition.days
        within, starts = _Within(sorted(set(self.starts.tolist())), definition.days), self.starts.tolist()
        found: list[bool | None]
        if definition.kind == "quick_answer":
            found = self._quick_answer(within, starts, ends.tolist(), definition.hours)
        else:
            found = getattr(self, f"_{definition.kind}")(within, starts, ends.tolist())
        return [None if late else value for late, value in zip((ends > self.day_after).tolist(), found)]

    def early(self, days: int, cap: int) -> list[int]:
        """Threads each learner opened in [start, start + days) (UTC days), `cap` or more counted as `cap`."""
        found, openings, starts = [0] * len(self.learners), self.history.openings, self.starts.tolist()
        events = _Within(sorted(set(starts)), days)(self._lists(OPENING_KINDS))
        for event in compress(events, map(self.row_of.__contains__, map(_ACTOR, events))):  # learners', in C
            opening = openings.get((event.subject_type, event.subject) if event.repo is None else event.thread)
            if opening is not None and opening.event is event:  # the thread's first opening: by this learner
                who, at = (
                    self.row_of[event.actor_id],
                    opening.at if opening.at.tzinfo is dt.UTC else opening.at.astimezone(dt.UTC),
                )
                found[who] += starts[who] <= at.toordinal() < starts[who] + days
        return [min(count, cap) for count in found]

    def _lists(self, kinds: Iterable[EventKind]) -> list[list[Event]]:
        """The history's time-ordered list of each of `kinds`."""
        return [self.history.by_kind.get(kind, []) for kind in kinds]

    def _peer_help(self, within: _Within, starts: list[int], ends: list[int]) -> list[bool]:
        """Another learner commented on, reviewed or answered one of the learner's own threads. One Python
        step per learner's reply: once a learner is found exposed their replies' times are not read, which
        reading every reply's columns in C and comparing in numpy cannot skip (0.105 s against 0.069 at 1M
        events, tried)."""
        found, learners, row_of = [False] * len(self.learners), self.history.learner_ids(), self.row_of
        opening_of = self.history.openings.get
        events = within(self._lists(INTERACTION_KINDS))
        for event in compress(events, map(learners.__contains__, map(_ACTOR, events))):  # learners', in C
            actor = event.actor_id
            opening = opening_of((event.subject_type, event.subject) if event.repo is None else event.thread)
            who = -1 if opening is None or opening.actor_id == actor else row_of.get(opening.actor_id, -1)
            if who >= 0 and not found[who]:
                found[who] = starts[who] <= event.at.toordinal() < ends[who]
        return found

    def _kudos_received(self, within: _Within, starts: list[int], ends: list[int]) -> list[bool]:
        """At least one kudos from someone else."""
        rows_of: dict[str, list[int]] = {}
        for n, login in enumerate(map(_LOGIN, self.learners)):
            rows_of.setdefault(login.casefold(), []).append(n)
        found, ids, given = [False] * len(self.learners), self.ids, self.history.kudos_given
        for low, high in within.spans(given, _given_at, _of_each_kind(given)):
            for event, kudos in given[low:high]:
                day = event.at.toordinal()
                for n in (n for k in kudos for n in rows_of.get(k.login.casefold(), ())):
                    found[n] = found[n] or (event.actor_id != ids[n] and starts[n] <= day < ends[n])
        return found

    def _event_attended(self, within: _Within, starts: list[int], ends: list[int]) -> list[bool]:
        """Commented or reacted on the issue of an event of the agenda."""
        issues = {item.issue for item in self.history.community.rules.agenda if item.issue}
        events = within(self._lists((EventKind.issue_comment, EventKind.reaction))) if issues else []
        found, row_of = [False] * len(self.learners), self.row_of
        for event in compress(events, map(issues.__contains__, map(_SUBJECT, events))):  # a few: read in C
            who = row_of.get(event.actor_id, -1)
            if who >= 0 and event.at_home and event.subject_type == "issue":
                found[who] = found[who] or starts[who] <= event.at.toordinal() < ends[who]
        return found

    def _quick_answer(self, within: _Within, starts: list[int], ends: list[int], hours: int) -> list[bool | None]:
        """The learner's first question in the window (by time, then thread) had a reply from someone else
        within `hours`; None without one, or while its deadline is not past."""
        first: dict[int, tuple[dt.datetime, tuple[str, int], Opening]] = {}  # each learner's, so far
        openings, held_by, events = self.history.openings, first.get, within(self._lists(_ASKING))
        for event, who in zip(events, map(self.row_of.get, map(_ACTOR, events), repeat(-1))):  # owners read in C
            if who < 0:
                continue
            at, held = event.at, held_by(who)
            at = at if at.tzinfo else at.replace(tzinfo=dt.UTC)  # `at_of`, without a call per event
            if (held is not None and held[0] < at) or not starts[who] <= at.toordinal() < ends[who]:
                continue  # each list is in time order: most of a learner's later threads end here
            key = (event.subject_type, event.subject) if event.repo is None else event.thread  # its thread's key
            if held is not None and held[:2] <= (at, key):
                continue
            opening = openings.get(key)
            if opening is not None and opening.event is event and asks(event):
                first[who] = (at, key, opening)
        found: list[bool | None] = [None] * len(self.learners)
        now, wait = self.history.now, dt.timedelta(hours=hours)
        for who, (at, key, _) in first.items():
            member_id = self.ids[who]
            if at + wait <= now:
                found[who] = any(
                    r.actor_id is not None and r.actor_id != member_id and at < at_of(r) <= at + wait
                    for r in self.history.replies_of(key)
                )
        return found


def asks(event: Event) -> bool:
    """`questions.is_question`, the payload's fields read as `payload_values` reads them (a dict's by `get`, a
    typed payload's slot by `getattr`, an unset one falsy) without the accessors' calls: the form first, the
    labels only when it is not a question's (the quick answers ask ~21k openings at a million events: 21k of
    its issues and discussions took 0.037-0.048 s with `is_question`, 0.018-0.021 s so)."""
    payload: Any = event.payload
    read: Any = dict.get if payload.__class__ is dict else getattr
    if event.kind is EventKind.issue_opened:
        form = read(payload, "form", None)
        if isinstance(form, str) and form in QUESTION_LABELS:
            return True
        return any(str(label).casefold() in QUESTION_LABELS for label in read(payload, "labels", None) or ())
    if event.kind is EventKind.discussion_created:
        return str(read(payload, "category", None) or "").casefold() in QA_CATEGORIES
    return False


class _Within:
    """The events of time-ordered lists in the windows [start, start + days) of some start days (day
    numbers), a day wider each side: an event's own date, read by the caller, may be a day off its UTC
    one."""

    def __init__(self, starts: list[int], days: int) -> None:
        self.runs: list[list[int]] = []  # [first day, day after], merged
        for start in starts:
            if self.runs and start - 1 <= self.runs[-1][1]:
                self.runs[-1][1] = max(self.runs[-1][1], start + days + 1)
            else:
                self.runs.append([start - 1, start + days + 1])

    def __call__(self, lists: list[list[Event]]) -> list[Event]:
        """The events of each time-ordered list in the runs."""
        parts = (events[low:high] for events in lists for low, high in self.spans(events, at_of, [(0, len(events))]))
        return list(chain.from_iterable(parts))

    def spans(
        self, items: Sequence[_T], at: Callable[[_T], dt.datetime], parts: Iterable[tuple[int, int]]
    ) -> Iterator[tuple[int, int]]:
        """Where the items of each time-ordered part [low, high) of `items` are in the runs."""
        for low, high in parts:
            for first, after in self.runs:
                start = bisect.bisect_left(items, _moment(first), low, high, key=at)
                yield start, bisect.bisect_left(items, _moment(after), start, high, key=at)


def _of_each_kind(given: list[tuple[Event, tuple[Kudos, ...]]]) -> Iterator[tuple[int, int]]:
    """The parts [low, high) of `History.kudos_given`, each kind's replies in time order one after the
    other (as `History.of_kinds` lists them), found by bisection: their events are not read one by one."""
    low = 0
    while low < len(given):
        kind, start, high = given[low][0].kind, low + 1, len(given)
        while start < high:  # the first position of another kind
            middle = (start + high) // 2
            start, high = (middle + 1, high) if given[middle][0].kind is kind else (start, middle)
        yield low, start
        low = start


def _given_at(item: tuple[Event, tuple[Kudos, ...]]) -> dt.datetime:
    return at_of(item[0])


def _moment(day: int) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromordinal(day), dt.time(), tzinfo=dt.UTC)
