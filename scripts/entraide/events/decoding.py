"""Reading month files into compact events (`compact.StoredEvent`): msgspec decodes each line, then the
interner reads the payload into its kind's struct and keeps one copy of each repeated value.

A line msgspec rejects is never skipped: `decode_lines` then answers None and the store reads that file
with `Event`, which names every bad line, field and reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from operator import attrgetter
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

import msgspec

from entraide.events.compact import (
    KIND_PAYLOADS,
    PAYLOAD_STRUCTS,
    Comment,
    Head,
    IssueOpened,
    Payload,
    PayloadReading,
    PrOpened,
    Review,
    StoredEvent,
    plain_stores,
)
from entraide.events.lineshape import lines as _lines
from entraide.events.lineshape import one_object_a_line as _one_object_a_line
from entraide.events.model import EventKind
from entraide.events.order import IdHashes

_PAYLOAD_DECODERS = {kind: msgspec.json.Decoder(KIND_PAYLOADS.get(kind, Payload)) for kind in EventKind}
_ANY_PAYLOAD = msgspec.json.Decoder(Payload)


_EMPTY_KUDOS: list[object] = []  # shared by the many comments that give none; never mutated by readers


class Line(StoredEvent, kw_only=True, gc=False):
    """A stored line as decoded: the payload kept as its raw JSON until the kind says which struct reads it."""

    payload: msgspec.Raw = msgspec.field(default=msgspec.Raw(b"{}"))  # type: ignore[assignment]


plain_stores(Line)  # the interner's stores to a line's fields specialised by the interpreter
_DECODER = msgspec.json.Decoder(Line)
Ids = set[str] | IdHashes  # where the ids read are noted


class Interner:
    """One copy of each repeated value across a whole load: logins, shas, labels, account ids, numbers."""

    def __init__(self) -> None:
        self.strings: dict[str, str] = {}
        self.numbers: dict[int, int] = {}
        self.subjects: list[int | None] = []  # subject's number -> its one object: an index, not a dict of 170k
        self.accounts: dict[int | None, tuple[str | None, int | None]] = {}  # id -> (login, id), interned
        self.payloads: dict[bytes, PayloadReading] = {}  # of the kinds whose payloads repeat whole

    def read(self, events: Sequence[StoredEvent], ids: Ids, after: Stamp | None) -> Stamp | None:
        """Each decoded line made a compact event, in place: its values interned, its payload read into its
        kind's struct, its timestamps in UTC. One loop, no Python call per line (a method per event cost a
        tenth of the load); comments', heads', reviews' and openings' payloads (70%) inline, others by field.

        The store order is noted on the way (passes of their own cost ~0.4 s at 1M events): `ids` gains every
        id, and `after`, the (at, id) of the file's previous event while the file is sorted so far (None once
        it is not), gives this piece's last one's, or None when an event came out of order (or equal)."""
        accounts, subjects, text, shared = self.accounts, self.subjects, self.strings.setdefault, self.payloads
        utc, no_payload, empty, decoders = dt.UTC, _NO_PAYLOAD, _EMPTY_PAYLOAD, _DECODE_UNSHARED
        comment, head, review, opened, issue = Comment, Head, Review, PrOpened, IssueOpened
        last_at, last_id = after or _BEFORE_ALL
        ordered = after is not None
        for event in events:
            actor = event.actor_id
            try:  # by id, not login (a fresh login's hash costs ~0.05 µs, an int's none); no call to `get`
                account = accounts[actor]
                if account[0] != event.actor_login:
                    account = self._account(event.actor_login, actor)
            except KeyError:
                account = self._account(event.actor_login, actor)
            event.actor_login, event.actor_id = account
            subject = event.subject  # never negative (msgspec checks it): an index
            try:  # numbers are dense: an index in a list that keeps them in order (a dict spreads them)
                shared_subject = subjects[subject]
            except IndexError:
                shared_subject = None
            event.subject = self._subject(subject) if shared_subject is None else shared_subject
            if event.repo is not None:
                event.repo = text(event.repo, event.repo)
            raw: Any = event.payload  # still raw
            if raw == no_payload:  # `{}`: nothing to intern, one shared instance (readers never write it)
                event.payload = empty
            elif (decode := decoders[kind := event.kind]) is None:  # labels: a few dozen among 100,000s of events
                payload: Any = shared.get(key := bytes(raw))
                event.payload = self._shared(kind, key, raw) if payload is None else payload
            else:
                try:
                    payload = decode(raw)
                except msgspec.ValidationError:
                    payload = _ANY_PAYLOAD.decode(raw)  # a key the kind does not carry: kept, never dropped
                kind_struct = type(payload)
                if kind_struct is comment:  # the most frequent: only the empty kudos to share
                    if type(kudos := payload.kudos) is list and not kudos:  # `== []` made a list each
                        payload.kudos = _EMPTY_KUDOS
                elif kind_struct is head:
                    if type(sha := payload.sha) is str:
                        payload.sha = text(sha, sha)
                elif kind_struct is review:
                    if type(state := payload.state) is str:
                        payload.state = text(state, state)
                    if type(sha := payload.commit_id) is str:
                        payload.commit_id = text(sha, sha)
                elif kind_struct is opened:  # the pull request's first head is interned with the others
                    if type(sha := payload.sha) is str:
                        payload.sha = text(sha, sha)
                    if type(challenge := payload.challenge) is str:
                        payload.challenge = text(challenge, challenge)
                elif kind_struct is issue:
                    if type(form := payload.form) is str:
                        payload.form = text(form, form)
                    if type(labels := payload.labels) is list and labels:
                        payload.labels = [text(v, v) if type(v) is str else v for v in labels]
                else:
                    self._texts(payload)
                event.payload = payload
            at = event.at
            if at.tzinfo is not utc:  # stored with a `Z`; another offset or none is read as Event does
                event.at = at = at.astimezone(utc) if at.tzinfo else at.replace(tzinfo=utc)
            updated = event.updated
            if updated is not None:  # the same instant as `at` (never edited): one datetime, whatever its zone
                if updated == at:  # (a naive one is never equal to `at`: made UTC below, then compared)
                    event.updated = at
                elif updated.tzinfo is not utc:
                    updated = updated.astimezone(utc) if updated.tzinfo else updated.replace(tzinfo=utc)
                    event.updated = at if updated == at else updated
            if at <= last_at and (at < last_at or event.id <= last_id):  # sorted by (at, id), no id twice
                ordered = False
            last_at, last_id = at, event.id
        ids.update(map(_ID, events))
        return (last_at, last_id) if ordered else None

    def _account(self, login: str | None, actor: int | None) -> tuple[str | None, int | None]:
        login = login if login is None else self.strings.setdefault(login, login)
        if actor is not None:  # one object for the value, whether met first as a subject's number or here
            known = self.subjects[actor] if 0 <= actor < len(self.subjects) else None
            actor = self.numbers.setdefault(actor, actor if known is None else known)
        account = self.accounts[actor] = (login, actor)
        return account

    def _subject(self, subject: int) -> int:
        """A subject's number not met yet: its one object (an account id's if one has the same value),
        indexed in `subjects` (grown by doubling), or in `numbers` when too large to index."""
        if subject >= _MOST_SUBJECTS:
            return self.numbers.setdefault(subject, subject)
        shared, known = self.numbers.get(subject, subject), len(self.subjects)
        if subject >= known:
            self.subjects += [None] * (min(max(subject + 1, 2 * known), _MOST_SUBJECTS) - known)
        self.subjects[subject] = shared
        return shared

    def _shared(self, kind: EventKind, key: bytes, raw: msgspec.Raw) -> PayloadReading:
        """A label event's payload not met yet (`key`: its bytes), kept to be shared while few are: in its
        kind's struct (the general one when its keys are unusual for the kind), its texts as one copy each."""
        try:
            shared = _PAYLOAD_DECODERS[kind].decode(raw)
        except msgspec.ValidationError:
            shared = _ANY_PAYLOAD.decode(raw)  # a key the kind does not carry: kept, never dropped
        self._texts(shared)
        if len(self.payloads) < _MOST_SHARED:
            self.payloads[key] = shared
        return shared

    def _texts(self, payload: Any) -> None:
        texts, lists = _INTERNED[payload.__class__]
        table = self.strings
        for name in texts:
            value = getattr(payload, name)
            if value.__class__ is str:
                setattr(payload, name, table.setdefault(value, value))
        if lists:
            labels = getattr(payload, "labels", None)
            if labels.__class__ is list and labels:
                payload.labels = [table.setdefault(v, v) if v.__class__ is str else v for v in labels]
            if getattr(payload, "kudos", None) == []:
                payload.kudos = _EMPTY_KUDOS


# Payload fields whose texts repeat across events (a title or a comment's text is not one of them).
_REPEATED_TEXTS = ("sha", "commit_id", "label", "state", "form", "challenge", "content", "target", "category")
_EMPTY_PAYLOAD = Payload()
_SHARED_KINDS = frozenset({EventKind.label_added, EventKind.label_removed})
# Each kind's bound `decode`, None for the kinds shared whole: one lookup an event (was a set's, a dict's, a method's).
_DECODE_UNSHARED = {kind: None if kind in _SHARED_KINDS else _PAYLOAD_DECODERS[kind].decode for kind in EventKind}
_MOST_SUBJECTS = 1 << 22  # numbers indexed: a list of 32 MB at most (1.5M numbers at 10M events)
_MOST_SHARED = 10_000  # distinct payloads kept for sharing; later ones are read on their own
_NO_PAYLOAD = msgspec.Raw(b"{}")
_ID = attrgetter("id")
Stamp = tuple[dt.datetime, str]  # an event's place in store order: (at, id)
_BEFORE_ALL: Stamp = (dt.datetime.min.replace(tzinfo=dt.UTC), "")  # before any event (ids are never empty)
# Per payload struct: which of the repeated texts it has, and whether it has labels or kudos to look at.
_INTERNED: dict[type[PayloadReading], tuple[tuple[str, ...], bool]] = {
    struct: (
        tuple(name for name in _REPEATED_TEXTS if name in struct.__struct_fields__),
        "labels" in struct.__struct_fields__ or "kudos" in struct.__struct_fields__,
    )
    for struct in PAYLOAD_STRUCTS
}


class Month(NamedTuple):
    """One month file's events, as decoded, and whether they came sorted by (at, id) with no two equal."""

    events: list[StoredEvent]
    ordered: bool


def decode_lines(text: bytes, intern: Interner, ids: Ids) -> Month | None:
    """Every line of one month file's text, or None when any line is not a valid event (the caller then
    reads the file with `Event` to report why). Their ids are added to `ids` (the caller's: the store's
    `order.IdHashes` while its files are as written, a set of the month's ids after)."""
    return _decode_pieces(_pieces(text), intern, ids)


def decode_file(path: Path, intern: Interner, ids: Ids) -> Month | None:
    """`decode_lines` of the file's text, read a piece at a time into memory already in use instead of
    the whole file at once: a month's 34 MB buffer, new for each file, cost a page fault every 4 KB
    (a third of the load's) and was the load's peak. None too when the file does not end with a line
    break (its last line is torn); OSError when it cannot be read."""
    with open(path, "rb", buffering=0) as file:
        return _decode_pieces(_read_pieces(file), intern, ids)


def _decode_pieces(pieces: Iterable[bytes], intern: Interner, ids: Ids) -> Month | None:
    events: list[StoredEvent] = []
    after: Stamp | None = _BEFORE_ALL
    try:
        for piece in pieces:
            lines = _decoded(piece)
            after = intern.read(lines, ids, after)
            events += lines
    except (msgspec.ValidationError, msgspec.DecodeError, _Torn):
        return None
    return Month(events, after is not None)


class _Torn(Exception):
    """The file's last line has no line break."""


def _read_pieces(file: BinaryIO) -> Iterator[bytes]:
    """The file's lines in pieces of about `_PIECE` bytes, each ending with a line break, as `_pieces`
    cuts a text; `_Torn` at the end when the last line has none."""
    rest: list[bytes] = []  # the start of a line that goes on in the next chunk
    while chunk := file.read(_PIECE):
        end = chunk.rfind(b"\n") + 1
        if not end:  # a line longer than a chunk: joined once it ends, never copied again and again
            rest.append(chunk)
            continue
        yield b"".join([*rest, chunk[:end]]) if rest else chunk[:end]
        rest = [chunk[end:]] if end < len(chunk) else []
    if rest:
        raise _Torn


def _decoded(piece: bytes) -> list[Line]:
    """The piece's lines decoded. A piece as `store.dumps` writes it (each line one object starting with its
    first sorted key, ending with `}`) is decoded whole by msgspec's `decode_lines`, without a bytes object
    per line (a tenth less for the decoding at 1M events), once its shape shows one object a line (a line
    break is whitespace to msgspec), exactly what decoding line by line accepts; any other, line by line."""
    if piece.startswith(_FIRST_KEY) and piece.endswith(b"}\n"):
        try:
            lines: list[Line] = _DECODER.decode_lines(piece)
        except (msgspec.ValidationError, msgspec.DecodeError):
            lines = []  # read line by line below, which finds the same fault or none
        if lines and _one_object_a_line(piece, len(lines)):
            return lines
    return list(map(_DECODER.decode, _lines(piece)))


_FIRST_KEY = b'{"actor_id":'  # every stored line's first key (sorted keys; `Event` always has it)
_PIECE = 1 << 16


def _pieces(text: bytes) -> Iterator[bytes]:
    """The text in pieces of about 64 KB, each ending with a line break (or the text's end): a month file
    never has all its lines decoded but not yet read at once, and a piece's events are still in the
    core's own cache when `Interner.read` goes over them (pieces of a megabyte were ~10% slower to load).
    Cut after a `\n`, a piece splits into the lines the whole text would."""
    start = 0
    while start < len(text):
        end = text.find(b"\n", start + _PIECE)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end
