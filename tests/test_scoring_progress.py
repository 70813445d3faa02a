"""Badges with the day earned, levels, streaks, leaderboards per window, byte-identical ledgers."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from builders import challenge, community, ev, member
from entraide.content.models import BadgeRule, Caps, Cohort, LeaderboardWindow, Level, Privacy
from entraide.scoring import ledger_json, score
from entraide.scoring.progress import active_weeks, best_streak, current_streak

ANA = member("ana", 1, cohort="spring", track="front")
BEN = member("ben", 2, cohort="spring", track="back")
ZOE = member("zoe", 3, cohort="autumn", track="front")
CLEO = member("cleo", 4, role="mentor")
PEOPLE = [ANA, BEN, ZOE, CLEO]
HTML = challenge("html", points=40, badge="Balises")
COHORTS = (
    Cohort(id="spring", name="Spring", start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 20)),
    Cohort(id="autumn", name="Autumn", start=dt.date(2026, 9, 7), end=dt.date(2026, 11, 27)),
)
WINDOWS = (
    LeaderboardWindow(id="all", title="All", window="all_time"),
    LeaderboardWindow(id="month", title="Month", window="month"),
    LeaderboardWindow(id="cohort", title="Cohort", window="cohort"),
    LeaderboardWindow(id="track", title="Track", window="track"),
)
LEVELS = (Level(name="Seed", min_points=0), Level(name="Tree", min_points=40), Level(name="Sprout", min_points=10))


def badge(id, metric, threshold):
    return BadgeRule(id=id, name=id.title(), description=id, metric=metric, threshold=threshold)


BADGES = (
    badge("first-submission", "submissions", 1),
    badge("two-answers", "answers", 2),
    badge("streak-3", "streak_weeks", 3),
    badge("fifty", "points", 50),
    badge("thanked", "kudos_received", 1),
    badge("reviewer", "reviews", 2),
    badge("accepted", "accepted_challenges", 1),
    badge("solver", "accepted_answers", 1),
    badge("present", "events_attended", 1),
)


def world(**rules):
    rules = {
        "cohorts": COHORTS,
        "leaderboards": WINDOWS,
        "levels": LEVELS,
        "badges": BADGES,
        "caps": Caps(per_day=1000, per_pair_per_week=1000, kudos_per_giver_per_week=100),
        **rules,
    }
    return community(PEOPLE, [HTML], **rules)


def history():
    return [
        ev("pr_opened", "2026-03-02T09:00", ANA, 20, challenge="html", sha="s1"),
        ev("review_submitted", "2026-03-03", BEN, 20, state="commented", commit_id="s1"),
        ev("review_submitted", "2026-03-04", CLEO, 20, state="approved", commit_id="s1"),
        ev("issue_opened", "2026-03-09", BEN, 10, labels=["question"]),
        ev("issue_comment", "2026-03-09T13:00", ANA, 10, comment_id=1, kudos=[{"login": "ben", "reason": "q"}]),
        ev("issue_comment", "2026-03-16T13:00", ANA, 10, comment_id=2),
        ev("discussion_created", "2026-03-17", BEN, 3, category="Q&A"),
        ev("discussion_comment", "2026-03-17T13:00", ANA, 3, comment_id=3),
        ev("discussion_answered", "2026-03-18", ANA, 3, comment_id=3),
        ev("issue_opened", "2026-03-23", CLEO, 40, labels=["event"]),
        ev("reaction", "2026-03-24", ZOE, 40, content="+1", target="issue"),
        ev("review_submitted", "2026-04-02", BEN, 20, state="commented", commit_id="s1"),
    ]


def standing(ledger, who):
    return next(s for s in ledger.standings if s.member_id == who.id)


def test_milestone_badges_carry_the_day_the_threshold_was_reached():
    ledger = score(world(), history(), as_of=dt.date(2026, 4, 30))
    ana = standing(ledger, ANA)
    assert [(b.badge, b.at.isoformat(), b.challenge) for b in ana.badges] == [
        ("first-submission", "2026-03-02", None),
        ("Balises", "2026-03-04", "html"),
        ("accepted", "2026-03-04", None),
        ("streak-3", "2026-03-16", None),
        ("two-answers", "2026-03-16", None),
        ("fifty", "2026-03-18", None),
        ("solver", "2026-03-18", None),
    ]
    assert ana.points == 40 + 2 + 2 + 2 + 10
    assert [(b.badge, b.at.isoformat()) for b in standing(ledger, BEN).badges] == [
        ("thanked", "2026-03-09"),
        ("reviewer", "2026-04-02"),
    ]
    assert [b.badge for b in standing(ledger, ZOE).badges] == ["present"]


def test_levels_follow_points_whatever_order_the_rules_list_them():
    ledger = score(world(), history(), as_of=dt.date(2026, 4, 30))
    assert [(s.login, s.points, s.level) for s in ledger.standings] == [
        ("ana", 56, "Tree"),
        ("ben", 13, "Sprout"),
        ("cleo", 5, "Seed"),
        ("zoe", 5, "Seed"),
    ]


@pytest.mark.parametrize(
    "days, as_of, current, best",
    [
        ([], "2026-03-31", 0, 0),
        (["2026-03-02", "2026-03-09", "2026-03-16"], "2026-03-18", 3, 3),  # running this week
        (["2026-03-02", "2026-03-09", "2026-03-16"], "2026-03-25", 3, 3),  # this week not over yet
        (["2026-03-02", "2026-03-09", "2026-03-16"], "2026-03-30", 0, 3),  # a whole week missed
        (["2026-03-01", "2026-03-02"], "2026-03-02", 2, 2),  # Sunday then Monday: two ISO weeks
        (["2026-03-02", "2026-03-08"], "2026-03-08", 1, 1),  # Monday and Sunday: one week
        (["2025-12-29", "2026-01-05", "2026-02-02"], "2026-02-03", 1, 2),  # across the new year
    ],
)
def test_streaks_count_consecutive_active_iso_weeks(days, as_of, current, best):
    weeks = active_weeks(dt.date.fromisoformat(day) for day in days)
    assert current_streak(weeks, as_of=dt.date.fromisoformat(as_of)) == current
    assert best_streak(weeks) == best


def test_standing_streaks_and_last_active_come_from_scored_actions():
    ledger = score(world(), history(), as_of=dt.date(2026, 3, 25))
    ana = standing(ledger, ANA)
    assert (ana.streak_weeks, ana.best_streak_weeks, ana.last_active) == (3, 3, dt.date(2026, 3, 18))
    assert standing(ledger, CLEO).last_active == dt.date(2026, 3, 4)  # her approval is a review


def test_every_member_has_a_standing_even_without_activity():
    ledger = score(world(), [], as_of=dt.date(2026, 3, 1))
    assert [(s.login, s.points, s.level, s.badges) for s in ledger.standings] == [
        ("ana", 0, "Seed", ()),
        ("ben", 0, "Seed", ()),
        ("cleo", 0, "Seed", ()),
        ("zoe", 0, "Seed", ()),
    ]
    assert all(board.rows == () for board in ledger.leaderboards)


def board_rows(ledger, board_id):
    board = next(b for b in ledger.leaderboards if b.id == board_id)
    return [(row.rank, row.login, row.points) for row in board.rows]


def test_leaderboards_per_window_and_scope():
    ledger = score(world(), history(), as_of=dt.date(2026, 4, 30))
    assert [b.id for b in ledger.leaderboards] == [
        "all",
        "month-2026-04",
        "cohort-spring",
        "cohort-autumn",
        "track-front",
        "track-back",
    ]
    assert board_rows(ledger, "all") == [(1, "ana", 56), (2, "ben", 13), (3, "cleo", 5), (4, "zoe", 5)]
    assert board_rows(ledger, "month-2026-04") == [(1, "ben", 5)]
    assert board_rows(ledger, "cohort-spring") == [(1, "ana", 56), (2, "ben", 8)]  # ben's April review is after
    assert board_rows(ledger, "cohort-autumn") == []  # zoe's points predate her cohort
    assert board_rows(ledger, "track-front") == [(1, "ana", 56), (2, "zoe", 5)]
    assert board_rows(ledger, "track-back") == [(1, "ben", 13)]


def test_ties_go_to_whoever_reached_the_total_first_then_to_the_login():
    events = [
        ev("issue_opened", "2026-03-02", CLEO, 10),
        ev("issue_comment", "2026-03-03T10:00", ZOE, 10, comment_id=1),
        ev("issue_comment", "2026-03-03T11:00", BEN, 10, comment_id=2),
        ev("issue_comment", "2026-03-03T11:00", ANA, 10, comment_id=3),
    ]
    ledger = score(world(), events, as_of=dt.date(2026, 3, 31))
    assert board_rows(ledger, "all") == [(1, "zoe", 1), (2, "ana", 1), (3, "ben", 1)]


def test_hidden_members_stay_scored_but_leave_the_leaderboards():
    ledger = score(world(privacy=Privacy(hidden=("Ana",))), history(), as_of=dt.date(2026, 4, 30))
    assert standing(ledger, ANA).points == 56
    assert all(row.login != "ana" for board in ledger.leaderboards for row in board.rows)


def test_same_inputs_give_a_byte_identical_ledger_whatever_the_event_order():
    events = history() + [  # facts whose meaning depends on order: the latest head, the label's last move
        ev("pr_opened", "2026-03-10", ZOE, 21, challenge="html", sha="z1"),
        ev("review_submitted", "2026-03-11", CLEO, 21, state="approved", commit_id="z1"),
        ev("pr_head", "2026-03-12", ZOE, 21, sha="z2"),
        ev("review_submitted", "2026-03-13", CLEO, 21, state="approved", commit_id="z2"),
        ev("label_added", "2026-03-14", CLEO, 10, label="spam"),
        ev("label_removed", "2026-03-15", CLEO, 10, label="spam"),
        ev("label_removed", "2026-03-16", CLEO, 40, label="event"),
        ev("label_added", "2026-03-17", CLEO, 40, label="event"),
    ]
    expected = ledger_json(score(world(), events, as_of=dt.date(2026, 4, 30)))
    for seed in range(5):
        shuffled = events[:] + events[:3]  # duplicates too
        random.Random(seed).shuffle(shuffled)
        assert ledger_json(score(world(), shuffled, as_of=dt.date(2026, 4, 30))) == expected
    ledger = score(world(), events, as_of=dt.date(2026, 4, 30))
    assert standing(ledger, ZOE).accepted == ("html",) and standing(ledger, ZOE).points == 45
    assert ledger.revoked == ()


def test_award_times_are_utc_whatever_the_events_offset():
    event = ev("issue_comment", "2026-03-03T23:30", ANA, 10, comment_id=1)
    shifted = event.model_copy(update={"at": event.at.astimezone(dt.timezone(dt.timedelta(hours=5)))})
    ledger = score(world(), [ev("issue_opened", "2026-03-02", BEN, 10), shifted], as_of=dt.date(2026, 3, 3))
    assert [a.at.isoformat() for a in ledger.awards] == ["2026-03-03T23:30:00+00:00"]
