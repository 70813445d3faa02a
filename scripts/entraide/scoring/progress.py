"""Per-member progress: points, level, badges with the day earned, streaks of active weeks."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable

from entraide.content.models import BadgeRule, Challenge, Level, Member, Rules
from entraide.scoring.facts import Fact
from entraide.scoring.model import Award, BadgeEarned, Standing


def standings(
    members: Iterable[Member],
    *,
    kept: list[Fact],
    awards: tuple[Award, ...],
    rules: Rules,
    challenges: dict[str, Challenge],
    as_of: dt.date,
) -> list[Standing]:
    """One standing per member (every member, scored or not), sorted by login. `kept` and `awards` (their
    granted points) are in time order (`Fact.order`): each member's days come sorted, and the running
    total only grows."""
    facts_of: dict[int, list[Fact]] = defaultdict(list)
    for fact in kept:
        facts_of[fact.member_id].append(fact)
    awards_of: dict[int, list[Award]] = defaultdict(list)
    for award in awards:
        awards_of[award.member_id].append(award)
    levels = _ordered(rules.levels)
    return [
        _standing(
            member,
            facts_of[member.id],
            awards_of[member.id],
            rules=rules,
            levels=levels,
            challenges=challenges,
            as_of=as_of,
        )
        for member in sorted(members, key=lambda m: (m.login.casefold(), m.id))
    ]


def _standing(
    member: Member,
    facts: list[Fact],
    awards: list[Award],
    *,
    rules: Rules,
    levels: list[Level],
    challenges: dict[str, Challenge],
    as_of: dt.date,
) -> Standing:
    days: dict[str, list[dt.date]] = defaultdict(list)  # metric -> the day of each fact counting towards it
    weeks: dict[int, dt.date] = {}
    accepted: list[Fact] = []
    day: dt.date | None = None
    at: dt.datetime | None = None
    for fact in facts:  # one pass; facts come in time order, so a day's week is worked out once
        if fact.at is not at:  # the facts of one event share its moment: one date for them
            at = fact.at
            if (moment := at.date()) != day:
                day = moment
                week = (day.toordinal() - day.weekday()) // 7  # `week_number`
                if week not in weeks:  # the first fact of a week is on its first active day
                    weeks[week] = day
        if fact.metric:
            days[fact.metric].append(day)  # type: ignore[arg-type]
        if fact.challenge:
            accepted.append(fact)
    since = as_of - dt.timedelta(days=rules.acceptance.review_window_days)  # awarded after that day (UTC): pending
    pending_from = dt.datetime.combine(since + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    total = pending = 0
    running: list[int] = []
    for award in awards:
        total += award.points
        running.append(total)
        if award.at >= pending_from:
            pending += award.points
    runs = list(_runs(weeks))  # read by three rules below: worked out once
    badges = _challenge_badges(accepted, challenges) + _milestones(days, (awards, running), runs, rules.badges)
    best = max((length for _, length, _ in runs), default=0)  # `best_streak`
    return Standing.trusted(  # every field from validated models and the facts: not validated again
        member_id=member.id,
        login=member.login,
        points=total,
        pending_points=pending,
        level=_level(total - pending, levels),
        badges=tuple(sorted(badges, key=lambda b: (b.at, b.badge, b.challenge or ""))),
        accepted=tuple(str(fact.challenge) for fact in accepted),
        streak_weeks=_current(runs, as_of=as_of),
        best_streak_weeks=best,
        last_active=day,
        metrics=dict(sorted({**{m: len(d) for m, d in days.items()}, "points": total, "streak_weeks": best}.items())),
    )


def level_for(points: int, levels: tuple[Level, ...]) -> str:
    return _level(points, _ordered(levels))


def _ordered(levels: tuple[Level, ...]) -> list[Level]:
    return sorted(levels, key=lambda level: (level.min_points, level.name))


def _level(points: int, ordered: list[Level]) -> str:
    reached = [level for level in ordered if level.min_points <= points]
    return (reached[-1] if reached else ordered[0]).name if ordered else ""


def _challenge_badges(accepted: list[Fact], challenges: dict[str, Challenge]) -> list[BadgeEarned]:
    earned = []
    for fact in accepted:
        challenge = challenges[str(fact.challenge)]
        if challenge.badge:
            earned.append(_earned(challenge.badge, challenge.badge, fact.at.date(), challenge.slug))
    return earned


def _earned(badge: str, name: str, at: dt.date, challenge: str | None = None) -> BadgeEarned:
    """A badge earned, from values the community's validated models and the facts hold already."""
    return BadgeEarned(badge, name, at, challenge)


def _milestones(
    days: dict[str, list[dt.date]],
    points: tuple[list[Award], list[int]],
    runs: list[Run],
    rules: tuple[BadgeRule, ...],
) -> list[BadgeEarned]:
    """The day each milestone's metric first reached its threshold."""
    earned = []
    for rule in rules:
        day = _reached(rule, days, points, runs)
        if day is not None:
            earned.append(_earned(rule.id, rule.name, day))
    return earned


def _reached(
    rule: BadgeRule,
    days: dict[str, list[dt.date]],
    points: tuple[list[Award], list[int]],
    runs: list[Run],
) -> dt.date | None:
    if rule.metric == "points":  # granted points are positive: the running total grows, bisect it
        awards, running = points
        reached = bisect_left(running, rule.threshold)
        return awards[reached].at.date() if reached < len(running) else None
    if rule.metric == "streak_weeks":
        return next(
            (day for _, length, day in runs if length >= rule.threshold), None
        )  # the first week the run reached it
    counted = days.get(rule.metric, ())  # in time order already (the facts are)
    return counted[rule.threshold - 1] if len(counted) >= rule.threshold else None


# --------------------------------------------------------------------------- streaks


def week_number(day: dt.date) -> int:
    """Consecutive ISO weeks have consecutive numbers (Monday's ordinal, in weeks)."""
    return (day.toordinal() - day.weekday()) // 7


def active_weeks(days: Iterable[dt.date]) -> dict[int, dt.date]:
    """Active week number -> the first active day of that week."""
    weeks: dict[int, dt.date] = {}
    for day in days:
        week = week_number(day)
        if week not in weeks or day < weeks[week]:
            weeks[week] = day
    return dict(sorted(weeks.items()))


Run = tuple[int, int, dt.date]


def _runs(weeks: dict[int, dt.date]) -> Iterable[Run]:
    """(week, length of the run of consecutive active weeks ending there, first day of that week)."""
    length, previous = 0, None
    for week, day in weeks.items():
        length = length + 1 if previous is not None and week == previous + 1 else 1
        previous = week
        yield week, length, day


def best_streak(weeks: dict[int, dt.date]) -> int:
    return max((length for _, length, _ in _runs(weeks)), default=0)


def current_streak(weeks: dict[int, dt.date], *, as_of: dt.date) -> int:
    """The run ending this week, or last week (this week is not over yet)."""
    return _current(list(_runs(weeks)), as_of=as_of)


def _current(runs: list[Run], *, as_of: dt.date) -> int:
    this_week = week_number(as_of)
    ending = {week: length for week, length, _ in runs}
    return ending.get(this_week) or ending.get(this_week - 1) or 0
