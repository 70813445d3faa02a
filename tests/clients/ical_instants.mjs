// Reads iCalendar feeds with ical.js, the parser of Thunderbird and many web calendars, and prints each
// event's start and end as UTC instants: {"<file>": {"<uid>": ["2026-03-19T17:30:00Z", "..."]}}.
// Every VTIMEZONE of a feed is registered first, as calendar apps do; nothing else is assumed.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function utc(time) {
  return time.convertToZone(ICAL.Timezone.utcTimezone).toString().replace(/Z?$/, "Z");
}

const out = {};
for (const file of process.argv.slice(2)) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  ICAL.TimezoneService.reset();
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  out[file] = {};
  for (const component of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(component);
    out[file][event.uid] = [utc(event.startDate), utc(event.endDate)];
  }
}
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
