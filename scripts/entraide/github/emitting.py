"""How the sync turns GitHub's items into events to store, one item at a time, on the sync's clock.

An item whose date is malformed (`normalize.BadDate`), or an event dated after the sync's clock (with
the store's allowance for clock skew; its `updated` too, or that copy would win over every later edit),
is refused with a warning naming it; the rest of the page is stored. The same rule as the store's
`append(not_after=)` and `ingest`. Watermarks never pass the sync's clock either (`capped`), so one
item dated 2099 cannot make every later run skip what happens in between. Any other surprise in an
answer (a missing field, a wrong type) still stops the run cleanly: the answer is not GitHub's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from entraide.events.model import Event
from entraide.events.store import CLOCK_SKEW

from . import normalize as n
from .client import Stopped

FORMAT = "%Y-%m-%dT%H:%M:%SZ"


class Emitter:
    """Mixed into `sync.Sync`: `buffer`, `emitted`, `warn` and `now` (the sync's clock, UTC) are its."""

    buffer: list
    emitted: int
    now: dt.datetime
    warn: Callable[[str], None]
    field: Callable[[Any, str], Any]
    tag: Callable[[Event], Event] | None  # another repository of the programme: its events carry it

    def emit(self, events: Iterable[Event | None]) -> None:
        before = len(self.buffer)
        try:
            found = (event for event in events if event is not None and self.in_time(event))
            self.buffer.extend(map(self.tag, found) if self.tag else found)
        except n.BadDate:
            raise  # `emit_each` refuses that item alone
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            # A JSON answer not shaped like GitHub's: like a server error, stop and read it again later.
            raise Stopped(
                f"GitHub answered an object the sync cannot read ({type(error).__name__}: {str(error)[:100]})",
                failed=True,
            ) from None
        self.emitted += len(self.buffer) - before

    def emit_each(self, name: str, items: Iterable[Any], convert: Callable[[Any], Iterable[Event | None]]) -> None:
        """`convert(item)` for each item; an item with a malformed date is refused alone, with a warning."""
        for item in items:
            try:
                self.emit(convert(item))
            except n.BadDate as error:
                self.warn(f"{name}: {_label(item)}: {error}: not stored")

    def in_time(self, event: Event) -> bool:
        limit = self.now + CLOCK_SKEW
        late = max(event.at, event.updated or event.at)
        if late <= limit:
            return True
        self.warn(
            f"{event.id}: dated {late.strftime(FORMAT)}, after the sync's clock ({self.now.strftime(FORMAT)}): not stored"
        )
        return False

    def dated(self, name: str, items: list) -> list[tuple[dict, str]]:
        """(item, its `updated_at` as a watermark); an item with a malformed one is refused, warned."""
        dated = [(item, self.capped(self.field(item, "updated_at"))) for item in items]
        for item, at in dated:
            if at is None:
                self.warn(f"{name}: {_label(item)}: malformed date {str(item['updated_at'])[:40]!r}: not stored")
        return [(item, at) for item, at in dated if at is not None]

    def capped(self, value: Any) -> str | None:
        """A GitHub timestamp as a watermark: normalised, never after the sync's clock; None if malformed."""
        try:
            return min(n.parse_at(value), self.now).strftime(FORMAT)
        except n.BadDate:
            return None


def _label(item: Any) -> str:
    if not isinstance(item, dict):
        return "an item"
    for key, shown in (("number", "#{}"), ("id", "id {}"), ("databaseId", "id {}")):
        if item.get(key) is not None:
            return shown.format(item[key])
    return "an item"
