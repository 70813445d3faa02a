"""The compact event: how the core holds the stored history, decoded straight from the month files.

`Event` (pydantic) validates what GitHub and people send and writes the store; reading a million stored
events back through it costs ~2.7 KB and ~20 µs each. `StoredEvent` is the same fact as a slotted
`msgspec` struct, decoded and type-checked by msgspec's C decoder: no per-instance dict, no GC tracking,
logins, account ids, issue numbers, shas, labels and the payload's other repeated texts interned, one
shared empty payload, one shared payload per distinct label event's, `updated` the same object as `at` when
never edited. The payload is decoded in a second step, once the line's kind is known, into the
struct of the fields that kind carries (a comment's 4 slots instead of all 21; a line with a key unusual
for its kind reads into the general `Payload`): 344 bytes an event instead of 533 at 300k events.
(Decoding each line straight into a class of its kind, payload included, through a msgspec tagged union
on "kind", costs more than the second step saves: +1.6k instructions an event at 100k events, since
msgspec skips the five sorted keys before "kind" to find it, then decodes the line again from its start;
and one class per kind undoes the interpreter's specialised attribute reads in every stage.)
It reads exactly like an `Event` (same attributes, same accessors), so every stage takes either.

`decoding` reads the month files into these structs. A line msgspec rejects is never skipped: the reader
falls back to `Event` for that file, which names every bad line, field and reason exactly as before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import ItemsView, Iterator, KeysView
from typing import Annotated, Any, Literal

import msgspec

from entraide.content.base import REPO_PATTERN
from entraide.events.model import Event, EventKind, EventReading

UNSET: Any = msgspec.UNSET


class PayloadReading(msgspec.Struct, gc=False, omit_defaults=True, forbid_unknown_fields=True):
    """A stored payload, read like the JSON object it was stored as. Each kind decodes into its own
    struct holding only the fields that kind carries (below): a comment's payload is 4 slots, not 21."""

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
        if isinstance(other, PayloadReading):
            other = other.as_dict()
        return isinstance(other, dict) and self.as_dict() == other


class Payload(PayloadReading, gc=False):
    """Every payload field any kind carries (see `Event`); a field a line lacks stays UNSET. What a line
    whose keys its kind's struct does not expect is read into; a key not listed here sends its file
    through `Event`, so that nothing stored is ever dropped."""

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


class IssueOpened(PayloadReading, gc=False):
    labels: Any = UNSET
    form: Any = UNSET
    rating: Any = UNSET
    title: Any = UNSET
    fields: Any = UNSET
    reward: Any = UNSET


class PrOpened(PayloadReading, gc=False):
    challenge: Any = UNSET
    sha: Any = UNSET
    team: Any = UNSET
    title: Any = UNSET


class Head(PayloadReading, gc=False):
    sha: Any = UNSET


class Review(PayloadReading, gc=False):
    state: Any = UNSET
    commit_id: Any = UNSET


class Comment(PayloadReading, gc=False):
    comment_id: Any = UNSET
    kudos: Any = UNSET
    reply_to: Any = UNSET
    deleted: Any = UNSET


class Labelled(PayloadReading, gc=False):
    label: Any = UNSET
    target_id: Any = UNSET


class Reaction(PayloadReading, gc=False):
    content: Any = UNSET
    target: Any = UNSET
    target_id: Any = UNSET


class DiscussionCreated(PayloadReading, gc=False):
    category: Any = UNSET
    title: Any = UNSET


class Answered(PayloadReading, gc=False):
    comment_id: Any = UNSET
    marked_by_id: Any = UNSET


_K = EventKind
KIND_PAYLOADS: dict[EventKind, type[PayloadReading]] = {
    _K.issue_opened: IssueOpened,
    _K.pr_opened: PrOpened,
    _K.pr_head: Head,
    _K.pr_merged: Head,
    _K.review_submitted: Review,
    **dict.fromkeys((_K.issue_comment, _K.pr_comment, _K.review_comment, _K.discussion_comment), Comment),
    _K.label_added: Labelled,
    _K.label_removed: Labelled,
    _K.reaction: Reaction,
    _K.discussion_created: DiscussionCreated,
    _K.discussion_answered: Answered,
}


def plain_stores(*structs: type[msgspec.Struct]) -> None:
    """Let the interpreter specialise a store to a field of these structs (STORE_ATTR_SLOT: ~0.02 µs instead of
    ~0.1 µs, several an event while the store is read). msgspec gives each non-frozen struct its own
    `__setattr__`, which the interpreter never specialises: object's, plus starting to track a collected
    struct once it holds a container; for a struct without GC (gc=False) it is exactly object's. It is put
    back after the class is made (msgspec replaces one given in the class body), `__delattr__` too: the
    slot they share is object's only when both are."""
    for struct in structs:
        if struct.__flags__ & _HAS_GC:  # the tracking would be lost
            raise TypeError(f"{struct.__name__} is collected (gc=True): its stores must stay msgspec's")
        struct.__setattr__ = object.__setattr__  # type: ignore[method-assign]
        struct.__delattr__ = object.__delattr__  # type: ignore[method-assign]


_HAS_GC = 1 << 14  # Py_TPFLAGS_HAVE_GC
PAYLOAD_STRUCTS: tuple[type[PayloadReading], ...] = tuple(dict.fromkeys((*KIND_PAYLOADS.values(), Payload)))
plain_stores(*PAYLOAD_STRUCTS)


class StoredEvent(msgspec.Struct, EventReading, kw_only=True, gc=False):
    """One stored event, compact. Same fields and constraints as `Event`, in the order of a stored line's
    sorted keys: msgspec looks each key up from the field after the last one found, so that each is found
    at the first try (in `Event`'s order, ~4 tries a key)."""

    actor_id: int | None
    actor_login: str | None
    actor_type: Literal["User", "Bot", "Organization", "Mannequin"] | None = "User"
    at: dt.datetime
    id: Annotated[str, msgspec.Meta(min_length=3, max_length=200)]
    kind: EventKind
    payload: PayloadReading = msgspec.field(default_factory=Payload)
    repo: Annotated[str, msgspec.Meta(pattern=REPO_PATTERN)] | None = None
    subject: Annotated[int, msgspec.Meta(ge=0)]
    subject_type: Literal["issue", "pull", "discussion"]
    updated: dt.datetime | None = None

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
