"""Building blocks of the simulated history: actors, learners, event drafts and how drafts become events.

Drafts are mutable while a thread is played; `finish` numbers subjects in the order they were opened
(as GitHub does) and freezes everything into `Event`s with stable ids. The drafts wait in a `spill.Drafts`,
a bounded number in memory, the rest in sorted runs on disk: a history is a context manager, so that those
runs are removed whatever happens (`with play(...) as history`).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from entraide.content.models import Challenge, Member
from entraide.demo.spill import HELD, Drafts
from entraide.events.migrate import COMMENT_KINDS
from entraide.events.model import Event, EventKind
from entraide.events.store import line_of

UTC = dt.UTC
BOT_LOGIN, BOT_ID = "github-actions[bot]", 41898282


@dataclass(frozen=True)
class Actor:
    id: int | None
    login: str | None
    type: str | None = "User"


GHOST = Actor(None, None, None)  # GitHub's `user: null`: the account was deleted
BOT = Actor(BOT_ID, BOT_LOGIN, "Bot")


@dataclass
class Learner:
    actor: Actor
    member: Member
    first_day: dt.date
    last_day: dt.date
    zeal: float
    accepted: set[str] = field(default_factory=set)
    retry: str | None = None
    free_from: dt.date | None = None  # busy with a submission until then

    def active(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day


@dataclass(slots=True)
class Draft:
    """One event before numbering. The payload is kept as its stored JSON (compact, keys sorted): the drafts
    wait until the history is sorted, and a string is a third of the size of the dict (and a run's text)."""

    at: dt.datetime
    kind: EventKind
    actor: Actor
    subject: int
    subject_type: str
    body: str  # the payload's JSON, as the store writes it inside the event's line

    @property
    def payload(self) -> dict:
        return json.loads(self.body)


def encoded(payload: dict) -> str:
    """A payload's JSON exactly as `store.line_of` writes it inside a line."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class Truth:
    """Knobs of a simulation whose answer is known, to validate « Ce qui aide » (demo.truth plays them).

    `exposure`: which of the four exposures of `entraide.yml` the knob sets (its `kind`: peer_help, an
    active peer; quick_answer, the first question answered within a day; kudos_received; event_attended).
    `effect`: how much being exposed in a learner's first `window` days (the exposure's own window) raises
    the chance to be still active from cohort week 8 (0.10: ten points). `confounding`: 0 exposes learners at
    random; 1 makes learners who opened more threads in their first week far more likely to be exposed (and
    they stay more anyway)."""

    effect: float = 0.10
    confounding: float = 0.0
    window: int = 14
    exposure: str = "peer_help"


class History:
    """The event drafts of one simulation and the counters that make ids, shas and numbers."""

    def __init__(self, seed: int, until: dt.date, truth: Truth | None = None, *, held: int = HELD):
        self.rng = random.Random(seed)
        self.truth = truth
        self.knob: set[int] = set()  # comment ids the truth knob wrote (kept when others are quietened)
        self.agenda_issue: int | None = None  # the number of the agenda issue the event knob attends
        self.asked: dict[int | None, int] = {}  # learner -> the quick_answer knob's question (its subject)
        self.until = dt.datetime.combine(until, dt.time(23, 59, 59), UTC)
        self.drafts = Drafts(Draft, held)  # `held` of them in memory at most (`demo.spill`)
        self.reserved: dict[int, int] = {}  # provisional subject -> fixed number (agenda issues)
        self.opened = 0  # subjects (threads) opened: their provisional numbers are 1 to `opened`
        self._comments = 3_000_000

    def __enter__(self) -> History:
        return self

    def __exit__(self, *_: object) -> None:
        self.drafts.close()

    def emit(self, at: dt.datetime, kind: EventKind, actor: Actor, subject: int, subject_type: str, **payload) -> None:
        if at <= self.until:
            self.drafts.append(Draft(at, kind, actor, subject, subject_type, encoded(payload)))

    def revise(self, change: Callable[[Draft], Draft | None]) -> None:
        """Every draft emitted so far through `change` (its replacement, or None: left out). They come back
        in time order, and are appended in that order: numbered, they keep the order they had."""
        drafts, self.drafts = self.drafts, Drafts(Draft, self.drafts.held)
        with drafts:
            for draft in drafts.in_time_order():
                kept = change(draft)
                if kept is not None:
                    self.drafts.append(kept)

    def subject(self) -> int:
        self.opened += 1
        return self.opened

    def comment(self, at, kind, actor, subject, subject_type, *, kudos=(), reply_to=None) -> int:
        self._comments += self.rng.randint(1, 40)  # comment ids are sparse and grow, as on GitHub
        self.emit(
            at,
            kind,
            actor,
            subject,
            subject_type,
            comment_id=self._comments,
            kudos=[dict(k) for k in kudos],
            reply_to=reply_to,
        )
        return self._comments

    def sha(self) -> str:
        return f"{self.rng.getrandbits(160):040x}"

    def moment(self, day: dt.date) -> dt.datetime:
        """A time of day people learn at: evenings most, lunch breaks and mornings too."""
        hour = self.rng.choice((7, 8, 11, 12, 12, 16, 17, 18, 18, 19, 19, 19, 20, 20, 21))
        return dt.datetime(
            day.year, day.month, day.day, hour, self.rng.randrange(60), self.rng.randrange(60), tzinfo=UTC
        )

    def later(self, at: dt.datetime, low_hours: float, high_hours: float) -> dt.datetime:
        return at + dt.timedelta(seconds=int(self.rng.uniform(low_hours, high_hours) * 3600))


@dataclass
class Cohort:
    """One cohort being simulated: its learners, the mentors to ask, the helpers who answer."""

    learners: list[Learner]
    mentors: dict[str | None, list[Actor]]
    helpers: list[Learner]

    def peer(self, rng: random.Random, day: dt.date, *, besides: Actor) -> Actor | None:
        """A random learner or alumnus active that day, other than `besides`; None if none is found."""
        pool = self.helpers or self.learners
        for _ in range(4):
            candidate = pool[rng.randrange(len(pool))]
            if candidate.active(day) and candidate.actor != besides:
                return candidate.actor
        return None

    def mentor(self, rng: random.Random, track: str | None) -> Actor:
        choices = self.mentors.get(track) or self.mentors[None]
        return choices[rng.randrange(len(choices))]


def peers_welcome(history: History, learner: Learner, day: dt.date) -> bool:
    """Under the active-peer knob, only the knob puts a peer on a learner's threads in their first weeks."""
    truth = history.truth
    return truth is None or truth.exposure != "peer_help" or day >= learner.first_day + dt.timedelta(days=truth.window)


def actor_of(member: Member) -> Actor:
    return Actor(member.id, member.login)


def next_challenge(
    rng: random.Random, learner: Learner, catalogue: tuple[Challenge, ...], day: dt.date
) -> Challenge | None:
    """The learner's next challenge: a retry first, then their own track, sometimes the other one."""
    open_ = [
        c
        for c in catalogue
        if c.slug not in learner.accepted
        and set(c.prerequisites) <= learner.accepted
        and (c.opens is None or c.opens <= day)
        and (c.closes is None or day <= c.closes)
    ]
    if not open_:
        return None
    retry = [c for c in open_ if c.slug == learner.retry]
    own = [c for c in open_ if c.track == learner.member.track]
    curious = [c for c in open_ if c.level <= 2]  # beyond their own track, learners try the basics
    pick = retry or (own if own and rng.random() < 0.85 else curious or own)
    if not pick:
        return None
    return min(pick, key=lambda c: (c.level, c.slug))


def numbered(history: History) -> Iterator[tuple[int, Draft, int]]:
    """(event number, draft, subject number) in time order. Subjects are numbered in the order they were
    opened (agenda issues keep theirs); the drafts are handed over once (`Drafts.in_time_order`)."""
    # Provisional subject -> its number (0: none yet). Subjects are 1 to `opened`: an array takes 8 bytes a
    # subject where a dict takes ~100 (1.5M subjects at 10M events).
    numbers = array("q", bytes(8 * (history.opened + 1)))
    for subject, number in history.reserved.items():
        numbers[subject] = number
    reserved = set(history.reserved.values())
    next_number = 1
    for n, draft in enumerate(history.drafts.in_time_order(), 1):
        number = numbers[draft.subject]
        if not number:
            while next_number in reserved:
                next_number += 1
            number = numbers[draft.subject] = next_number
            next_number += 1
        yield n, draft, number


def finish(history: History) -> tuple[Event, ...]:
    """Every event of the simulation, frozen, in time order."""
    return tuple(
        Event(
            id=f"sim:{d.kind.value}:{n}",
            kind=d.kind,
            at=d.at,
            actor_id=d.actor.id,
            actor_login=d.actor.login,
            actor_type=d.actor.type,
            subject=subject,
            subject_type=d.subject_type,
            payload=d.payload,
            updated=d.at if d.kind in COMMENT_KINDS else None,  # GitHub's updated_at of a comment never edited
        )
        for n, d, subject in numbered(history)
    )


def stored_lines(history: History) -> Iterator[tuple[dt.datetime, str, str]]:
    """(at, id, stored line) of every event in time order: the store's bytes for what `finish` would
    give, written without holding a million `Event`s (`entraide demo` streams them month by month).

    The line is `line_of(event)`, keys sorted, written field by field: two `json.dumps` an event took a
    tenth of the simulator's time. Only what may need escaping goes through JSON: the actor's fields (once
    an actor), the subject type (once a type); the rest is ASCII made here (ids, kinds, times, numbers)."""
    actors: dict[Actor, str] = {}
    subject_types: dict[str, str] = {}
    for n, d, subject in numbered(history):
        kind = d.kind.value
        event_id = f"sim:{kind}:{n}"
        at = d.at.astimezone(UTC).isoformat().replace("+00:00", "Z")
        actor = actors.get(d.actor)
        if actor is None:
            fields = {"actor_id": d.actor.id, "actor_login": d.actor.login, "actor_type": d.actor.type}
            actor = actors[d.actor] = line_of(fields)[1:-1]
        subject_type = subject_types.get(d.subject_type) or subject_types.setdefault(
            d.subject_type, line_of({"subject_type": d.subject_type})[1:-1]
        )
        # GitHub's updated_at of a comment never edited, as `finish` gives
        updated = f',"updated":"{at}"' if d.kind in COMMENT_KINDS else ""
        yield (
            d.at,
            event_id,
            f'{{{actor},"at":"{at}","id":"{event_id}","kind":"{kind}","payload":{d.body},'
            f'"subject":{subject},{subject_type}{updated}}}',
        )
