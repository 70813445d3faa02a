"""The mentors' view: submissions waiting for a mentor's review, the load per mentor, the median wait.

A submission waits from its opening, or from the first push after a mentor's latest review, until a
mentor reviews it again; it stops waiting when merged or closed. The median wait is the very number the
bot quotes to learners (`entraide.events.submissions.median_review_wait`), computed here the same way, in the
same pass over the events as the waits (`_Walk`).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from entraide.content.models import Frozen, Role
from entraide.events.model import Event, EventKind
from entraide.events.submissions import CHALLENGE_PREFIX, WAIT_WINDOW
from entraide.kpis.history import History, Opening, at_of
from entraide.kpis.responsiveness import is_submission

REVIEWERS = (Role.mentor, Role.maintainer)  # whose review ends a wait, as the bot counts it
CLOSING = frozenset({EventKind.pr_merged, EventKind.pr_closed})
PUSHES = frozenset({EventKind.pr_opened, EventKind.pr_head})
_TIMELINE = CLOSING | PUSHES | {EventKind.review_submitted}  # what moves a submission's wait


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


def _waiting(history: History, mentors: set[str], timeline: Sequence[Event]) -> dict[tuple[str, int], dt.datetime]:
    """Since when each waiting submission waits for a mentor, in one pass over the pull requests' events.

    A submission waits from its opening, and again from the first push after a mentor's review; it stops
    waiting when a mentor reviews it, and for good when merged or closed."""
    return _Walk(history, mentors, frozenset()).run(timeline).waiting()


class _Walk:
    """The submissions' waits (`_waiting`) and the pull requests the bot's quote reads (`_Pull`), followed
    together in one pass over the events: both read the pull requests' openings, pushes, reviews and labels
    in time order, and a million events are walked once instead of twice."""

    def __init__(self, history: History, mentors: set[str], reviewers: frozenset[int]) -> None:
        self.mentors, self.reviewers = mentors, reviewers
        self.since: dict[tuple[str, int], dt.datetime | None] = {}
        self.openings: dict[tuple[str, int], Opening] = {}
        for thread, opening in history.openings.items():
            if opening.event.subject_type == "pull" and is_submission(opening):
                self.since[thread], self.openings[thread] = opening.at, opening
        self.closed: set[tuple[str, int]] = set()
        self.pulls: dict[int, _Pull] = {}

    def run(self, events: Sequence[Event]) -> _Walk:
        # One loop, no call per event: each kind's step is written out here.
        since, pulls, closed, reviewers = self.since, self.pulls, self.closed, self.reviewers
        for event in events:
            kind = event.kind
            if kind not in _PULL_KINDS or event.subject_type == "discussion":
                continue  # neither reader looks at discussions
            if kind in _TIMELINE and event.subject_type == "pull":
                thread = ("pull", event.subject) if event.repo is None else event.thread  # `thread`, without the call
                if thread in since:
                    if kind in CLOSING:
                        closed.add(thread)
                    elif kind in PUSHES:
                        if since[thread] is None:
                            since[thread] = at_of(event)
                    elif since[thread] is not None and _by_mentor(event, self.openings[thread], self.mentors):
                        since[thread] = None  # a review while nobody waits changes nothing: the login is not asked
            if kind not in _QUOTE_KINDS:
                continue
            if kind is EventKind.pr_opened:
                pulls[event.subject] = _Pull(event.at, event.actor_id, event.challenge)
                continue
            pull = pulls.get(event.subject)
            if pull is None:
                continue
            if kind is EventKind.review_submitted:
                actor = event.actor_id
                if pull.reviewed is None and actor is not None and actor != pull.author_id and actor in reviewers:
                    pull.reviewed = event.at
            elif not event.on_comment:
                (pull.labels.add if kind is EventKind.label_added else pull.labels.discard)(event.label)
        return self

    def waiting(self) -> dict[tuple[str, int], dt.datetime]:
        return {thread: at for thread, at in self.since.items() if at is not None and thread not in self.closed}


def _by_mentor(event: Event, opening: Opening, mentors: set[str]) -> bool:
    author = event.actor_id is not None and event.actor_id == opening.actor_id
    return not author and (event.actor_login or "").lower() in mentors


def mentors_view(history: History) -> MentorsView:
    reviewers = frozenset(m.id for m in history.members.values() if m.role in REVIEWERS)
    walk = _Walk(history, mentor_logins(history), reviewers).run(history.events)
    waits = walk.waiting()
    challenges = {c.slug: c for c in history.community.challenges}
    waiting, now = [], history.now
    for thread, opening in history.openings_in_order:
        since = waits.get(thread)
        if since is not None:
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
    opening, else from a single `challenge:<slug>` label), its first review by a mentor other than its author."""

    opened_at: dt.datetime
    author_id: int | None
    slug: str | None
    labels: set[str] = field(default_factory=set)
    reviewed: dt.datetime | None = None

    @property
    def challenge(self) -> str | None:
        if self.slug:
            return self.slug
        slugs = [label.removeprefix(CHALLENGE_PREFIX) for label in self.labels if label.startswith(CHALLENGE_PREFIX)]
        return slugs[0] if len(slugs) == 1 else None


_QUOTE_KINDS = frozenset(
    {EventKind.pr_opened, EventKind.review_submitted, EventKind.label_added, EventKind.label_removed}
)
_PULL_KINDS = _TIMELINE | _QUOTE_KINDS


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
