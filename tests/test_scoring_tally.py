"""The columnar tally gives each member the figures a walk over that member's own facts and awards gives."""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_left
from itertools import accumulate

import pytest

from entraide.scoring.fact import Fact
from entraide.scoring.model import Award
from entraide.scoring.progress import active_weeks, best_streak, current_streak
from entraide.scoring.tally import NONE, Tally

METRICS = (None, "reviews", "answers", "kudos_received")
START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def random_facts(seed: int, *, members: list[int], count: int) -> list[Fact]:
    """Facts in time order (several may share a moment, as the facts of one event do), some of strangers."""
    rng, at, facts = random.Random(seed), START, []
    for number in range(count):
        if rng.random() < 0.7:
            at += dt.timedelta(hours=rng.choice((1, 5, 30, 200, 900)))
        who = rng.choice(members + [999])  # 999: listed among no members
        facts.append(Fact(who, "comment", rng.randint(1, 9), at, (f"e{number}",), rng.choice(METRICS)))
    return facts


def awards_of(facts: list[Fact]) -> list[Award]:
    return [Award(f.member_id, "x", f.points, f.reason, f.at, f.event_ids) for f in facts]


def walked(member: int, facts: list[Fact], awards: list[Award], as_of: dt.date) -> dict[str, object]:
    """What a walk over one member's own facts and awards finds (the standings' figures)."""
    mine = [f for f in facts if f.member_id == member]
    weeks = active_weeks(f.at.date() for f in mine)
    points = [a.points for a in awards if a.member_id == member]
    days = [a.at.date() for a in awards if a.member_id == member]
    running = list(accumulate(points))
    figures: dict[str, object] = {
        "last": mine[-1].at.date() if mine else None,
        "best": best_streak(weeks),
        "current": current_streak(weeks, as_of=as_of),
        "total": sum(points),
        "pending": sum(p for p, d in zip(points, days) if d >= as_of - dt.timedelta(days=6)),
    }
    for metric in METRICS[1:]:
        counted = [f.at.date() for f in mine if f.metric == metric]
        figures[f"count {metric}"] = len(counted)
        for threshold in (1, 2, 5):
            figures[f"{metric} {threshold}"] = counted[threshold - 1] if len(counted) >= threshold else None
    for threshold in (1, 10, 40):
        reached = bisect_left(running, threshold)
        figures[f"points {threshold}"] = days[reached] if reached < len(running) else None
    for threshold in (1, 2, 3):
        lengths = _runs(weeks)
        figures[f"streak {threshold}"] = next((day for length, day in lengths if length >= threshold), None)
    return figures


def _runs(weeks: dict[int, dt.date]) -> list[tuple[int, dt.date]]:
    runs, length, previous = [], 0, None
    for week, day in weeks.items():
        length = length + 1 if previous is not None and week == previous + 1 else 1
        previous = week
        runs.append((length, day))
    return runs


def tallied(code: int, tally: Tally, as_of: dt.date) -> dict[str, object]:
    def day(found: object) -> dt.date | None:
        value = int(found[code])  # type: ignore[index]
        return None if value == NONE else dt.date.fromordinal(value)

    total, pending = tally.points(pending_from=as_of - dt.timedelta(days=6))
    counts = tally.metric_counts()
    figures: dict[str, object] = {
        "last": day(tally.last_day),
        "best": int(tally.best_streak()[code]),
        "current": int(tally.current_streak(as_of)[code]),
        "total": int(total[code]),
        "pending": int(pending[code]),
    }
    for metric in METRICS[1:]:
        figures[f"count {metric}"] = int(counts[metric][code]) if metric in counts else 0
        for threshold in (1, 2, 5):
            figures[f"{metric} {threshold}"] = day(tally.metric_day(metric, threshold))
    for threshold in (1, 10, 40):
        figures[f"points {threshold}"] = day(tally.points_day(threshold, total))
    for threshold in (1, 2, 3):
        figures[f"streak {threshold}"] = day(tally.streak_day(threshold))
    return figures


@pytest.mark.parametrize("seed", range(12))
def test_every_members_figures_from_the_columns_match_a_walk_over_their_own_facts(seed):
    members = [3, 7, 11, 20, 42]
    facts = random_facts(seed, members=members, count=random.Random(seed).choice((0, 1, 5, 60, 400)))
    awards = awards_of(facts)
    as_of = (facts[-1].at.date() if facts else START.date()) - dt.timedelta(days=seed % 3 * 7)
    tally = Tally(members, kept=facts, awards=awards)
    for code, member in enumerate(members):
        assert tallied(code, tally, as_of) == walked(member, facts, awards, as_of), member


def test_a_member_without_facts_has_no_day_no_streak_and_no_points():
    tally = Tally([1, 2], kept=random_facts(1, members=[1], count=30), awards=[])
    assert int(tally.last_day[1]) == NONE and int(tally.best_streak()[1]) == 0
    assert [int(x) for x in tally.points(pending_from=START.date())[0]] == [0, 0]
    assert int(tally.metric_day("not-a-metric", 1)[0]) == NONE


@pytest.mark.parametrize("seed", range(8))
def test_board_rows_from_award_columns_rank_as_sums_over_each_members_own_awards(seed):
    from builders import member
    from entraide.scoring.boards import _between, _Earned, _People, _rows

    people = [member(login, number) for number, login in enumerate(("ana", "Ben", "cleo", "dan", "eve"), start=1)]
    awards = awards_of(random_facts(seed, members=[1, 2, 3, 4, 5], count=200))
    awards = [a for a in awards if a.member_id != 999]
    shared = awards[len(awards) // 2].at  # ties: two members reaching their totals at the same moment
    awards += [Award(1, "x", 5, "comment", shared, ("t1",)), Award(2, "x", 5, "comment", shared, ("t2",))]
    awards.sort(key=lambda a: a.at)
    for keep in (None, _between(START.date() + dt.timedelta(days=20), START.date() + dt.timedelta(days=60))):
        sums: dict[int, tuple[int, dt.datetime]] = {}
        for award in awards:
            if keep is None or keep[0] <= award.at < keep[1]:
                sums[award.member_id] = (sums.get(award.member_id, (0, award.at))[0] + award.points, award.at)
        by_id = {m.id: m for m in people}
        want = sorted(sums, key=lambda i: (-sums[i][0], sums[i][1], by_id[i].login.casefold(), i))
        earned = _Earned.of(tuple(awards))
        everyone = _People(people, earned)
        rows = _rows(earned, everyone, everyone.every, keep)
        assert [(r.member_id, r.points, r.rank) for r in rows] == [
            (i, sums[i][0], rank) for rank, i in enumerate(want, start=1)
        ]


def test_two_members_reaching_the_same_total_at_the_same_moment_are_ranked_by_login_not_by_award_order():
    from builders import member
    from entraide.scoring.boards import _Earned, _People, _rows

    ana, ben = member("ana", 1), member("ben", 2)
    t0, t1 = START, START + dt.timedelta(hours=1)
    awards = (
        Award(2, "ben", 3, "r", t0, ("a",)),
        Award(2, "ben", 2, "r", t1, ("b",)),
        Award(1, "ana", 5, "r", t1, ("b",)),
    )
    earned = _Earned.of(awards)
    both = _People([ben, ana], earned)
    assert [r.login for r in _rows(earned, both, both.every, None)] == ["ana", "ben"]


@pytest.mark.parametrize("groups", [1, 7, 1 << 16, (1 << 16) + 1, 300_000, (1 << 32) - 1])
def test_grouping_by_16_bit_digits_orders_as_a_stable_sort_of_the_codes(groups):
    import numpy as np

    from entraide.scoring.tally import stable_order

    rng = np.random.default_rng(groups)
    for count in (0, 1, 50, 20_000):
        codes = rng.integers(0, min(groups, rng.choice((3, groups))), count)  # few groups: long runs of ties
        assert stable_order(codes, groups).tolist() == np.argsort(codes, kind="stable").tolist()


@pytest.mark.parametrize("seed", range(6))
def test_columns_read_once_give_the_tally_and_the_boards_what_the_facts_and_awards_give(seed):
    from entraide.scoring.boards import _Earned
    from entraide.scoring.columns import FactColumns

    rng = random.Random(seed)
    members = [3, 7, 11, 20, 42]
    facts = random_facts(seed, members=members, count=rng.choice((0, 1, 60, 400)))  # with strangers (999)
    positions = sorted(rng.sample(range(len(facts)), len(facts) // 2))
    points = [rng.randint(1, 5) for _ in positions]
    awards = [Award(facts[at].member_id, "x", worth, "r", facts[at].at, ("e",)) for at, worth in zip(positions, points)]
    columns = FactColumns(facts)
    for ids in (members, [42, 3, 11], [7, 3, 7, 20]):  # unsorted, some left out, one listed twice
        read = Tally(ids, kept=facts, awards=awards, granted=(positions, points))
        shared = Tally(ids, kept=facts, awards=awards, granted=(positions, points), columns=columns)
        for name in ("codes", "days", "metrics"):
            assert getattr(shared.facts, name).tolist() == getattr(read.facts, name).tolist()
        assert shared.facts.metric_codes == read.facts.metric_codes
        for name in ("codes", "days", "points"):
            assert getattr(shared.awards, name).tolist() == getattr(read.awards, name).tolist()
    count = len(awards) // 3
    given, of = _Earned.given(columns, (positions, points), count=count), _Earned.of(awards[:count])
    assert [given.at[at] for at in given.positions.tolist()] == [of.at[at] for at in of.positions.tolist()]
    for keep in (None, (START, START + dt.timedelta(days=40))):
        mine, theirs = given.within(keep), of.within(keep)
        for member_id, code in given.position.items():  # codes may differ: compared member by member
            if member_id in of.position:
                assert [int(column[code]) for column in mine] == [int(c[of.position[member_id]]) for c in theirs]
            else:
                assert int(mine[0][code]) == 0  # a kept fact but no award in these
