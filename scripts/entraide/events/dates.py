"""The day the data stops: the one default "as of" date of every command, page and report."""

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
