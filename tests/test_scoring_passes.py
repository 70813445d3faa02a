"""The index's one pass and the facts walk over the events it lists decide exactly what a plain walk over
every event decides (the walks below read each event through its accessors, as the passes were first
written), on random histories: every kind, odd payload values, labels put on and taken off by anyone,
other repositories, bots, deleted and renamed accounts; as validated `Event`s and as the store's compact
events; and with the index built from another copy of the history (the facts then find their threads)."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field

import pytest

from builders import challenge, community, member
from entraide.events import store
from entraide.events.model import Event
from entraide.events.questions import QA_CATEGORIES, QUESTION_LABELS
from entraide.scoring import MODERATORS
from entraide.scoring.fact import ORDER, Fact
from entraide.scoring.facts import Scope, facts
from entraide.scoring.threads import EVENT_LABELS, Thread, build_index

MEMBERS = [
    member("ada", 1),
    member("bob", 2),
    member("cy", 3),
    member("mia", 10, role="mentor"),
    member("max", 11, role="mentor"),
    member("kim", 20, role="maintainer"),
]
ACCOUNTS = [(m.id, m.login, "User") for m in MEMBERS] + [
    (1, "ada-old", "User"),  # renamed: still ada by id
    (90, "entraide-bot", "Bot"),
    (91, "github-actions[bot]", "User"),
    (500, "stranger", "User"),
    (None, None, None),  # a deleted account
]
COMMUNITY = community(MEMBERS, [challenge("html"), challenge("css", track="back")])
MODERATION = frozenset({"spam", "off-topic"})
COMMENTS = ("issue_comment", "pr_comment", "review_comment", "discussion_comment")
KINDS = (*COMMENTS, *("label_added", "label_removed", "review_submitted", "pr_head", "pr_merged", "pr_opened"),
         *("issue_opened", "issue_closed", "pr_closed", "reaction", "discussion_created", "discussion_answered"))  # fmt: skip
LABELS = ("spam", "Off-Topic", "question", "Help", "event", "challenge:html", "challenge:CSS", "submission", "", 3)


def _payload(rng: random.Random, kind: str) -> dict[str, object]:
    pick = rng.choice
    if kind in COMMENTS:
        payload = {"comment_id": pick((1, 2, 3, 4, True, "x")), "reply_to": pick((None, 0, 1, 2))}
        if rng.random() < 0.2:
            payload["kudos"] = [{"login": pick(("Bob", "ada", "cy", "nobody", "mia")), "reason": "thanks"}]
        if rng.random() < 0.1:
            payload["deleted"] = True
        return payload
    if kind.startswith("label_"):
        payload = {"label": pick(LABELS)}
        return payload | ({"target_id": pick((1, 2, True))} if rng.random() < 0.3 else {})
    return {
        "review_submitted": {"state": pick(("approved", "APPROVED", "dismissed", "commented", None)),
                             "commit_id": pick(("a", "b", "c"))},
        "pr_head": {"sha": pick(("a", "b", "c", 5))},
        "pr_merged": {"sha": pick(("a", "b", "c"))},
        "pr_opened": {"challenge": pick((None, "", "html", "css", "nope")), "sha": pick(("a", "b", None)),
                      "team": rng.sample(["bob", "cy", "zed"], rng.randint(0, 2))},
        "issue_opened": {"labels": rng.sample(["question", "Help", "event", "bug", "EVENT"], rng.randint(0, 2)),
                         "form": pick((None, "question", "feedback", "Feedback", "join", 3))},
        "reaction": {"content": "+1", "target": "issue", "target_id": pick((1, 2))},
        "discussion_created": {"category": pick(("Q&A", "General", "questions", None))},
        "discussion_answered": {"comment_id": pick((1, 2, 3)), "marked_by_id": 10},
    }.get(kind, {})  # fmt: skip


def random_history(rng: random.Random, count: int) -> tuple[Event, ...]:
    events, at = [], 1_773_000_000
    for number in range(count):
        at += rng.choice((0, 0, 60, 3600, 86400))
        kind = rng.choice(KINDS)
        subject_type = "discussion" if kind.startswith("discussion") else "issue"
        if kind.startswith(("pr_", "review_")) or (kind.startswith("label_") and rng.random() < 0.5):
            subject_type = "pull"
        repo = "org/other" if rng.random() < 0.15 else None
        actor_id, login, actor_type = rng.choice(ACCOUNTS)
        event = {"id": f"{repo + '#' if repo else ''}ev-{number:05d}", "kind": kind, "at": at, "actor_id": actor_id,
                 "actor_login": login, "actor_type": actor_type, "subject": rng.randint(1, 5),
                 "subject_type": subject_type, "payload": _payload(rng, kind), "repo": repo}  # fmt: skip
        events.append(Event.model_validate(event))
    return tuple(sorted(events, key=store.sort_key))  # as scoring reads a history


def stored(history: tuple[Event, ...], tmp_path) -> tuple[Event, ...]:
    """The same history as the store's compact events, written to its month files and read back."""
    (tmp_path / "events").mkdir()
    months: dict[str, list[str]] = {}
    for event in history:
        line = {name: value for name, value in event.model_dump(mode="json").items() if value is not None}
        line |= {name: getattr(event, name) for name in ("actor_id", "actor_login", "actor_type")}
        months.setdefault(event.at.strftime("%Y-%m"), []).append(json.dumps(line) + "\n")
    for month, lines in months.items():
        (tmp_path / "events" / f"{month}.jsonl").write_text("".join(lines))
    loaded = store.load(tmp_path)
    assert [event.id for event in loaded] == [event.id for event in history]
    return loaded


# --------------------------------------------------------------------------- the passes as first written


@dataclass
class Plain:
    key: tuple[str, int]
    author_id: int | None = None
    opened_id: str | None = None
    qa: bool = False
    topics: dict[str, list] = field(default_factory=dict)
    challenge: str | None = None
    team: tuple[str, ...] = ()
    head: str | None = None
    approvals: list[str] = field(default_factory=list)
    dismissed: list[str] = field(default_factory=list)
    answer: str | None = None
    named: bool = False  # named a challenge at some point

    def topic(self, labels: frozenset[str]) -> tuple[bool, str | None]:
        states = [self.topics[label] for label in sorted(labels) if label in self.topics]
        if any(on for on, _ in states):
            return True, None
        removals = sorted(removed for _, removed in states if removed)
        return False, removals[-1] if removals else None


def key_of(event: Event) -> tuple[str, int]:
    kind = "discussion" if event.subject_type == "discussion" else "issue"
    return (kind, event.subject) if event.repo is None else (f"{event.repo}#{kind}", event.subject)


def walked_index(history, moderators):
    threads: dict[tuple[str, int], Plain] = {}
    flags: dict[tuple, dict[str, str]] = {}
    for event in history:
        key, kind = key_of(event), event.kind
        thread = threads.setdefault(key, Plain(key))
        if kind in ("issue_opened", "discussion_created", "pr_opened"):
            thread.author_id, thread.opened_id = event.actor_id, event.id
            thread.qa = kind == "discussion_created" and event.category.casefold() in QA_CATEGORIES
            thread.challenge = event.challenge if kind == "pr_opened" else None
            thread.team = event.team if kind == "pr_opened" else ()
            thread.named = thread.named or bool(thread.challenge)
            for label in {*(label.casefold() for label in event.labels), (event.form or "").casefold()}:
                if label in QUESTION_LABELS | EVENT_LABELS:
                    thread.topics[label] = [True, None]
        if kind in ("pr_opened", "pr_head", "pr_merged") and event.sha is not None:
            thread.head = event.sha
        elif kind == "review_submitted" and event.state in ("approved", "dismissed"):
            (thread.approvals if event.state == "approved" else thread.dismissed).append(event.id)
        elif kind == "discussion_answered":
            thread.answer = event.id
        elif kind in ("label_added", "label_removed"):
            label, added, target = event.label.casefold(), kind == "label_added", event.target_id
            if label in MODERATION:
                if event.actor_id in moderators and not event.is_bot:
                    labels = flags.setdefault(key if target is None else (*key, target), {})
                    labels.setdefault(label, event.id) if added else labels.pop(label, None)
            elif label.startswith("challenge:") and added and target is None and event.subject_type == "pull":
                if thread.challenge is None and (event.is_bot or event.actor_id in moderators):
                    thread.challenge, thread.named = label.removeprefix("challenge:"), True
            elif label in QUESTION_LABELS | EVENT_LABELS and target is None:
                thread.topics[label] = [added, None if added else event.id]
    return threads, flags


def walked_facts(history, threads, flags) -> list[Fact]:
    points, found = COMMUNITY.rules.points, []
    members = {m.id: m for m in MEMBERS}
    for event in history:
        kind, key = event.kind, key_of(event)
        thread, person = threads[key], members.get(event.actor_id)
        earner = None if person is None or event.actor_login is None or event.is_bot else person.id
        given, at, ids, own = [], event.at, (event.id,), (key,)
        if earner is None and kind != "pr_merged":
            continue
        comment = event.comment_id if kind in (*COMMENTS, "discussion_answered") else None
        contents = (key, (*key, comment)) if comment is not None and flags.get((*key, comment)) else own
        if kind in COMMENTS:
            if thread.author_id != earner:
                reply = bool(event.payload.get("reply_to"))
                if event.subject_type == "discussion":
                    on = answer = thread.qa and kind == "discussion_comment" and not reply
                    removed = None
                else:
                    on, removed = thread.topic(QUESTION_LABELS)
                    answer = kind in ("issue_comment", "pr_comment") and not reply and bool(on or removed)
                if answer:
                    cause = None if on else ("label_removed:question", (removed,))
                    given.append(Fact(earner, "answer", points.answer, at, ids, "answers", thread.author_id,
                                      contents, label_cause=cause))  # fmt: skip
                if not answer or not on:
                    given.append(Fact(earner, "comment", points.comment, at, ids, None, thread.author_id, contents))
            for entry in event.kudos:
                target = {m.login: m for m in MEMBERS}.get(entry.login.casefold())
                if target is not None and target.id != earner:
                    given.append(Fact(target.id, "kudos", points.kudos, at, ids, "kudos_received", earner, contents))
        elif kind == "review_submitted" and thread.author_id != earner:
            given.append(Fact(earner, "review", points.review, at, ids, "reviews", thread.author_id, own))
        elif kind == "pr_merged" and thread.author_id in members:
            once = ("first", thread.author_id)
            pair = (thread.opened_id, event.id)
            given.append(Fact(thread.author_id, "first_contribution", points.first_contribution, at, pair,
                              contents=own, once=once))  # fmt: skip
        elif kind == "pr_opened" and thread.challenge in ("html", "css"):
            given.append(Fact(earner, f"submission:{thread.challenge}", 0, at, ids, "submissions", contents=own,
                              capped=False))  # fmt: skip
        elif kind == "discussion_answered" and event.id == thread.answer and thread.author_id != earner:
            given.append(Fact(earner, "accepted_answer", points.accepted_answer, at, ids, "accepted_answers",
                              thread.author_id, contents))  # fmt: skip
        elif kind == "issue_opened" and event.form == "feedback":
            given.append(Fact(earner, "feedback", points.feedback, at, ids, contents=own,
                              once=("feedback", earner, at.strftime("%Y-%m"))))  # fmt: skip
        if kind in (*COMMENTS, "reaction") and thread.topics and key[0] == "issue":
            on, removed = thread.topic(EVENT_LABELS)
            if on or removed:
                cause = None if on else ("label_removed:event", (removed,))
                given.append(Fact(earner, "event_attendance", points.event_attendance, at, ids, "events_attended",
                                  None, contents, once=("event", earner, key), label_cause=cause))  # fmt: skip
        if event.deleted or (kind == "review_submitted" and event.state == "dismissed"):
            cause = ("deleted", ids) if event.deleted else ("review_dismissed", ids)
            given = [Fact(**{**_fields(fact), "label_cause": cause}) for fact in given]
        found += given
    return found


def _fields(fact: Fact) -> dict[str, object]:
    return {name: getattr(fact, name) for name in fact.__struct_fields__}


# --------------------------------------------------------------------------- the comparison


@pytest.mark.parametrize("seed", range(40))
def test_the_passes_decide_as_a_plain_walk_over_every_event(seed: int, tmp_path) -> None:
    rng = random.Random(seed)
    history = random_history(rng, rng.choice((30, 120, 400)))
    moderators = frozenset(m.id for m in MEMBERS if m.role in MODERATORS)
    threads, flags = walked_index(history, moderators)
    want = walked_facts(history, threads, flags)
    for events in (history, stored(history, tmp_path)):
        index = build_index(events, moderator_ids=moderators, moderation_labels=MODERATION)
        assert index.flags == flags
        submissions = {key for key, thread in threads.items() if thread.named}
        assert set(index.submissions) == submissions
        for key, plain in threads.items():
            thread = index.threads.get(key) or Thread(key, (key,))  # only closed: not indexed
            assert (thread.author_id, thread.opened_id, thread.qa, thread.challenge, thread.team, thread.head_sha) == (
                plain.author_id, plain.opened_id, plain.qa, plain.challenge, plain.team, plain.head)  # fmt: skip
            assert [r.id for r in thread.approvals] == plain.approvals
            assert [r.id for r in thread.dismissed] == plain.dismissed
            assert thread.accepted_answer_id == plain.answer
            if thread.topics:
                assert (thread.question, thread.gathering) == (plain.topic(QUESTION_LABELS), plain.topic(EVENT_LABELS))
        scope = Scope(COMMUNITY, index)
        ordered = sorted(want, key=ORDER)  # `facts` writes them in `Fact.order` (scoring/ordering.py)
        assert facts(events, scope) == ordered
        assert facts((*events,), Scope(COMMUNITY, index)) == ordered  # another tuple: threads looked up
