"""Contests: their own board from the actions they count within their dates, winners only once closed,
ties broken by the stated rule, the same winners whatever order the history is read in or re-run."""

from __future__ import annotations

import datetime as dt
import random

from builders import member
from entraide.content.animation_models import Contest
from entraide.scoring.contests import result
from entraide.scoring.model import Award

LEA, HUGO, ZOE, SOPHIE = member("lea", 11), member("hugo", 12), member("zoe", 13), member("sophie", 21, role="mentor")
MEMBERS = (LEA, HUGO, ZOE, SOPHIE)
CONTEST = Contest(
    id="octobre",
    title="Octobre",
    start=dt.date(2026, 10, 1),
    end=dt.date(2026, 10, 31),
    counts=("review", "answer"),
    winners=2,
    prizes=("Certification", "Bourse"),
)


def award(who, points: int, at: str, reason: str = "review") -> Award:
    moment = dt.datetime.fromisoformat(at).replace(tzinfo=dt.UTC)
    return Award(
        member_id=who.id, login=who.login, points=points, reason=reason, at=moment, event_ids=(f"{who.login}{at}",)
    )


AWARDS = [
    award(LEA, 5, "2026-10-03T10:00"),
    award(HUGO, 5, "2026-10-02T10:00"),
    award(ZOE, 2, "2026-10-05T10:00", "answer"),
    award(ZOE, 3, "2026-10-06T10:00", "answer"),
    award(ZOE, 50, "2026-10-06T10:00", "challenge:html"),  # not counted by this contest
    award(LEA, 40, "2026-11-01T09:00"),  # after the end
    award(HUGO, 40, "2026-09-30T23:00"),  # before the start
    award(SOPHIE, 90, "2026-10-10T10:00"),  # mentors do not compete (roles: learner)
]


def winners(awards, as_of=dt.date(2026, 11, 27)):
    return [(row.login, row.points) for row in result(CONTEST, awards, members=MEMBERS, as_of=as_of).winners]


def test_only_counted_actions_within_the_dates_by_competitors_score():
    rows = result(CONTEST, AWARDS, members=MEMBERS, as_of=dt.date(2026, 11, 27)).rows
    assert [(r.rank, r.login, r.points) for r in rows] == [(1, "hugo", 5), (2, "lea", 5), (3, "zoe", 5)]


def test_ties_go_to_who_reached_the_total_first_then_the_smaller_account_number():
    assert winners(AWARDS) == [("hugo", 5), ("lea", 5)]  # hugo on the 2nd, lea on the 3rd, zoe on the 6th
    same_moment = [award(ZOE, 5, "2026-10-04T10:00"), award(LEA, 5, "2026-10-04T10:00")]
    assert winners(same_moment) == [("lea", 5), ("zoe", 5)]  # same moment: account 11 before 13


def test_no_winners_before_the_contest_closes():
    assert winners(AWARDS, as_of=dt.date(2026, 10, 31)) == []
    assert winners(AWARDS, as_of=dt.date(2026, 11, 1)) == [("hugo", 5), ("lea", 5)]


def test_winners_wait_for_the_review_window_after_the_last_day():
    def phase(day):
        found = result(CONTEST, AWARDS, members=MEMBERS, as_of=day, review_window_days=3)
        return found.phase, [row.login for row in found.winners]

    assert phase(dt.date(2026, 9, 30)) == ("upcoming", [])
    assert phase(dt.date(2026, 10, 31)) == ("running", [])
    assert phase(dt.date(2026, 11, 3)) == ("validating", [])
    assert phase(dt.date(2026, 11, 4)) == ("closed", ["hugo", "lea"])


def test_winners_are_stable_under_reruns_shuffles_and_later_history():
    expected = winners(AWARDS)
    rng = random.Random(3)
    for _ in range(50):
        shuffled = AWARDS[:]
        rng.shuffle(shuffled)
        later = [award(ZOE, 100, "2026-11-20T10:00"), *shuffled]  # points after the end change nothing
        assert winners(later, as_of=dt.date(2026, 12, 31)) == expected
