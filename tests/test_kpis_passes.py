"""The KPIs' merged passes give what the plain readings give, on the random histories of
`test_kpis_readings`: the mentors' view, whose waits and quoted median come from one walk over the events,
against the bot's own reading of the pull requests (`events.submissions`); the cohorts' weekly retention,
counted from columns of every active day, against one search per learner and week; the exposures of
« Ce qui aide » against the history read plainly; the connections between learners, read from one loop
over the threads, against each reply asked for its targets; satisfaction, grouped as the answers come,
against the sorted reading."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from entraide.content.models import Exposure, Role
from entraide.events.model import EventKind
from entraide.events.questions import is_question
from entraide.events.submissions import median_review_wait, pull_requests
from entraide.kpis import build_history
from entraide.kpis.cohorts import retention
from entraide.kpis.connections import connections, targets
from entraide.kpis.history import COMMENT_KINDS, month_of
from entraide.kpis.mentors import REVIEWERS, mentor_logins, mentors_view
from entraide.kpis.satisfaction import satisfaction
from kpi_fixtures import community
from plain_rows import build_index, exposure
from test_kpis_readings import random_events, seeded_history

SEEDS = range(12)


@pytest.fixture(params=SEEDS)
def history(request):
    return seeded_history(request.param)


def test_the_quoted_wait_is_the_bots(history):
    reviewers = frozenset(m.id for m in history.members.values() if m.role in REVIEWERS)
    wait = median_review_wait(pull_requests(history.events).values(), mentor_ids=reviewers, now=history.now)
    want = None if wait is None else round(wait / dt.timedelta(hours=1), 2)
    assert mentors_view(history).median_wait_hours == want


def plain_waiting(history) -> list:
    """(since, thread) of each submission waiting for a mentor's review, read in one plain pass over every event."""
    mentors = mentor_logins(history)
    since, closed = {}, set()
    for thread, opening in history.openings.items():
        if opening.event.kind.value == "pr_opened" and opening.event.challenge and opening.event.subject_type == "pull":
            since[thread] = opening.at
    for event in history.events:
        if event.subject_type != "pull" or event.thread not in since:
            continue
        kind = event.kind.value
        if kind in {"pr_merged", "pr_closed"}:
            closed.add(event.thread)
        elif kind in {"pr_opened", "pr_head"}:
            since[event.thread] = since[event.thread] or event.at
        elif (
            kind == "review_submitted"
            and (event.actor_login or "").lower() in mentors
            and (event.actor_id is None or event.actor_id != history.openings[event.thread].actor_id)
        ):
            since[event.thread] = None
    return sorted((at, thread) for thread, at in since.items() if at is not None and thread not in closed)


def test_waiting_submissions_are_those_of_one_plain_pass(history):
    want = plain_waiting(history)
    got = sorted((w.since, ("pull", w.number)) for w in mentors_view(history).waiting)
    assert got == want
    assert [m.role for m in history.members.values() if m.login == "mona"] == [Role.mentor]


def _weekly_active_asking_each_learner(cohort, learners, days, as_of):
    """The former reading: one search per learner and week begun."""
    counts = []
    for k in range(-(-((cohort.end - cohort.start).days + 1) // 7)):
        first = cohort.start + dt.timedelta(weeks=k)
        if first > min(cohort.end, as_of):
            break
        week_end = first + dt.timedelta(days=6)
        counts.append(sum(1 for m in learners if any(first <= day <= week_end for day in days.get(m, []))))
    return tuple(counts)


@pytest.mark.parametrize("as_of", [dt.date(2026, 1, 4), dt.date(2026, 1, 5), dt.date(2026, 1, 13), dt.date(2026, 2, 1)])
@pytest.mark.parametrize("seed", SEEDS)
def test_weekly_retention_matches_asking_each_learner_each_week(seed, as_of):
    history = build_history(community(), random_events(seed, count=20 + 5 * seed), as_of=as_of)  # sparse weeks
    for found in retention(history, ledger=None):
        cohort = next(c for c in history.community.rules.cohorts if c.id == found.cohort)
        learners = [m.id for m in history.members.values() if m.cohort == cohort.id and m.role is Role.learner]
        assert found.weekly_active == _weekly_active_asking_each_learner(cohort, learners, history.days, as_of)


def _exposed_read_plainly(definition, member, start, history):
    """An exposure read from the history itself, as `entraide.yml`'s definitions say, no index."""
    end = start + dt.timedelta(days=definition.days)
    if end > history.as_of + dt.timedelta(days=1):
        return None
    learners = history.learner_ids()
    mine = sorted((o.at, key) for key, o in history.openings.items() if o.actor_id == member.id)
    in_window = [(at, key) for at, key in mine if start <= at.date() < end]
    if definition.kind == "peer_help":
        return any(
            r.actor_id != member.id and r.actor_id in learners and start <= r.at.date() < end
            for _, key in mine
            for r in history.replies.get(key, ())
        )
    if definition.kind == "quick_answer":
        asked = [(at, key) for at, key in in_window if is_question(history.openings[key].event)]
        if not asked:
            return None
        at, key = asked[0]
        deadline = at + dt.timedelta(hours=definition.hours)
        if deadline > history.now:
            return None
        replies = [r for r in history.replies.get(key, ()) if r.actor_id is not None]
        return any(r.actor_id != member.id and at < r.at <= deadline for r in replies)
    if definition.kind == "kudos_received":
        return any(
            e.actor_id != member.id and start <= e.at.date() < end and k.login.casefold() == member.login.casefold()
            for e in history.events
            for k in e.kudos
            if e.kind in COMMENT_KINDS | {EventKind.review_submitted, EventKind.discussion_answered}
        )
    return False  # no agenda in the fixture community: no event to attend


@pytest.mark.parametrize("start_day", [1, 5, 20])
def test_exposures_match_the_plain_reading(history, start_day):
    index = build_index(history, ledger=None)
    start = dt.date(2026, 1, start_day)
    for member in history.members.values():
        if member.role is not Role.learner:
            continue  # rows are learners': the index holds their threads only
        for days in (3, 14, 28):
            for kind in ("peer_help", "quick_answer", "kudos_received", "event_attended"):
                definition = Exposure(id="x", kind=kind, days=days, hours=24 * days)
                got = exposure(definition, member, start, index)
                assert got == _exposed_read_plainly(definition, member, start, history), (member.login, kind, days)


def plain_links(history):
    """(weight of each pair of learners, pairs of each month) read plainly: each learner's reply asked for its
    targets, one at a time."""
    learners = history.learner_ids()
    by_login = {m.login.casefold(): m.id for m in history.members.values()}
    giving = {id(e) for e in history.giving_kudos if e.kind in COMMENT_KINDS}
    weights, monthly = Counter(), {}
    for thread, replies in history.replies.items():
        opening = history.openings.get(thread)
        for event in replies:
            if event.actor_id not in learners:
                continue
            found = targets(
                event,
                opening.actor_id if opening else None,
                comment_authors=history.comment_authors,
                by_login=by_login,
                kudos=id(event) in giving,
            )
            for other in found & learners - {event.actor_id}:
                pair = tuple(sorted((event.actor_id, other)))
                weights[pair] += 1
                monthly.setdefault(month_of(event.at), set()).add(pair)
    return weights, monthly


def assert_plain_connections(history):
    """`connections(history)` against `plain_links`: each edge and its weight, each month's pairs and learners,
    the learners connected; the plain weights, for more checks."""
    weights, monthly = plain_links(history)
    report = connections(history)
    assert [(e.a, e.b, e.weight) for e in report.edges] == sorted((a, b, w) for (a, b), w in weights.items())
    for month in report.months:
        pairs = monthly.get(month.month, set())
        assert (month.pairs, month.learners) == (len(pairs), len({i for pair in pairs for i in pair}))
    assert report.connected == len({i for pair in weights for i in pair})
    return weights


def test_connections_match_each_reply_asked_for_its_targets(history):
    assert_plain_connections(history)


def test_satisfaction_matches_the_sorted_reading(history):
    """The former reading: each member's last answer per month, sorted by time, then grouped by month."""
    last = {}
    for event, value in history.ratings:
        if history.member(event) is not None:
            last[(event.actor_id, month_of(event.at))] = (event, value)
    answers = sorted(last.values(), key=lambda pair: (pair[0].at, pair[0].id))

    def figures(found):
        return (
            len(found),
            len({e.actor_id for e, _ in found}),
            sum(r >= 4 for _, r in found),
            sum(r for _, r in found),
        )

    report = satisfaction(history)
    assert figures(answers) == (lambda t: (t.responses, t.respondents, t.satisfied, t.rating_sum))(report.total)
    for month in report.months:
        found = [(e, r) for e, r in answers if month_of(e.at) == month.month]
        assert figures(found) == (month.responses, month.respondents, month.satisfied, month.rating_sum)
    assert report.total.responses > 0
