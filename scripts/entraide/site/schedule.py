"""Scheduled publication: a hand-written page (or success story) whose front matter says `publish: <date>`
is left out of the site until that day. Pure: the pages and the build's day come in, the paths held back
(with their day) go out; the MkDocs hook (hooks/entraide_schedule.py) drops them, so the scheduled build
of the publish workflow publishes them on their day with no manual step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from entraide.content.errors import N_, Problem, UserError
from entraide.content.yamlfile import parse

BUILD_DAY_VARIABLE = "ENTRAIDE_BUILD_DATE"  # the day a build publishes for (default: today, UTC)


def held_back(docs: Mapping[str, str], *, today: dt.date) -> dict[str, dt.date]:
    """{path under docs/: its publication day} for every page not to publish yet; a bad date fails."""
    held, problems = {}, []
    for path, text in sorted(docs.items()):
        day, problem = publish_day(path, text)
        if problem is not None:
            problems.append(problem)
        elif day is not None and day > today:
            held[path] = day
    if problems:
        raise UserError(problems)
    return held


def publish_day(path: str, text: str) -> tuple[dt.date | None, Problem | None]:
    """The page's `publish:` day from its front matter, read by the strict reader; None when it has none."""
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].rstrip() != "---" or "publish:" not in text:
        return None, None
    end = next((i for i, line in enumerate(lines) if i and line.rstrip() in ("---", "...")), None)
    if end is None:
        return None, None
    shown = f"docs/{path}"
    parsed = parse("\n".join(lines[1:end]), path=shown, line_offset=1)
    if parsed.problems or not isinstance(parsed.data, dict) or "publish" not in parsed.data:
        return None, parsed.problems[0] if parsed.problems else None
    value = parsed.data["publish"]
    day = _iso_day(value)
    if day is not None:
        return day, None
    where = parsed.line_of(("publish",))
    return None, Problem(
        path=shown,
        line=where,
        field="publish",
        message=N_("expected a date YYYY-MM-DD, got '{given}'", given=str(value)),
    )


def _iso_day(value: object) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def build_day(value: str | None, *, clock: dt.datetime) -> dt.date:
    """The day a build publishes for: `value` (ENTRAIDE_BUILD_DATE) if set, else the clock's UTC day."""
    if not value:
        return clock.astimezone(dt.UTC).date()
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        problem = Problem(
            path=BUILD_DAY_VARIABLE, message=N_("expected an ISO date (YYYY-MM-DD), got '{given}'", given=value)
        )
        raise UserError(problem) from None
