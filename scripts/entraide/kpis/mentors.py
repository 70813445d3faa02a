"""The mentors' view: submissions waiting for a mentor's review, the load per mentor, the median wait.

A submission waits from its opening, or from the first push after a mentor's latest review, until a
mentor reviews it again; it stops waiting when merged or closed. The median wait is the very number the
bot quotes to learners (`entraide.events.submissions.median_review_wait`), computed here the same way, in the
same pass over the events as the waits (`_Walk`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Container, Iterator
from dataclasses import dataclass
from itertools import compress, repeat
from operator import attrgetter, eq

import numpy as np

from entraide.content.models import Frozen, Role
from entraide.events.model import Event, EventKind
from entraide.events.submissions import CHALLENGE_PREFIX, WAIT_WINDOW
from entraide.kpis.columns import codes_of
from entraide.kpis.daily import KINDS
from entraide.kpis.history import History, Opening, at_of
from entraide.kpis.responsiveness import is_submission

REVIEWERS = (Role.mentor, Role.maintainer)  # whose review ends a wait, as the bot counts it
CLOSING = frozenset({EventKind.pr_merged, EventKind.pr_closed})
PUSHES = frozenset({EventKind.pr_opened, EventKind.pr_head})


class WaitingSubmission(Frozen):
    number: int
    repo: str | None = None  # another repository of the programme; None: the community's own
    challenge: str
    track: str | None
    author_id: int | None
    since: dt.datetime
    age_hours: float


class MentorLoad(Frozen):
    login: str
    tracks: tuple[str, ...]
    load: float  # waiting submissions of the mentor's tracks, shared equally among each track's mentors
    over: bool


class MentorsView(Frozen):
    waiting: tuple[WaitingSubmission, ...]  # oldest first
    loads: tuple[MentorLoad, ...]
    threshold: int
    median_wait_hours: float | None  # what the bot quotes on each new submission


def mentor_logins(history: History) -> set[str]:
    listed = {login.lower() for track in history.community.rules.tracks for login in track.mentors}
    return listed | {m.login.lower() for m in history.members.values() if m.role == Role.mentor}


def _waiting(history: History, mentors: set[str]) -> dict[tuple[str, int], dt.datetime]:
    """Since when each waiting submission waits for a mentor, in one pass over the pull requests' events.

    A submission waits from its opening, and again from the first push after a mentor's review; it stops
    waiting when a mentor reviews it, and for good when merged or closed."""
    return _Walk(history, mentors, frozenset()).run(history).waiting()


class _Walk:
    """The submissions' waits (`_waiting`) and the pull requests the bot's quote reads (`_Pull`), followed
    together in one walk over the events: both read the pull requests' openings, pushes, reviews and labels
    in time order. Only the events of the pull requests either can still change are walked, picked from
    the history's lists by kind in C: a merged or closed submission waits no more, and a pull request
    first reviewed before the quote's window is not quoted (at a million events, ~80k of ~280k events)."""

    def __init__(self, history: History, mentors: set[str], reviewers: frozenset[int]) -> None:
        self.mentors, self.reviewers = mentors, reviewers
        self.recent = history.now - WAIT_WINDOW  # the quote reads the pull requests reviewed since then
        by_kind = history.by_kind
        # Closings need no order. A closed issue's thread is ("issue", n): never a submission's.
        closings = [*by_kind.get(EventKind.pr_merged, ()), *by_kind.get(EventKind.pr_closed, ())]
        self.closed, still_open = _still_open(closings, by_kind.get(EventKind.pr_opened, []))
        self.openings: dict[tuple[str, int], Opening] = {}  # the submissions still open (`is_submission`)
        for thread in still_open:
            opening = history.openings.get(thread)
            if opening is not None and opening.event.subject_type == "pull" and is_submission(opening):
                self.openings[thread] = opening
        self.since: dict[tuple[str, int], dt.datetime | None] = {t: o.at for t, o in self.openings.items()}
        self.pulls: dict[int, _Pull] = {}
        self.by_mentor: dict[str | None, bool] = {}  # login -> among `mentors`: asked once per login

    def run(self, history: History) -> _Walk:
        """One loop over the events that can move a wait or the quote, each kind's step written out."""
        since, pulls, reviewers, openings = self.since, self.pulls, self.reviewers, self.openings
        mentors, by_mentor = self.mentors, self.by_mentor
        for event in self.walked(history):
            kind, subject_type = event.kind, event.subject_type
            if subject_type == "discussion":
                continue  # neither reader looks at discussions
            if kind is EventKind.review_submitted:
                if subject_type == "pull":
                    thread = ("pull", event.subject) if event.repo is None else event.thread
                    if since.get(thread) is not None:  # a review while nobody waits changes nothing
                        login, actor = event.actor_login, event.actor_id
                        mentor = by_mentor.get(login)
                        if mentor is None:
                            mentor = by_mentor[login] = (login or "").lower() in mentors
                        if mentor and (actor is None or actor != openings[thread].actor_id):  # not its author
                            since[thread] = None
                pull = pulls.get(event.subject)
                if pull is not None and pull.reviewed is None:
                    actor = event.actor_id
                    if actor is not None and actor != pull.author_id and actor in reviewers:
                        pull.reviewed = event.at
            elif kind in PUSHES:
                if subject_type == "pull":
                    thread = ("pull", event.subject) if event.repo is None else event.thread
                    if thread in since and since[thread] is None:
                        since[thread] = at_of(event)
                if kind is EventKind.pr_opened:
                    pulls[event.subject] = _Pull(event.at, event.actor_id, event)
            else:
                pull = pulls.get(event.subject)
                if pull is not None and not event.on_comment:
                    pull.label(event.label, added=kind is EventKind.label_added)
        return self

    def walked(self, history: History) -> list[Event]:
        """The events of `_WALKED` kinds about a submission still open or a pull request a mentor reviewed
        within the quote's window (its first review by one can be no earlier), in the history's order: its
        (time, id) order (`build_history`). A push moves a wait only: only the open submissions' are read.
        Picked by their places among the history's events (their kinds' codes), so already in order: no
        list per kind merged by a sort of their times (~280k events at a million)."""
        reviews = history.by_kind.get(EventKind.review_submitted, [])
        recent = reviews[bisect.bisect_left(reviews, self.recent, key=_AT) :]  # in time order: one search
        waiting = {number for _, number in self.since}
        keep = waiting.union(compress(map(_SUBJECT, recent), map(self.reviewers.__contains__, map(_ACTOR, recent))))
        events, codes = history.events, history.codes
        places = np.flatnonzero(np.isin(codes, _WALKED_CODES))
        picked = list(map(events.__getitem__, places.tolist()))
        subjects = np.fromiter(map(_SUBJECT, picked), np.int64, len(picked))
        pushed = np.isin(subjects, np.fromiter(waiting, np.int64, len(waiting)))
        kept = np.where(codes[places] == _HEAD_CODE, pushed, np.isin(subjects, np.fromiter(keep, np.int64, len(keep))))
        return list(compress(picked, kept.tolist()))

    def waiting(self) -> dict[tuple[str, int], dt.datetime]:
        return {thread: at for thread, at in self.since.items() if at is not None and thread not in self.closed}


def _still_open(closings: list[Event], opened: list[Event]) -> tuple[Container[tuple[str, int]], set[tuple[str, int]]]:
    """The threads closed (as far as a pull request's thread asks) and those of `opened` not closed. When all
    are in the community's own repository, a pull request's thread is ("pull", its number): the numbers of
    the pull requests' events are compared, read in C, without a thread key made and hashed per event (the
    walk's set-up 0.14/0.20 -> 0.11/0.15 s min/median at 1M events, ~130k events). The threads of other
    subject types are left out: they are never a submission's."""
    if any(map(_REPO, closings)) or any(map(_REPO, opened)):
        closed = set(_threads(closings))
        return closed, set(_threads(opened)) - closed
    numbers = set(_pull_numbers(closings))
    return _PullThreads(numbers), {("pull", number) for number in set(_pull_numbers(opened)) - numbers}


def _pull_numbers(events: list[Event]) -> Iterator[int]:
    """The numbers of the pull requests' `events` (subject type "pull"), read in C."""
    return compress(map(_SUBJECT, events), map(eq, map(_SUBJECT_TYPE, events), repeat("pull")))


class _PullThreads(Container[tuple[str, int]]):
    """The threads ("pull", n) of the numbers given: no key made for each."""

    def __init__(self, numbers: set[int]) -> None:
        self.numbers = numbers

    def __contains__(self, thread: object) -> bool:
        return isinstance(thread, tuple) and thread[0] == "pull" and thread[1] in self.numbers


def _threads(events: list[Event]) -> list[tuple[str, int]]:
    """Each event's `thread`, read in C when all are in the community's own repository (keyed by subject
    type and number alone)."""
    if any(map(_REPO, events)):
        return [event.thread for event in events]
    return list(zip(map(_SUBJECT_TYPE, events), map(_SUBJECT, events)))


def mentors_view(history: History) -> MentorsView:
    reviewers = frozenset(m.id for m in history.members.values() if m.role in REVIEWERS)
    walk = _Walk(history, mentor_logins(history), reviewers).run(history)
    waits = walk.waiting()
    challenges = {c.slug: c for c in history.community.challenges}
    waiting, now = [], history.now
    for thread, since in waits.items():  # their order is the sort's below, a total one
        opening = walk.openings[thread]
        slug = str(opening.event.challenge)
        challenge = challenges.get(slug)
        waiting.append(
            WaitingSubmission(
                number=opening.event.subject,
                repo=opening.event.repo,
                challenge=slug,
                track=challenge.track if challenge else None,
                author_id=opening.actor_id,
                since=since,
                age_hours=_hours(now - since),
            )
        )
    waiting.sort(key=lambda w: (w.since, w.repo or "", w.number))
    threshold = history.community.rules.mentor_load_threshold
    return MentorsView(
        waiting=tuple(waiting),
        loads=_loads(history, waiting, threshold),
        threshold=threshold,
        median_wait_hours=_quoted_wait(history, walk.pulls),
    )


def _quoted_wait(history: History, pulls: dict[int, _Pull]) -> float | None:
    """The bot's quote (`submissions.median_review_wait`) from the pull requests `_Walk` followed."""
    recent = history.now - WAIT_WINDOW  # reviewed since then
    waits = [
        pull.reviewed - pull.opened_at
        for pull in pulls.values()
        if pull.reviewed is not None and pull.reviewed >= recent and pull.challenge
    ]
    return _hours(statistics.median_low(sorted(waits))) if waits else None


@dataclass(slots=True)
class _Pull:
    """What the quoted wait reads of a pull request: when it was opened, by whom, its challenge (from the
    opening, else from a single `challenge:<slug>` label), its first review by a mentor other than its author.
    The opening's challenge is read, and a set of labels made, only when asked (a few of ~70k pulls)."""

    opened_at: dt.datetime
    author_id: int | None
    opening: Event
    labels: set[str] | None = None
    reviewed: dt.datetime | None = None

    def label(self, name: str, *, added: bool) -> None:
        if self.labels is None:
            self.labels = set()
        (self.labels.add if added else self.labels.discard)(name)

    @property
    def challenge(self) -> str | None:
        slug = self.opening.challenge
        if slug:
            return slug
        labels = self.labels or ()
        slugs = [label.removeprefix(CHALLENGE_PREFIX) for label in labels if label.startswith(CHALLENGE_PREFIX)]
        return slugs[0] if len(slugs) == 1 else None


_QUOTE_KINDS = frozenset(
    {EventKind.pr_opened, EventKind.review_submitted, EventKind.label_added, EventKind.label_removed}
)
_WALKED = PUSHES | _QUOTE_KINDS  # the kinds `_Walk.run` reads in time order (the closings need none)
_WALKED_CODES, _HEAD_CODE = codes_of(_WALKED), KINDS.index(EventKind.pr_head)
_REPO = attrgetter("repo")
_SUBJECT_TYPE, _SUBJECT = attrgetter("subject_type"), attrgetter("subject")
_ACTOR, _AT = attrgetter("actor_id"), attrgetter("at")


def _hours(delta: dt.timedelta) -> float:
    return round(delta / dt.timedelta(hours=1), 2)


def _loads(history: History, waiting: list[WaitingSubmission], threshold: int) -> tuple[MentorLoad, ...]:
    per_track: defaultdict[str | None, int] = defaultdict(int)
    for submission in waiting:
        per_track[submission.track] += 1
    load: dict[str, float] = defaultdict(float)
    tracks: dict[str, list[str]] = defaultdict(list)
    for track in history.community.rules.tracks:
        for login in track.mentors:
            load[login] += per_track[track.id] / len(track.mentors)
            tracks[login].append(track.id)
    return tuple(
        MentorLoad(login=login, tracks=tuple(tracks[login]), load=round(load[login], 2), over=load[login] > threshold)
        for login in sorted(load, key=str.lower)
    )
