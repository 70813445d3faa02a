"""Reading month files into compact events (`compact.StoredEvent`): msgspec decodes each line straight into
its kind's class (`kinds`), payload included, and its hook keeps one copy of each repeated payload value
as it goes; one pass over the file's events then does the same for logins, account ids and numbers.

A line msgspec rejects is never skipped: a payload key unusual for its kind is read again into the general
`Payload`; any other fault makes `decode_lines` answer None, and the store reads that file with `Event`,
which names every bad line, field and reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any, Union

import msgspec

from entraide.events.compact import (
    EMPTY_PAYLOAD,
    UNSET,
    Labelled,
    NoPayload,
    Payload,
    Repeated,
    RepeatedList,
    SharedPayload,
    StoredEvent,
)
from entraide.events.kinds import KIND_EVENTS

_ANY_KIND: Any = Union[tuple(KIND_EVENTS.values())]  # noqa: UP007 (a tuple of classes: only Union takes it)
_JSON = msgspec.json.Decoder()
_EMPTY_LIST: list[object] = []  # shared by the many comments that give no kudos; never mutated by readers
_MOST_SHARED = 10_000  # distinct label payloads kept for sharing; later ones are read on their own
_FAULTS = (msgspec.ValidationError, msgspec.DecodeError)


class Interner:
    """One copy of each repeated value across a whole load: logins, shas, labels, account ids, numbers."""

    def __init__(self) -> None:
        self.strings: dict[str, str] = {}
        self.numbers: dict[int, int] = {}
        self.accounts: dict[str | None, tuple[str | None, int | None]] = {}  # login -> (login, id), interned
        self.labels: dict[Any, Any] = {}  # label payloads by label, or (label, target_id)
        self.payload_value = _payload_hook(self.strings, self.labels)
        self.decoder = msgspec.json.Decoder(_ANY_KIND, dec_hook=self.payload_value)

    def every(self, events: list[StoredEvent]) -> None:
        """Intern the accounts and numbers of freshly decoded events in place, and hold their timestamps
        in UTC (the payloads were interned as they were decoded)."""
        strings, numbers, accounts = self.strings, self.numbers, self.accounts
        utc = dt.UTC
        for event in events:
            login, actor = event.actor_login, event.actor_id
            account = accounts.get(login)  # one lookup for the login and the id that go together
            if account is None or account[1] != actor:
                login = login if login is None else strings.setdefault(login, login)
                account = accounts[login] = (login, actor if actor is None else numbers.setdefault(actor, actor))
            event.actor_login, event.actor_id = account
            subject = event.subject
            event.subject = numbers.setdefault(subject, subject)
            if event.repo is not None:
                event.repo = strings.setdefault(event.repo, event.repo)
            at = event.at
            if at.tzinfo is not utc:  # stored with a `Z`; another offset or none is read as Event does
                event.at = at = at.astimezone(utc) if at.tzinfo else at.replace(tzinfo=utc)
            updated = event.updated
            if updated is not None:
                if updated.tzinfo is not utc:
                    updated = updated.astimezone(utc) if updated.tzinfo else updated.replace(tzinfo=utc)
                event.updated = at if updated == at else updated  # never edited: one datetime


def _payload_hook(strings: dict[str, str], labels: dict[Any, Any]) -> Callable[[type, Any], Any]:
    """msgspec's hook for the payload fields declared with a marker of `compact`: each value, one copy.
    Called for about one value an event, so a closure over the tables, the most frequent marker first."""
    setdefault = strings.setdefault

    def payload_value(declared: type, value: Any) -> Any:
        if declared is Repeated:
            return setdefault(value, value) if value.__class__ is str else value
        if declared is RepeatedList:
            if value.__class__ is list:
                if not value:
                    return _EMPTY_LIST
                value[:] = [setdefault(item, item) if item.__class__ is str else item for item in value]
            return value
        if declared is SharedPayload:
            if value.__class__ is dict and len(value) == 1:  # nearly every label event: {"label": name}
                label = value.get("label")
                shared = labels.get(label) if label.__class__ is str else None
                if shared is not None:
                    return shared
            return _label_payload(value, labels, payload_value)
        if declared is NoPayload:
            if value != {}:  # a kind that carries none, with keys: read by `_with_general_payload`
                raise ValueError("a payload where none is expected")
            return EMPTY_PAYLOAD
        raise NotImplementedError(declared)

    return payload_value


def _label_payload(value: Any, labels: dict[Any, Any], hook: Callable[[type, Any], Any]) -> Any:
    """A label event's payload, shared by all the events with the same one. Only a text label and an
    integer target (or none) make a key, the label alone when there is no target: True == 1 and 1.0 == 1,
    and sharing must never change a value. Any other payload is read on its own, and checked, by msgspec."""
    key: Any = None
    if value.__class__ is dict:
        label, target = value.get("label"), value.get("target_id", UNSET)
        if label.__class__ is str and len(value) == 1 + (target is not UNSET):
            key = label if target is UNSET else (label, target) if target.__class__ is int else None
    shared = labels.get(key) if key is not None else None
    if shared is None:
        shared = msgspec.convert(value, Labelled, dec_hook=hook)
        if key is not None and len(labels) < _MOST_SHARED:
            labels[key] = shared
    return shared


def decode_lines(text: bytes, intern: Interner) -> list[StoredEvent] | None:
    """Every line of one month file, or None when any line is not a valid event (the caller then reads
    the file with `Event` to report why). Line by line: msgspec's `decode_lines` reads a stream where a
    line break is a space (two objects on a line, or one over two lines, would pass), and checking the
    file's shape first cost what it saved (measured at 100k and 1M events)."""
    decode = intern.decoder.decode
    try:
        events = [decode(line) for piece in _pieces(text) for line in piece.splitlines()]
    except _FAULTS:
        read = _line_by_line(text.splitlines(), intern)
        if read is None:
            return None
        events = read
    intern.every(events)
    return events


_PIECE = 1 << 20


def _pieces(text: bytes) -> Iterator[bytes]:
    """The text in pieces of about a megabyte, each ending with a line break (or the text's end): split
    a piece at a time, a month file never has all its lines as bytes objects at once (at 1M events, 25 MB
    less at the peak). Cut after a `\n`, a piece splits into the lines the whole text would."""
    start = 0
    while start < len(text):
        end = text.find(b"\n", start + _PIECE)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end


def _line_by_line(lines: list[bytes], intern: Interner) -> list[StoredEvent] | None:
    decode, events = intern.decoder.decode, []
    for line in lines:
        try:
            events.append(decode(line))
        except _FAULTS:
            unusual = _with_general_payload(line, intern)
            if unusual is None:
                return None
            events.append(unusual)
    return events


def _with_general_payload(line: bytes, intern: Interner) -> StoredEvent | None:
    """A line whose payload has a key unusual for its kind (or a value where its kind expects none): the
    payload read into the general `Payload`, so that nothing stored is dropped. None if it still fails."""
    try:
        data = _JSON.decode(line)
        if not isinstance(data, dict):
            return None
        payload = msgspec.convert(data.pop("payload", {}), Payload, dec_hook=intern.payload_value)
        event: StoredEvent = msgspec.convert(data, _ANY_KIND, dec_hook=intern.payload_value)
    except _FAULTS:
        return None
    event.payload = EMPTY_PAYLOAD if payload == {} else payload
    return event
