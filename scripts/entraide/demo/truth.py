"""A simulated community whose answer is known: the validation of « Ce qui aide » (kpis.estimate).

With a `Truth`, each learner's fate is drawn after their first week, from what the estimator can see too
(threads opened in the first week: 0, 1, 2 or more): keen starters stay more often, and with
`confounding` they also get an active peer more often. An active peer (a learner who answers a question
of theirs in days 7-13) raises their chance to be active from cohort week 8 by exactly `effect`. Outside
the knob, peers stay off a learner's threads during those first weeks (`history.peers_welcome`), so the
event store's exposure is the knob's. A learner who stays acts in week 8; one who leaves stops by day 36,
so their last threads close before week 8: the event store's outcome is the drawn one.

`demo.validation` runs many such communities and compares the estimates with the truth (`entraide effects
validate`). Only this exposure has a truth knob; the three others are estimated the same way but not
validated against a known effect.
"""

from __future__ import annotations

import datetime as dt

from entraide.demo.flows import ask
from entraide.demo.history import Cohort, History, Learner, Truth
from entraide.events.model import EventKind

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


def play_fate(history: History, learner: Learner, fate: tuple[bool, bool], *, cohort, group: Cohort) -> None:
    """The active peer's answer, and the stayer's question in week 8 (once every fate is drawn, so that
    whoever answers is someone still there)."""
    exposed, stays = fate
    if exposed:
        _active_peer(history, learner, group)
    if stays:
        week = cohort.start + (LAST_WEEK - 1) * 7 * DAY
        ask(history, learner, week + history.rng.randrange(5) * DAY, group)


def _active_peer(history: History, learner: Learner, group: Cohort) -> None:
    """The learner asks in days 7-11; another learner answers within hours."""
    rng, me = history.rng, learner.actor
    day = learner.first_day + (7 + rng.randrange(5)) * DAY
    others = [other for other in group.learners if other.actor != me]
    peer = others[rng.randrange(len(others))].actor
    issue, at = history.subject(), history.moment(day)
    history.emit(
        at, EventKind.issue_opened, me, issue, "issue", labels=["question"], form="question", title="Un coup de main ?"
    )
    history.comment(history.later(at, 0.2, 3), EventKind.issue_comment, peer, issue, "issue")
