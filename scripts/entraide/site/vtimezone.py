"""VTIMEZONE components built from yearly rules (RRULE), not from a list of dates.

A zone's clock changes are found in the IANA database (zoneinfo) over the years the feed covers; each run
of years that follow the same rule (month, weekday of the month, local time, offsets) becomes one
STANDARD or DAYLIGHT observance with an RRULE; the last one has no end, so calendar apps (ical.js reads
only the first RDATE of a list) place events right after 2038 too. Pure: the years come from the caller.
"""

from __future__ import annotations

import calendar as months
import datetime as dt
from dataclasses import dataclass
from itertools import groupby
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
UTC = dt.UTC


@dataclass(frozen=True)
class Change:
    """One clock change: when (UTC, and local on the clock before it), from and to which offset."""

    kind: str  # "standard" or "daylight"
    local: dt.datetime
    utc: dt.datetime
    before: dt.timedelta
    after: dt.timedelta
    name: str | None


def vtimezone(tzid: str, *, years: range) -> Timezone:
    """The zone `tzid` as a VTIMEZONE valid from the first of `years` on, with no end."""
    zone = ZoneInfo(tzid)
    changes = [change for year in years for change in _changes(zone, year)]
    component = Timezone()
    component.add("tzid", tzid)
    if not changes:
        component.add_component(_fixed(zone, years.start))
        return component
    for kind in ("standard", "daylight"):
        runs = [list(run) for _, run in groupby([c for c in changes if c.kind == kind], key=_rule)]
        for index, run in enumerate(runs):
            component.add_component(_observance(run, last=index == len(runs) - 1))
    return component


def _changes(zone: ZoneInfo, year: int) -> list[Change]:
    """The instants in `year` when the zone's UTC offset changes, with what changes."""
    found = []
    day = dt.datetime(year, 1, 1, tzinfo=UTC)
    while day.year == year:
        following = day + dt.timedelta(days=1)
        if day.astimezone(zone).utcoffset() != following.astimezone(zone).utcoffset():
            found.append(_describe(zone, _instant(zone, day, following)))
        day = following
    return found


def _instant(zone: ZoneInfo, before: dt.datetime, after: dt.datetime) -> dt.datetime:
    """The first minute at which the offset differs from `before`'s (bisection, a minute apart)."""
    offset = before.astimezone(zone).utcoffset()
    while after - before > dt.timedelta(minutes=1):
        middle = before + (after - before) / 2
        middle = middle.replace(second=0, microsecond=0)
        if middle.astimezone(zone).utcoffset() == offset:
            before = middle
        else:
            after = middle
    return after


def _describe(zone: ZoneInfo, instant: dt.datetime) -> Change:
    old, new = (instant - dt.timedelta(minutes=1)).astimezone(zone), instant.astimezone(zone)
    before, after = old.utcoffset() or dt.timedelta(0), new.utcoffset() or dt.timedelta(0)
    local = (instant + before).replace(tzinfo=None)  # local time, read on the clock before the change
    kind = "daylight" if new.dst() else "standard"
    return Change(kind=kind, local=local, utc=instant, before=before, after=after, name=new.tzname())


def _rule(change: Change) -> tuple[int, str, dt.time, dt.timedelta, dt.timedelta, str | None]:
    local = change.local
    return (local.month, _byday(local.date()), local.time(), change.before, change.after, change.name)


def _byday(day: dt.date) -> str:
    """'-1SU' for the last Sunday of the month, '2SU' for the second one..."""
    length = months.monthrange(day.year, day.month)[1]
    ordinal = -1 if day.day + 7 > length else (day.day - 1) // 7 + 1
    return f"{ordinal}{DAYS[day.weekday()]}"


def _observance(run: list[Change], *, last: bool) -> TimezoneStandard | TimezoneDaylight:
    first = run[0]
    part = TimezoneDaylight() if first.kind == "daylight" else TimezoneStandard()
    part.add("dtstart", first.local)
    part.add("tzoffsetfrom", first.before)
    part.add("tzoffsetto", first.after)
    if first.name:
        part.add("tzname", first.name)
    rule: dict[str, object] = {"freq": "yearly", "bymonth": first.local.month, "byday": _byday(first.local.date())}
    if not last:
        rule["until"] = run[-1].utc
    part.add("rrule", rule)
    return part


def _fixed(zone: ZoneInfo, year: int) -> TimezoneStandard:
    """A zone without clock changes: one observance, from `year` on."""
    moment = dt.datetime(year, 1, 1, tzinfo=UTC).astimezone(zone)
    part = TimezoneStandard()
    part.add("dtstart", dt.datetime(year, 1, 1))
    part.add("tzoffsetfrom", moment.utcoffset())
    part.add("tzoffsetto", moment.utcoffset())
    if moment.tzname():
        part.add("tzname", moment.tzname())
    return part
