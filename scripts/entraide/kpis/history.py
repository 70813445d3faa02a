"""The events a KPI may look at, indexed once: humans only, up to `as_of`, with who opened what.

Every KPI module reads a `History` instead of the raw event tuple, so "who counts" (bots excluded, the
future ignored, members matched by their numeric id) is decided in one place. The indexes the modules
share (openings, replies by thread, members' active days and weeks) are built here in one pass over the
events, holding references to the events and small counters, never a new object per event.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

import numpy as np

from entraide.content.models import Community, Member, Role
from entraide.events.dates import up_to
from entraide.events.model import Event, EventKind, Kudos, is_bot_account
from entraide.events.store import in_store_order
from entraide.kpis.columns import KindLists, Numbers, Replies, codes_of, month_runs, pick, replies
from entraide.kpis.columns import payload_values as payload_values  # where the modules import it from
from entraide.kpis.daily import Week, activity, end_of, kind_codes, monday
from entraide.kpis.feedback import rating
from entraide.scoring.model import Award

COMMENT_KINDS = frozenset(
    {
        EventKind.issue_comment,
        EventKind.pr_comment,
        EventKind.review_comment,
        EventKind.discussion_comment,
    }
)
OPENING_KINDS = frozenset({EventKind.issue_opened, EventKind.pr_opened, EventKind.discussion_created})
# What answers someone in a thread: its comments, reviews and marked answers (`History.replies`).
INTERACTION_KINDS = COMMENT_KINDS | {EventKind.review_submitted, EventKind.discussion_answered}
SUBJECT_OF = {"issue": "issue", "pull": "pull", "discussion": "discussion"}


class Opening(NamedTuple):
    """Who opened an issue, pull request or discussion, and when. A named tuple: the history makes one per
    thread (~150k at a million events), and a frozen dataclass's `__init__` cost twice as long (0.27 s
    against 0.13 s for the loop at 1M events)."""

    actor_id: int | None
    login: str | None
    at: dt.datetime
    event: Event


@dataclass(frozen=True)
class History:
    as_of: dt.date
    community: Community
    members: dict[int, Member]  # registered by `as_of`, by GitHub id
    events: tuple[Event, ...]  # human events up to the end of `as_of`, in time order
    openings: dict[tuple[str, int], Opening] = field(default_factory=dict)
    comment_authors: dict[int, int] = field(default_factory=dict)  # comment id -> author id
    by_kind: Mapping[EventKind, list[Event]] = field(default_factory=dict)  # in time order (`KindLists`)
    days: dict[int, list[dt.date]] = field(default_factory=dict)  # member id -> distinct active days, sorted
    contributions: Counter[int] = field(default_factory=Counter)  # member id -> their events
    weeks: dict[dt.date, Week] = field(default_factory=dict)  # Monday -> members' activity that week
    # The replies (`INTERACTION_KINDS`) whose payload names kudos, as `of_kinds(*INTERACTION_KINDS)` lists
    # them: most give none, so the modules reading kudos look at these few instead of asking every reply.
    giving_kudos: list[Event] = field(default_factory=list)
    codes: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int8))  # each event's `kind_codes`
    # The replies as columns, in time order (each one's thread number in `replies`, author, the comment it
    # answers, month): the connections read every learner's reply from them, in numpy.
    reply_columns: Replies = field(default_factory=Replies)

    @cached_property
    def openings_in_order(self) -> list[tuple[tuple[str, int], Opening]]:
        """The openings by time, then thread (responsiveness and the mentors' view list them so)."""
        return sorted(self.openings.items(), key=lambda kv: (kv[1].at, kv[0]))

    @cached_property
    def replies(self) -> dict[tuple[str, int], list[Event]]:
        """The replies (`INTERACTION_KINDS`) by thread, threads by their first reply, each in time order: made
        when first asked for; the KPIs read a thread's by its number (`reply_columns.lists`, `replies_of`)."""
        return self.reply_columns.threads()

    def replies_of(self, thread: tuple[str, int]) -> list[Event]:
        """The thread's replies, in time order (`replies.get(thread, [])`, without making `replies`)."""
        return self.reply_columns.of(thread)

    @cached_property
    def kudos_given(self) -> list[tuple[Event, tuple[Kudos, ...]]]:
        """The kudos of each of `giving_kudos`, parsed once for connections and « Ce qui aide » alike."""
        return [(event, _kudos(event.payload)) for event in self.giving_kudos]

    @cached_property
    def ratings(self) -> list[tuple[Event, int]]:
        """The feedback form's usable answers (`feedback.rating`) with their rating, in time order: read by
        the satisfaction KPI and « Ce qui aide » alike."""
        issues = self.by_kind.get(EventKind.issue_opened, [])
        return [(event, value) for event, value in zip(issues, map(rating, issues)) if value is not None]

    def of_kinds(self, *kinds: EventKind) -> list[Event]:
        return [event for kind in kinds for event in self.by_kind.get(kind, ())]

    @property
    def now(self) -> dt.datetime:
        """The end of the `as_of` day: ages and waits are measured up to here."""
        return end_of(self.as_of)

    @property
    def min_group(self) -> int:
        return self.community.rules.privacy.min_group_size

    def member(self, event: Event) -> Member | None:
        return self.members.get(event.actor_id) if event.actor_id is not None else None

    def learner_ids(self) -> set[int]:
        return {m.id for m in self.members.values() if m.role == Role.learner}


def is_bot(event: Event, bots: frozenset[str]) -> bool:
    return event.by_bot(bots)


def build_history(community: Community, events: Iterable[Event], *, as_of: dt.date) -> History:
    """Keep the human events up to `as_of` (whole day, UTC) and index them in one pass."""
    kept = _human_until(events, frozenset(community.rules.bots), end_of(as_of))
    members = {m.id: m for m in community.members if m.joined <= as_of}
    codes = kind_codes(kept)  # each event's kind read once for every index
    history = History(as_of, community, members, kept, by_kind=KindLists(kept, codes), codes=codes)
    _index(history, codes)
    return history


def _index(history: History, codes: np.ndarray) -> None:
    """Fill the history's shared indexes from columns (`kpis.columns`): the kinds read once for all of them;
    its events are in time order, so days and weeks come in order."""
    events = history.events
    openings = history.openings
    found = history.reply_columns  # filling the history's own indexes
    found.authors, found.giving_kudos = history.comment_authors, history.giving_kudos
    new = tuple.__new__  # `Opening(...)` without its Python `__new__`
    numbers = Numbers()  # the openings' threads numbered first, in their order
    home, keys = numbers.home, numbers.keys
    key: tuple[str, int]
    for event in pick(events, np.isin(codes, _OPENING_CODES)):
        if event.repo is None:  # the thread looked up by number (`Numbers`), its key made once
            local = home[event.subject_type]
            if event.subject in local:
                continue  # the first opening of a thread is its opening
            key = (event.subject_type, event.subject)
            local[event.subject] = len(keys)
            keys.append(key)
        else:
            key = event.thread
            if key in openings:
                continue
            numbers.add(key)
        at = event.at
        openings[key] = new(Opening, (event.actor_id, event.actor_login, at if at.tzinfo else _utc(at), event))
    rows = np.flatnonzero(np.isin(codes, _REPLY_CODES))
    replies(list(map(events.__getitem__, rows.tolist())), COMMENT_KINDS, _KUDOS_ORDER, found, numbers)
    months_, starts = month_runs(events)  # each reply's month from its place among the events
    found.month = np.array(months_, dtype=np.int64)[np.searchsorted(starts, rows, side="right") - 1]
    active = activity(events, history.members, codes)
    history.days.update(active.days)
    history.weeks.update(active.weeks)
    history.contributions.update(active.contributions)


_OPENING_CODES, _REPLY_CODES = codes_of(OPENING_KINDS), codes_of(INTERACTION_KINDS)
_KUDOS_ORDER = {kind: rank for rank, kind in enumerate(INTERACTION_KINDS)}  # `of_kinds(*INTERACTION_KINDS)`'s


def _human_until(events: Iterable[Event], bots: frozenset[str], limit: dt.datetime) -> tuple[Event, ...]:
    """Human events before `limit`, in (at, id) order, each id once (the first given wins)."""
    events = events if isinstance(events, tuple) else tuple(events)  # a loaded history keeps its order's proof
    if in_store_order(events):  # as the store loads them: one filtering pass, no sort
        return _humans(up_to(events, limit), bots)
    unique = {e.id: e for e in reversed(events)}
    stamped = sorted(((_utc(e.at), e.id, e) for e in unique.values() if not is_bot(e, bots)), key=lambda s: s[:2])
    return tuple(event for at, _, event in stamped if at < limit)


def _humans(events: Sequence[Event], bots: frozenset[str]) -> tuple[Event, ...]:
    """The events whose author is no bot (`Event.by_bot`), in their order: the accounts GitHub types "Bot" left
    out by one test each, then each login of the others asked once whether a bot's (`is_bot_account`
    decides on the login alone then), read in C; a second pass only when one is (a listed login, a
    "[bot]" login typed "User"). A login asked per event in the first pass cost 0.18-0.21 s against
    0.15-0.17 s at a million events (a quarter of them bots')."""
    humans = [event for event in events if event.actor_type != "Bot"]
    robots = {login for login in set(map(_LOGIN, humans)) if is_bot_account(login, None, bots)}
    if robots:
        humans = [event for event in humans if event.actor_login not in robots]
    return tuple(humans)


_LOGIN = operator.attrgetter("actor_login")


def _kudos(payload: Any) -> tuple[Kudos, ...]:
    """`Event.kudos` of the event's payload, read without the accessor's calls (`payload_values`' reading)
    and each `Kudos` made without its Python `__new__`: ~35k replies give kudos at a million events."""
    entries = payload.get("kudos") if payload.__class__ is dict else getattr(payload, "kudos", None)
    if not isinstance(entries, list):
        return ()
    new = tuple.__new__
    return tuple(
        [
            new(Kudos, (entry["login"], str(entry.get("reason") or "")))
            for entry in entries
            if isinstance(entry, dict) and isinstance(entry.get("login"), str)
        ]
    )


def _utc(at: dt.datetime) -> dt.datetime:
    # Naive timestamps are GitHub's UTC; comparing naive with aware would raise.
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)


def at_of(event: Event | Award) -> dt.datetime:
    return _utc(event.at)


# --------------------------------------------------------------------------- calendar


def weeks_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """Mondays of every week from the one holding `first` to the one holding `last`."""
    start, stop = monday(first), monday(last)
    return [start + dt.timedelta(weeks=k) for k in range((stop - start).days // 7 + 1)] if start <= stop else []


def month_of(at: dt.datetime | dt.date) -> str:
    return f"{at.year:04d}-{at.month:02d}"


def months(history: History) -> list[str]:
    """Every month from the first event's to as_of's, empty months included (a chart must show the gap)."""
    if not history.events:
        return []
    first = at_of(history.events[0]).date()
    count = (history.as_of.year - first.year) * 12 + history.as_of.month - first.month + 1
    index = first.year * 12 + first.month - 1
    return [f"{(index + k) // 12:04d}-{(index + k) % 12 + 1:02d}" for k in range(count)]


def first_day(history: History) -> dt.date | None:
    """The start of the community's recorded activity: its first event, or its first join when none yet."""
    if history.events:
        return at_of(history.events[0]).date()
    return min((m.joined for m in history.members.values()), default=None)


# --------------------------------------------------------------------------- statistics


def median(values: Sequence[float]) -> float | None:
    return float(statistics.median(values)) if values else None


def p90(values: Sequence[float]) -> float | None:
    """Nearest-rank 90th percentile: the smallest value at or above 90 % of the values."""
    if not values:
        return None
    ordered = sorted(values)
    return float(ordered[math.ceil(0.9 * len(ordered)) - 1])


def ratio(part: float, whole: float) -> float | None:
    return part / whole if whole else None
