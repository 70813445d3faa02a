"""The community bot's plan, decided without GitHub: literal histories in, actions out."""

from __future__ import annotations

import datetime as dt

import pytest

from builders import community, ev, member
from entraide.bot.community.plan import Done, Open, Reply, State, join_body, plan
from entraide.content.models import Cohort, Privacy

TODAY = dt.date(2026, 3, 17)  # a Tuesday, in week 3 of the cohort
SINCE = dt.date(2026, 3, 10)
LEA = member("lea", 11, cohort="printemps", track="front", joined=dt.date(2026, 3, 16))
HUGO = member("hugo", 12, cohort="printemps", track="front", joined=dt.date(2026, 1, 5))
SOPHIE = member("sophie", 13, role="mentor", track="back")
MAX = member("max", 14, cohort="printemps", track="front", joined=dt.date(2026, 3, 16))
COHORT = Cohort(id="printemps", name="Printemps", start=dt.date(2026, 3, 2), end=dt.date(2026, 6, 12))


def world(*members, **rules):
    rules.setdefault("cohorts", (COHORT,))
    rules.setdefault("repository", "org/repo")
    return community(list(members or (LEA, HUGO, SOPHIE, MAX)), **rules)


def keys(actions) -> list[str]:
    return [a.key for a in actions]


def planned(events=(), *, state=None, pairs=(), today=TODAY, **rules):
    return plan(world(**rules), events, state or State(since=SINCE), pairs=list(pairs), today=today, repository=None)


def opened(number: int, form: str, at: str = "2026-03-16", actor=(99, "zoe"), **extra):
    return ev("issue_opened", at, actor, number, labels=[form], form=form, **extra)


# --------------------------------------------------------------------------- forms


@pytest.mark.parametrize(
    "events, expected",
    [
        ([opened(4, "join")], ["join:4"]),
        ([opened(4, "join", at="2026-03-09")], []),  # before the bot's first run
        ([opened(4, "join"), ev("issue_closed", "2026-03-16T13:00", (99, "zoe"), 4)], []),
        ([opened(4, "join", actor_type="Bot", actor=(7, "robot[bot]"))], []),
        ([opened(4, "join", actor=None)], ["join:4"]),  # deleted account: the shell decides, nothing crashes
        ([opened(4, "question"), ev("label_added", "2026-03-16T14:00", (13, "sophie"), 4, label="join")], ["join:4"]),
        ([opened(4, "question")], []),
        ([ev("issue_opened", "2026-03-16", (99, "zoe"), 4, labels=["join", "help"])], ["join:4"]),
        ([opened(4, "join", subject_type="pull")], []),
    ],
)
def test_join_forms_answered(events, expected):
    assert [k for k in keys(planned(events)) if k.startswith("join:")] == expected


@pytest.mark.parametrize(
    "events, expected",
    [
        ([opened(4, "question")], ["suggest:4"]),
        ([ev("issue_opened", "2026-03-16", (99, "zoe"), 4, labels=["help"])], ["suggest:4"]),
        ([opened(4, "question", actor_type="Bot", actor=(7, "robot[bot]"))], []),  # a bot's question: no reply
        ([opened(4, "question", at="2026-03-09")], []),  # before the bot's first run
        ([opened(4, "join")], []),
        ([ev("issue_opened", "2026-03-16", (99, "zoe"), 4, labels=["bug"])], []),
    ],
)
def test_each_new_question_gets_one_suggestion(events, expected):
    assert [k for k in keys(planned(events)) if k.startswith("suggest:")] == expected
    state = State(since=SINCE, done={"suggest:4": Done(subject=4, comment_id=1)})
    assert [k for k in keys(planned(events, state=state)) if k.startswith("suggest:")] == []


def test_a_join_form_already_answered_or_skipped_is_not_planned_again():
    state = State(
        since=SINCE, done={"join:4": Done(subject=4, comment_id=1), "join:5": Done(subject=5, status="skipped")}
    )
    assert planned([opened(4, "join"), opened(5, "join"), opened(6, "join")], state=state) == (
        Reply(key="join:6", subject=6, compose="join"),
    )


def test_a_conduct_report_is_acknowledged_once_and_assigned_to_the_moderators():
    acks = planned([opened(8, "conduct", title="Harcèlement par @bob")])
    assert keys(acks) == ["conduct:8"]
    (ack,) = acks
    assert ack.assign == ("sophie",)  # the mentors and maintainers, never the learners
    assert "@" not in ack.body and "bob" not in ack.body and "Harcèlement" not in ack.body
    assert "https://github.com/org/repo/blob/main/CODE_OF_CONDUCT.md" in ack.body
    state = State(since=SINCE, done={"conduct:8": Done(subject=8, comment_id=3)})
    assert planned([opened(8, "conduct")], state=state) == ()


# --------------------------------------------------------------------------- join replies


def test_join_body_takes_login_and_id_from_github_not_from_the_form():
    body = "### Nom affiché\n\nZoé\n\n### Parcours\n\nfront\n\n### login\n\nsophie"
    reply = join_body(body, login="zoe", user_id=99, community=world(), today=TODAY, repository="org/repo")
    assert 'login: "zoe"' in reply and "id: 99" in reply and 'track: "front"' in reply
    assert "sophie" not in reply and "https://github.com/org/repo/new/main/members?filename=zoe.yml" in reply


def test_a_member_who_fills_the_join_form_again_is_told_where_their_file_is():
    reply = join_body(
        "### Nom affiché\n\nAutre",
        login="lea-renamed",
        user_id=LEA.id,
        community=world(),
        today=TODAY,
        repository="org/repo",
    )
    assert "déjà" in reply and "members/lea.yml" in reply and "```" not in reply


# --------------------------------------------------------------------------- buddies


def pair(learner, buddy, since="2026-03-16"):
    return {"learner": learner, "buddy": buddy, "since": since}


def test_new_pairs_open_the_cohort_thread_once_and_announce_each_pair_to_both():
    actions = planned(pairs=[pair("lea", "hugo"), pair("max", "sophie")])
    assert keys(actions) == ["buddies:printemps", f"buddy:{LEA.id}:{HUGO.id}", f"buddy:{MAX.id}:{SOPHIE.id}"]
    thread, first, second = actions
    assert isinstance(thread, Open) and thread.title == "Binômes · Printemps" and thread.label == "binômes"
    assert first.thread == "buddies:printemps" and first.subject is None
    assert "@lea" in first.body and "@hugo" in first.body and "le parcours Front." in first.body
    assert "@sophie (mentor)" in second.body and "parcours" not in second.body  # no track in common


def test_a_known_thread_is_reused_and_announced_pairs_are_not_repeated():
    state = State(
        since=SINCE,
        done={
            "buddies:printemps": Done(subject=30, status="opened"),
            f"buddy:{LEA.id}:{HUGO.id}": Done(subject=30, comment_id=9),
        },
    )
    actions = planned(pairs=[pair("lea", "hugo"), pair("max", "sophie")], state=state)
    assert [(a.key, a.subject) for a in actions] == [(f"buddy:{MAX.id}:{SOPHIE.id}", 30)]


@pytest.mark.parametrize(
    "pairs, rules",
    [
        ([pair("lea", "hugo", since="2026-02-01")], {}),  # paired before the bot's first run
        ([pair("lea", "someone-gone")], {}),  # a member file removed since
        ([pair("lea", "hugo")], {"privacy": Privacy(hidden=("hugo",))}),  # hidden: never named by the bot
    ],
)
def test_pairs_that_are_not_announced(pairs, rules):
    assert planned(pairs=pairs, **rules) == ()


def test_a_learner_without_cohort_gets_the_general_thread():
    loner = member("solo", 20, joined=dt.date(2026, 3, 16))
    actions = plan(
        world(loner, HUGO), (), State(since=SINCE), pairs=[pair("solo", "hugo")], today=TODAY, repository=None
    )
    assert keys(actions)[0] == "buddies:_" and actions[0].title == "Binômes"


# --------------------------------------------------------------------------- pulse surveys


@pytest.mark.parametrize(
    "today, expected",
    [
        (dt.date(2026, 3, 8), []),  # week 1
        (dt.date(2026, 3, 9), ["pulse:printemps-semaine-2"]),  # Monday of week 2
        (dt.date(2026, 3, 15), ["pulse:printemps-semaine-2"]),  # Sunday of week 2
        (dt.date(2026, 3, 16), []),  # week 3: a late survey is not opened
        (dt.date(2026, 4, 7), ["pulse:printemps-semaine-6"]),
    ],
)
def test_pulse_surveys_open_during_their_week(today, expected):
    state = State(since=today - dt.timedelta(days=7))
    assert keys(planned(state=state, today=today)) == expected


def test_a_pulse_survey_is_opened_once_and_mentions_the_cohort_learners_only():
    state = State(since=dt.date(2026, 3, 2))
    (survey,) = planned(state=state, today=dt.date(2026, 3, 10), privacy=Privacy(hidden=("max",)))
    assert survey.title == "Sondage de la semaine 2 · Printemps" and survey.label == "sondage"
    assert "https://github.com/org/repo/issues/new?template=5-avis.yml" in survey.body
    assert "@hugo @lea" in survey.body and "@sophie" not in survey.body and "@max" not in survey.body
    state = State(since=state.since, done={survey.key: Done(subject=40, status="opened")})
    assert planned(state=state, today=dt.date(2026, 3, 11)) == ()


def test_plan_orders_joins_reports_buddies_then_surveys():
    actions = planned(
        [opened(8, "conduct"), opened(4, "join")],
        pairs=[pair("lea", "hugo")],
        state=State(since=dt.date(2026, 3, 2)),
        today=dt.date(2026, 3, 16),
    )
    assert keys(actions) == ["join:4", "conduct:8", "buddies:printemps", f"buddy:{LEA.id}:{HUGO.id}"]
