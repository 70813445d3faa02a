"""Per-member progress: points, level, badges with the day earned, streaks of active weeks."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from itertools import compress
from operator import attrgetter

import numpy as np

from entraide.content.models import BadgeRule, Challenge, Level, Member, Rules
from entraide.scoring.facts import Fact
from entraide.scoring.model import Award, BadgeEarned, Standing
from entraide.scoring.tally import NONE, Granted, Ints, Tally


def standings(
    members: Iterable[Member],
    *,
    kept: list[Fact],
    awards: tuple[Award, ...],
    rules: Rules,
    challenges: dict[str, Challenge],
    as_of: dt.date,
    granted: Granted | None = None,
) -> list[Standing]:
    """One standing per member (every member, scored or not), sorted by login. `kept` and `awards` (their
    granted points) are in time order (`Fact.order`): each member's days come sorted, and the running
    total only grows. Every member's figures come from one `Tally` of the columns, not a walk per member."""
    ordered = sorted(members, key=lambda m: (m.login.casefold(), m.id))
    ids = sorted({member.id for member in ordered})
    tally = Tally(ids, kept=kept, awards=awards, granted=granted)  # `granted`: which facts the awards are
    since = as_of - dt.timedelta(days=rules.acceptance.review_window_days)  # awarded after that day (UTC): pending
    totals, pendings = (figure.tolist() for figure in tally.points(pending_from=since + dt.timedelta(days=1)))
    best, current, last = tally.best_streak().tolist(), tally.current_streak(as_of).tolist(), tally.last_day.tolist()
    # Per member code, what it reached: walked once over the members who reached something (array hits),
    # not once per member and rule
    metrics_of: dict[int, dict[str, int]] = defaultdict(dict)
    for name, found in tally.metric_counts().items():
        hits = np.flatnonzero(found)
        for code, count in zip(hits.tolist(), found[hits].tolist(), strict=True):
            metrics_of[code][name] = count
    milestones: dict[int, list[BadgeEarned]] = defaultdict(list)  # in the rules' order
    day_of: dict[int, dt.date] = {}  # one date object per day
    for rule in rules.badges:
        days = _milestone(rule, tally, totals)
        hits = np.flatnonzero(days != NONE)
        for code, ordinal in zip(hits.tolist(), days[hits].tolist(), strict=True):
            day = day_of.get(ordinal) or day_of.setdefault(ordinal, dt.date.fromordinal(ordinal))
            milestones[code].append(_earned(rule.id, rule.name, day))
    accepted: dict[int, list[Fact]] = defaultdict(list)
    for fact in compress(kept, map(_CHALLENGE, kept)):  # the few acceptances, picked out in C
        accepted[fact.member_id].append(fact)
    levels, result, position = _ordered(rules.levels), [], {member_id: code for code, member_id in enumerate(ids)}
    for member in ordered:
        code = position[member.id]
        total, pending, mine = totals[code], pendings[code], accepted.get(member.id, [])
        badges = _challenge_badges(mine, challenges) + milestones.get(code, [])
        if len(badges) > 1:
            badges.sort(key=_badge_order)
        metrics = metrics_of.get(code, {})
        result.append(
            Standing.trusted(  # every field from validated models and the facts: not validated again
                member_id=member.id,
                login=member.login,
                points=total,
                pending_points=pending,
                level=_level(total - pending, levels),
                badges=tuple(badges),
                accepted=tuple(str(fact.challenge) for fact in mine),
                streak_weeks=current[code],
                best_streak_weeks=best[code],
                last_active=None if last[code] == NONE else dt.date.fromordinal(last[code]),
                metrics=dict(sorted({**metrics, "points": total, "streak_weeks": best[code]}.items())),
            )
        )
    return result


def _badge_order(badge: BadgeEarned) -> tuple[dt.date, str, str]:
    return (badge.at, badge.badge, badge.challenge or "")


_CHALLENGE = attrgetter("challenge")


def _milestone(rule: BadgeRule, tally: Tally, totals: list[int]) -> Ints:
    """The day each member's metric first reached the rule's threshold (NONE: not yet)."""
    if rule.metric == "points":
        return tally.points_day(rule.threshold, np.array(totals, dtype=np.int64))
    if rule.metric == "streak_weeks":
        return tally.streak_day(rule.threshold)
    return tally.metric_day(rule.metric, rule.threshold)


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
