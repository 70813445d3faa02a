"""Per-member progress: points, level, badges with the day earned, streaks of active weeks."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from itertools import compress, repeat
from operator import attrgetter, is_not
from typing import cast

import numpy as np

from entraide.content.models import BadgeRule, Challenge, Level, Member, Rules
from entraide.scoring.columns import FactColumns
from entraide.scoring.fact import Fact
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
    columns: FactColumns | None = None,
) -> list[Standing]:
    """One standing per member (every member, scored or not), sorted by login. `kept` and `awards` (their
    granted points) are in time order (`Fact.order`): each member's days come sorted, and the running
    total only grows. Every member's figures come from one `Tally` of the columns, not a walk per member,
    and are turned into Python values column by column before the one loop that builds the standings."""
    ordered = sorted(members, key=lambda m: (m.login.casefold(), m.id))
    ids = sorted({member.id for member in ordered})
    position = {member_id: code for code, member_id in enumerate(ids)}
    tally = Tally(ids, kept=kept, awards=awards, granted=granted, columns=columns)  # `columns`: `kept`'s, read
    since = as_of - dt.timedelta(days=rules.acceptance.review_window_days)  # awarded after that day (UTC): pending
    total, pending = tally.points(pending_from=since + dt.timedelta(days=1))
    totals, pendings, levels = total.tolist(), pending.tolist(), _levels(total - pending, rules.levels)
    best, current, last = tally.best_streak(), tally.current_streak(as_of).tolist(), tally.last_day.tolist()
    names, values, shown = _metrics(tally, total, best)
    best_weeks = best.tolist()
    day_of = _Days()
    accepted, badges, starts = _badges(kept, position, tally, total, rules, challenges, day_of)
    result = []
    for member in ordered:
        code = position[member.id]
        result.append(
            Standing.trusted(  # every field from validated models and the facts: not validated again
                member_id=member.id,
                login=member.login,
                points=totals[code],
                pending_points=pendings[code],
                level=levels[code],
                badges=badges[starts[code] : starts[code + 1]],
                accepted=accepted.get(code, ()),
                streak_weeks=current[code],
                best_streak_weeks=best_weeks[code],
                last_active=None if last[code] == NONE else day_of(last[code]),
                metrics=dict(compress(zip(names, values[code]), shown[code])),  # `names` sorted: so is the dict
            )
        )
    return result


class _Days(dict[int, dt.date]):
    """One date object per day ordinal, made when first asked for."""

    def __call__(self, ordinal: int) -> dt.date:
        return self.get(ordinal) or self.setdefault(ordinal, dt.date.fromordinal(ordinal))


def _levels(final: Ints, levels: tuple[Level, ...]) -> list[str]:
    """Each member's level (`_level` of their final points), found by one search over the sorted minimums."""
    ordered = _ordered(levels)
    if not ordered:
        return [""] * len(final)
    minimums = np.array([level.min_points for level in ordered], dtype=np.int64)
    reached = np.maximum(np.searchsorted(minimums, final, side="right") - 1, 0)  # none reached: the first
    return list(map([level.name for level in ordered].__getitem__, reached.tolist()))


def _metrics(tally: Tally, total: Ints, best: Ints) -> tuple[list[str], list[list[int]], list[list[bool]]]:
    """The metrics each member's standing shows, as a row per member code over the sorted metric names:
    the badge metrics a fact of theirs counted towards, and always their points and best streak."""
    counts = {**tally.metric_counts(), "points": total, "streak_weeks": best}
    names = sorted(counts)
    values = np.stack([counts[name] for name in names], axis=1) if names else np.zeros((len(total), 0), np.int64)
    shown = values != 0
    shown[:, [names.index("points"), names.index("streak_weeks")]] = True
    return names, values.tolist(), shown.tolist()


def _badges(
    kept: list[Fact],
    position: dict[int, int],
    tally: Tally,
    total: Ints,
    rules: Rules,
    challenges: dict[str, Challenge],
    day_of: _Days,
) -> tuple[dict[int, tuple[str, ...]], tuple[BadgeEarned, ...], list[int]]:
    """(challenges accepted per member code, every badge grouped by member code, where each code's start).

    A member's badges are their challenges' badges (in acceptance order), then their milestones (in the
    rules' order), sorted by (day, badge, challenge): here all members' at once, by one stable sort of
    integer columns (the texts by their rank), the badges then built in C, instead of a sort with a key
    function per member and a call per badge."""
    found = list(compress(kept, map(_CHALLENGE, kept)))  # the few acceptances, picked out in C
    mine = list(map(position.get, map(_MEMBER, found)))
    listed = list(map(is_not, mine, repeat(None)))  # a member listed among no members has no standing
    found, codes = list(compress(found, listed)), cast(list[int], list(compress(mine, listed)))
    slugs: list[str] = list(map(str, map(_CHALLENGE, found)))
    accepted: dict[int, list[str]] = defaultdict(list)
    for code, slug in zip(codes, slugs):
        accepted[code].append(slug)
    badges = [challenges[slug].badge or "" for slug in slugs]  # a challenge's badge is named as it is identified
    with_badge = list(map(bool, badges))
    texts, titles = list(compress(badges, with_badge)), list(compress(badges, with_badge))
    plain = list(compress(slugs, with_badge))  # the challenge as the order reads it ("": none, for milestones)
    codes = list(compress(codes, with_badge))
    days = list(map(dt.datetime.toordinal, map(_AT, compress(found, with_badge))))  # facts are in UTC
    for rule in rules.badges:
        reached = _milestone(rule, tally, total)
        hits = np.flatnonzero(reached != NONE)
        codes += hits.tolist()
        days += reached[hits].tolist()
        texts += repeat(rule.id, len(hits))
        titles += repeat(rule.name, len(hits))
    of: list[str | None] = [*plain, *repeat(None, len(codes) - len(plain))]  # milestones are no challenge's
    plain += repeat("", len(codes) - len(plain))
    rank = {text: at for at, text in enumerate(sorted({*texts, *plain}))}  # ranks compare as the texts do
    order = np.lexsort(
        (
            np.fromiter(map(rank.__getitem__, plain), np.int64, len(plain)),
            np.fromiter(map(rank.__getitem__, texts), np.int64, len(texts)),
            np.array(days, dtype=np.int64),
            np.array(codes, dtype=np.int64),
        )
    )
    dates = {day: day_of(day) for day in set(days)}
    earned = list(map(BadgeEarned, texts, titles, map(dates.__getitem__, days), of))
    starts = np.zeros(len(position) + 1, dtype=np.int64)
    np.cumsum(np.bincount(np.array(codes, dtype=np.int64), minlength=len(position)), out=starts[1:])
    return (
        {code: tuple(slugs) for code, slugs in accepted.items()},
        tuple(map(earned.__getitem__, order.tolist())),
        starts.tolist(),
    )


_CHALLENGE, _MEMBER, _AT = attrgetter("challenge"), attrgetter("member_id"), attrgetter("at")


def _milestone(rule: BadgeRule, tally: Tally, total: Ints) -> Ints:
    """The day each member's metric first reached the rule's threshold (NONE: not yet)."""
    if rule.metric == "points":
        return tally.points_day(rule.threshold, total)
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
