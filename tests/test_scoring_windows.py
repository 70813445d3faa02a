"""Leaderboard windows at their edges: a month board counts from the first to the last instant of the month
(UTC), a cohort board from its first day to the end of its last day."""

from __future__ import annotations

import datetime as dt

from builders import community, ev, member
from entraide.content.models import Acceptance, Caps, Cohort, LeaderboardWindow, Points
from entraide.scoring import score

ANA = member("ana", 1, cohort="spring")
BEN = member("ben", 2, cohort="spring")
REVIEW = Points().review
WINDOWS = (
    LeaderboardWindow(id="month", title="Month", window="month"),
    LeaderboardWindow(id="cohort", title="Cohort", window="cohort"),
    LeaderboardWindow(id="all", title="All", window="all_time"),
)
SPRING = Cohort(id="spring", name="Spring", start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 15))


def board_points(reviews_at: list[str], board: str) -> int:
    """Ana's points on `board` when she reviews one of Ben's pull requests at each moment."""
    events = [ev("pr_opened", "2026-02-01T09:00", BEN, 1, sha="s1")]
    events += [ev("review_submitted", at, ANA, 1, state="commented", commit_id="s1") for at in reviews_at]
    rules = {
        "leaderboards": WINDOWS,
        "cohorts": (SPRING,),
        "caps": Caps(per_day=1000, per_pair_per_week=1000, kudos_per_giver_per_week=1000),
        "acceptance": Acceptance(boards="both"),
    }
    ledger = score(community([ANA, BEN], **rules), events, as_of=dt.date(2026, 3, 31))
    rows = next(b.rows for b in ledger.leaderboards if b.id == board or b.id.startswith(f"{board}-"))
    return next((row.points for row in rows if row.member_id == ANA.id), 0)


def test_the_month_board_counts_the_whole_month_and_nothing_outside_it():
    inside = ["2026-03-01T00:00:00", "2026-03-31T23:59:59"]
    assert board_points(inside, "month") == 2 * REVIEW
    assert board_points(["2026-02-28T23:59:59"], "month") == 0
    assert board_points(["2026-02-28T23:59:59", *inside], "all") == 3 * REVIEW


def test_the_cohort_board_counts_its_first_and_last_days_whole():
    inside = ["2026-03-02T00:00:00", "2026-03-15T23:59:59"]
    assert board_points(inside, "cohort") == 2 * REVIEW
    assert board_points(["2026-03-01T23:59:59", "2026-03-16T00:00:00"], "cohort") == 0
