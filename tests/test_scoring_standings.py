"""Standings built from columns (`progress.standings`: levels by a search, metrics as rows, every member's
badges in one sort) say what a walk over each member's own facts and awards says (the rules as first
written, below), on random histories: strangers' facts, members without any, challenges with and without
a badge, ties between badges of one day, thresholds reached and not, the review window."""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_left
from itertools import accumulate

import pytest

from builders import challenge, community, member
from entraide.content.models import Acceptance, BadgeRule, Level, Rules
from entraide.scoring.columns import FactColumns
from entraide.scoring.fact import Fact
from entraide.scoring.model import Award, BadgeEarned
from entraide.scoring.progress import active_weeks, best_streak, current_streak, level_for, standings

START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
METRICS = (None, "reviews", "answers", "accepted_challenges")
CHALLENGES = {c.slug: c for c in (challenge("html", badge="Balises"), challenge("css"), challenge("js", badge="a"))}
PEOPLE = [member("ana", 4), member("Ben", 2), member("cleo", 9), member("dan", 1), member("eve", 30)]


def random_history(rng: random.Random) -> tuple[list[Fact], list[tuple[int, int]]]:
    """Facts in time order (several sharing a day), and which of them were granted points (position, points)."""
    facts, at = [], START
    for number in range(rng.choice((0, 1, 40, 400))):
        at += dt.timedelta(hours=rng.choice((0, 2, 20, 90, 300)))
        who = rng.choice([4, 2, 9, 1, 777])  # 777: listed among no members; eve (30) never acts
        slug = rng.choice(list(CHALLENGES)) if rng.random() < 0.15 else None
        metric = "accepted_challenges" if slug else rng.choice(METRICS)
        facts.append(Fact(who, f"challenge:{slug}" if slug else "comment", rng.randint(0, 9), at, (f"e{number}",),
                          metric, challenge=slug))  # fmt: skip
    granted = [(at, fact.points) for at, fact in enumerate(facts) if fact.points > 0 and rng.random() < 0.8]
    return facts, granted


def random_rules(rng: random.Random) -> Rules:
    def badge(id: str, metric: str, threshold: int) -> BadgeRule:
        return BadgeRule(id=id, name=id.upper(), description=id, metric=metric, threshold=threshold)

    badges = [badge("b" + str(n), rng.choice((*METRICS[1:], "points", "streak_weeks", "kudos_received")),
                    rng.choice((1, 2, 3, 10, 40))) for n in range(rng.randint(0, 7))]  # fmt: skip
    levels = [Level(name=f"L{n}", min_points=rng.choice((0, 5, 20, 20, 60))) for n in range(rng.randint(0, 4))]
    window = rng.choice((0, 7, 30))
    acceptance = Acceptance(review_window_days=window)
    return community(
        PEOPLE, list(CHALLENGES.values()), badges=tuple(badges), levels=tuple(levels), acceptance=acceptance
    ).rules


def walked(facts: list[Fact], granted: list[tuple[int, int]], rules: Rules, as_of: dt.date) -> list[dict[str, object]]:
    result = []
    since = as_of - dt.timedelta(days=rules.acceptance.review_window_days)
    for person in sorted(PEOPLE, key=lambda m: (m.login.casefold(), m.id)):
        mine = [fact for fact in facts if fact.member_id == person.id]
        earned = [(facts[at].at, points) for at, points in granted if facts[at].member_id == person.id]
        total = sum(points for _, points in earned)
        pending = sum(points for at, points in earned if at.date() > since)
        weeks = active_weeks(fact.at.date() for fact in mine)
        counts = {metric: sum(fact.metric == metric for fact in mine) for metric in METRICS[1:]}
        badges = [BadgeEarned(c.badge, c.badge, f.at.date(), c.slug) for f in mine if f.challenge
                  for c in [CHALLENGES[f.challenge]] if c.badge]  # fmt: skip
        for rule in rules.badges:
            if rule.metric == "points":
                running = list(accumulate(points for _, points in earned))
                reached = bisect_left(running, rule.threshold)
                day = earned[reached][0].date() if reached < len(running) else None
            elif rule.metric == "streak_weeks":
                day = next((d for w, n, d in _runs(weeks) if n >= rule.threshold), None)
            else:
                days = [fact.at.date() for fact in mine if fact.metric == rule.metric]
                day = days[rule.threshold - 1] if len(days) >= rule.threshold else None
            if day is not None:
                badges.append(BadgeEarned(rule.id, rule.name, day))
        badges.sort(key=lambda b: (b.at, b.badge, b.challenge or ""))
        metrics = {name: count for name, count in counts.items() if count}
        result.append({
            "member_id": person.id, "login": person.login, "points": total, "pending_points": pending,
            "level": level_for(total - pending, rules.levels), "badges": tuple(badges),
            "accepted": tuple(str(fact.challenge) for fact in mine if fact.challenge),
            "streak_weeks": current_streak(weeks, as_of=as_of), "best_streak_weeks": best_streak(weeks),
            "last_active": mine[-1].at.date() if mine else None,
            "metrics": dict(sorted({**metrics, "points": total, "streak_weeks": best_streak(weeks)}.items())),
        })  # fmt: skip
    return result


def _runs(weeks: dict[int, dt.date]) -> list[tuple[int, int, dt.date]]:
    runs, length, previous = [], 0, None
    for week, day in weeks.items():
        length = length + 1 if previous is not None and week == previous + 1 else 1
        previous = week
        runs.append((week, length, day))
    return runs


@pytest.mark.parametrize("seed", range(40))
def test_standings_from_columns_say_what_a_walk_over_each_members_facts_says(seed: int) -> None:
    rng = random.Random(seed)
    facts, granted = random_history(rng)
    rules = random_rules(rng)
    as_of = (facts[-1].at.date() if facts else START.date()) + dt.timedelta(days=rng.choice((0, 3, 20)))
    awards = tuple(Award(facts[at].member_id, "x", points, "r", facts[at].at, ("e",)) for at, points in granted)
    want = walked(facts, granted, rules, as_of)
    positions, points = [at for at, _ in granted], [points for _, points in granted]
    for columns in (None, FactColumns(facts)):
        got = standings(PEOPLE, kept=facts, awards=awards, rules=rules, challenges=CHALLENGES, as_of=as_of,
                        granted=(positions, points), columns=columns)  # fmt: skip
        assert [dict(standing) for standing in got] == want
    read = standings(PEOPLE, kept=facts, awards=awards, rules=rules, challenges=CHALLENGES, as_of=as_of)
    assert [dict(standing) for standing in read] == want
