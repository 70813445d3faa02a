"""A simulated community whose answer is known: the validation of « Ce qui aide » (kpis.estimate).

With a `Truth`, each learner's fate is drawn after their first week, from what the estimator can see too
(threads opened in the first week: 0, 1, 2 or more): keen starters stay more often, and with
`confounding` they are also exposed more often. Being exposed raises their chance to be active from cohort
week 8 by exactly `effect`. The knob sets one exposure of `entraide.yml` (`Truth.exposure`, a kind):

- peer_help: another learner answers a question of theirs in days 7-13; outside the knob, peers stay off
  a learner's threads during their first weeks (`history.peers_welcome`);
- quick_answer: every learner asks a first question on their first morning (counted in their first week,
  as the estimator counts it); a mentor answers it within 20 hours if exposed, after 30 to 72 hours if not;
- kudos_received: a mentor gives them kudos on a thread of theirs in days 7-11; other kudos to a learner
  inside their window are left out (`quiet`);
- event_attended: they comment on an agenda event's issue in days 7-13; other attendance of a learner
  inside their window is left out (`quiet`).

So the event store's exposure is the knob's. A learner who stays acts in week 8; one who leaves stops by
day 36, so their last threads close before week 8: the event store's outcome is the drawn one.
`demo.validation` runs many such communities and compares the estimates with the truth (`entraide effects
validate`), for each exposure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from entraide.demo.flows import ask, thank
from entraide.demo.history import Cohort, Draft, History, Learner, Truth, encoded
from entraide.events.model import EventKind

KINDS = ("peer_help", "quick_answer", "kudos_received", "event_attended")

DAY = dt.timedelta(days=1)
BUCKETS = 2  # threads opened in week one: 0, 1, 2 or more (kpis.effects.EARLY_CAP)
LAST_WEEK = 8  # the outcome: active from this cohort week on


def exposure_chance(truth: Truth, bucket: int) -> float:
    """0.35 for everyone without confounding; 0.10, 0.35, 0.60 by bucket with confounding 1."""
    return 0.35 + truth.confounding * 0.25 * (bucket - 1)


def stay_chance(bucket: int) -> float:
    """Keen starters stay more, whatever happens next: 0.35, 0.55, 0.75."""
    return 0.35 + 0.2 * bucket


def draw_fate(history: History, learner: Learner, opened: int, *, cohort) -> tuple[bool, bool]:
    """(exposed, stays) once the learner's first week is known; sets when they leave."""
    truth, rng = history.truth, history.rng
    assert truth is not None
    bucket = min(opened, BUCKETS)
    exposed = rng.random() < exposure_chance(truth, bucket)
    stays = rng.random() < stay_chance(bucket) + (truth.effect if exposed else 0.0)
    if stays:
        learner.last_day = max(learner.last_day, cohort.end)
    else:
        learner.last_day = learner.first_day + rng.randint(14, 36) * DAY
    return exposed, stays


def first_morning(history: History, learner: Learner, group: Cohort) -> int:
    """Threads the knob opens in the learner's first week: the quick_answer knob's first question."""
    if history.truth is None or history.truth.exposure != "quick_answer":
        return 0
    at = dt.datetime.combine(learner.first_day, dt.time(6, history.rng.randrange(60)), dt.UTC)
    issue = history.subject()
    history.emit(
        at,
        EventKind.issue_opened,
        learner.actor,
        issue,
        "issue",
        labels=["question"],
        form="question",
        title="Par où commencer ?",
    )
    history.asked[learner.actor.id] = issue  # its reply is timed once the fate is drawn
    return 1


def play_fate(history: History, learner: Learner, fate: tuple[bool, bool], *, cohort, group: Cohort) -> None:
    """The knob's exposure, and the stayer's question in week 8 (once every fate is drawn, so that
    whoever answers is someone still there)."""
    exposed, stays = fate
    assert history.truth is not None
    PLAYS[history.truth.exposure](history, learner, group, exposed)
    if stays:
        week = cohort.start + (LAST_WEEK - 1) * 7 * DAY
        ask(history, learner, week + history.rng.randrange(5) * DAY, group)


def _active_peer(history: History, learner: Learner, group: Cohort, exposed: bool) -> None:
    """The learner asks in days 7-11; another learner answers within hours."""
    if not exposed:
        return
    rng, me = history.rng, learner.actor
    day = learner.first_day + (7 + rng.randrange(5)) * DAY
    others = [other for other in group.learners if other.actor != me]
    peer = others[rng.randrange(len(others))].actor
    issue, at = history.subject(), history.moment(day)
    history.emit(
        at, EventKind.issue_opened, me, issue, "issue", labels=["question"], form="question", title="Un coup de main ?"
    )
    history.comment(history.later(at, 0.2, 3), EventKind.issue_comment, peer, issue, "issue")


def _timed_answer(history: History, learner: Learner, group: Cohort, exposed: bool) -> None:
    """A mentor answers the learner's first question (`first_morning`) within 20 h, or after 30 to 72 h."""
    issue = history.asked[learner.actor.id]
    at = dt.datetime.combine(learner.first_day, dt.time(6, 0), dt.UTC)
    delay = (0.5, 20) if exposed else (30, 72)
    mentor = group.mentor(history.rng, learner.member.track)
    history.knob.add(history.comment(history.later(at, *delay), EventKind.issue_comment, mentor, issue, "issue"))


def _kudos(history: History, learner: Learner, group: Cohort, exposed: bool) -> None:
    """The learner shows their progress in days 7-11; a mentor thanks them with kudos."""
    if not exposed:
        return
    day = learner.first_day + (7 + history.rng.randrange(5)) * DAY
    issue, at = history.subject(), history.moment(day)
    history.emit(at, EventKind.issue_opened, learner.actor, issue, "issue", labels=[], title="Mon avancée")
    mentor = group.mentor(history.rng, learner.member.track)
    history.knob.add(
        thank(history, mentor, learner.actor, issue, "issue", EventKind.issue_comment, history.later(at, 1, 20))
    )


def _attends(history: History, learner: Learner, group: Cohort, exposed: bool) -> None:
    """The learner comments on an agenda event's issue in days 7-13."""
    if not exposed:
        return
    if history.agenda_issue is None:
        raise ValueError("the event_attended knob needs an agenda item with an issue in entraide.yml")
    subject = history.subject()
    history.reserved[subject] = history.agenda_issue
    at = history.moment(learner.first_day + (7 + history.rng.randrange(7)) * DAY)
    history.knob.add(history.comment(at, EventKind.issue_comment, learner.actor, subject, "issue"))


PLAYS = {
    "peer_help": _active_peer,
    "quick_answer": _timed_answer,
    "kudos_received": _kudos,
    "event_attended": _attends,
}


def quiet(history: History, learners: list[Learner]) -> None:
    """Kudos to a learner, or their attendance of an event, inside their window: only the knob's stay."""
    truth = history.truth
    if truth is None or truth.exposure not in ("kudos_received", "event_attended"):
        return
    window = {x.actor.id: (x.first_day, x.first_day + truth.window * DAY) for x in learners}
    logins = {x.actor.login: x.actor.id for x in learners}

    def inside(who: int | None, at: dt.datetime) -> bool:
        low, high = window.get(who, (dt.date.max, dt.date.min))
        return low <= at.date() < high

    def kept(d: Draft) -> Draft | None:
        if d.payload.get("comment_id") in history.knob:
            return d
        if truth.exposure == "kudos_received" and d.payload.get("kudos"):
            gifts = [k for k in d.payload["kudos"] if not inside(logins.get(k.get("login")), d.at)]
            return replace(d, body=encoded({**d.payload, "kudos": gifts}))
        if (
            truth.exposure == "event_attended"
            and d.subject in history.reserved
            and d.kind in (EventKind.issue_comment, EventKind.reaction)
            and inside(d.actor.id, d.at)
        ):
            return None
        return d

    history.revise(kept)
