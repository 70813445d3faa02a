"""What the bot says back on GitHub, decided from the ledger: pure, so every decision is a table test.

`plan(community, ledger, events, announced, now=...)` returns the actions to take: comments to post (an
acknowledgement on a submission, a welcome on a first contribution, the announcement of an accepted
challenge), comments to edit (an award revoked, or given back) and labels to set. Every comment has a
key, written into it as a hidden marker (`<!-- entraide:award:<member id>:<challenge> -->`), and
`announced` remembers which keys were posted. The shell (`entraide.bot.feedback.run`) executes the actions
and checks the marker on GitHub before posting, so a re-run, a crash after posting or a duplicate event
never posts twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Literal

from entraide.bot.feedback import rules, text
from entraide.bot.feedback.awards import AwardContext
from entraide.content.models import Challenge, Community, Frozen, Role
from entraide.events.model import Event, EventKind
from entraide.events.submissions import (
    CHALLENGE_PREFIX,
    PullRequest,
    median_review_wait,
    pull_requests,
)
from entraide.github.markers import marker
from entraide.scoring.acceptance import reviewers
from entraide.scoring.model import Award, Ledger

SUBMISSION = "submission"
ACCEPTED = "accepted"
NEEDS_CHANGES = "needs-changes"


def managed(label: str) -> bool:
    """Labels the bot owns on submissions: it adds and removes them to reflect the state."""
    return label in (SUBMISSION, ACCEPTED, NEEDS_CHANGES) or label.startswith(CHALLENGE_PREFIX)


class Announcement(Frozen):
    subject: int
    comment_id: int | None = None
    status: Literal["posted", "revoked"] = "posted"


class Announced(Frozen):
    """`data/announced.json`: what was already said. Facts older than `since` are never announced.

    `classified`: pull request number -> the challenge its files submit (None: not a submission), read
    once from GitHub for pull requests whose challenge nobody labelled.
    """

    since: dt.datetime
    posted: dict[str, Announcement] = {}
    classified: dict[int, str | None] = {}


class Post(Frozen):
    action: Literal["post"] = "post"
    key: str
    subject: int
    body: str


class Edit(Frozen):
    action: Literal["edit"] = "edit"
    key: str
    subject: int
    body: str
    status: Literal["posted", "revoked"]


class Relabel(Frozen):
    """The bot-managed labels a submission should carry (`want`); `add`/`remove` as the events see it.

    The shell compares `want` with the labels on GitHub itself, which the events may not show yet.
    """

    action: Literal["label"] = "label"
    subject: int
    want: tuple[str, ...]
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()


Action = Post | Edit | Relabel


# --------------------------------------------------------------------------- deciding


def plan(
    community: Community,
    ledger: Ledger,
    events: tuple[Event, ...],
    announced: Announced,
    *,
    now: dt.datetime,
    handbook_url: str,
) -> tuple[Action, ...]:
    """The comments and labels that bring GitHub in line with the ledger, in a stable order."""
    events = tuple(sorted((e for e in events if e.at <= now), key=_order))  # nothing said ahead of time
    prs = pull_requests(events, classified=announced.classified)
    challenges = {c.slug: c for c in community.challenges}
    mentors = frozenset(m.id for m in community.members if m.role in (Role.mentor, Role.maintainer))
    accepted = _accepted_on(ledger.awards, events)
    language_of = text.reader_languages(community)
    actions: list[Action] = []
    wait = median_review_wait(prs.values(), mentor_ids=mentors, now=now)
    for pr in sorted(prs.values(), key=lambda p: p.number):
        challenge = challenges.get(pr.challenge or "")
        if challenge is None:
            continue
        who = reviewers(challenge, community.members, {t.id: t for t in community.rules.tracks})
        actions += _acknowledge(pr, challenge, announced, wait=wait, language=language_of(pr.author_id), who=who)
        actions += _relabel(pr, accepted=accepted.get(pr.number), announced=announced, mentors=mentors)
    actions += _welcomes(events, announced, handbook_url=handbook_url, language_of=language_of, staff=mentors)
    actions += _announce_awards(community, ledger, events, announced, challenges=challenges, now=now)
    actions += _revocations(ledger, announced, challenges=challenges, language_of=language_of)
    for key, number, body in rules.refusals(ledger, events, challenges=challenges, language_of=language_of):
        if key not in announced.posted and max(e.at for e in events if e.subject == number) >= announced.since:
            actions.append(Post(key=key, subject=number, body=f"{marker(key)}\n{body}"))
    return tuple(actions)


def _order(event: Event) -> tuple[dt.datetime, str]:
    return event.at, event.id  # the store's order; stored times are UTC


def unclassified(events: Iterable[Event], announced: Announced) -> tuple[tuple[int, str], ...]:
    """(number, author login) of the open, recent pull requests whose challenge nothing tells yet."""
    prs = pull_requests(sorted(events, key=_order), classified=announced.classified)
    return tuple(
        (pr.number, pr.author_login)
        for pr in sorted(prs.values(), key=lambda p: p.number)
        if pr.challenge is None
        and pr.state == "open"
        and pr.opened_at >= announced.since
        and pr.author_login
        and pr.number not in announced.classified
    )


def _accepted_on(awards: Iterable[Award], events: Iterable[Event]) -> dict[int, Award]:
    """Pull request number -> the challenge award its approval gave."""
    subjects = {event.id: event.subject for event in events if event.subject_type != "discussion"}
    found = {}
    for award in awards:
        if award.challenge:
            numbers = [subjects[i] for i in award.event_ids if i in subjects]
            if numbers:
                found[numbers[-1]] = award
    return found


def _acknowledge(
    pr: PullRequest,
    challenge: Challenge,
    announced: Announced,
    *,
    wait: dt.timedelta | None,
    language: str,
    who: tuple[str, ...],
) -> list[Action]:
    key = f"ack:{pr.number}"
    if pr.state != "open" or pr.opened_at < announced.since or key in announced.posted:
        return []
    body = text.acknowledgement(pr.author_login, challenge, wait=wait, language=language, reviewers=who)
    return [Post(key=key, subject=pr.number, body=f"{marker(key)}\n{body}")]


def _relabel(pr: PullRequest, *, accepted: Award | None, announced: Announced, mentors: frozenset[int]) -> list[Action]:
    if pr.state == "closed" or (pr.state == "merged" and pr.last_activity < announced.since):
        return []
    wanted = {SUBMISSION, f"{CHALLENGE_PREFIX}{pr.challenge}"}
    if accepted is not None:
        wanted.add(ACCEPTED)
    elif any(state == "changes_requested" for reviewer, state in pr.verdicts.items() if reviewer in mentors):
        wanted.add(NEEDS_CHANGES)
    current = set(pr.labels)
    add = tuple(sorted(wanted - current))
    remove = tuple(sorted(label for label in current - wanted if managed(label)))
    if not add and not remove:
        return []  # the events show the labels right; the bot's own changes come back through the sync
    return [Relabel(subject=pr.number, want=tuple(sorted(wanted)), add=add, remove=remove)]


NOT_A_CONTRIBUTION = frozenset({"join", "conduct"})  # answered by the community bot, never thanked for


def _welcomes(
    events: Iterable[Event],
    announced: Announced,
    *,
    handbook_url: str,
    language_of: Callable[[int | None], str],
    staff: frozenset[int],
) -> list[Action]:
    """A welcome on the first issue or pull request each learner opened, when it is recent. Joining and
    conduct reports get their own answer; mentors and maintainers need no welcome."""
    seen: set[int] = set(staff)
    actions: list[Action] = []
    for event in events:
        if event.kind not in (EventKind.issue_opened, EventKind.pr_opened) or event.actor_id is None:
            continue
        if event.is_bot or event.actor_id in seen or _form(event) & NOT_A_CONTRIBUTION:
            continue
        seen.add(event.actor_id)
        key = f"welcome:{event.actor_id}"
        if event.at >= announced.since and key not in announced.posted:
            body = text.welcome(
                event.actor_login or "", handbook_url=handbook_url, language=language_of(event.actor_id)
            )
            actions.append(Post(key=key, subject=event.subject, body=f"{marker(key)}\n{body}"))
    return actions


def _form(event: Event) -> set[str]:
    return {*event.labels, event.form or ""}


def award_key(award: Award) -> str:
    return f"award:{award.member_id}:{award.reason.removeprefix(CHALLENGE_PREFIX)}"


def _announce_awards(
    community: Community,
    ledger: Ledger,
    events: tuple[Event, ...],
    announced: Announced,
    *,
    challenges: dict[str, Challenge],
    now: dt.datetime,
) -> list[Action]:
    context = AwardContext(community, ledger)
    context.approvals = {e.id: e.at for e in events if e.kind is EventKind.review_submitted}
    actions: list[Action] = []
    for number, award in sorted(_accepted_on(ledger.awards, events).items()):
        key = award_key(award)
        challenge = challenges.get(award.reason.removeprefix(CHALLENGE_PREFIX))
        previous = announced.posted.get(key)
        if challenge is None or (award.at < announced.since and previous is None):
            continue
        if previous is not None and previous.status == "posted":
            continue
        approved = context.approvals.get(award.event_ids[-1])
        body = f"{marker(key)}\n" + context.text(award, challenge, today=now.date(), approved=approved)
        if previous is None:
            actions.append(Post(key=key, subject=number, body=body))
        else:  # revoked earlier, given back since
            actions.append(Edit(key=key, subject=previous.subject, body=body, status="posted"))
    return actions


def _revocations(
    ledger: Ledger,
    announced: Announced,
    *,
    challenges: dict[str, Challenge],
    language_of: Callable[[int | None], str],
) -> list[Action]:
    standing = {award_key(a) for a in ledger.awards if a.challenge}
    causes = {award_key(r.award): r.cause for r in ledger.revoked if r.award.challenge}
    actions: list[Action] = []
    for key, previous in sorted(announced.posted.items()):
        if not key.startswith("award:") or previous.status != "posted" or key in standing:
            continue
        challenge = challenges.get(key.split(":", 2)[2])
        body = text.revoked(challenge, cause=causes.get(key), language=language_of(int(key.split(":")[1])))
        actions.append(Edit(key=key, subject=previous.subject, body=f"{marker(key)}\n{body}", status="revoked"))
    return actions
