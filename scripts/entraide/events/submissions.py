"""Pull requests as the events tell them: author, challenge, state, labels, reviews; and how long
submissions wait for a mentor. Pure: events in, models out.
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
import statistics
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from pydantic import Field

from entraide.content.models import Frozen
from entraide.events.model import Event, EventKind

CHALLENGE_PREFIX = "challenge:"
WAIT_WINDOW = dt.timedelta(days=90)


class PullRequest(Frozen):
    """A pull request as the events tell it."""

    number: int
    author_id: int | None
    author_login: str | None
    challenge: str | None
    opened_at: dt.datetime
    state: Literal["open", "merged", "closed"] = "open"
    labels: tuple[str, ...] = ()
    last_activity: dt.datetime
    verdicts: dict[int, str] = Field({}, description="reviewer id -> their latest review state")
    first_review_at: dict[int, dt.datetime] = {}


def pull_requests(
    events: Iterable[Event], *, classified: dict[int, str | None] | None = None
) -> dict[int, PullRequest]:
    """Every pull request in the events, with its current state, labels and reviews. Its challenge comes
    from the opening event, else from a `challenge:<slug>` label, else from its files (`classified`)."""
    classified = classified or {}
    found: dict[int, dict[str, Any]] = {}
    for event in events:
        if event.subject_type == "discussion":
            continue  # issues and pull requests share numbers; a label event may say either
        if event.kind is EventKind.pr_opened:
            found[event.subject] = dict(
                number=event.subject,
                author_id=event.actor_id,
                author_login=event.actor_login,
                challenge=_slug(event.challenge),
                opened_at=event.at,
                labels=set(),
                verdicts={},
                first_review_at={},
                last_activity=event.at,
            )
        pr = found.get(event.subject)
        if pr is None:
            continue
        pr["last_activity"] = event.at
        _apply(pr, event)
    # built from validated events: a second validation would cost as much as the whole pass
    return {
        number: PullRequest.model_construct(
            **{
                **pr,
                "labels": tuple(sorted(pr["labels"])),
                "challenge": pr["challenge"] or _labelled_challenge(pr["labels"]) or classified.get(number),
            }
        )
        for number, pr in found.items()
    }


def _slug(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _labelled_challenge(labels: set[str]) -> str | None:
    """A `challenge:<slug>` label put after the opening was stored (one only, else none)."""
    slugs = [label.removeprefix(CHALLENGE_PREFIX) for label in labels if label.startswith(CHALLENGE_PREFIX)]
    return slugs[0] if len(slugs) == 1 else None


def _apply(pr: dict[str, Any], event: Event) -> None:
    kind = event.kind
    if kind is EventKind.pr_merged:
        pr["state"] = "merged"
    elif kind is EventKind.pr_closed:
        pr["state"] = "closed"
    elif kind is EventKind.label_added and not event.on_comment:
        pr["labels"].add(event.label)
    elif kind is EventKind.label_removed and not event.on_comment:
        pr["labels"].discard(event.label)
    elif kind is EventKind.review_submitted and event.actor_id is not None:
        if event.actor_id != pr["author_id"] and event.state != "commented":
            pr["verdicts"][event.actor_id] = event.state
        pr["first_review_at"].setdefault(event.actor_id, event.at)


# The kinds that decide a submission's author, challenge and open state (reviews and comments do not).
_STATE_KINDS = frozenset({EventKind.pr_opened, EventKind.pr_merged, EventKind.pr_closed})
_LABEL_KINDS = frozenset({EventKind.label_added, EventKind.label_removed})


def open_submissions(events: Iterable[Event]) -> dict[int, set[str]]:
    """{author id: challenges of their pull requests still open}: what `pull_requests` says of open pull
    requests with a challenge and an author (same numbers, same challenge rule, no files classified).
    A profile shows these as « pending » once per build. Only the openings, merges and closings are read
    first (their kinds picked in C); labels can only name the challenge of a pull request still open whose
    opening named none, so only the events of those few numbers are read after that, and of their labels
    only those put after the number's last opening (an opening starts its labels afresh)."""
    history = events if isinstance(events, Sequence) else tuple(events)
    found: dict[int, list[Any]] = {}  # number -> [author id, challenge, state, position of its opening]
    for position in itertools.compress(range(len(history)), map(_STATE_KINDS.__contains__, map(_KIND, history))):
        event = history[position]
        if event.subject_type == "discussion":
            continue  # issues and pull requests share numbers; a label event may say either
        if event.kind is EventKind.pr_opened:
            found[event.subject] = [event.actor_id, _slug(event.challenge), "open", position]
        elif (pr := found.get(event.subject)) is not None:
            pr[2] = "merged" if event.kind is EventKind.pr_merged else "closed"
    unnamed = {n: pr[3] for n, pr in found.items() if pr[2] == "open" and pr[1] is None and pr[0] is not None}
    labels: dict[int, set[str]] = {number: set() for number in unnamed}
    if unnamed:
        for position in itertools.compress(range(len(history)), map(unnamed.__contains__, map(_SUBJECT, history))):
            event = history[position]
            if (
                event.kind in _LABEL_KINDS
                and position > unnamed[event.subject]
                and event.subject_type != "discussion"
                and not event.on_comment
            ):
                (labels[event.subject].add if event.kind is EventKind.label_added else labels[event.subject].discard)(
                    event.label
                )
    waiting: dict[int, set[str]] = {}
    for number, (author_id, challenge, state, _) in found.items():
        challenge = challenge or (_labelled_challenge(labels[number]) if number in labels else None)
        if state == "open" and challenge and author_id is not None:
            waiting.setdefault(author_id, set()).add(challenge)
    return waiting


_KIND, _SUBJECT = operator.attrgetter("kind"), operator.attrgetter("subject")


def median_review_wait(
    prs: Iterable[PullRequest], *, mentor_ids: frozenset[int], now: dt.datetime
) -> dt.timedelta | None:
    """Median time from opening a submission to its first review by a mentor, over the last 90 days."""
    waits = []
    for pr in prs:
        firsts = [
            at for reviewer, at in pr.first_review_at.items() if reviewer in mentor_ids and reviewer != pr.author_id
        ]
        if pr.challenge and firsts and now - min(firsts) <= WAIT_WINDOW:
            waits.append(min(firsts) - pr.opened_at)
    return statistics.median_low(sorted(waits)) if waits else None
