"""The events a KPI may look at, indexed once: humans only, up to `as_of`, with who opened what.

Every KPI module reads a `History` instead of the raw event tuple, so "who counts" (bots excluded, the
future ignored, members matched by their numeric id) is decided in one place.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from entraide.content.models import Community, Member, Role
from entraide.events.model import Event, EventKind
from entraide.events.store import in_store_order, up_to
from entraide.scoring.model import Award

T = TypeVar("T")
K = TypeVar("K")

COMMENT_KINDS = frozenset(
    {
        EventKind.issue_comment,
        EventKind.pr_comment,
        EventKind.review_comment,
        EventKind.discussion_comment,
    }
)
OPENING_KINDS = frozenset({EventKind.issue_opened, EventKind.pr_opened, EventKind.discussion_created})
SUBJECT_OF = {"issue": "issue", "pull": "pull", "discussion": "discussion"}


@dataclass(frozen=True)
class Opening:
    """Who opened an issue, pull request or discussion, and when."""

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
    activity: tuple[tuple[int, dt.date, Event], ...] = ()  # (member id, UTC day, event) of members' events
    by_kind: dict[EventKind, tuple[Event, ...]] = field(default_factory=dict)

    @cached_property
    def weekly(self) -> dict[dt.date, list[Event]]:
        """Members' events grouped by the Monday of their week (engagement and participation share it)."""
        weeks: dict[dt.date, list[Event]] = defaultdict(list)
        mondays: dict[dt.date, dt.date] = {}
        for _, day, event in self.activity:
            if day not in mondays:
                mondays[day] = monday(day)
            weeks[mondays[day]].append(event)
        return weeks

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


def end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)


def is_bot(event: Event, bots: frozenset[str]) -> bool:
    return event.by_bot(bots)


def build_history(community: Community, events: Iterable[Event], *, as_of: dt.date) -> History:
    """Keep the human events up to `as_of` (whole day, UTC) and index who opened each subject."""
    bots = frozenset(community.rules.bots)
    limit = end_of(as_of)
    kept = _human_until(events, bots, limit)
    members = {m.id: m for m in community.members if m.joined <= as_of}
    activity = tuple((e.actor_id, e.at.date(), e) for e in kept if e.actor_id in members)
    by_kind: dict[EventKind, list[Event]] = defaultdict(list)
    for event in kept:
        by_kind[event.kind].append(event)
    openings: dict[tuple[str, int], Opening] = {}
    comment_authors: dict[int, int] = {}
    for event in kept:
        key = event.thread
        if event.kind in OPENING_KINDS and key not in openings:
            openings[key] = Opening(event.actor_id, event.actor_login, _utc(event.at), event)
        if event.kind in COMMENT_KINDS and event.actor_id is not None:
            comment_id = event.comment_id
            if isinstance(comment_id, int):
                comment_authors[comment_id] = event.actor_id
    return History(
        as_of,
        community,
        members,
        tuple(kept),
        openings,
        comment_authors,
        activity,
        {kind: tuple(found) for kind, found in by_kind.items()},
    )


def _human_until(events: Iterable[Event], bots: frozenset[str], limit: dt.datetime) -> list[Event]:
    """Human events before `limit`, in (at, id) order, each id once (the first given wins)."""
    events = tuple(events)
    if in_store_order(events):  # as the store loads them: one filtering pass, no sort
        return [event for event in up_to(events, limit) if not is_bot(event, bots)]
    unique = {e.id: e for e in reversed(events)}
    stamped = sorted(((_utc(e.at), e.id, e) for e in unique.values() if not is_bot(e, bots)), key=lambda s: s[:2])
    return [event for at, _, event in stamped if at < limit]


def _utc(at: dt.datetime) -> dt.datetime:
    # Naive timestamps are GitHub's UTC; comparing naive with aware would raise.
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)


def at_of(event: Event | Award) -> dt.datetime:
    return _utc(event.at)


# --------------------------------------------------------------------------- calendar


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


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


def group_by(items: Iterable[T], key: Callable[[T], K]) -> dict[K, list[T]]:
    groups: dict[K, list[T]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return groups
