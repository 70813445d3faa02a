"""The feedback form's answers: which issues are usable answers, and their 1-5 rating.

Read by the satisfaction KPI and « Ce qui aide » (through `History.ratings`, indexed once), so it sits
below both.
"""

from __future__ import annotations

from entraide.events.model import Event, EventKind

FEEDBACK_FORM = "feedback"


def rating(event: Event) -> int | None:
    """The 1-5 rating of a feedback issue, or None when the event is not a usable answer."""
    if event.kind != EventKind.issue_opened or event.form != FEEDBACK_FORM:
        return None
    value = event.rating
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        return None
    return value
