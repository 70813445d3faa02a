"""Dates: the day the data stops (the one default "as of" date of every command, page and report), and
dates written as people read them (« 27 novembre 2026 »)."""

from __future__ import annotations

import datetime as dt

from entraide.content.errors import Problem, UserError
from entraide.content.models import Community
from entraide.events.model import Event


def as_of_date(community: Community, history: tuple[Event, ...], override: str | None = None) -> dt.date:
    """`override` (ENTRAIDE_AS_OF, or a flag) if set; else the latest event's day, so that the output depends
    on the commit alone, never on today's clock; else the first cohort's start; else the latest member's arrival."""
    if override:
        try:
            return dt.date.fromisoformat(override.strip())
        except ValueError:
            raise UserError(
                Problem(path="ENTRAIDE_AS_OF", message=f"expected an ISO date (YYYY-MM-DD), got {override!r}")
            ) from None
    if history:
        return max(event.at for event in history).date()
    starts = [cohort.start for cohort in community.rules.cohorts]
    joined = [member.joined for member in community.members]
    return min(starts) if starts else max(joined, default=dt.date(2000, 1, 1))


MONTHS = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def day_month(day: dt.date, language: str) -> str:
    """« 3 octobre », « 1er mars », "3 October": a date within the year, as people read it."""
    months = MONTHS.get(language.split("-")[0].lower(), MONTHS["en"])
    first = "1er" if day.day == 1 and language.startswith("fr") else str(day.day)
    return f"{first} {months[day.month - 1]}"


def long_date(day: dt.date, language: str) -> str:
    """A date as people read it: « 27 novembre 2026 », "27 November 2026"."""
    return f"{day_month(day, language)} {day.year}"
