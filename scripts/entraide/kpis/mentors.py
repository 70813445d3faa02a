"""The mentors' view: submissions waiting for a mentor's review, the load per mentor, the median wait.

A submission waits from its opening, or from the first push after a mentor's latest review, until a
mentor reviews it again; it stops waiting when merged or closed. The median wait is the number the bot
quotes to learners: completed waits of the last 90 days together with the current waits, so a backlog
is not hidden.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from entraide.kpis.history import History, Opening, at_of, build_history, median
from entraide.kpis.responsiveness import is_submission
from entraide.models import Community, Event, EventKind, Frozen, Role

RECENT = dt.timedelta(days=90)
CLOSING = frozenset({EventKind.pr_merged, EventKind.pr_closed})
PUSHES = frozenset({EventKind.pr_opened, EventKind.pr_head})


class WaitingSubmission(Frozen):
    number: int
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
    median_wait_hours: float | None
    wait_sample: int


def mentor_logins(history: History) -> set[str]:
    listed = {login.lower() for track in history.community.rules.tracks for login in track.mentors}
    return listed | {m.login.lower() for m in history.members.values() if m.role == Role.mentor}


def _timeline(history: History) -> dict[int, list[Event]]:
    found: dict[int, list[Event]] = defaultdict(list)
    for event in history.events:
        if event.subject_type == "pull":
            found[event.subject].append(event)
    return found


def _wait(opening: Opening, events: list[Event], mentors: set[str]) -> tuple[dt.datetime | None, dt.datetime | None]:
    """(waiting since, first mentor review) for one submission; since is None when not waiting."""
    since, first_review, closed = opening.at, None, False
    for event in events:
        if event.kind in CLOSING:
            closed = True
        elif event.kind in PUSHES and since is None:
            since = at_of(event)
        elif event.kind == EventKind.review_submitted and _by_mentor(event, opening, mentors):
            first_review = first_review or at_of(event)
            since = None
    return (None if closed else since), first_review


def _by_mentor(event: Event, opening: Opening, mentors: set[str]) -> bool:
    author = event.actor_id is not None and event.actor_id == opening.actor_id
    return not author and (event.actor_login or "").lower() in mentors


def mentors_view(history: History) -> MentorsView:
    mentors, timeline = mentor_logins(history), _timeline(history)
    challenges = {c.slug: c for c in history.community.challenges}
    waiting, waits = [], []
    for (kind, number), opening in sorted(history.openings.items(), key=lambda kv: (kv[1].at, kv[0])):
        if kind != "pull" or not is_submission(opening):
            continue
        since, first_review = _wait(opening, timeline.get(number, []), mentors)
        slug = str(opening.event.payload["challenge"])
        if since is not None:
            challenge = challenges.get(slug)
            waiting.append(WaitingSubmission(
                number=number, challenge=slug, track=challenge.track if challenge else None,
                author_id=opening.actor_id, since=since, age_hours=_hours(history.now - since)))
        if history.now - opening.at <= RECENT and (first_review or since == opening.at):
            waits.append(_hours((first_review or history.now) - opening.at))
    waiting.sort(key=lambda w: (w.since, w.number))
    threshold = history.community.rules.mentor_load_threshold
    return MentorsView(waiting=tuple(waiting), loads=_loads(history, waiting, threshold), threshold=threshold,
                       median_wait_hours=median(waits), wait_sample=len(waits))


def _hours(delta: dt.timedelta) -> float:
    return round(delta / dt.timedelta(hours=1), 2)


def _loads(history: History, waiting: list[WaitingSubmission], threshold: int) -> tuple[MentorLoad, ...]:
    per_track = defaultdict(int)
    for submission in waiting:
        per_track[submission.track] += 1
    load: dict[str, float] = defaultdict(float)
    tracks: dict[str, list[str]] = defaultdict(list)
    for track in history.community.rules.tracks:
        for login in track.mentors:
            load[login] += per_track[track.id] / len(track.mentors)
            tracks[login].append(track.id)
    return tuple(MentorLoad(login=login, tracks=tuple(tracks[login]), load=round(load[login], 2),
                            over=load[login] > threshold) for login in sorted(load, key=str.lower))


def median_review_wait(community: Community, events, *, as_of: dt.date) -> dt.timedelta | None:
    """The median wait for a mentor's first review, as the bot quotes it to a learner who submits."""
    hours = mentors_view(build_history(community, events, as_of=as_of)).median_wait_hours
    return None if hours is None else dt.timedelta(hours=hours)
