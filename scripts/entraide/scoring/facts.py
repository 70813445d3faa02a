"""What each event would earn, before moderation and caps: one `Fact` per (member, reason, event).

Facts are the raw material of the ledger. Integrity rules that depend on a single event live here (bots,
deleted accounts and strangers earn nothing; nothing for one's own thread; a challenge is accepted only
by a mentor's approval of the PR's head commit); rules that weigh facts against each other (moderation,
one award per challenge, caps) live in `integrity`.

One loop over the events that can earn something (listed by the index's pass, beside their threads), the
frequent kinds handled inline and the rare ones by a handler each, all appending their facts to one list;
payload fields read through their typed struct (`threads.fields`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from operator import attrgetter
from typing import Any

from entraide.events.compact import Comment
from entraide.events.model import Event, EventKind
from entraide.events.store import utc
from entraide.scoring.fact import ORDER, Fact
from entraide.scoring.ordering import beside, settle
from entraide.scoring.scope import Scope as Scope  # where it was first defined: read from here by the stages
from entraide.scoring.threads import ContentKey, Index, Thread, fields, number

Accepted = dict[str, list[Fact]]  # review id -> the acceptances it gave, in the order of their members


def facts(
    events: tuple[Event, ...], scope: Scope, accepted: Accepted | None = None, moderated: list[Fact] | None = None
) -> list[Fact]:
    """What each event earns, with the challenge acceptances (`accepted`: by review, as `scoring.acceptance`
    gives them) beside the reviews that gave them; in `Fact.order` when `events` come in (moment, id)
    order, each id once (`ordering`). `moderated`, when given, gets the facts of the events on a thread a
    moderation label is on, or on one of its comments (`Thread.moderated`): the only ones it can revoke.

    One loop over the events that can earn something, as the index's pass listed them with their thread
    (`Index.earning`; found here when the index was built from other events): the frequent kinds
    (comments, reviews, pull requests, reactions) are handled inline with what they read bound to locals beforehand,
    the rarer ones by their handler in `_RARE`. What needs no earner (a merged PR pays its author) or
    earns nothing on most threads (a PR naming no challenge) is settled before the earner is looked up."""
    found: list[Fact] = []
    append, earner = found.append, scope.earner
    index, members, flags = scope.index, scope.members, scope.index.flags
    # the comment ids a moderation label is on: a comment's own key is built only when its id is one
    flagged_ids = {content[2] for content, labels in flags.items() if len(content) == 3 and labels}
    points, challenges, rare = scope.points, scope.challenges, _RARE
    review_points, comment_points, answer_points = points.review, points.comment, points.answer
    comments, conversation, review, merged, opened = _COMMENTS, _CONVERSATION, _REVIEW, _PR_MERGED, _PR_OPENED
    discussion_comment, utc_zone, stored_comment, reaction = _DISCUSSION_COMMENT, _UTC, Comment, _K.reaction
    walked = index.walked is events  # else the events are looked up again, with their threads
    earning, threads = (index.earning, index.earning_threads) if walked else earning_in(events, index)
    # account id -> (login, type, `scope.earner`'s answer as a member id) last seen with it: found by the id
    # alone, its login and type told the same by identity (the store interns them: no text compared); any
    # other (a renamed account, or texts not shared, as `Event`s hold them) is asked of `scope.earner` again
    accounts: dict[int | None, tuple[str | None, str | None, Any]] = {}
    given_by = dict(accepted or {})  # each review's acceptances, taken out as they are written
    # where a group of facts naming two events shares its moment with the fact before or after it (`ordering`);
    # `watch`: the end of the last such group while no fact follows it yet, `moment` its moment
    tied: list[int] = []
    watch, moment = -1, None
    revocable, marked = [] if moderated is None else moderated, -1  # `marked`: where the last event's facts start
    for event, thread in zip(earning, threads):
        if watch >= 0 and len(found) > watch:  # the first fact after a group naming two events
            if found[watch].at == moment:
                tied.append(watch)
            watch = -1
        if marked >= 0:  # the facts of the last event, on a thread a moderation label is on
            revocable += found[marked:]
        marked = len(found) if thread.moderated else -1
        kind = event.kind
        if kind is merged:  # the first merged pull request of a member (the merger pressed the button)
            author = thread.author_id  # a member's when `members` (keyed by id) holds it
            if author is not None and author in members:
                merged_ids: Any = (thread.opened_id, event.id)  # a merged PR has an opening event
                once = ("first", author)
                first = points.first_contribution
                fact = Fact(author, "first_contribution", first, _at(event), merged_ids, contents=thread.own, once=once)
                payload: Any = event.payload  # `_deleted`, inline: a dict for an `Event`, else a struct
                if getattr(fields(payload) if payload.__class__ is dict else payload, "deleted", None) is True:
                    fact.label_cause = ("deleted", (event.id,))
                if found and found[-1].at == fact.at:
                    tied.append(len(found))
                append(fact)
                watch, moment = len(found), fact.at
            continue
        if kind is opened and thread.challenge not in challenges:  # most pull requests name none
            continue
        if kind is reaction and not (thread.topics and thread.key[0] == "issue" and thread.gathering != _NOT_GATHERING):
            continue  # a reaction is attendance on an issue labelled `event`; on the others, no earner asked
        actor, known = event.actor_id, accounts.get(event.actor_id)
        if known is not None and known[0] is event.actor_login and known[1] is event.actor_type:
            member = known[2]
        else:  # a new account, or an id seen with another login or type (a renamed account's), or texts not shared
            person = earner(event)
            member = None if person is None else person.id
            accounts[actor] = (event.actor_login, event.actor_type, member)
        if member is None:
            continue
        at = event.at
        if at.tzinfo is not utc_zone:
            at = utc(at)
        if kind in comments:
            payload = event.payload
            if payload.__class__ is stored_comment:  # the store's comment: its four slots read as attributes
                deleted, comment, reply, kudos = payload.deleted, payload.comment_id, payload.reply_to, payload.kudos
            else:
                payload = fields(payload)
                deleted, comment, reply, kudos = (getattr(payload, name, None) for name in _COMMENT_FIELDS)
            start = len(found) if deleted is True else -1
            key, author = thread.key, thread.author_id
            contents: tuple[ContentKey, ...] = thread.own
            if flagged_ids:  # `_contents`: a comment no moderation label is on shares its thread's tuple
                is_number = comment.__class__ is int or number(comment) is not None
                if is_number and comment in flagged_ids and flags.get(flagged := (*key, comment)):
                    contents = (key, flagged)
            if author != member:  # `_reply`: a comment on someone else's thread, or an answer
                ids = (event.id,)
                if event.subject_type == "discussion":
                    on = is_answer = thread.qa and kind is discussion_comment and not reply
                    removed_by = None
                else:
                    on, removed_by = thread.question
                    is_answer = bool(on or removed_by) and kind in conversation and not reply
                if not is_answer:
                    append(Fact(member, "comment", comment_points, at, ids, None, author, contents))
                else:
                    cause = None if on else ("label_removed:question", (removed_by,))
                    answer = Fact(member, "answer", answer_points, at, ids, "answers", author, contents)
                    answer.label_cause = cause  # type: ignore[assignment]
                    append(answer)
                    if cause:  # the label only gave the difference: the reply still counts as a comment
                        append(Fact(member, "comment", comment_points, at, ids, None, author, contents))
            if thread.topics and key[0] == "issue" and thread.gathering != _NOT_GATHERING:  # else no call
                _attendance(event, member, thread, scope, found, contents)
            if kudos:  # after the attendance: an event's facts go in the order of their reasons (`ordering`)
                _kudos(event, kudos, member, contents, at, scope, found)
            if start >= 0:  # a deleted comment: what it gave is listed as revoked, never counted
                taken_back = ("deleted", (event.id,))
                for fact in found[start:]:
                    fact.label_cause = taken_back
        elif kind is review:
            author, start = thread.author_id, len(found)
            if author != member:
                ids = (event.id,)
                fact = Fact(member, "review", review_points, at, ids, "reviews", author, thread.own)
                payload = event.payload  # `withdrawn`, inline: a review can be deleted or dismissed
                if payload.__class__ is dict:
                    payload = fields(payload)
                if getattr(payload, "deleted", None) is True:
                    fact.label_cause = ("deleted", ids)
                elif str(getattr(payload, "state", None) or "").casefold() == "dismissed":
                    fact.label_cause = ("review_dismissed", ids)
                append(fact)
            if given_by and (given := given_by.pop(event.id, None)) is not None:  # the acceptances it gave
                beside(found, start, given)
                if start and found[start - 1].at == at:
                    tied.append(start)
                watch, moment = len(found), at
        elif kind is opened:
            reason = f"submission:{thread.challenge}"
            ids = (event.id,)
            fact = Fact(member, reason, 0, at, ids, "submissions", contents=thread.own, capped=False)
            payload = event.payload  # `_take_back`, inline: an opening is withdrawn only when deleted
            if getattr(fields(payload) if payload.__class__ is dict else payload, "deleted", None) is True:
                fact.label_cause = ("deleted", ids)
            append(fact)
        elif kind is reaction:  # attendance, on an issue labelled `event` (the others were passed over)
            start = len(found)
            _attendance(event, member, thread, scope, found, thread.own)
            if len(found) > start:
                _take_back(event, found[start:])
        else:
            start = len(found)
            rare[kind](event, member, thread, scope, found)
            if len(found) > start:
                _take_back(event, found[start:])
    revocable += found[marked:] if marked >= 0 else ()
    if given_by:  # an acceptance whose review earned nothing here (never, from `scoring.score`): sorted in
        left = [fact for given in given_by.values() for fact in given]
        revocable += left
        return sorted(found + left, key=ORDER)
    settle(found, tied)
    return found


def earning_in(events: tuple[Event, ...], index: Index) -> tuple[list[Event], list[Thread]]:
    """The events that can earn something, beside their threads: what the index's pass lists when it
    walked `events` (it leaves out the issues opened from forms other than feedback, which earn nothing)."""
    earning = [event for event in events if event.kind in _EARNING]
    return earning, [index.of(event) for event in earning]


def _take_back(event: Event, given: list[Fact]) -> None:
    """Revoke what `event` gave when its item was taken back (listed, never counted)."""
    taken_back = withdrawn(event)
    if taken_back is not None:
        for fact in given:
            fact.label_cause = taken_back


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


def _kudos(
    event: Event, entries: Any, giver: int, contents: tuple[Any, ...], at: dt.datetime, scope: Scope, found: Found
) -> None:
    """The kudos a comment gives: its payload's `kudos` entries read as `Event.kudos` reads them (a list of
    objects with a text `login`), without making a `Kudos` of each; `at` is the comment's moment in UTC."""
    by_login, kudos, start = scope.by_login, scope.points.kudos, len(found)
    for entry in entries if isinstance(entries, list) else ():
        login = entry.get("login") if isinstance(entry, dict) else None
        target = by_login.get(login.casefold()) if isinstance(login, str) else None
        if target is None or target.id == giver:
            continue
        found.append(Fact(target.id, "kudos", kudos, at, (event.id,), "kudos_received", giver, contents))
    if len(found) > start + 1:  # in the order of their members, as `Fact.order` reads them (stable)
        found[start:] = sorted(found[start:], key=_MEMBER)


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
        points, author = scope.points.accepted_answer, thread.author_id
        fact = Fact(member, "accepted_answer", points, _at(event), (event.id,), "accepted_answers", author, contents)
        found.append(fact)


def _issue_opened(event: Event, member: int, thread: Thread, scope: Scope, found: Found) -> None:
    if getattr(fields(event.payload), "form", None) == "feedback":
        at = _at(event)
        month = at.year * 12 + at.month
        survey = _SURVEYS.get(month) or _SURVEYS.setdefault(month, at.strftime("%Y-%m"))  # one text per month
        fact = Fact(member, "feedback", scope.points.feedback, at, (event.id,), contents=thread.own)
        fact.once = ("feedback", member, survey)
        found.append(fact)


# a survey is a month (kpis.satisfaction): points once per survey; its text made once per month
_SURVEYS: dict[int, str] = {}
_K = EventKind
_PR_MERGED, _PR_OPENED, _REVIEW = _K.pr_merged, _K.pr_opened, _K.review_submitted
_DISCUSSION_COMMENT = _K.discussion_comment
_COMMENTS = frozenset({_K.issue_comment, _K.pr_comment, _K.review_comment, _K.discussion_comment})
_CONVERSATION = frozenset({_K.issue_comment, _K.pr_comment})
_UTC = dt.UTC
_MEMBER = attrgetter("member_id")
_NOT_GATHERING = (False, None)  # `Thread.gathering` with no `event` label on nor taken off: nothing attended
_COMMENT_FIELDS = ("deleted", "comment_id", "reply_to", "kudos")  # what a comment reads, in this order
Handler = Callable[[Event, int, Thread, Scope, Found], None]
_RARE: dict[EventKind, Handler] = {  # the kinds `facts` does not handle inline
    _K.discussion_answered: _accepted_answer,
    _K.issue_opened: _issue_opened,
}
_EARNING = frozenset(
    {*_RARE, *_COMMENTS, _REVIEW, _PR_MERGED, _PR_OPENED, _K.reaction}
)  # kinds that earn nothing are skipped
