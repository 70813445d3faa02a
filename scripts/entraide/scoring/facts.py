"""What each event would earn, before moderation and caps: one `Fact` per (member, reason, event).

Facts are the raw material of the ledger. Integrity rules that depend on a single event live here (bots,
deleted accounts and strangers earn nothing; nothing for one's own thread; a challenge is accepted only
by a mentor's approval of the PR's head commit); rules that weigh facts against each other (moderation,
one award per challenge, caps) live in `integrity`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from entraide.content.models import Challenge, Community, Member, Points, Track
from entraide.events.model import Event, EventKind
from entraide.events.questions import QUESTION_LABELS
from entraide.events.store import utc
from entraide.scoring.model import Reason
from entraide.scoring.threads import (
    EVENT_LABELS,
    ContentKey,
    Index,
    Thread,
    ThreadKey,
    comment_key,
    thread_key,
)

COMMENT_KINDS = (EventKind.issue_comment, EventKind.pr_comment, EventKind.review_comment, EventKind.discussion_comment)


@dataclass(slots=True)
class Fact:
    member_id: int
    reason: str
    points: int
    at: dt.datetime
    event_ids: tuple[str, ...]
    metric: str | None = None  # the badge metric this fact counts towards
    counterpart: int | None = None  # the other person of the interaction (pair cap; kudos giver)
    contents: tuple[ContentKey, ...] = ()  # what a moderation label can flag to revoke it
    capped: bool = True  # challenges are outside the daily and per-pair caps
    once: tuple[object, ...] | None = None  # at most one kept fact per key (one award per member per challenge...)
    label_cause: tuple[str, tuple[str, ...]] | None = None  # revoked: the label that earned it came off

    @property
    def challenge(self) -> str | None:
        """The challenge this fact accepts, if any."""
        return Reason.of(self.reason).challenge_slug

    @property
    def order(self) -> tuple[dt.datetime, tuple[str, ...], str, int]:
        return (self.at, self.event_ids, self.reason, self.member_id)


@dataclass
class Scope:
    """The community as scoring sees it: who can earn, who moderates, what challenges exist."""

    community: Community
    index: Index
    members: dict[int, Member] = field(init=False)  # by GitHub id: a renamed login still matches
    by_login: dict[str, Member] = field(init=False)  # casefolded current login, for kudos targets
    challenges: dict[str, Challenge] = field(init=False)
    tracks: dict[str, Track] = field(init=False)
    track_mentors: dict[str, frozenset[str]] = field(init=False)  # casefolded logins listed per track
    points: Points = field(init=False)

    def __post_init__(self) -> None:
        bots = {login.casefold() for login in self.community.rules.bots}
        eligible = [m for m in self.community.members if m.login.casefold() not in bots]
        self.members = {m.id: m for m in eligible}
        self.by_login = {m.login.casefold(): m for m in eligible}
        self.challenges = {c.slug: c for c in self.community.challenges}
        self.tracks = {t.id: t for t in self.community.rules.tracks}
        self.track_mentors = {t.id: frozenset(login.casefold() for login in t.mentors) for t in self.tracks.values()}
        self.points = self.community.rules.points

    def earner(self, event: Event) -> Member | None:
        """The member behind a human event; None for bots, deleted accounts and non-members."""
        if event.actor_id is None or event.actor_login is None or event.is_bot:
            return None
        return self.members.get(event.actor_id)


def facts(events: tuple[Event, ...], scope: Scope) -> list[Fact]:
    """What each event earns; challenge acceptances are added by `scoring.acceptance`."""
    return [fact for event in events for fact in _withdrawable(event, scope)]


def withdrawn(event: Event) -> tuple[str, tuple[str, ...]] | None:
    """The cause when the item behind the event was taken back on GitHub: a deleted comment, a dismissed review."""
    if event.deleted:
        return "deleted", (event.id,)
    if event.kind is EventKind.review_submitted and event.state == "dismissed":
        return "review_dismissed", (event.id,)
    return None


def _withdrawable(event: Event, scope: Scope) -> Iterator[Fact]:
    cause = withdrawn(event)
    for fact in _event_facts(event, scope):
        if cause is not None:
            fact.label_cause = cause  # revoked like a label taken off: listed, never counted
        yield fact


def _event_facts(event: Event, scope: Scope) -> Iterator[Fact]:
    if event.kind is EventKind.pr_merged:
        yield from _first_contribution(event, scope)
        return
    member = scope.earner(event)
    if member is None:
        return
    key = thread_key(event)
    thread = scope.index.threads[key]
    if event.kind is EventKind.review_submitted:
        yield from _review(event, member, key, thread, scope)
    elif event.kind in COMMENT_KINDS:
        contents = _contents(event, key, event.comment_id)
        yield from _comment(event, member, contents, thread, scope)
        yield from _kudos(event, member, contents, scope)
        yield from _attendance(event, member, key, contents, thread, scope)
    elif event.kind is EventKind.reaction:
        yield from _attendance(event, member, key, (key,), thread, scope)
    elif event.kind is EventKind.discussion_answered:
        yield from _accepted_answer(event, member, key, thread, scope)
    elif event.kind is EventKind.issue_opened and event.form == "feedback":
        survey = utc(event.at).strftime("%Y-%m")  # a survey is a month (kpis.satisfaction): points once per survey
        yield make_fact(
            event, member, "feedback", scope.points.feedback, contents=(key,), once=("feedback", member.id, survey)
        )
    elif event.kind is EventKind.pr_opened and thread.challenge in scope.challenges:
        yield make_fact(
            event, member, f"submission:{thread.challenge}", 0, metric="submissions", contents=(key,), capped=False
        )


def make_fact(event: Event, member: Member, reason: str, points: int, **extra: Any) -> Fact:
    return Fact(
        member_id=member.id,
        reason=reason,
        points=points,
        at=utc(event.at),
        event_ids=extra.pop("event_ids", (event.id,)),
        **extra,
    )


def _contents(event: Event, key: ThreadKey, comment_id: object) -> tuple[ContentKey, ...]:
    comment = comment_key(event, comment_id)
    return (key, comment) if comment else (key,)


def _review(event: Event, member: Member, key: ThreadKey, thread: Thread, scope: Scope) -> Iterator[Fact]:
    if thread.author_id != member.id:
        yield make_fact(
            event,
            member,
            "review",
            scope.points.review,
            metric="reviews",
            counterpart=thread.author_id,
            contents=(key,),
        )


def _comment(
    event: Event, member: Member, contents: tuple[ContentKey, ...], thread: Thread, scope: Scope
) -> Iterator[Fact]:
    """A comment on someone else's thread; an answer when the thread is a question."""
    if thread.author_id == member.id:
        return
    points = scope.points
    common = {"counterpart": thread.author_id, "contents": contents}
    reply = bool(event.payload.get("reply_to"))  # a reply within a thread answers a person, not the question
    if event.subject_type == "discussion":
        is_answer = thread.qa and event.kind is EventKind.discussion_comment and not reply
        on, removed_by = is_answer, None
    else:
        on, removed_by = thread.topic(QUESTION_LABELS)
        is_answer = (
            event.kind in (EventKind.issue_comment, EventKind.pr_comment) and not reply and bool(on or removed_by)
        )
    if not is_answer:
        yield make_fact(event, member, "comment", points.comment, **common)
        return
    cause = None if on else ("label_removed:question", (removed_by,))
    yield make_fact(event, member, "answer", points.answer, metric="answers", label_cause=cause, **common)
    if cause:  # the label only gave the difference: the reply still counts as a comment
        yield make_fact(event, member, "comment", points.comment, **common)


def _kudos(event: Event, giver: Member, contents: tuple[ContentKey, ...], scope: Scope) -> Iterator[Fact]:
    for entry in event.kudos:
        target = scope.by_login.get(entry.login.casefold())
        if target is None or target.id == giver.id:
            continue
        yield make_fact(
            event, target, "kudos", scope.points.kudos, metric="kudos_received", counterpart=giver.id, contents=contents
        )


def _attendance(
    event: Event, member: Member, key: ThreadKey, contents: tuple[ContentKey, ...], thread: Thread, scope: Scope
) -> Iterator[Fact]:
    """A comment or a reaction on an issue labelled `event` is attendance, once per member and event."""
    if key[0] != "issue":
        return
    on, removed_by = thread.topic(EVENT_LABELS)
    if on or removed_by:
        cause = None if on else ("label_removed:event", (removed_by,))
        yield make_fact(
            event,
            member,
            "event_attendance",
            scope.points.event_attendance,
            metric="events_attended",
            contents=contents,
            once=("event", member.id, key),
            label_cause=cause,
        )


def _accepted_answer(event: Event, member: Member, key: ThreadKey, thread: Thread, scope: Scope) -> Iterator[Fact]:
    # Only the answer marked last counts, and never one's own answer to one's own question.
    if event.id == thread.accepted_answer_id and thread.author_id != member.id:
        yield make_fact(
            event,
            member,
            "accepted_answer",
            scope.points.accepted_answer,
            metric="accepted_answers",
            counterpart=thread.author_id,
            contents=_contents(event, key, event.comment_id),
        )


def _first_contribution(event: Event, scope: Scope) -> Iterator[Fact]:
    """The first merged pull request of a member (the merger is whoever pressed the button)."""
    key = thread_key(event)
    thread = scope.index.threads[key]
    author = scope.members.get(thread.author_id) if thread.author_id is not None else None
    if author is not None:
        yield make_fact(
            event,
            author,
            "first_contribution",
            scope.points.first_contribution,
            event_ids=(thread.opened_id, event.id),
            contents=(key,),
            once=("first", author.id),
        )
