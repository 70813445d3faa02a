"""The KPIs' faster readings give what the plain event-by-event readings give, on random histories: the
history's shared indexes (threads, kudos, ratings), the first responses and the monthly figures of
responsiveness, the mentors' waiting submissions and the rows of « Ce qui aide ». Each reference below is
the straightforward reading the faster one replaced."""

from __future__ import annotations

import datetime as dt
import random
import statistics

import pytest

from entraide.events.model import EventKind
from entraide.kpis import build_history
from entraide.kpis.effects import rows
from entraide.kpis.feedback import rating
from entraide.kpis.history import COMMENT_KINDS, OPENING_KINDS, at_of, month_of, months
from entraide.kpis.mentors import _waiting, mentor_logins
from entraide.kpis.responsiveness import DAY, HOUR, RESPONSE_KINDS, _question_labels, responsiveness, waits
from kpi_fixtures import community, ev
from plain_rows import rows_plainly

START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
AS_OF = dt.date(2026, 3, 20)
KINDS = [
    ("issue_opened", "issue"),
    ("issue_comment", "issue"),
    ("pr_opened", "pull"),
    ("pr_head", "pull"),
    ("pr_merged", "pull"),
    ("review_submitted", "pull"),
    ("pr_comment", "pull"),
    ("discussion_created", "discussion"),
    ("discussion_comment", "discussion"),
    ("discussion_answered", "discussion"),
    ("label_added", "issue"),
    ("reaction", "issue"),
]
LOGINS = ["alice", "bruno", "chloe", "dan", "mona", "max", None]


def random_events(seed: int, count: int = 400) -> list:
    """A random history: few threads, so that they have many replies, ties in time, and every kind."""
    rng = random.Random(seed)
    events = []
    for _ in range(count):
        kind, stype = rng.choice(KINDS)
        if kind == "pr_merged" and rng.random() < 0.8:
            kind = "pr_head"  # rarer: some submissions must still wait at the end
        at = START + dt.timedelta(hours=rng.randrange(0, 24 * 80), minutes=rng.choice((0, 0, 30)))
        payload: dict = {}
        if kind == "issue_opened":
            payload = rng.choice(
                [
                    {},
                    {"form": "question"},
                    {"labels": ["Help"]},
                    {"form": "feedback", "rating": rng.choice([3, 5, "4", 9])},
                ]
            )
        elif kind == "pr_opened":
            payload = rng.choice([{}, {"challenge": "html"}])
        elif kind == "discussion_created":
            payload = {"category": rng.choice(["Q&A", "General"])}
        elif kind in {k.value for k in COMMENT_KINDS}:
            payload = {"comment_id": rng.randrange(50)}
            if rng.random() < 0.2:
                payload["kudos"] = [{"login": rng.choice(["Chloe", "alice", "nobody"]), "reason": "merci"}]
        elif kind == "label_added":
            payload = {"label": rng.choice(["question", "bug"])}
        elif kind == "review_submitted":
            payload = {"state": "commented"}
        events.append(ev(kind, at, rng.choice(LOGINS), rng.randrange(1, 16), stype, **payload))
    return events


SEEDS = range(12)


def seeded_history(seed: int):
    """Even seeds in the store's order (the history's filtering pass), odd ones shuffled (its sort)."""
    events = random_events(seed)
    if seed % 2 == 0:
        events = tuple(sorted(events, key=lambda e: (e.at, e.id)))
    return build_history(community(), events, as_of=AS_OF)


@pytest.fixture(params=SEEDS)
def history(request):
    return seeded_history(request.param)


def test_threads_openings_and_kinds_are_those_of_one_plain_pass(history):
    openings, replies, by_kind = {}, {}, {}
    for event in history.events:
        by_kind.setdefault(event.kind, []).append(event)
        if event.kind in OPENING_KINDS:
            openings.setdefault(event.thread, event)
        elif event.kind in COMMENT_KINDS | {EventKind.review_submitted, EventKind.discussion_answered}:
            replies.setdefault(event.thread, []).append(event)
    assert {key: o.event for key, o in history.openings.items()} == openings
    assert history.replies == replies
    assert history.by_kind == by_kind


def test_kudos_and_ratings_are_read_as_each_event_reads_them(history):
    assert history.kudos_given == [(e, e.kudos) for e in history.giving_kudos]
    issues = history.by_kind.get(EventKind.issue_opened, [])
    assert history.ratings == [(e, rating(e)) for e in issues if rating(e) is not None]


def _first_response(opening, events):
    """The former reading: every response of the thread asked in turn."""
    for event in events:
        if event.kind not in RESPONSE_KINDS.get(event.subject_type, ()):
            continue
        at = at_of(event)
        if at < opening.at:
            continue
        if event.actor_id is not None and opening.actor_id is not None:
            same = event.actor_id == opening.actor_id
        else:
            same = event.actor_login is not None and event.actor_login == opening.login
        if not same:
            return at
    return None


def _summary(found, now):
    """The former monthly figures: statistics' median, nearest-rank p90, one pass per figure."""
    hours = [(w.first_response - w.opening.at) / HOUR for w in found if w.first_response]
    due = [w for w in found if w.opening.at <= now - DAY]
    ordered = sorted(hours)
    return (
        len(found),
        len({w.opening.actor_id if w.opening.actor_id is not None else id(w) for w in found}),
        len(hours),
        len(due),
        sum(1 for w in due if w.first_response and w.first_response - w.opening.at <= DAY),
        float(statistics.median(hours)) if hours else None,
        float(ordered[-(-9 * len(ordered) // 10) - 1]) if hours else None,
    )


def test_responsiveness_matches_the_response_by_response_reading(history):
    questions, submissions = waits(history, _question_labels(history))
    for wait in questions + submissions:
        thread = next(key for key, o in history.openings.items() if o is wait.opening)
        assert wait.first_response == _first_response(wait.opening, history.replies.get(thread, ()))
    report = responsiveness(history)
    for found, monthly, total in (
        (questions, report.questions, report.questions_total),
        (submissions, report.submissions, report.submissions_total),
    ):
        figures = lambda m: (m.opened, m.people, m.answered, m.due, m.within_day, m.median_hours, m.p90_hours)
        assert figures(total) == _summary(found, history.now)
        assert [m.month for m in monthly] == months(history)
        for m in monthly:
            assert figures(m) == _summary([w for w in found if month_of(w.opening.at) == m.month], history.now)


def test_waiting_submissions_match_asking_every_review(history):
    mentors = mentor_logins(history)
    since, closed = {}, set()
    for thread, opening in history.openings.items():
        if opening.event.kind is EventKind.pr_opened and opening.event.challenge:
            since[thread] = opening.at
    for event in history.events:
        thread = event.thread
        if event.subject_type != "pull" or thread not in since:
            continue
        if event.kind in {EventKind.pr_merged, EventKind.pr_closed}:
            closed.add(thread)
        elif event.kind in {EventKind.pr_opened, EventKind.pr_head}:
            since[thread] = since[thread] or at_of(event)
        elif event.kind is EventKind.review_submitted:
            author = history.openings[thread].actor_id
            if (
                not (event.actor_id is not None and event.actor_id == author)
                and (event.actor_login or "").lower() in mentors
            ):
                since[thread] = None
    want = {t: at for t, at in since.items() if at is not None and t not in closed}
    assert _waiting(history, mentors) == want


def test_rows_match_each_outcome_asked_for_each_exposure(history):
    assert rows(history, ledger=None) == rows_plainly(history, None)
