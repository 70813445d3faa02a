"""One pass over the events that indexes what scoring needs to know about each thread.

A thread is an issue, a pull request or a discussion. Issues and pull requests share GitHub's number
space, so both are keyed ("issue", number); discussions are keyed ("discussion", number); in another
repository of the programme, ("OWNER/NAME#issue", number) and ("OWNER/NAME#discussion", number). Everything here
is the state as of the end of the history (labels still on, the PR's latest head), which is what makes a
label removal or a moderation label revoke earlier awards.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from entraide.events.model import Event, EventKind
from entraide.events.questions import QA_CATEGORIES, QUESTION_LABELS

ThreadKey = tuple[str, int]
CommentKey = tuple[str, int, int]  # thread kind, thread number, comment id
ContentKey = ThreadKey | CommentKey

EVENT_LABELS = frozenset({"event"})
CHALLENGE_PREFIX = "challenge:"
_TOPICAL = QUESTION_LABELS | EVENT_LABELS
_HEAD_KINDS = (EventKind.pr_opened, EventKind.pr_head, EventKind.pr_merged)


def thread_key(event: Event) -> ThreadKey:
    kind = "discussion" if event.subject_type == "discussion" else "issue"
    return (kind, event.subject) if event.repo is None else (f"{event.repo}#{kind}", event.subject)


def comment_key(event: Event, comment_id: object) -> CommentKey | None:
    if isinstance(comment_id, bool) or not isinstance(comment_id, int):
        return None
    return (*thread_key(event), comment_id)


@dataclass(slots=True)
class Topic:
    """A label such as `question` or `event` that makes comments on the thread worth something."""

    on: bool = False
    removed_by: str | None = None  # the label_removed event that last took it off


@dataclass(slots=True)
class Thread:
    author_id: int | None = None
    opened_id: str | None = None
    qa: bool = False  # a discussion in a Q&A category
    topics: dict[str, Topic] = field(default_factory=dict)
    challenge: str | None = None  # pr_opened payload `challenge`
    team: tuple[str, ...] = ()  # pr_opened payload `team`: co-authors' logins
    head_sha: str | None = None
    approvals: list[Event] = field(default_factory=list)
    dismissed: list[Event] = field(default_factory=list)  # reviews dismissed since (GitHub's latest state)
    accepted_answer_id: str | None = None  # the last discussion_answered event

    def topic(self, labels: frozenset[str]) -> tuple[bool, str | None]:
        """(on now, the removal that took it off): on when any of `labels` is still on the thread."""
        if not self.topics:  # most threads carry no topical label: this is called once per comment
            return False, None
        states = [self.topics[label] for label in sorted(labels) if label in self.topics]
        if any(state.on for state in states):
            return True, None
        removals = sorted(state.removed_by for state in states if state.removed_by)
        return False, removals[-1] if removals else None


@dataclass
class Index:
    threads: dict[ThreadKey, Thread] = field(default_factory=dict)
    # content -> moderation label -> the label_added event still in force
    flags: dict[ContentKey, dict[str, str]] = field(default_factory=dict)

    def thread(self, key: ThreadKey) -> Thread:
        return self.threads.setdefault(key, Thread())

    def flagged(self, content: ContentKey) -> list[tuple[str, str]]:
        return sorted(self.flags.get(content, {}).items())


def build_index(
    events: tuple[Event, ...], *, moderator_ids: frozenset[int], moderation_labels: frozenset[str]
) -> Index:
    """`events` sorted by (at, id); label events by anyone but moderators do not moderate."""
    index = Index()
    for event in events:
        thread = index.thread(thread_key(event))
        if event.kind in (EventKind.issue_opened, EventKind.pr_opened, EventKind.discussion_created):
            _opened(thread, event)
        if event.kind in _HEAD_KINDS and event.sha is not None:
            thread.head_sha = event.sha
        elif event.kind is EventKind.review_submitted and _state(event) == "approved":
            thread.approvals.append(event)
        elif event.kind is EventKind.review_submitted and _state(event) == "dismissed":
            thread.dismissed.append(event)
        elif event.kind is EventKind.discussion_answered:
            thread.accepted_answer_id = event.id
        elif event.kind in (EventKind.label_added, EventKind.label_removed):
            _label(index, thread, event, moderator_ids=moderator_ids, moderation_labels=moderation_labels)
    return index


def _opened(thread: Thread, event: Event) -> None:
    thread.author_id, thread.opened_id = event.actor_id, event.id
    category = event.category.casefold()
    thread.qa = event.kind is EventKind.discussion_created and category in QA_CATEGORIES
    thread.challenge = event.challenge if event.kind is EventKind.pr_opened else None
    thread.team = event.team if event.kind is EventKind.pr_opened else ()
    for label in {*(x.casefold() for x in event.labels), (event.form or "").casefold()}:
        if label in _TOPICAL:
            thread.topics[label] = Topic(on=True)


def _label(
    index: Index, thread: Thread, event: Event, *, moderator_ids: Collection[int], moderation_labels: Collection[str]
) -> None:
    label = event.label.casefold()
    added = event.kind is EventKind.label_added
    target = event.target_id
    if label in moderation_labels:
        if event.actor_id in moderator_ids and not event.is_bot:
            content = thread_key(event) if target is None else comment_key(event, target)
            if content is not None:
                _moderate(index, content, label, event.id if added else None)
    elif label.startswith(CHALLENGE_PREFIX) and added and target is None and event.subject_type == "pull":
        # Learners cannot label; the bot labels a submission from its files, or a mentor does. The label
        # only names the challenge: acceptance still needs a mentor's approval of the head commit.
        if thread.challenge is None and (event.is_bot or event.actor_id in moderator_ids):
            thread.challenge = label.removeprefix(CHALLENGE_PREFIX)
    elif label in _TOPICAL and target is None:
        topic = thread.topics.setdefault(label, Topic())
        topic.on = added
        topic.removed_by = None if added else event.id


def _moderate(index: Index, content: ContentKey, label: str, added_by: str | None) -> None:
    flags = index.flags.setdefault(content, {})
    if added_by:
        flags.setdefault(label, added_by)
    else:
        flags.pop(label, None)


def _state(event: Event) -> str:
    return event.state
