"""Agenda: RFC 5545 feeds that a strict parser accepts, with time zones, and attendance from issues."""

import datetime as dt

from icalendar import Calendar

from entraide.content.i18n import translator
from entraide.content.models import AgendaItem
from entraide.events.model import Event
from entraide.scoring.model import Award
from entraide.site.agenda import attendance, calendar_feed, upcoming_and_past

ITEMS = (
    AgendaItem(
        id="atelier-flexbox",
        title="Atelier Flexbox",
        kind="workshop",
        start="2026-03-12T18:30",
        timezone="Europe/Paris",
        host="mentor1",
        link="https://visio.example.org/flex",
        track="front",
        issue=40,
    ),
    AgendaItem(
        id="permanence-api",
        title="Permanence API",
        kind="office_hours",
        start="2026-03-19T09:00",
        duration_minutes=90,
        timezone="America/Montreal",
        host="mentor2",
        track="back",
        recording="https://video.example.org/api",
    ),
)


def test_feed_passes_a_strict_parse_and_carries_time_zones():
    feed = calendar_feed(ITEMS, name="Entraide Web", uid_domain="entraide.example.org", tr=translator("fr"))
    calendar = Calendar.from_ical(feed)  # raises on malformed content
    zones = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    assert zones == {"Europe/Paris", "America/Montreal"}
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    flex = events["atelier-flexbox@entraide.example.org"]
    assert flex.decoded("DTSTART") == dt.datetime(2026, 3, 12, 17, 30, tzinfo=dt.UTC)
    assert flex["DTSTART"].params["TZID"] == "Europe/Paris"
    api = events["permanence-api@entraide.example.org"]
    assert api.decoded("DTEND") - api.decoded("DTSTART") == dt.timedelta(minutes=90)
    assert "https://video.example.org/api" in str(api["DESCRIPTION"])
    assert all("DTSTAMP" in e for e in events.values())
    assert feed.startswith(b"BEGIN:VCALENDAR\r\n") and b"\r\n " not in feed.split(b"BEGIN:VEVENT")[0][:20]


def test_feed_is_byte_identical_whatever_the_declaration_order():
    one = calendar_feed(ITEMS, name="x", uid_domain="d", tr=translator("fr"))
    two = calendar_feed(tuple(reversed(ITEMS)), name="x", uid_domain="d", tr=translator("fr"))
    assert one == two


def test_upcoming_soonest_first_and_past_latest_first():
    now = dt.datetime(2026, 3, 15, tzinfo=dt.UTC)
    upcoming, past = upcoming_and_past(ITEMS, now=now)
    assert [i.id for i in upcoming] == ["permanence-api"]
    assert [i.id for i in past] == ["atelier-flexbox"]


def test_attendance_is_what_scoring_awarded_on_each_event_issue():
    def comment(n, subject):
        return Event(
            id=f"ev:{n}",
            kind="issue_comment",
            at="2026-03-12T19:00:00Z",
            actor_id=n,
            actor_login=f"u{n}",
            subject=subject,
            subject_type="issue",
        )

    events = {e.id: e for e in (comment(1, 40), comment(2, 40), comment(3, 41), comment(4, 40))}

    def award(n, reason="event_attendance"):
        return Award(
            member_id=n, login=f"u{n}", points=5, reason=reason, at="2026-03-12T19:00:00Z", event_ids=(f"ev:{n}",)
        )

    awards = (award(1), award(2), award(3), award(4, reason="comment"))
    present = attendance(ITEMS, awards=awards, events_by_id=events)
    assert present == {"atelier-flexbox": frozenset({1, 2}), "permanence-api": frozenset()}
