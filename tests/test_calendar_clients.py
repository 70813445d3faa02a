"""Calendar feeds read by the software people use: ical.js (Thunderbird, many web calendars) and Python's
icalendar resolving each event through the feed's own VTIMEZONE. Every event's start and end must be the
instant the source says, in every feed: the example community's, and events in several zones, on both
sides of clock changes, before and after 2038.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from icalendar import Calendar

from entraide.content.i18n import translator
from entraide.content.loader import load_community
from entraide.content.models import AgendaItem
from entraide.site.agenda import calendar_feed, ends_at, starts_at
from entraide.site.community import calendar_files
from sitekit import REPO

READER = Path(__file__).parent / "clients" / "ical_instants.mjs"
ZONES = ("Europe/Paris", "America/Montreal", "Australia/Sydney", "Asia/Tokyo", "America/Sao_Paulo")
MOMENTS = (
    "2026-01-15T18:30",
    "2026-03-29T01:30",
    "2026-03-29T02:30",
    "2026-03-29T03:30",
    "2026-07-14T18:30",
    "2026-10-25T02:30",
    "2037-12-31T23:00",
    "2039-07-14T18:30",
    "2045-03-26T10:00",
    "2052-11-03T09:15",
)


def far_and_wide() -> tuple[AgendaItem, ...]:
    return tuple(
        AgendaItem(
            id=f"e{zi}-{mi}",
            title="Atelier",
            kind="workshop",
            start=moment,
            timezone=zone,
            host="mentor",
            duration_minutes=90,
        )
        for zi, zone in enumerate(ZONES)
        for mi, moment in enumerate(MOMENTS)
    )


def feeds(tmp_path: Path) -> dict[Path, tuple[AgendaItem, ...]]:
    """Every feed the example site publishes, plus one across zones and years, with the items each holds."""
    community = load_community(REPO)
    by_uid = {item.id: item for item in community.rules.agenda}
    written: dict[Path, tuple[AgendaItem, ...]] = {}
    for name, content in calendar_files(community, tr=translator(community.rules.language)).items():
        path = tmp_path / Path(name).name
        path.write_bytes(content)
        uids = [str(e["UID"]) for e in Calendar.from_ical(content).walk("VEVENT")]
        written[path] = tuple(by_uid[uid.split("@")[0]] for uid in uids)
    wide = tmp_path / "wide.ics"
    wide.write_bytes(calendar_feed(far_and_wide(), name="Large", uid_domain="test", tr=translator("fr")))
    written[wide] = far_and_wide()
    return written


def expected(items: tuple[AgendaItem, ...]) -> dict[str, list[str]]:
    def z(moment: dt.datetime) -> str:
        return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    return {item.id: [z(starts_at(item)), z(ends_at(item))] for item in items}


def by_id(instants: dict[str, list[str]]) -> dict[str, list[str]]:
    return {uid.split("@")[0]: pair for uid, pair in instants.items()}


def test_ical_js_places_every_event_at_the_source_instant(tmp_path):
    node = shutil.which("node")
    assert node, "node is needed (Debian: apt-get install nodejs); ical.js comes from `make node_modules`"
    written = feeds(tmp_path)
    result = subprocess.run(
        [node, str(READER), *map(str, written)], capture_output=True, text=True, timeout=120, cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    read = json.loads(result.stdout)
    for path, items in written.items():
        assert by_id(read[str(path)]) == expected(items), path.name


def test_icalendar_through_the_feeds_own_vtimezones(tmp_path):
    for path, items in feeds(tmp_path).items():
        calendar = Calendar.from_ical(path.read_bytes())
        zones = {str(zone["TZID"]): zone.to_tz() for zone in calendar.walk("VTIMEZONE")}
        read = {}
        for event in calendar.walk("VEVENT"):
            pair = []
            for key in ("DTSTART", "DTEND"):
                moment = event[key].dt
                zone = event[key].params.get("TZID")  # none: a UTC time (a local time shown twice or never)
                pair.append(moment.replace(tzinfo=zones[zone]) if zone else moment)
            read[str(event["UID"])] = [p.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") for p in pair]
        assert by_id(read) == expected(items), path.name


@pytest.mark.parametrize("language, workshop", [("fr", "Atelier"), ("en", "Workshop")])
def test_categories_are_words_of_the_community(language, workshop):
    item = AgendaItem(id="a", title="A", kind="workshop", start="2026-03-12T18:30", host="m", track="front")
    feed = calendar_feed((item,), name="x", uid_domain="d", tr=translator(language), track_names={"front": "Front-end"})
    (event,) = Calendar.from_ical(feed).walk("VEVENT")
    assert [str(c) for c in event["CATEGORIES"].cats] == [workshop, "Front-end"]
