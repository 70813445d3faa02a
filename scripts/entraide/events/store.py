"""The event store: normalised GitHub activity as JSON Lines, one file per month, under `data/events/`.

`data/events/YYYY-MM.jsonl` holds the events whose `at` falls in that UTC month, one JSON object per
line, keys sorted, compact separators, lines sorted by (at, id), timestamps in UTC with a `Z`. The same
set of events therefore always gives the same bytes, whatever order they arrived in, and a sync that
brings nothing new changes no file (so the bot commits nothing).

One copy per id, the latest: an object GitHub lets people change (a comment edited or deleted, a review
dismissed) comes again with the same id and a new state. `latest` decides between two copies: a final
state (deleted, dismissed) wins, then the later `updated` (GitHub's updated_at; none counts as oldest);
on a tie the stored copy stays. So the sync and webhook payloads converge on the same copy, appending a
copy again changes nothing, and an older copy arriving late never undoes a newer one.

Writes are atomic: each touched month is written to a temporary file in the same folder, flushed to
disk, then renamed over the old file, and the folder itself is synced. A kill at any moment leaves either
the old or the new complete file, never a torn one. One writer at a time is assumed (the scheduled
workflow runs with a concurrency group).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import cast

from pydantic import ValidationError

from entraide.content.errors import N_, Problem, UserError
from entraide.content.validation import describe
from entraide.events import decoding, order
from entraide.events.files import remove_leftovers
from entraide.events.files import write_atomic as write_atomic  # where the other writers import it from
from entraide.events.files import write_stream as write_stream  # the simulator's streamed writer
from entraide.events.model import Event
from entraide.events.order import in_store_order as in_store_order  # where the stages import it from

EVENTS_DIR = "events"
_MONTH_FILE = re.compile(r"^(\d{4})-(\d{2})\.jsonl$")
CLOCK_SKEW = dt.timedelta(hours=1)  # how far ahead of the reader's clock GitHub's clock may be


def load(data_dir: Path, *, not_after: dt.datetime | None = None) -> tuple[Event, ...]:
    """Every stored event, sorted by (at, id), as a `StoreOrdered` tuple (its order proven). A line that
    does not parse is an error, never skipped, and so is an event outside its file's month or dated after
    `not_after` (the caller's clock). The events come back compact (`StoredEvent`, read like `Event`),
    decoded month by month. Month files hold only their month, sorted, each id once: a file that is so
    (noted while decoding it) is taken as it is; one edited by hand is read event by event, and the result
    sorted if need be."""
    history = _load(data_dir, not_after=not_after, hashed=True)
    exact = None if history is not None else _load(data_dir, not_after=not_after, hashed=False)  # never None
    return history if history is not None else cast(tuple[Event, ...], exact)


def _load(data_dir: Path, *, not_after: dt.datetime | None, hashed: bool) -> tuple[Event, ...] | None:
    """`load`; hashed: ids of files as written noted as hashes (`order.IdHashes`), None if two share one."""
    intern, hashes = decoding.Interner(), order.IdHashes()
    seen: set[str] = set()  # the ids kept so far, once a file is not as written
    where: dict[str, int] | None = None  # id -> position, built at the first second copy (a store not migrated yet)
    events: list[Event] = []
    problems: list[Problem] = []
    limit = None if not_after is None else utc(not_after) + CLOCK_SKEW
    all_as_written = hashed  # every file so far sorted, in its month: their concatenation is sorted
    for path in _month_files(data_dir):
        start, end = order.month_bounds(path.stem)  # checked per event without formatting a date
        ids: decoding.Ids = hashes if all_as_written else set()
        month, ordered = _read_compact(path, intern, ids, problems)
        if where is None and ordered and order.bounded(month, start=start, end=end, limit=limit):
            if all_as_written:  # each id new: checked at the end, with every file's
                events += month
                continue
            if isinstance(ids, set) and len(ids) == len(month) and seen.isdisjoint(ids):
                seen |= ids
                events += month
                continue
        if all_as_written:  # back to the ids kept, to read this file event by event
            seen = {event.id for event in events}
            if len(seen) < len(events):
                return None
        all_as_written = False
        for number, event in enumerate(month, start=1):
            fine = start <= event.at < end and (limit is None or event.at <= limit)
            if not fine and not _well_dated(event, path=path, number=number, problems=problems, not_after=not_after):
                continue
            if event.id not in seen:
                seen.add(event.id)
                if where is not None:
                    where[event.id] = len(events)
                events.append(event)
                continue
            if where is None:  # two copies of one id: the latest (`latest`)
                where = {stored.id: position for position, stored in enumerate(events)}
            events[where[event.id]] = latest(events[where[event.id]], event)
    if problems:
        raise UserError(problems)
    if all_as_written and not hashes.distinct(last=True):
        return None
    if not all_as_written and not order.in_order(events):
        events.sort(key=sort_key)
    return order.StoreOrdered(events)  # sorted, each id once: the stages need not check it again


def load_validated(data_dir: Path) -> tuple[Event, ...]:
    """Every stored event as a validated `Event`, sorted by (at, id): the reference `load` is held to
    (tests and `make bench` compare every output of the two), and what `append` reads."""
    events: dict[str, Event] = {}
    for month_events in _load_months(data_dir).values():
        for event in month_events:
            events[event.id] = latest(events.get(event.id), event)
    return tuple(sorted(events.values(), key=sort_key))


def _read_compact(
    path: Path, intern: decoding.Interner, ids: decoding.Ids, problems: list[Problem]
) -> tuple[list[Event], bool | None]:
    """A month file's events; decoded compact, whether they came sorted (their ids added to `ids`)."""
    try:
        decoded = decoding.decode_file(path, intern, ids)
    except OSError as error:
        problems.append(Problem(path=str(path), message=N_("cannot read the event file: {error}", error=str(error))))
        return [], None
    if decoded is not None:
        # A StoredEvent reads as an Event (EventReading): the cast is that promise (tests/test_compact_core.py).
        return cast(list[Event], decoded.events), decoded.ordered
    return _read_month(path, problems), None  # validated `Event`s, read the same way; names every bad line


def latest(stored: Event | None, incoming: Event) -> Event:
    """The copy to keep of one object: a final state first, then the later `updated`; a tie keeps `stored`."""
    if stored is None or _version(incoming) > _version(stored):
        return incoming
    return stored


def _version(event: Event) -> tuple[bool, dt.datetime]:
    return event.final, event.updated or _OLDEST


_OLDEST = dt.datetime.min.replace(tzinfo=dt.UTC)


def append(data_dir: Path, events: Iterable[Event], *, not_after: dt.datetime | None = None) -> int:
    """Store the events new by id, and the newer copies of stored ones (`latest`); return how many changed.

    Only the month files that change are rewritten; appending nothing new touches no file. With
    `not_after` (the writer's clock), an event dated later is refused and nothing is written.
    """
    months = _load_months(data_dir)
    where = {event.id: (month, event) for month, month_events in months.items() for event in month_events}
    touched: set[str] = set()
    changed = 0
    for event in events:
        month, stored = where.get(event.id, (None, None))
        if latest(stored, event) is stored:
            continue
        if not_after is not None and utc(event.at) > utc(not_after) + CLOCK_SKEW:
            late = N_("dated {when}, after now: not stored", when=utc(event.at).isoformat())
            raise UserError(Problem(path=event.id, field="at", message=late))
        event = normalised(event)
        where[event.id] = (month_of(event), event)
        touched |= {month_of(event)} | ({month} if month else set())
        changed += 1
    folder = Path(data_dir) / EVENTS_DIR
    if touched:
        remove_leftovers(folder)
    content: dict[str, list[Event]] = {month: [] for month in touched}
    for month, event in where.values():
        if month in content:
            content[month].append(event)
    for month in sorted(touched):
        write_atomic(folder / f"{month}.jsonl", dumps(content[month]))
    return changed


def sort_key(event: Event) -> tuple[dt.datetime, str]:
    return (event.at, event.id)  # `Event.at` is held in UTC


def utc(moment: dt.datetime) -> dt.datetime:
    """GitHub timestamps are UTC; a naive one is read as UTC rather than as the machine's local time."""
    if moment.tzinfo is dt.UTC:
        return moment
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def normalised(event: Event) -> Event:
    return event if event.at.tzinfo is dt.UTC else event.model_copy(update={"at": utc(event.at)})


def month_of(event: Event) -> str:
    return utc(event.at).strftime("%Y-%m")


def dumps(events: Iterable[Event]) -> bytes:
    """The canonical bytes of one month file: sorted lines of sorted-key compact JSON."""
    lines = (_line(event) for event in sorted(events, key=sort_key))
    return "".join(f"{line}\n" for line in lines).encode("utf-8")


def _line(event: Event) -> str:
    data = event.model_dump(mode="json")
    data["at"] = _stamp(event.at)
    for key in ("updated", "repo"):  # absent: stores written before they existed keep their bytes
        if data[key] is None:
            del data[key]
    if event.updated is not None:
        data["updated"] = _stamp(event.updated)
    return line_of(data)


def _stamp(moment: dt.datetime) -> str:
    return utc(moment).isoformat().replace("+00:00", "Z")


def line_of(data: Mapping[str, object]) -> str:
    """One stored line: the event's JSON fields (`at` already written with a `Z`), keys sorted, compact."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _load_months(data_dir: Path, *, not_after: dt.datetime | None = None) -> dict[str, list[Event]]:
    """Stored events by month file name (without `.jsonl`); every bad line of every file is reported."""
    problems: list[Problem] = []
    months = {path.stem: _read_month(path, problems, not_after=not_after) for path in _month_files(data_dir)}
    if problems:
        raise UserError(problems)
    return months


def _month_files(data_dir: Path) -> list[Path]:
    folder = Path(data_dir) / EVENTS_DIR
    if not folder.is_dir():
        return []
    # Leftover temporary files of a killed write are not month files and are ignored.
    return sorted(path for path in folder.iterdir() if _MONTH_FILE.match(path.name))


def load_file(path: Path) -> tuple[Event, ...]:
    """The events of one month file, as stored; every bad line is reported."""
    problems: list[Problem] = []
    stored = _read_month(Path(path), problems)
    if problems:
        raise UserError(problems)
    return tuple(stored)


def _read_month(path: Path, problems: list[Problem], *, not_after: dt.datetime | None = None) -> list[Event]:
    events: list[Event] = []
    if path.is_symlink() or not path.is_file():  # a link could quote any file of the machine, or never end
        refused = N_("not a regular file: data/ holds the event files themselves")
        problems.append(Problem(path=str(path), message=refused))
        return events
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(path=str(path), message=N_("cannot read the event file: {error}", error=str(error))))
        return events
    for number, line in enumerate(text.splitlines(), start=1):
        event = _parse_line(line, path=path, number=number, problems=problems)
        if event is not None and _well_dated(event, path=path, number=number, problems=problems, not_after=not_after):
            events.append(event)
    if text and not text.endswith("\n"):
        torn = N_("the last line is incomplete (no final newline)")
        problems.append(Problem(path=str(path), line=text.count("\n") + 1, message=torn))
    return events


def _well_dated(
    event: Event, *, path: Path, number: int, problems: list[Problem], not_after: dt.datetime | None
) -> bool:
    """An event sits in the file of its UTC month, and is not dated after the reader's clock."""
    when = utc(event.at).isoformat().replace("+00:00", "Z")
    if month_of(event) != path.stem:
        where = {"when": when, "month": month_of(event), "name": path.name}
        message = N_("dated {when}: an event belongs in {month}.jsonl, not {name}", **where)
    elif not_after is not None and utc(event.at) > utc(not_after) + CLOCK_SKEW:
        message = N_("dated {when}, in the future: events come from GitHub, never from later than now", when=when)
    else:
        return True
    problems.append(Problem(path=str(path), line=number, field="at", message=message))
    return False


def _parse_line(line: str, *, path: Path, number: int, problems: list[Problem]) -> Event | None:
    try:
        return Event.model_validate_json(line)
    except ValidationError as error:
        for detail in error.errors():
            field = ".".join(str(part) for part in detail["loc"]) or None
            message = (
                describe(detail, model=Event, data=None)
                if field
                else N_("not a valid event: the line is not complete JSON ({detail})", detail=detail["msg"])
                if detail["type"] == "json_invalid"
                else N_("not a valid event: {reason}", reason=describe(detail, model=Event, data=None))
            )
            problems.append(Problem(path=str(path), line=number, field=field, message=message))
        return None
