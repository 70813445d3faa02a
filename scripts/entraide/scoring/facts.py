"""What each event would earn, before moderation and caps: one `Fact` per (member, reason, event).

Facts are the raw material of the ledger. Integrity rules that depend on a single event live here (bots,
deleted accounts and strangers earn nothing; nothing for one's own thread; a challenge is accepted only
by a mentor's approval of the PR's head commit); rules that weigh facts against each other (moderation,
one award per challenge, caps) live in `integrity`.

One pass over the events, the frequent kinds handled inline and the rare ones by a handler each, all
appending their facts to one list; payload fields read through their typed struct (`threads.fields`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

import msgspec

from entraide.content.models import Challenge, Community, Member, Points, Track
from entraide.events.model import Event, EventKind
from entraide.events.store import utc
from entraide.scoring.threads import ContentKey, Index, Thread, fields, number


class Fact(msgspec.Struct, gc=False):
    """Built in C (one per fact-earning event, half a million at 1M events), untracked by the cyclic
    collector: a fact holds values, never itself."""

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
    challenge: str | None = None  # the challenge this fact accepts, if any (reason "challenge:<slug>")

    @property
    def order(self) -> tuple[dt.datetime, tuple[str, ...], str, int]:
        return (self.at, self.event_ids, self.reason, self.member_id)


ORDER = attrgetter("at", "event_ids", "reason", "member_id")  # `Fact.order`, as a sort key read in C


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
    # (id, login, type) of an account -> the member it earns as: the answer depends on the account alone,
    # so it is worked out once per account instead of once per event
    earners: dict[tuple[int | None, str | None, str | None], Member | None] = field(init=False)

    def __post_init__(self) -> None:
        bots = {login.casefold() for login in self.community.rules.bots}
        eligible = [m for m in self.community.members if m.login.casefold() not in bots]
        self.members = {m.id: m for m in eligible}
        self.by_login = {m.login.casefold(): m for m in eligible}
        self.challenges = {c.slug: c for c in self.community.challenges}
        self.tracks = {t.id: t for t in self.community.rules.tracks}
        self.track_mentors = {t.id: frozenset(login.casefold() for login in t.mentors) for t in self.tracks.values()}
        self.points = self.community.rules.points
        self.earners = {}

    def earner(self, event: Event) -> Member | None:
        """The member behind a human event; None for bots, deleted accounts and non-members."""
        account = (event.actor_id, event.actor_login, event.actor_type)
        try:
            return self.earners[account]
        except KeyError:
            member = self.members.get(event.actor_id)  # type: ignore[arg-type]
            found = None if member is None or event.actor_login is None or event.is_bot else member
            self.earners[account] = found
            return found


def facts(events: tuple[Event, ...], scope: Scope) -> list[Fact]:
    """What each event earns; challenge acceptances are added by `scoring.acceptance`.

    One loop over a million events: the frequent kinds (comments, reviews, pull requests) are handled
    inline with what they read bound to locals beforehand, the rarer ones by their handler in `_RARE`.
    The earner of an event is known by its member id, remembered per account: reading it from the
    member's model once per event cost a cache miss per event at 1M events (~0.8 s of 2.4)."""
    found: list[Fact] = []
    append, earner = found.append, scope.earner
    index, members = scope.index, scope.members
    home, thread_of, flags = index.home, index.of, index.flags
    points = scope.points
    review_points, comment_points, answer_points = points.review, points.comment, points.answer
    first_points, challenges, rare = points.first_contribution, scope.challenges, _RARE
    # `scope.earner`'s answers as member ids (Any: an int past the None test below, but for a merged PR)
    earning_ids: dict[tuple[int | None, str | None, str | None], Any] = {}
    for event in events:  # ids read once per account instead of from a member's model once per event
        kind = event.kind
        if kind not in _EARNING:
            continue
        account = (event.actor_id, event.actor_login, event.actor_type)
        try:
            member = earning_ids[account]
        except KeyError:
            earning = earner(event)
            member = earning_ids[account] = None if earning is None else earning.id
        if member is None and kind is not _PR_MERGED:  # a first contribution is the PR author's
            continue
        thread = home[event.subject_type].get(event.subject) if event.repo is None else None
        if thread is None:
            thread = thread_of(event)
        start = len(found)
        at = event.at
        if at.tzinfo is not _UTC:
            at = utc(at)
        if kind in _COMMENTS:
            payload = event.payload
            if payload.__class__ is dict:
                payload = fields(payload)
            contents: tuple[ContentKey, ...] = thread.own
            key, author = thread.key, thread.author_id
            if flags:  # `_contents`: a comment no moderation label is on shares its thread's tuple
                comment = number(getattr(payload, "comment_id", None))
                if comment is not None and flags.get(flagged := (*key, comment)):
                    contents = (key, flagged)
            if author != member:  # `_reply`: a comment on someone else's thread, or an answer
                reply, ids = bool(getattr(payload, "reply_to", None)), (event.id,)
                if event.subject_type == "discussion":
                    on = is_answer = thread.qa and kind is _DISCUSSION_COMMENT and not reply
                    removed_by = None
                else:
                    on, removed_by = thread.question
                    is_answer = kind in _CONVERSATION and not reply and bool(on or removed_by)
                if not is_answer:
                    append(Fact(member, "comment", comment_points, at, ids, None, author, contents))
                else:
                    cause = None if on else ("label_removed:question", (removed_by,))
                    answer = Fact(member, "answer", answer_points, at, ids, "answers", author, contents)
                    answer.label_cause = cause  # type: ignore[assignment]
                    append(answer)
                    if cause:  # the label only gave the difference: the reply still counts as a comment
                        append(Fact(member, "comment", comment_points, at, ids, None, author, contents))
            if getattr(payload, "kudos", None):
                _kudos(event, member, contents, scope, found)
            if thread.topics and key[0] == "issue":
                _attendance(event, member, thread, scope, found, contents)
        elif kind is _REVIEW:
            if thread.author_id != member:
                append(Fact(member, "review", review_points, at, (event.id,), "reviews", thread.author_id, thread.own))
        elif kind is _PR_MERGED:  # the first merged pull request of a member (the merger pressed the button)
            author = thread.author_id  # a member's when `members` (keyed by id) holds it
            if author is not None and author in members:
                merged: Any = (thread.opened_id, event.id)  # a merged PR has an opening event
                once = ("first", author)
                append(Fact(author, "first_contribution", first_points, at, merged, contents=thread.own, once=once))
        elif kind is _PR_OPENED:
            if thread.challenge in challenges:
                reason = f"submission:{thread.challenge}"
                append(Fact(member, reason, 0, at, (event.id,), "submissions", contents=thread.own, capped=False))
        else:
            rare[kind](event, member, thread, scope, found)
        if len(found) > start:
            payload = event.payload  # only a deleted item or a review can be withdrawn: ask only then
            if payload.__class__ is dict or getattr(payload, "deleted", None) is True or kind is _REVIEW:
                taken_back = withdrawn(event)
                if taken_back is not None:
                    for fact in found[start:]:
                        fact.label_cause = taken_back  # revoked like a label taken off: listed, never counted
    return found


def withdrawn(event: Event) -> tuple[str, tuple[str, ...]] | None:
    """The cause when the item behind the event was taken back on GitHub: a deleted comment, a dismissed review."""
    payload = fields(event.payload)
    if getattr(payload, "deleted", None) is True:
        return "deleted", (event.id,)
    if event.kind is _REVIEW and str(getattr(payload, "state", None) or "").casefold() == "dismissed":
        return "review_dismissed", (event.id,)
    return None


Found = list[Fact]


def _at(event: Event) -> dt.datetime:
    at = event.at
    return at if at.tzinfo is dt.UTC else utc(at)


def _contents(thread: Thread, comment: int | None, scope: Scope) -> tuple[ContentKey, ...]:
    """What a moderation label can flag to revoke a comment's facts: its thread, then the comment itself.
    The index is complete by now: a comment no label is on is left out (`integrity.moderate` would find
    nothing there), and its facts share their thread's tuple, instead of two new tuples per comment."""
    if comment is not None and scope.index.flags.get(key := (*thread.key, comment)):
        return thread.key, key
    return thread.own


def _kudos(event: Event, giver: int, contents: tuple[Any, ...], scope: Scope, found: Found) -> None:
    for entry in event.kudos:
        target = scope.by_login.get(entry.login.casefold())
        if target is None or target.id == giver:
            continue
        found.append(
            Fact(target.id, "kudos", scope.points.kudos, _at(event), (event.id,), "kudos_received", giver, contents)
        )


def _reaction(event: Event, member: int, thread: Thread, scope: Scope, found: Found) -> None:
    if thread.topics and thread.key[0] == "issue":
        _attendance(event, member, thread, scope, found, thread.own)


def _attendance(
    event: Event, member: int, thread: Thread, scope: Scope, found: Found, contents: tuple[Any, ...]
) -> None:
    """A comment or a reaction on an issue labelled `event` is attendance, once per member and event."""
    on, removed_by = thread.gathering
    if on or removed_by:
        cause = None if on else ("label_removed:event", (removed_by,))
        once = ("event", member, thread.key)
        points, at = scope.points.event_attendance, _at(event)
        fact = Fact(member, "event_attendance", points, at, (event.id,), "events_attended", None, contents)
        fact.once, fact.label_cause = once, cause  # type: ignore[assignment]
        found.append(fact)


def _accepted_answer(event: Event, member: int, thread: Thread, scope: Scope, found: Found) -> None:
    # Only the answer marked last counts, and never one's own answer to one's own question.
    if event.id == thread.accepted_answer_id and thread.author_id != member:
        contents = _contents(thread, number(getattr(fields(event.payload), "comment_id", None)), scope)
        points = scope.points.accepted_answer
        found.append(
            Fact(
                member,
                "accepted_answer",
                points,
                _at(event),
                (event.id,),
                "accepted_answers",
                thread.author_id,
                contents,
            )
        )


def _issue_opened(event: Event, member: int, thread: Thread, scope: Scope, found: Found) -> None:
    if getattr(fields(event.payload), "form", None) == "feedback":
        at = _at(event)
        survey = at.strftime("%Y-%m")  # a survey is a month (kpis.satisfaction): points once per survey
        fact = Fact(member, "feedback", scope.points.feedback, at, (event.id,), contents=thread.own)
        fact.once = ("feedback", member, survey)
        found.append(fact)


_K = EventKind
_PR_MERGED, _PR_OPENED, _REVIEW = _K.pr_merged, _K.pr_opened, _K.review_submitted
_DISCUSSION_COMMENT = _K.discussion_comment
_COMMENTS = frozenset({_K.issue_comment, _K.pr_comment, _K.review_comment, _K.discussion_comment})
_CONVERSATION = frozenset({_K.issue_comment, _K.pr_comment})
_UTC = dt.UTC
Handler = Callable[[Event, int, Thread, Scope, Found], None]
_RARE: dict[EventKind, Handler] = {  # the kinds `facts` does not handle inline
    _K.reaction: _reaction,
    _K.discussion_answered: _accepted_answer,
    _K.issue_opened: _issue_opened,
}
_EARNING = frozenset({*_RARE, *_COMMENTS, _REVIEW, _PR_MERGED, _PR_OPENED})  # kinds that earn nothing are skipped
