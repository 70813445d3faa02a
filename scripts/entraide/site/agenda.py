"""Live events (webinars, workshops, office hours): iCalendar feeds and attendance.

Events are declared under `agenda:` in entraide.yml. The feeds follow RFC 5545 and carry a VTIMEZONE
for every zone used, so calendar apps place an event at the same instant wherever the reader lives.
Attendance is what the scoring core counted on the event's issue.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

from icalendar import Calendar
from icalendar import Event as VEvent

from entraide.content.i18n import Translator
from entraide.content.models import AgendaItem
from entraide.events.model import Event
from entraide.scoring.model import Award
from entraide.site.vtimezone import vtimezone

PRODID = "-//Entraide//Agenda//FR"


def kind_name(kind: str, *, tr: Translator) -> str:
    """An event's kind as the community says it (« Atelier »), for pages and calendar categories."""
    names = {
        "workshop": tr.gettext("Workshop"),
        "webinar": tr.gettext("Webinar"),
        "office_hours": tr.gettext("Office hours"),
    }
    return names.get(kind, kind)


def starts_at(item: AgendaItem) -> dt.datetime:
    return item.start.replace(tzinfo=ZoneInfo(item.timezone))


def ends_at(item: AgendaItem) -> dt.datetime:
    return starts_at(item) + dt.timedelta(minutes=item.duration_minutes)


def upcoming_and_past(items: tuple[AgendaItem, ...], *, now: dt.datetime) -> tuple[list[AgendaItem], list[AgendaItem]]:
    """Upcoming soonest first, past most recent first: the order people read an agenda in."""
    ordered = sorted(items, key=lambda i: (starts_at(i), i.id))
    upcoming = [i for i in ordered if ends_at(i) >= now]
    past = [i for i in reversed(ordered) if ends_at(i) < now]
    return upcoming, past


def calendar_feed(
    items: tuple[AgendaItem, ...],
    *,
    name: str,
    uid_domain: str,
    tr: Translator,
    track_names: dict[str, str] | None = None,
) -> bytes:
    """An RFC 5545 feed; categories are the kind and the track as the community names them."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    if items:  # observances from the year before the first event: every event falls after their start
        years = range(min(i.start.year for i in items) - 1, max(i.start.year for i in items) + 2)
        for zone in sorted({i.timezone for i in items}):
            calendar.add_component(vtimezone(zone, years=years))
    for item in sorted(items, key=lambda i: (starts_at(i), i.id)):
        categories = [kind_name(item.kind, tr=tr)] + (
            [(track_names or {}).get(item.track, item.track)] if item.track else []
        )
        calendar.add_component(_vevent(item, uid_domain=uid_domain, categories=categories))
    return bytes(calendar.to_ical())


def _vevent(item: AgendaItem, *, uid_domain: str, categories: list[str]) -> VEvent:
    event = VEvent()
    event.add("uid", f"{item.id}@{uid_domain}")
    # DTSTAMP is required; the event's own start keeps the feed byte-identical from one build to the next.
    event.add("dtstamp", starts_at(item).astimezone(dt.UTC))
    event.add("dtstart", _unambiguous(starts_at(item)))
    event.add("dtend", _unambiguous(ends_at(item)))
    event.add("summary", item.title)
    description = "\n\n".join(x for x in (item.description, item.recording and f"Replay : {item.recording}") if x)
    if description:
        event.add("description", description)
    if item.link:
        event.add("url", item.link)
        event.add("location", item.link)
    event.add("categories", categories)
    return event


def _unambiguous(moment: dt.datetime) -> dt.datetime:
    """Local time with its zone, unless the clock shows it twice (fall back) or never (spring forward):
    then UTC, the only form every calendar app reads alike."""
    wall = moment.replace(tzinfo=None)
    other = moment.replace(fold=1 - moment.fold)
    if (
        moment.utcoffset() == other.utcoffset()
        and moment.astimezone(dt.UTC).astimezone(moment.tzinfo).replace(tzinfo=None) == wall
    ):
        return moment
    return moment.astimezone(dt.UTC)


ATTENDANCE = "event_attendance"  # the reason of attendance points


def attendance(
    items: tuple[AgendaItem, ...], *, awards: tuple[Award, ...], events_by_id: dict[str, Event]
) -> dict[str, frozenset[int]]:
    """Members whose presence earned attendance points on each event's issue.

    The scoring core decides what attendance is (a comment or reaction by a member on an issue labelled
    `event`, bots and strangers excluded, revoked with the label), so the agenda counts the same people.
    """
    by_issue = {i.issue: i.id for i in items if i.issue}
    present: dict[str, set[int]] = defaultdict(set)
    for award in awards:
        if award.reason != ATTENDANCE:
            continue
        event = next((events_by_id[i] for i in award.event_ids if i in events_by_id), None)
        if event is not None and event.at_home and event.subject_type == "issue" and event.subject in by_issue:
            present[by_issue[event.subject]].add(award.member_id)
    return {item.id: frozenset(present.get(item.id, ())) for item in items}
