"""KPI core: each indicator against hand-computed expectations on small histories."""

from __future__ import annotations

import datetime as dt

import pytest

from entraide.kpis import build_history, compute_all
from entraide.kpis.activity import engagement, participation
from entraide.kpis.cohorts import retention
from entraide.kpis.connections import connections
from entraide.kpis.mentors import mentors_view
from entraide.kpis.public import public_report
from entraide.kpis.responsiveness import responsiveness
from entraide.kpis.satisfaction import satisfaction
from kpi_fixtures import accepted, at, community, ev, ledger, member

D = dt.date


def history(events, as_of, **kwargs):
    return build_history(community(**kwargs), events, as_of=as_of)


# --------------------------------------------------------------------------- engagement

ENGAGEMENT_CASES = {
    "no events: every week since the first join, all zero": ([], D(2026, 1, 18), [(0, 0, 0, 0)] * 3),
    "single member: a self-reply and a reaction still count as engagement": (
        [
            ev("issue_opened", "2026-01-06", "alice"),
            ev("issue_comment", "2026-01-07", "alice", comment_id=1),
            ev("reaction", "2026-01-07", "alice", content="+1", target="issue"),
        ],
        D(2026, 1, 11),
        [(1, 1, 1, 0)],
    ),
    "bots are not members and never count": (
        [
            ev("issue_comment", "2026-01-06", "dependabot[bot]"),
            ev("issue_comment", "2026-01-06", "ci-helper"),
            ev("issue_comment", "2026-01-07", "alice"),
        ],
        D(2026, 1, 11),
        [(1, 0, 1, 0)],
    ),
    "a member who leaves and comes back is active again": (
        [ev("issue_comment", "2026-01-06", "alice"), ev("pr_comment", "2026-01-20", "alice", stype="pull")],
        D(2026, 1, 25),
        [(1, 0, 1, 0), (0, 0, 0, 0), (1, 0, 1, 0)],
    ),
    "reviews, and the future is ignored": (
        [
            ev("review_submitted", "2026-01-06", "mona", 7, "pull", state="approved"),
            ev("review_submitted", "2026-01-06", "bruno", 7, "pull", state="commented"),
            ev("issue_comment", "2026-01-12", "alice"),
        ],
        D(2026, 1, 11),
        [(2, 0, 0, 2)],
    ),
}


@pytest.mark.parametrize("events, as_of, expected", ENGAGEMENT_CASES.values(), ids=ENGAGEMENT_CASES.keys())
def test_engagement_per_week(events, as_of, expected):
    weeks = engagement(history(events, as_of)).weeks
    # From the Monday of the first event (of the first join when there is none yet).
    assert weeks[0].week == (D(2025, 12, 29) if not events else D(2026, 1, 5))
    assert [(w.active, w.reactions, w.comments, w.reviews) for w in weeks] == expected


def test_engagement_trend_compares_last_four_complete_weeks_with_the_four_before():
    people = [member(login, joined=D(2026, 1, 5)) for login in ("alice", "bruno")]
    events = []
    for week in range(8):
        day = (D(2026, 1, 6) + dt.timedelta(weeks=week)).isoformat()
        per_person = 1 if week < 4 else 2  # 1 comment per active member per week, then 2
        events += [ev("issue_comment", day, login) for login in ("alice", "bruno") for _ in range(per_person)]
    # Sunday ending week 8; the ninth, incomplete week would not count either.
    report = engagement(build_history(community(members=people), events, as_of=D(2026, 3, 1)))
    assert report.trend == pytest.approx(1.0)
    assert [w.per_active(w.interactions) for w in report.weeks] == [1, 1, 1, 1, 2, 2, 2, 2]


def test_engagement_trend_is_unknown_without_enough_weeks():
    assert engagement(history([ev("issue_comment", "2026-01-06", "alice")], D(2026, 1, 11))).trend is None


# --------------------------------------------------------------------------- participation


def test_participation_counts_active_over_registered_per_week():
    people = [member("alice"), member("bruno", joined=D(2026, 1, 10)), member("mona", role="mentor", cohort=None)]
    events = [
        ev("issue_comment", "2026-01-06", "alice"),
        ev("issue_comment", "2026-01-06", "dependabot[bot]"),
        ev("issue_comment", "2026-01-13", "bruno"),
        ev("review_submitted", "2026-01-14", "mona", 3, "pull"),
    ]
    weeks = participation(build_history(community(members=people), events, as_of=D(2026, 1, 18))).weeks
    assert [(w.week, w.active, w.registered) for w in weeks] == [(D(2026, 1, 5), 1, 3), (D(2026, 1, 12), 2, 3)]
    assert weeks[1].share == pytest.approx(2 / 3)


PARTICIPATION_CASES = {
    "no events: everyone at zero": ([], {"0": 5}, 0.0, 0.0),
    "a skewed distribution, bots left out": (
        [ev("issue_comment", "2026-01-06", "alice") for _ in range(3)]
        + [ev("reaction", "2026-01-06", "bruno")]
        + [ev("issue_comment", "2026-01-06", "dependabot[bot]") for _ in range(9)],
        {"0": 3, "1": 1, "2–4": 1},
        0.0,
        3.0,
    ),
    "a single very active member lands in the open bin": (
        [ev("issue_comment", "2026-01-06", "chloe") for _ in range(120)],
        {"0": 4, "100+": 1},
        0.0,
        120.0,
    ),
    "the same event stored twice counts once": (
        [ev("issue_comment", "2026-01-06", "dan")] * 2,
        {"0": 4, "1": 1},
        0.0,
        1.0,
    ),
}


@pytest.mark.parametrize("events, bins, med, top", PARTICIPATION_CASES.values(), ids=PARTICIPATION_CASES.keys())
def test_distribution_of_contributions(events, bins, med, top):
    report = participation(history(events, D(2026, 1, 31)))
    assert {b.label: b.members for b in report.bins if b.members} == bins
    assert report.members == 5
    assert (report.median, report.p90) == (med, top)


# --------------------------------------------------------------------------- retention and success

COHORT_EVENTS = [
    *(ev("issue_comment", day, "alice") for day in ("2026-01-06", "2026-01-13", "2026-01-20", "2026-01-27")),
    ev("issue_comment", "2026-01-07", "bruno"),  # drops out after week 0
    ev("issue_comment", "2026-01-08", "chloe"),
    ev("issue_comment", "2026-01-29", "chloe"),  # leaves, comes back
    ev("issue_comment", "2026-01-28", "mona"),
    ev("issue_comment", "2026-01-30", "dependabot[bot]"),
]
COHORT_LEDGER = ledger(
    awards=[
        accepted("alice", "html", "2026-01-25"),
        accepted("chloe", "html", "2026-02-05"),
        accepted("bruno", "html", "2026-01-20"),
    ],
    revoked=[accepted("bruno", "html", "2026-01-20")],
)

RETENTION_CASES = {
    "finished cohort: curves, completion, success by the end, dropout": (
        COHORT_EVENTS,
        COHORT_LEDGER,
        D(2026, 2, 10),
        dict(size=3, weekly_active=(3, 1, 1, 2), completed=2, reached_by_end=1, dropped=1, finished=True),
    ),
    "the same cohort seen mid-way: only the weeks begun, no dropout yet": (
        COHORT_EVENTS,
        COHORT_LEDGER,
        D(2026, 1, 21),
        dict(size=3, weekly_active=(3, 1, 1), completed=0, reached_by_end=0, dropped=None, finished=False),
    ),
    "no events: everyone dropped out": (
        [],
        ledger(),
        D(2026, 2, 10),
        dict(size=3, weekly_active=(0, 0, 0, 0), completed=0, reached_by_end=0, dropped=3, finished=True),
    ),
}


@pytest.mark.parametrize("events, scored, as_of, expected", RETENTION_CASES.values(), ids=RETENTION_CASES.keys())
def test_retention_per_cohort(events, scored, as_of, expected):
    (cohort,) = retention(history(events, as_of), ledger=scored)
    assert {field: getattr(cohort, field) for field in expected} == expected


def test_success_rate_is_the_share_reaching_required_challenges_by_the_end():
    (cohort,) = retention(history(COHORT_EVENTS, D(2026, 2, 10)), ledger=COHORT_LEDGER)
    assert cohort.success_rate == pytest.approx(1 / 3)
    assert cohort.weekly_share()[0] == 1.0


def test_a_cohort_not_started_is_not_reported():
    assert retention(history([], D(2026, 1, 4)), ledger=None) == ()


# --------------------------------------------------------------------------- satisfaction


def feedback(day, who, rating, form="feedback"):
    return ev("issue_opened", day, who, form=form, rating=rating)


SATISFACTION_CASES = {
    "no events": ([], [], (0, 0, None, None)),
    "ratings per month; bots, other forms and bad ratings ignored": (
        [
            feedback("2026-01-05", "alice", 5),
            feedback("2026-01-06", "bruno", 4),
            feedback("2026-01-07", "chloe", 2),
            feedback("2026-01-08", "dan", "3"),
            feedback("2026-01-08", "dependabot[bot]", 1),
            feedback("2026-01-09", "alice", 5, form="question"),
            feedback("2026-01-09", "bruno", 7),
            feedback("2026-01-09", "bruno", True),
            feedback("2026-02-02", "alice", 4),
        ],
        [("2026-01", 4, 4, 0.5, 3.5), ("2026-02", 1, 1, 1.0, 4.0)],
        (5, 4, 0.6, 3.6),
    ),
    "a member answering twice in a survey counts once, with their last answer": (
        [feedback("2026-01-05", "alice", 1), feedback("2026-01-20", "alice", 5)],
        [("2026-01", 1, 1, 1.0, 5.0), ("2026-02", 0, 0, None, None)],
        (1, 1, 1.0, 5.0),
    ),  # empty months stay
    "30 low ratings by one non-member do not move the figure": (
        [feedback("2026-01-05", "alice", 5), feedback("2026-01-06", "bruno", 4), feedback("2026-01-07", "chloe", 2)]
        + [feedback(f"2026-01-{day:02}", "stranger", 1) for day in range(1, 31)],
        [("2026-01", 3, 3, 2 / 3, 11 / 3), ("2026-02", 0, 0, None, None)],
        (3, 3, 2 / 3, 11 / 3),
    ),
    "one answer per member per survey, each survey counts": (
        [feedback("2026-01-05", "alice", 2), feedback("2026-02-05", "alice", 4), feedback("2026-02-06", "alice", 5)],
        [("2026-01", 1, 1, 0.0, 2.0), ("2026-02", 1, 1, 1.0, 5.0)],
        (2, 1, 0.5, 3.5),
    ),
}


@pytest.mark.parametrize("events, months, total", SATISFACTION_CASES.values(), ids=SATISFACTION_CASES.keys())
def test_satisfaction(events, months, total):
    report = satisfaction(history(events, D(2026, 2, 28)))
    assert [(m.month, m.responses, m.respondents, m.csat, m.mean) for m in report.months] == months
    t = report.total
    assert (t.responses, t.respondents, t.csat, t.mean) == total


# --------------------------------------------------------------------------- responsiveness

QUESTIONS = [
    ev("issue_opened", at("2026-01-05", "10:00"), "alice", 1, labels=["question"]),
    ev("issue_comment", at("2026-01-05", "10:30"), "dependabot[bot]", 1),  # bots do not answer
    ev("issue_comment", at("2026-01-05", "11:00"), "alice", 1),  # nor does the author
    ev("issue_comment", at("2026-01-05", "13:00"), "bruno", 1),  # 3 h
    ev("issue_opened", at("2026-01-06", "09:00"), "bruno", 2, form="help"),
    ev("issue_comment", at("2026-01-08", "09:00"), "mona", 2),  # 48 h
    ev("discussion_created", at("2026-01-07", "08:00"), "chloe", 3, "discussion", category="Q&A"),
    ev("discussion_answered", at("2026-01-07", "09:30"), "alice", 3, "discussion", comment_id=5),  # 1.5 h
    ev("issue_opened", at("2026-01-10", "08:00"), "chloe", 4, labels=[]),
    ev("label_added", at("2026-01-10", "09:00"), "mona", 4, label="question"),  # a question, never answered
    ev("issue_opened", at("2026-01-11", "08:00"), "dan", 5, labels=["bug"]),  # not a question
    ev("issue_comment", at("2026-01-11", "09:00"), "mona", 5),
    ev("issue_opened", at("2026-01-31", "12:00"), "alice", 6, labels=["help"]),  # 12 h old at as_of: not due
    ev("pr_opened", at("2026-01-05", "10:00"), "alice", 10, "pull", challenge="html", sha="a1"),
    ev("review_submitted", at("2026-01-05", "11:00"), "alice", 10, "pull", state="approved"),  # self review
    ev("review_submitted", at("2026-01-05", "20:00"), "bruno", 10, "pull", state="commented"),  # 10 h
    ev("pr_opened", at("2026-01-06", "10:00"), "bruno", 11, "pull", challenge=None, sha="b1"),  # not a submission
]


def test_responsiveness_of_questions_and_submissions():
    report = responsiveness(history(QUESTIONS, D(2026, 1, 31)))
    (january,) = report.questions
    assert (january.month, january.opened, january.people, january.answered) == ("2026-01", 5, 3, 3)
    assert (january.median_hours, january.p90_hours) == (3.0, 48.0)
    assert (january.due, january.within_day, january.within_day_share) == (4, 2, 0.5)
    (submissions,) = report.submissions
    assert (submissions.opened, submissions.answered, submissions.median_hours) == (1, 1, 10.0)
    assert report.questions_total == january.model_copy(update={"month": "total"})


def test_responsiveness_without_events():
    report = responsiveness(history([], D(2026, 1, 31)))
    assert report.questions == () and report.questions_total.opened == 0
    assert report.questions_total.median_hours is None and report.questions_total.within_day_share is None


# --------------------------------------------------------------------------- connections

CONNECTION_EVENTS = [
    ev("issue_opened", "2026-01-05", "alice", 1),
    ev("issue_comment", "2026-01-06", "alice", 1, comment_id=100),  # self-reply: no connection
    ev("issue_comment", "2026-01-06", "bruno", 1, comment_id=101),  # bruno -> alice
    ev("issue_comment", "2026-01-06", "mona", 1, comment_id=102),  # a mentor is not a peer
    ev("issue_comment", "2026-01-06", "dependabot[bot]", 1, comment_id=103),
    ev("pr_opened", "2026-01-07", "bruno", 2, "pull", challenge="html"),
    ev("review_submitted", "2026-01-08", "chloe", 2, "pull", state="commented"),  # chloe -> bruno
    ev("issue_opened", "2026-02-02", "mona", 3),
    ev("issue_comment", "2026-02-03", "alice", 3, comment_id=104, kudos=[{"login": "Chloe", "reason": "merci"}]),
    ev("issue_comment", "2026-02-04", "bruno", 3, comment_id=105, reply_to=104),  # bruno -> alice
    ev("issue_comment", "2026-02-05", "alice", 3, comment_id=106, kudos=[{"login": "alice"}]),  # self kudos
]


def test_connections_between_learners():
    report = connections(history(CONNECTION_EVENTS, D(2026, 2, 28)))
    assert [(m.month, m.pairs, m.learners) for m in report.months] == [("2026-01", 2, 3), ("2026-02", 2, 3)]
    assert (report.learners, report.connected, report.isolated) == (4, 3, 1)  # dan is isolated
    assert [(e.a, e.b, e.weight) for e in report.edges] == [(1, 2, 2), (1, 3, 1), (2, 3, 1)]
    assert report.connected_share == 0.75


def test_connections_without_events_leave_everyone_isolated():
    report = connections(history([], D(2026, 2, 28)))
    assert (report.months, report.connected, report.isolated) == ((), 0, 4)


# --------------------------------------------------------------------------- mentors' view

SUBMISSIONS = [
    ev("pr_opened", at("2026-01-05", "00:00"), "alice", 20, "pull", challenge="html"),  # never reviewed
    ev("pr_opened", at("2026-01-06", "00:00"), "bruno", 21, "pull", challenge="html"),
    ev("review_submitted", at("2026-01-07", "00:00"), "mona", 21, "pull", state="changes_requested"),
    ev("pr_head", at("2026-01-08", "00:00"), "bruno", 21, "pull", sha="b2"),  # waits again from here
    ev("pr_opened", at("2026-01-06", "00:00"), "chloe", 22, "pull", challenge="api"),
    ev("review_submitted", at("2026-01-06", "12:00"), "mona", 22, "pull", state="approved"),
    ev("pr_opened", at("2026-01-07", "00:00"), "chloe", 23, "pull", challenge="api"),
    ev("pr_closed", at("2026-01-08", "00:00"), "chloe", 23, "pull"),
    ev("pr_opened", at("2026-01-09", "00:00"), "alice", 24, "pull", challenge="api"),
    ev("review_submitted", at("2026-01-09", "01:00"), "alice", 24, "pull", state="approved"),  # self
    ev("review_submitted", at("2026-01-09", "02:00"), "bruno", 24, "pull", state="approved"),  # not a mentor
]


def test_mentors_view_lists_waiting_submissions_and_loads():
    view = mentors_view(history(SUBMISSIONS, D(2026, 1, 10), threshold=2))
    assert [(w.number, w.challenge, w.track, w.age_hours) for w in view.waiting] == [
        (20, "html", "front", 144.0),
        (21, "html", "front", 72.0),
        (24, "api", "back", 48.0),
    ]
    assert [(m.login, m.load, m.over) for m in view.loads] == [("max", 0.5, False), ("mona", 2.5, True)]
    # The bot's number: mona's first reviews came after 24 h (#21) and 12 h (#22); the lower median.
    assert view.median_wait_hours == 12.0


def test_median_wait_is_unknown_before_any_mentor_review():
    assert mentors_view(history(SUBMISSIONS[:1], D(2026, 1, 10))).median_wait_hours is None


def test_the_median_wait_is_the_number_the_bot_quotes_whatever_the_history():
    """The view works the wait out in one pass of its own: it must stay the bot's number
    (`median_review_wait` over `pull_requests`), with a challenge named by a label, a label removed, a number
    opened again, reviews by the author, by a learner and by a mentor, and a review older than 90 days."""
    from entraide.content.models import Role
    from entraide.events.submissions import median_review_wait, pull_requests

    events = [
        *SUBMISSIONS,
        ev("pr_opened", at("2026-01-06", "00:00"), "bruno", 30, "pull"),  # challenge from a label, later
        ev("label_added", at("2026-01-06", "01:00"), "mona", 30, "issue", label="challenge:api"),
        ev("review_submitted", at("2026-01-06", "09:00"), "mona", 30, "pull", state="commented"),
        ev("pr_opened", at("2026-01-06", "00:00"), "dan", 31, "pull"),  # two challenge labels: none
        ev("label_added", at("2026-01-06", "01:00"), "mona", 31, "issue", label="challenge:api"),
        ev("label_added", at("2026-01-06", "02:00"), "mona", 31, "issue", label="challenge:html"),
        ev("review_submitted", at("2026-01-06", "03:00"), "mona", 31, "pull", state="approved"),
        ev("pr_opened", at("2026-01-07", "00:00"), "chloe", 32, "pull"),  # labelled, then unlabelled
        ev("label_added", at("2026-01-07", "01:00"), "mona", 32, "issue", label="challenge:html"),
        ev("label_removed", at("2026-01-07", "02:00"), "mona", 32, "issue", label="challenge:html"),
        ev("review_submitted", at("2026-01-07", "05:00"), "mona", 32, "pull", state="approved"),
        ev("pr_opened", at("2026-01-08", "00:00"), "dan", 22, "pull", challenge="html"),  # #22 opened again
        ev("review_submitted", at("2026-01-08", "06:00"), "mona", 22, "pull", state="approved"),
    ]
    for as_of in (D(2026, 1, 10), D(2026, 4, 7), D(2026, 6, 1)):
        found = history(events, as_of)
        mentors = frozenset(m.id for m in found.members.values() if m.role in (Role.mentor, Role.maintainer))
        quoted = median_review_wait(pull_requests(found.events).values(), mentor_ids=mentors, now=found.now)
        expected = None if quoted is None else round(quoted / dt.timedelta(hours=1), 2)
        assert mentors_view(found).median_wait_hours == expected
    assert mentors_view(history(events, D(2026, 1, 10))).median_wait_hours == 9.0  # #21 24 h, #22 6 h, #30 9 h


# --------------------------------------------------------------------------- the whole report


def test_compute_all_at_a_past_date_ignores_later_events():
    events = COHORT_EVENTS + QUESTIONS + SUBMISSIONS + CONNECTION_EVENTS
    as_of = D(2026, 1, 20)
    earlier = [e for e in events if e.at.date() <= as_of]
    kwargs = dict(as_of=as_of, ledger=COHORT_LEDGER)
    assert compute_all(community(), events, **kwargs) == compute_all(community(), earlier, **kwargs)
    assert compute_all(community(), events, **kwargs) != compute_all(
        community(), events, as_of=D(2026, 2, 20), ledger=COHORT_LEDGER
    )


def test_public_report_hides_groups_smaller_than_the_threshold():
    report = compute_all(community(min_group=5), COHORT_EVENTS + QUESTIONS, as_of=D(2026, 2, 10), ledger=COHORT_LEDGER)
    public = public_report(report)
    (cohort,) = public.cohorts
    assert cohort.size == "<5" and set(cohort.weekly_share) == {"<5"} and cohort.success_rate == "<5"
    assert public.participation.members == 5 and public.participation.median is not None
    assert public.responsiveness.questions_total.median_hours == "<5"
    contributions = {row.bin: row.members for row in public.participation.contributions}
    assert contributions["100+"] == 0 and "<5" in contributions.values()
    assert "alice" not in repr(public) and "Alice" not in repr(public)


def test_a_share_of_people_hides_a_small_part_too():
    people = [member(login, joined=D(2026, 1, 1)) for login in ("alice", "bruno", "chloe", "dan", "mona")]
    events = [ev("issue_comment", "2026-01-06", "alice")] + [
        ev("issue_comment", "2026-01-13", login) for login in ("alice", "bruno", "chloe", "dan", "mona")
    ]
    report = compute_all(community(min_group=5, members=people), events, as_of=D(2026, 1, 18), ledger=ledger())
    weeks = public_report(report).participation.weeks
    # 1 active of 5 would give the hidden count back; 5 of 5 is a group large enough to show.
    assert [(w.active, w.registered, w.share) for w in weeks] == [("<5", 5, "<5"), (5, 5, 1.0)]


def test_months_without_interaction_are_kept_as_zero():
    report = connections(history(CONNECTION_EVENTS, D(2026, 3, 2)))
    assert [(m.month, m.pairs) for m in report.months] == [("2026-01", 2), ("2026-02", 2), ("2026-03", 0)]


def test_success_reads_acceptances_from_the_scoring_ledger():
    events = [
        ev("pr_opened", "2026-01-10", "alice", 30, "pull", challenge="html", sha="a1"),
        ev("review_submitted", "2026-01-12", "mona", 30, "pull", state="approved", commit_id="a1"),  # accepted
        ev("pr_opened", "2026-01-10", "bruno", 31, "pull", challenge="html", sha="b1"),
        ev("review_submitted", "2026-01-11", "bruno", 31, "pull", state="approved", commit_id="b1"),  # own PR
        ev("pr_opened", "2026-01-10", "chloe", 32, "pull", challenge="html", sha="c1"),
        ev("review_submitted", "2026-01-11", "dan", 32, "pull", state="approved", commit_id="c1"),  # not a mentor
    ]
    report = compute_all(community(), events + events[:2], as_of=D(2026, 2, 10))  # duplicates count once
    (cohort,) = report.cohorts
    assert (cohort.size, cohort.completed, cohort.reached_by_end) == (3, 1, 1)


def test_a_community_of_a_single_member():
    alone = [member("alice")]
    events = [
        ev("issue_opened", at("2026-01-06", "10:00"), "alice", 1, labels=["question"]),
        ev("issue_comment", at("2026-01-06", "11:00"), "alice", 1, comment_id=1),  # answering oneself
        ev("issue_comment", at("2026-01-06", "12:00"), "dependabot[bot]", 1, comment_id=2),
        ev("reaction", at("2026-01-06", "13:00"), "alice", 1, content="+1", target="issue"),
        ev("issue_opened", at("2026-01-07", "09:00"), "alice", 2, form="feedback", rating=5),
        ev("pr_opened", at("2026-01-07", "12:00"), "alice", 3, "pull", challenge="html", sha="a1"),
    ]
    report = compute_all(community(members=alone), events, as_of=D(2026, 2, 10), ledger=ledger())
    weeks = report.engagement.weeks
    assert [(w.active, w.reactions, w.comments) for w in weeks] == [(1, 1, 1)] + [(0, 0, 0)] * 5
    assert {w.registered for w in report.participation.weeks} == {1}
    assert [b.label for b in report.participation.bins if b.members] == ["5–9"]
    (cohort,) = report.cohorts
    assert (cohort.size, cohort.weekly_active, cohort.dropped, cohort.completed) == (1, (1, 0, 0, 0), 1, 0)
    assert [(m.month, m.responses, m.csat) for m in report.satisfaction.months] == [
        ("2026-01", 1, 1.0),
        ("2026-02", 0, None),
    ]
    q = report.responsiveness.questions_total
    assert (q.opened, q.answered, q.due, q.within_day) == (1, 0, 1, 0)
    assert (report.connections.learners, report.connections.isolated) == (1, 1)
    assert [(w.number, w.age_hours) for w in report.mentors.waiting] == [(3, 35 * 24 - 12)]
    assert [(m.login, m.load) for m in report.mentors.loads] == [("max", 0.0), ("mona", 1.0)]
    public = public_report(
        compute_all(community(min_group=5, members=alone), events, as_of=D(2026, 2, 10), ledger=ledger())
    )
    assert public.participation.members == "<5" and public.satisfaction.total.csat == "<5"
    assert public.connections.isolated == "<5"


def test_months_run_across_the_new_year():
    from entraide.kpis.history import months

    events = [ev("issue_comment", "2025-12-30", "alice")]
    assert months(history(events, D(2026, 2, 1))) == ["2025-12", "2026-01", "2026-02"]
    assert months(history([], D(2026, 2, 1))) == []
