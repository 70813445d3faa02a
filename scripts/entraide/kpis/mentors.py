"""The mentors' view: submissions waiting for a mentor's review, the load per mentor, the median wait.

A submission waits from its opening, or from the first push after a mentor's latest review, until a
mentor reviews it again; it stops waiting when merged or closed. The median wait is the very number the
bot quotes to learners (`entraide.events.submissions.median_review_wait`), computed here the same way.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from entraide.content.models import Frozen, Role
from entraide.events.model import Event, EventKind
from entraide.events.submissions import median_review_wait, pull_requests
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


def _timeline(history: History) -> dict[tuple[str, int], list[Event]]:
    found: dict[tuple[str, int], list[Event]] = defaultdict(list)
    for event in history.events:
        if event.subject_type == "pull":
            found[event.thread].append(event)
    return found


def _waiting_since(opening: Opening, events: list[Event], mentors: set[str]) -> dt.datetime | None:
    """Since when a submission waits for a mentor; None when it does not (reviewed, merged, closed)."""
    since: dt.datetime | None = opening.at
    closed = False
    for event in events:
        if event.kind in CLOSING:
            closed = True
        elif event.kind in PUSHES and since is None:
            since = at_of(event)
        elif event.kind == EventKind.review_submitted and _by_mentor(event, opening, mentors):
            since = None
    return None if closed else since


def _by_mentor(event: Event, opening: Opening, mentors: set[str]) -> bool:
    author = event.actor_id is not None and event.actor_id == opening.actor_id
    return not author and (event.actor_login or "").lower() in mentors


def mentors_view(history: History) -> MentorsView:
    mentors, timeline = mentor_logins(history), _timeline(history)
    challenges = {c.slug: c for c in history.community.challenges}
    waiting = []
    for thread, opening in sorted(history.openings.items(), key=lambda kv: (kv[1].at, kv[0])):
        if opening.event.subject_type != "pull" or not is_submission(opening):
            continue
        since = _waiting_since(opening, timeline.get(thread, []), mentors)
        slug = str(opening.event.challenge)
        if since is not None:
            challenge = challenges.get(slug)
            waiting.append(
                WaitingSubmission(
                    number=opening.event.subject,
                    repo=opening.event.repo,
                    challenge=slug,
                    track=challenge.track if challenge else None,
                    author_id=opening.actor_id,
                    since=since,
                    age_hours=_hours(history.now - since),
                )
            )
    waiting.sort(key=lambda w: (w.since, w.repo or "", w.number))
    threshold = history.community.rules.mentor_load_threshold
    return MentorsView(
        waiting=tuple(waiting),
        loads=_loads(history, waiting, threshold),
        threshold=threshold,
        median_wait_hours=_quoted_wait(history),
    )


def _quoted_wait(history: History) -> float | None:
    reviewers = frozenset(m.id for m in history.members.values() if m.role in REVIEWERS)
    wait = median_review_wait(pull_requests(history.events).values(), mentor_ids=reviewers, now=history.now)
    return None if wait is None else _hours(wait)


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
