"""Surveys: feedback-form answers read from issue bodies, and the pulse survey calendar of each cohort.

GitHub renders an issue form as Markdown: one `### <label>` heading per field followed by the answer, or
`_No response_`. Only the rating leaves the issue as data (`rating` in the event payload); the free text
stays on GitHub, where its author wrote it.
"""

from __future__ import annotations

import datetime as dt
import re

from entraide.content.models import Cohort, Surveys

HEADING = re.compile(r"^###\s+(.+?)\s*$", re.MULTILINE)
NO_RESPONSE = "_No response_"
RATING_LABELS = ("note", "rating", "satisfaction")
RATING = re.compile(r"^\s*([1-5])(?:\s*(?:[-–—:/]|\(|$))")


def parse_issue_form(body: str | None) -> dict[str, str]:
    """Field label -> answer ('' when left empty). Text before the first heading is ignored."""
    if not body:
        return {}
    parts = HEADING.split(body.replace("\r\n", "\n"))
    fields = {}
    for label, answer in zip(parts[1::2], parts[2::2]):
        answer = answer.strip()
        fields[label.strip()] = "" if answer == NO_RESPONSE else answer
    return fields


def rating(fields: dict[str, str]) -> int | None:
    """The 1-5 rating of a feedback form: the first field whose label names a rating."""
    for label, answer in fields.items():
        if any(word in label.lower() for word in RATING_LABELS):
            match = RATING.match(answer)
            return int(match.group(1)) if match else None
    return None


def pulse_dates(cohort: Cohort, surveys: Surveys) -> tuple[tuple[int, dt.date], ...]:
    """(week, Monday the survey opens) for each pulse week that falls inside the cohort."""
    monday = cohort.start - dt.timedelta(days=cohort.start.weekday())
    dates = ((week, monday + dt.timedelta(weeks=week - 1)) for week in sorted(set(surveys.pulse_weeks)))
    return tuple((week, day) for week, day in dates if cohort.start <= day + dt.timedelta(days=6) and day <= cohort.end)


def pulses_due(
    cohorts: tuple[Cohort, ...], surveys: Surveys, *, today: dt.date, already_opened: frozenset[str]
) -> tuple[str, ...]:
    """Ids (`<cohort>-semaine-<week>`) of pulse surveys to open today that are not open yet."""
    due = (f"{c.id}-semaine-{week}" for c in cohorts for week, day in pulse_dates(c, surveys) if day <= today)
    return tuple(sorted(set(due) - already_opened))
