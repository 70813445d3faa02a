"""Dates: the day the data stops (the one default "as of" date of every command, page and report), and
dates written as people read them (« 27 novembre 2026 »), and the history up to a moment (`up_to`)."""

from __future__ import annotations

import datetime as dt
import itertools

from entraide.content.errors import N_, Problem, UserError
from entraide.content.i18n import translator
from entraide.content.models import Community
from entraide.events.model import Event
from entraide.events.order import StoreOrdered


def as_of_date(community: Community, history: tuple[Event, ...], override: str | None = None) -> dt.date:
    """`override` (ENTRAIDE_AS_OF, or a flag) if set; else the latest event's day, so that the output depends
    on the commit alone, never on today's clock; else the first cohort's start; else the latest member's arrival."""
    if override:
        try:
            return dt.date.fromisoformat(override.strip())
        except ValueError:
            raise UserError(
                Problem(
                    path="ENTRAIDE_AS_OF",
                    message=N_("expected an ISO date (YYYY-MM-DD), got '{given}'", given=override),
                )
            ) from None
    if history:  # as the store loads it, sorted by time: the latest is the last
        latest = history[-1].at if isinstance(history, StoreOrdered) else max(event.at for event in history)
        return latest.date()
    starts = [cohort.start for cohort in community.rules.cohorts]
    joined = [member.joined for member in community.members]
    return min(starts) if starts else max(joined, default=dt.date(2000, 1, 1))


def day_month(day: dt.date, language: str) -> str:
    """« 3 octobre », « 1er mars », "3 October" (the catalogues' translator, for callers without one yet)."""
    return translator(language).day_month(day)


def long_date(day: dt.date, language: str) -> str:
    """A date as people read it: « 27 novembre 2026 », "27 November 2026"."""
    return translator(language).long_date(day)


def up_to(events: tuple[Event, ...], limit: dt.datetime) -> tuple[Event, ...]:
    """The events of a time-ordered tuple before `limit` (UTC); the tuple itself when none is later. The
    cut of a history in store order keeps the proof of it (`StoreOrdered`): its first events are in order."""
    end = len(events)
    while end and events[end - 1].at >= limit:
        end -= 1
    if end == len(events):
        return events
    return StoreOrdered(itertools.islice(events, end)) if isinstance(events, StoreOrdered) else events[:end]
