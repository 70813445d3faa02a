"""One pass over the events that indexes what scoring needs to know about each thread.

A thread is an issue, a pull request or a discussion. Issues and pull requests share GitHub's number
space, so both are keyed ("issue", number); discussions are keyed ("discussion", number); in another
repository of the programme, ("OWNER/NAME#issue", number) and ("OWNER/NAME#discussion", number). Everything here
is the state as of the end of the history (labels still on, the PR's latest head), which is what makes a
label removal or a moderation label revoke earlier awards.

Built for a million events: the one pass over the history. It looks each event's thread up once, handles
the frequent kinds inline (an `is` test on the kind instead of a handler call per event), and lists the
events that can earn something with their thread (`Index.earning`), so that `facts` walks those alone,
without looking anything up again. Payloads are read through their typed fields (`fields`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import msgspec

from entraide.events.model import Event, EventKind
from entraide.events.questions import QA_CATEGORIES, QUESTION_LABELS
from entraide.scoring.openings import EVENT_LABELS as EVENT_LABELS
from entraide.scoring.openings import TOPICAL as _TOPICAL
from entraide.scoring.openings import topical

ThreadKey = tuple[str, int]
CommentKey = tuple[str, int, int]  # thread kind, thread number, comment id
ContentKey = ThreadKey | CommentKey

CHALLENGE_PREFIX = "challenge:"


def thread_key(event: Event) -> ThreadKey:
    kind = "discussion" if event.subject_type == "discussion" else "issue"
    return (kind, event.subject) if event.repo is None else (f"{event.repo}#{kind}", event.subject)


def fields(payload: Any) -> Any:
    """The payload with its fields read as attributes (`getattr(fields, name, None)`): a stored event's
    typed struct as it is (an unset field reads as `UNSET`, falsy like None), an `Event`'s dict wrapped.
    The hot loops read it so, instead of a generic `.get` per field."""
    return SimpleNamespace(**payload) if payload.__class__ is dict else payload


def number(value: object) -> int | None:
    """An integer payload field (comment ids, targets), as `Event._number` reads it: never a bool."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class Topic(msgspec.Struct, gc=False):
    """A label such as `question` or `event` that makes comments on the thread worth something (built in C:
    one per topical label an issue is opened with, tens of thousands at 1M events)."""

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
    moderated: bool = False  # a moderation label is on it or on one of its comments, once the index is built

    def topic(self, labels: frozenset[str]) -> tuple[bool, str | None]:
        """(on now, the removal that took it off): on when any of `labels` is still on the thread."""
        topics = self.topics
        if not topics:  # most threads carry no topical label: this is called once per comment
            return False, None
        states = [state for label, state in topics.items() if label in labels]  # what follows reads no order
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
    # The events of `walked` that can earn something, in history order, beside their threads: what `facts`
    # walks instead of every event (two lists of references: ~10 MB at a million events).
    earning: list[Event] = field(default_factory=list)
    earning_threads: list[Thread] = field(default_factory=list)
    walked: tuple[Event, ...] | None = None
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


@dataclass
class _Pass:
    index: Index
    moderator_ids: frozenset[int]
    moderation_labels: frozenset[str]
    topical: list[Thread] = field(default_factory=list)  # given topics (listed once: when `topics` is made)
    # a label's text -> (casefolded, what it is to scoring): a few dozen texts over a million events
    classes: dict[str, tuple[str, int]] = field(default_factory=dict)
    openings: dict[tuple[Any, ...], tuple[str, ...]] = field(default_factory=dict)  # (form, *labels) -> topical

    def classify(self, text: object) -> tuple[str, int]:
        label = str(text or "").casefold()
        if label in self.moderation_labels:  # a moderation label wins over any other reading of its name
            found = label, _MODERATION
        elif label.startswith(CHALLENGE_PREFIX):
            found = label, _CHALLENGE
        else:
            found = label, _TOPIC if label in _TOPICAL else _OTHER
        if text.__class__ is str:
            self.classes[text] = found
        return found


def build_index(
    events: tuple[Event, ...], *, moderator_ids: frozenset[int], moderation_labels: frozenset[str]
) -> Index:
    """`events` sorted by (at, id); label events by anyone but moderators do not moderate. Every thread an
    event is about is indexed (the ones only commented on empty), but for labels that mean nothing here."""
    index = Index(walked=events)
    run = _Pass(index, moderator_ids, moderation_labels)
    home, thread_of, classes, threads = index.home, index.of, run.classes, index.threads
    discussions = home["discussion"]
    earn, earn_in = index.earning.append, index.earning_threads.append
    comments, reaction, review, head, merged, answered = _COMMENTS, _K.reaction, _REVIEW, _HEAD, _MERGED, _ANSWERED
    added, removed, idle = _LABEL_ADDED, _LABEL_REMOVED, _IDLE
    for event in events:
        kind = event.kind
        if kind in idle:  # closings: nothing to index, nothing earned
            continue
        if kind is added or kind is removed:  # read before its thread: most labels (`submission`,
            payload = event.payload  # `needs-changes`) mean nothing here, and their thread is not looked up
            if payload.__class__ is dict:
                payload = fields(payload)
            text = getattr(payload, "label", None)
            found = classes.get(text) if text.__class__ is str else None
            if found is None:
                found = run.classify(text)
            if found[1] is not _OTHER:  # a challenge label on a PR that already names one changes nothing
                labelled = thread_of(event)
                if found[1] is not _CHALLENGE or labelled.challenge is None:
                    _label(run, labelled, event, payload, *found)
            continue
        if event.repo is None:  # the community's own repository: its table, no key built to find a thread
            table, subject = home[event.subject_type], event.subject
            thread = table.get(subject)
            if thread is None:  # first sight: `Index.thread`, inline (a hundred thousand threads at 1M)
                key = ("discussion" if table is discussions else "issue", subject)
                thread = threads[key] = table[subject] = Thread(key, (key,))
        else:
            thread = thread_of(event)
        if kind in comments or kind is reaction:  # what they earn depends on the thread's final state
            earn(event)
            earn_in(thread)
            continue
        payload = event.payload
        if payload.__class__ is dict:
            payload = fields(payload)
        if kind is review:
            state = str(getattr(payload, "state", None) or "").casefold()
            if state == "approved":
                thread.approvals += (event,)  # a few per pull request at most
            elif state == "dismissed":
                thread.dismissed += (event,)
            earn(event)
            earn_in(thread)
        elif kind is head or kind is merged:
            sha = getattr(payload, "sha", None)
            if isinstance(sha, str):
                thread.head_sha = sha
            if kind is merged:
                earn(event)
                earn_in(thread)
        elif kind is answered:
            thread.accepted_answer_id = event.id
            earn(event)
            earn_in(thread)
        elif kind in _OPENINGS:
            _opened(run, thread, event, payload)
            if kind is _PR_OPENED:
                earn(event)  # a submission, once its thread's challenge is known
                earn_in(thread)
            elif kind is _ISSUE_OPENED and getattr(payload, "form", None) == "feedback":  # what `facts` asks
                earn(event)
                earn_in(thread)
    for content in [content for content, labels in index.flags.items() if labels]:  # its thread is indexed
        threads[content[:2]].moderated = True
    for thread in run.topical:  # the threads a topical label was ever put on, not all of them
        topics = thread.topics
        if topics is not None and len(topics) == 1:  # most: one label, from the opening (`topic`, inline)
            [(label, only)] = topics.items()
            settled = (True, None) if only.on else (False, only.removed_by or None)
            question = label in QUESTION_LABELS  # else `event`, the only other topical label
            thread.question, thread.gathering = (settled, _NOTHING) if question else (_NOTHING, settled)
        elif topics:
            thread.question, thread.gathering = thread.topic(QUESTION_LABELS), thread.topic(EVENT_LABELS)
    return index


def _opened(run: _Pass, thread: Thread, event: Event, payload: Any) -> None:
    kind = event.kind
    thread.author_id, thread.opened_id = event.actor_id, event.id
    if kind is _PR_OPENED:
        thread.qa = False
        challenge = getattr(payload, "challenge", None)
        thread.challenge = str(challenge) if challenge else None
        if challenge:
            run.index.submissions[thread.key] = thread
        team = getattr(payload, "team", None)
        thread.team = tuple(map(str, team)) if team else ()
        sha = getattr(payload, "sha", None)
        if isinstance(sha, str):
            thread.head_sha = sha
    else:
        category = getattr(payload, "category", None) if kind is _DISCUSSION_CREATED else None
        thread.qa = bool(category) and str(category).casefold() in QA_CATEGORIES
        thread.challenge, thread.team = None, ()
    labels, form = getattr(payload, "labels", None), getattr(payload, "form", None)
    if labels or form:  # the form an issue came from counts as one of its labels
        for label in topical(form, labels, run.openings):
            if thread.topics is None:
                thread.topics = {}
                run.topical.append(thread)
            thread.topics[label] = Topic(True)  # on


def _label(run: _Pass, thread: Thread, event: Event, payload: Any, label: str, reading: int) -> None:
    added = event.kind is _LABEL_ADDED
    target = number(getattr(payload, "target_id", None))
    if reading is _MODERATION:
        if event.actor_id in run.moderator_ids and not event.is_bot:
            content = thread.key if target is None else (*thread.key, target)
            flags = run.index.flags.setdefault(content, {})
            if added:
                flags.setdefault(label, event.id)
            else:
                flags.pop(label, None)
    elif reading is _CHALLENGE:
        # Learners cannot label; the bot labels a submission from its files, or a mentor does. The label
        # only names the challenge: acceptance still needs a mentor's approval of the head commit.
        on_pull = added and target is None and event.subject_type == "pull" and thread.challenge is None
        if on_pull and (event.is_bot or event.actor_id in run.moderator_ids):
            thread.challenge = label.removeprefix(CHALLENGE_PREFIX)
            run.index.submissions[thread.key] = thread
    elif target is None:  # a topical label on the thread itself
        if thread.topics is None:
            thread.topics = {}
            run.topical.append(thread)
        topic = thread.topics.setdefault(label, Topic())
        topic.on, topic.removed_by = added, None if added else event.id


_NOTHING = (False, None)  # `Thread.topic` of labels none of which is on the thread
_MODERATION, _CHALLENGE, _TOPIC, _OTHER = 1, 2, 3, 4  # what a label is to scoring (small ints: `is` compares)
_K = EventKind
# an enum member read through its class costs more than a local: the pass binds these beforehand
_PR_OPENED, _DISCUSSION_CREATED, _ISSUE_OPENED = _K.pr_opened, _K.discussion_created, _K.issue_opened
_LABEL_ADDED, _LABEL_REMOVED = _K.label_added, _K.label_removed
_REVIEW, _ANSWERED, _HEAD, _MERGED = _K.review_submitted, _K.discussion_answered, _K.pr_head, _K.pr_merged
_COMMENTS = frozenset({_K.issue_comment, _K.pr_comment, _K.review_comment, _K.discussion_comment})
_OPENINGS = frozenset({_K.issue_opened, _K.discussion_created, _K.pr_opened})
_IDLE = frozenset({_K.issue_closed, _K.pr_closed})
