"""One pass over the events that indexes what scoring needs to know about each thread.

A thread is an issue, a pull request or a discussion. Issues and pull requests share GitHub's number
space, so both are keyed ("issue", number); discussions are keyed ("discussion", number); in another
repository of the programme, ("OWNER/NAME#issue", number) and ("OWNER/NAME#discussion", number). Everything here
is the state as of the end of the history (labels still on, the PR's latest head), which is what makes a
label removal or a moderation label revoke earlier awards.

Built for a million events: one pass dispatching on the event's kind (a dict of kind -> handler), the
payload read through its typed fields (`fields`), each thread found by its number without building a key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import msgspec

from entraide.events.model import Event, EventKind
from entraide.events.questions import QA_CATEGORIES, QUESTION_LABELS

ThreadKey = tuple[str, int]
CommentKey = tuple[str, int, int]  # thread kind, thread number, comment id
ContentKey = ThreadKey | CommentKey

EVENT_LABELS = frozenset({"event"})
CHALLENGE_PREFIX = "challenge:"
_TOPICAL = QUESTION_LABELS | EVENT_LABELS


def thread_key(event: Event) -> ThreadKey:
    kind = "discussion" if event.subject_type == "discussion" else "issue"
    return (kind, event.subject) if event.repo is None else (f"{event.repo}#{kind}", event.subject)


def comment_key(event: Event, comment_id: object) -> CommentKey | None:
    if isinstance(comment_id, bool) or not isinstance(comment_id, int):
        return None
    return (*thread_key(event), comment_id)


def fields(payload: Any) -> Any:
    """The payload with its fields read as attributes (`getattr(fields, name, None)`): a stored event's
    typed struct as it is (an unset field reads as `UNSET`, falsy like None), an `Event`'s dict wrapped.
    The hot loops read it so, instead of a generic `.get` per field."""
    return SimpleNamespace(**payload) if payload.__class__ is dict else payload


def number(value: object) -> int | None:
    """An integer payload field (comment ids, targets), as `Event._number` reads it: never a bool."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@dataclass(slots=True)
class Topic:
    """A label such as `question` or `event` that makes comments on the thread worth something."""

    on: bool = False
    removed_by: str | None = None  # the label_removed event that last took it off


class Thread(msgspec.Struct, gc=False):
    """Built in C, untracked by the cyclic collector (it never refers to itself); its collections are
    created on first use: most threads get no topical label, approval or dismissal."""

    key: ThreadKey = ("issue", 0)
    own: tuple[ThreadKey] = (("issue", 0),)  # `(key,)`: what moderation can flag, shared by its facts
    author_id: int | None = None
    opened_id: str | None = None
    qa: bool = False  # a discussion in a Q&A category
    topics: dict[str, Topic] | None = None
    challenge: str | None = None  # pr_opened payload `challenge`
    team: tuple[str, ...] = ()  # pr_opened payload `team`: co-authors' logins
    head_sha: str | None = None
    approvals: tuple[Event, ...] = ()
    dismissed: tuple[Event, ...] = ()  # reviews dismissed since (GitHub's latest state)
    accepted_answer_id: str | None = None  # the last discussion_answered event
    # `topic(QUESTION_LABELS)` and `topic(EVENT_LABELS)` once the index is built, read once per comment
    question: tuple[bool, str | None] = (False, None)
    gathering: tuple[bool, str | None] = (False, None)

    def topic(self, labels: frozenset[str]) -> tuple[bool, str | None]:
        """(on now, the removal that took it off): on when any of `labels` is still on the thread."""
        topics = self.topics
        if not topics:  # most threads carry no topical label: this is called once per comment
            return False, None
        states = [topics[label] for label in sorted(labels) if label in topics]
        if any(state.on for state in states):
            return True, None
        removals = sorted(state.removed_by for state in states if state.removed_by)
        return False, removals[-1] if removals else None


@dataclass
class Index:
    threads: dict[ThreadKey, Thread] = field(default_factory=dict)
    # content -> moderation label -> the label_added event still in force
    flags: dict[ContentKey, dict[str, str]] = field(default_factory=dict)
    # the threads that named a challenge at some point (a few in ten): what `acceptance` walks
    submissions: dict[ThreadKey, Thread] = field(default_factory=dict)
    # the community's own repository: subject_type -> number -> thread (issues and pulls share one table)
    home: dict[str, dict[int, Thread]] = field(init=False)

    def __post_init__(self) -> None:
        issues: dict[int, Thread] = {}
        self.home = {"issue": issues, "pull": issues, "discussion": {}}

    def thread(self, key: ThreadKey) -> Thread:
        found = self.threads.get(key)
        if found is None:
            found = self.threads[key] = Thread(key, (key,))
            if key[0] in self.home:  # ("issue", n) or ("discussion", n): the home repository's
                self.home[key[0]][key[1]] = found
        return found

    def of(self, event: Event) -> Thread:
        """The thread of `event`, created on first sight."""
        if event.repo is None:
            found = self.home[event.subject_type].get(event.subject)
            if found is not None:
                return found
        return self.thread(thread_key(event))

    def flagged(self, content: ContentKey) -> list[tuple[str, str]]:
        return sorted(self.flags.get(content, {}).items())


@dataclass
class _Pass:
    index: Index
    moderator_ids: frozenset[int]
    moderation_labels: frozenset[str]
    topical: dict[ThreadKey, Thread] = field(default_factory=dict)  # given topics: what is settled at the end


def build_index(
    events: tuple[Event, ...], *, moderator_ids: frozenset[int], moderation_labels: frozenset[str]
) -> Index:
    """`events` sorted by (at, id); label events by anyone but moderators do not moderate. A thread only
    commented on is not indexed (`Index.of` gives it, empty, when asked)."""
    index = Index()
    run = _Pass(index, moderator_ids, moderation_labels)
    home, handlers, thread_of = index.home, _HANDLERS, index.of
    for event in events:
        handler = handlers.get(event.kind)  # comments, reactions, closings: nothing to index
        if handler is not None:
            thread = home[event.subject_type].get(event.subject) if event.repo is None else None
            handler(run, thread or thread_of(event), event)
    for thread in run.topical.values():  # the threads a topical label was ever put on, not all of them
        if thread.topics:
            thread.question, thread.gathering = thread.topic(QUESTION_LABELS), thread.topic(EVENT_LABELS)
    return index


def _opened(run: _Pass, thread: Thread, event: Event) -> None:
    payload, kind = fields(event.payload), event.kind
    thread.author_id, thread.opened_id = event.actor_id, event.id
    category = getattr(payload, "category", None) if kind is _DISCUSSION_CREATED else None
    thread.qa = bool(category) and str(category).casefold() in QA_CATEGORIES
    if kind is _PR_OPENED:
        challenge = getattr(payload, "challenge", None)
        thread.challenge = str(challenge) if challenge else None
        if challenge:
            run.index.submissions[thread.key] = thread
        thread.team = tuple(str(login) for login in getattr(payload, "team", None) or ())
    else:
        thread.challenge, thread.team = None, ()
    labels, form = getattr(payload, "labels", None), getattr(payload, "form", None)
    if labels or form:
        form = form.casefold() if isinstance(form, str) else ""
        for label in {*(str(x).casefold() for x in labels or ()), form}:
            if label in _TOPICAL:
                if thread.topics is None:
                    thread.topics = {}
                    run.topical[thread.key] = thread
                thread.topics[label] = Topic(on=True)


def _head(run: _Pass, thread: Thread, event: Event) -> None:
    sha = getattr(fields(event.payload), "sha", None)
    if isinstance(sha, str):
        thread.head_sha = sha


def _pr_opened(run: _Pass, thread: Thread, event: Event) -> None:
    _opened(run, thread, event)
    _head(run, thread, event)


def _review(run: _Pass, thread: Thread, event: Event) -> None:
    state = str(getattr(fields(event.payload), "state", None) or "").casefold()
    if state == "approved":
        thread.approvals += (event,)  # a few per pull request at most
    elif state == "dismissed":
        thread.dismissed += (event,)


def _answered(run: _Pass, thread: Thread, event: Event) -> None:
    thread.accepted_answer_id = event.id


def _label(run: _Pass, thread: Thread, event: Event) -> None:
    payload = fields(event.payload)
    label = str(getattr(payload, "label", None) or "").casefold()
    added = event.kind is _LABEL_ADDED
    target = number(getattr(payload, "target_id", None))
    if label in run.moderation_labels:
        if event.actor_id in run.moderator_ids and not event.is_bot:
            content = thread.key if target is None else (*thread.key, target)
            _moderate(run.index, content, label, event.id if added else None)
    elif label.startswith(CHALLENGE_PREFIX) and added and target is None and event.subject_type == "pull":
        # Learners cannot label; the bot labels a submission from its files, or a mentor does. The label
        # only names the challenge: acceptance still needs a mentor's approval of the head commit.
        if thread.challenge is None and (event.is_bot or event.actor_id in run.moderator_ids):
            thread.challenge = label.removeprefix(CHALLENGE_PREFIX)
            run.index.submissions[thread.key] = thread
    elif label in _TOPICAL and target is None:
        if thread.topics is None:
            thread.topics = {}
            run.topical[thread.key] = thread
        topic = thread.topics.setdefault(label, Topic())
        topic.on = added
        topic.removed_by = None if added else event.id


def _moderate(index: Index, content: ContentKey, label: str, added_by: str | None) -> None:
    flags = index.flags.setdefault(content, {})
    if added_by:
        flags.setdefault(label, added_by)
    else:
        flags.pop(label, None)


_K = EventKind
_PR_OPENED, _DISCUSSION_CREATED, _LABEL_ADDED = _K.pr_opened, _K.discussion_created, _K.label_added  # an enum
# member read through its class costs more than a dict lookup: the hot paths compare with these
_HANDLERS: dict[EventKind, Callable[[_Pass, Thread, Event], None]] = {
    _K.issue_opened: _opened,
    _K.discussion_created: _opened,
    _K.pr_opened: _pr_opened,
    _K.pr_head: _head,
    _K.pr_merged: _head,
    _K.review_submitted: _review,
    _K.discussion_answered: _answered,
    _K.label_added: _label,
    _K.label_removed: _label,
}
