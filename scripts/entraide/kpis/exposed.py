"""« Ce qui aide »'s exposures and early activity for every learner at once, read in their windows only.

Each learner's window is [first day, first day + days), and most learners of a cohort start on its first
day: the windows are a few runs of days. What can expose someone (a reply in a thread they opened, kudos
naming them, a comment or reaction on an agenda's issue) is read only among the events of those days, cut
by two searches from the history's time-ordered lists, each checked against its learner's own window:
a walk over every thread and reply per learner and definition (`effects.exposure`, the plain reading the
tests compare this with) touched every learner's threads, and one over every event, most of the history.
"""

from __future__ import annotations

import bisect
import datetime as dt
import operator
from collections.abc import Iterable, Iterator, Sequence

import numpy as np

from entraide.content.models import Exposure, Member
from entraide.events.model import Event, EventKind
from entraide.events.questions import is_question
from entraide.kpis.history import INTERACTION_KINDS, OPENING_KINDS, History, Opening, at_of

_ORDINAL, _AT = dt.datetime.toordinal, operator.attrgetter("at")
_ASKING = (EventKind.issue_opened, EventKind.discussion_created)  # what `is_question` may accept
_DAY = dt.timedelta(days=1)


class Exposures:
    """The learners with a row (`learners`, each starting on day number `starts[n]`); `of(definition)`
    gives each one's exposure as `effects.exposure` does, `early` their threads opened early."""

    def __init__(self, history: History, learners: Sequence[Member], starts: np.ndarray) -> None:
        self.history, self.learners, self.starts = history, learners, starts
        self.row_of = {m.id: n for n, m in enumerate(learners)}
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
        for event in _Within(sorted(set(starts)), days)(self._lists(OPENING_KINDS)):
            who, opening = self._opener(event, openings)
            if opening is not None and opening.event is event:
                at = opening.at if opening.at.tzinfo is dt.UTC else opening.at.astimezone(dt.UTC)
                found[who] += starts[who] <= at.toordinal() < starts[who] + days
        return [min(count, cap) for count in found]

    def _lists(self, kinds: Iterable[EventKind]) -> list[list[Event]]:
        """The history's time-ordered list of each of `kinds`."""
        return [self.history.by_kind.get(kind, []) for kind in kinds]

    def _opener(self, event: Event, openings: dict[tuple[str, int], Opening]) -> tuple[int, Opening | None]:
        """The learner with a row who opened the event's thread, and its opening (None: no such learner)."""
        opening = openings.get(_key(event))
        who = self.row_of.get(opening.actor_id, -1) if opening is not None else -1
        return who, opening if who >= 0 else None

    def _peer_help(self, within: _Within, starts: list[int], ends: list[int]) -> list[bool]:
        """Another learner commented on, reviewed or answered one of the learner's own threads."""
        found, learners, row_of = [False] * len(self.learners), self.history.learner_ids(), self.row_of
        opening_of = self.history.openings.get
        for event in within(self._lists(INTERACTION_KINDS)):
            actor = event.actor_id
            if actor in learners:  # the cheapest test first: one read of the event
                opening = opening_of((event.subject_type, event.subject) if event.repo is None else event.thread)
                who = -1 if opening is None or opening.actor_id == actor else row_of.get(opening.actor_id, -1)
                if who >= 0 and not found[who]:
                    found[who] = starts[who] <= event.at.toordinal() < ends[who]
        return found

    def _kudos_received(self, within: _Within, starts: list[int], ends: list[int]) -> list[bool]:
        """At least one kudos from someone else."""
        given = self.history.kudos_given
        days = np.fromiter(map(_ORDINAL, map(_AT, (event for event, _ in given))), np.int64, len(given))
        rows_of: dict[str, list[int]] = {}
        for n, member in enumerate(self.learners):
            rows_of.setdefault(member.login.casefold(), []).append(n)
        found, ids = [False] * len(self.learners), [m.id for m in self.learners]
        for at in np.flatnonzero(within.holds(days)).tolist():
            (event, kudos), day = given[at], int(days[at])
            for n in (n for k in kudos for n in rows_of.get(k.login.casefold(), ())):
                found[n] = found[n] or (event.actor_id != ids[n] and starts[n] <= day < ends[n])
        return found

    def _event_attended(self, within: _Within, starts: list[int], ends: list[int]) -> list[bool]:
        """Commented or reacted on the issue of an event of the agenda."""
        issues = {item.issue for item in self.history.community.rules.agenda if item.issue}
        found, row_of = [False] * len(self.learners), self.row_of
        for event in within(self._lists((EventKind.issue_comment, EventKind.reaction))) if issues else ():
            who = row_of.get(event.actor_id, -1) if event.subject in issues else -1
            if who >= 0 and event.at_home and event.subject_type == "issue":
                found[who] = found[who] or starts[who] <= event.at.toordinal() < ends[who]
        return found

    def _quick_answer(self, within: _Within, starts: list[int], ends: list[int], hours: int) -> list[bool | None]:
        """The learner's first question in the window (by time, then thread) had a reply from someone else
        within `hours`; None without one, or while its deadline is not past."""
        first: dict[int, tuple[dt.datetime, tuple[str, int], Opening]] = {}  # each learner's, so far
        openings, row_of, held_by = self.history.openings, self.row_of, first.get
        for event in within(self._lists(_ASKING)):
            who = row_of.get(event.actor_id, -1)
            if who < 0:
                continue
            at, held = event.at, held_by(who)
            at = at if at.tzinfo else at.replace(tzinfo=dt.UTC)  # `at_of`, without a call per event
            if held is not None and held[0] < at:
                continue  # each list is in time order: most of a learner's later threads end here
            key = _key(event)
            if held is not None and held[:2] <= (at, key):
                continue
            opening = openings.get(key)
            mine = opening is not None and opening.event is event and starts[who] <= at.toordinal() < ends[who]
            if mine and opening is not None and is_question(event):
                first[who] = (at, key, opening)
        found: list[bool | None] = [None] * len(self.learners)
        now, wait = self.history.now, dt.timedelta(hours=hours)
        for who, (at, key, _) in first.items():
            member_id = self.learners[who].id
            if at + wait <= now:
                found[who] = any(
                    r.actor_id is not None and r.actor_id != member_id and at < at_of(r) <= at + wait
                    for r in self.history.replies.get(key, ())
                )
        return found


def _key(event: Event) -> tuple[str, int]:
    return (event.subject_type, event.subject) if event.repo is None else event.thread


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

    def __call__(self, lists: list[list[Event]]) -> Iterator[Event]:
        """The events of each time-ordered list in the runs."""
        for events in lists:
            for first, after in self.runs:
                low = bisect.bisect_left(events, _moment(first), key=at_of)
                yield from events[low : bisect.bisect_left(events, _moment(after), lo=low, key=at_of)]

    def holds(self, days: np.ndarray) -> np.ndarray:
        """Which of the day numbers fall in a run."""
        found = np.zeros(len(days), dtype=bool)
        for first, after in self.runs:
            found |= (first <= days) & (days < after)
        return found


def _moment(day: int) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromordinal(day), dt.time(), tzinfo=dt.UTC)
