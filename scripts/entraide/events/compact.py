"""The compact event: how the core holds the stored history, decoded straight from the month files.

`Event` (pydantic) validates what GitHub and people send and writes the store; reading a million stored
events back through it costs ~2.7 KB and ~20 µs each. `StoredEvent` is the same fact as a slotted
`msgspec` struct, decoded and type-checked by msgspec's C decoder: no per-instance dict, no GC tracking,
logins, shas, labels and the payload's other repeated texts interned, one shared empty payload, the
payload a struct of the fields each kind may carry (typed per kind by the shared accessors of
`EventReading`), absent keys costing nothing. It reads exactly like an `Event`
(same attributes, same accessors), so every stage takes either.

A line msgspec rejects is never skipped: the reader falls back to `Event` for that file, which names
every bad line, field and reason exactly as before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import ItemsView, Iterator, KeysView
from typing import Annotated, Any, Literal

import msgspec

from entraide.content.base import REPO_PATTERN
from entraide.events.model import Event, EventKind, EventReading

UNSET: Any = msgspec.UNSET


class Payload(msgspec.Struct, gc=False, omit_defaults=True, forbid_unknown_fields=True):
    """Every payload field any kind carries (see `Event`); a field a line lacks stays UNSET. A key not
    listed here sends its file through `Event`, so that nothing stored is ever dropped."""

    labels: Any = UNSET
    form: Any = UNSET
    rating: Any = UNSET
    title: Any = UNSET
    category: Any = UNSET
    challenge: Any = UNSET
    sha: Any = UNSET
    state: Any = UNSET
    commit_id: Any = UNSET
    comment_id: Any = UNSET
    kudos: Any = UNSET
    reply_to: Any = UNSET
    label: Any = UNSET
    content: Any = UNSET
    target: Any = UNSET
    target_id: Any = UNSET
    marked_by_id: Any = UNSET
    deleted: Any = UNSET
    team: Any = UNSET
    fields: Any = UNSET  # the opportunity form's answers
    reward: Any = UNSET  # the reward form's item

    def get(self, key: str, default: Any = None) -> Any:
        value = getattr(self, key, UNSET)
        return default if value is UNSET else value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and getattr(self, key, UNSET) is not UNSET

    # Read as the JSON object it was stored as, for the shell and tests that compare with one.
    def as_dict(self) -> dict[str, Any]:
        return {name: value for name in self.__struct_fields__ if (value := getattr(self, name)) is not UNSET}

    def __getitem__(self, key: str) -> Any:
        value = getattr(self, key, UNSET) if isinstance(key, str) else UNSET
        if value is UNSET:
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self.as_dict())

    def keys(self) -> KeysView[str]:
        return self.as_dict().keys()

    def items(self) -> ItemsView[str, Any]:
        return self.as_dict().items()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Payload):
            other = other.as_dict()
        return isinstance(other, dict) and self.as_dict() == other


_EMPTY_KUDOS: list[object] = []  # shared by the many comments that give none; never mutated by readers


class StoredEvent(msgspec.Struct, EventReading, kw_only=True, gc=False):
    """One stored event, compact. Same fields and constraints as `Event`."""

    id: Annotated[str, msgspec.Meta(min_length=3, max_length=200)]
    kind: EventKind
    at: dt.datetime
    actor_id: int | None
    actor_login: str | None
    actor_type: Literal["User", "Bot", "Organization", "Mannequin"] | None = "User"
    subject: Annotated[int, msgspec.Meta(ge=0)]
    subject_type: Literal["issue", "pull", "discussion"]
    payload: Payload = msgspec.field(default_factory=Payload)
    updated: dt.datetime | None = None
    repo: Annotated[str, msgspec.Meta(pattern=REPO_PATTERN)] | None = None

    def to_event(self) -> Event:
        """The same fact as a validated `Event` (what the shell writes and compares)."""
        fields = {name: getattr(self, name) for name in self.__struct_fields__}
        return Event(**{**fields, "payload": self.payload.as_dict()})

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Event:
        return self.to_event().model_copy(update=update)

    def model_dump(self, **options: Any) -> dict[str, Any]:
        return self.to_event().model_dump(**options)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, StoredEvent | Event):
            return self.to_event() == (other.to_event() if isinstance(other, StoredEvent) else other)
        return NotImplemented


_DECODER = msgspec.json.Decoder(StoredEvent)


class Interner:
    """One copy of each repeated string (logins, shas, labels) across a whole load."""

    def __init__(self) -> None:
        self.strings: dict[str, str] = {}

    def __call__(self, event: StoredEvent) -> StoredEvent:
        table = self.strings
        login = event.actor_login
        if login is not None:
            event.actor_login = table.setdefault(login, login)
        repo = event.repo
        if repo is not None:
            event.repo = table.setdefault(repo, repo)
        payload = event.payload
        if msgspec.structs.astuple(payload) == _UNSET_ROW:
            event.payload = _EMPTY_PAYLOAD  # nothing to intern: one shared instance (readers never write it)
        else:
            self._payload(payload)
        if event.at.tzinfo is not dt.UTC:  # stored with a `Z`; another offset or none is read as Event does
            event.at = event.at.astimezone(dt.UTC) if event.at.tzinfo else event.at.replace(tzinfo=dt.UTC)
        updated = event.updated
        if updated is not None and updated.tzinfo is not dt.UTC:
            event.updated = updated.astimezone(dt.UTC) if updated.tzinfo else updated.replace(tzinfo=dt.UTC)
        return event

    def _payload(self, payload: Payload) -> None:
        """The payload's repeated texts (shas, labels, states, forms, challenges...) as one copy each."""
        table = self.strings
        for name in _REPEATED_TEXTS:
            value = getattr(payload, name)
            if value.__class__ is str:
                setattr(payload, name, table.setdefault(value, value))
        labels = payload.labels
        if labels.__class__ is list and labels:
            payload.labels = [table.setdefault(v, v) if v.__class__ is str else v for v in labels]
        if payload.kudos == []:
            payload.kudos = _EMPTY_KUDOS


# Payload fields whose texts repeat across events (a title or a comment's text is not one of them).
_REPEATED_TEXTS = ("sha", "commit_id", "label", "state", "form", "challenge", "content", "target", "category")
_EMPTY_PAYLOAD = Payload()
_UNSET_ROW = msgspec.structs.astuple(_EMPTY_PAYLOAD)


def decode_lines(text: bytes, intern: Interner) -> list[StoredEvent] | None:
    """Every line of one month file, or None when any line is not a valid event (the caller then reads
    the file with `Event` to report why)."""
    try:
        return [intern(_DECODER.decode(line)) for line in text.splitlines()]
    except (msgspec.ValidationError, msgspec.DecodeError):
        return None
