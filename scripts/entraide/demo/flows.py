"""A learner's threads in the simulated history: a challenge pull request, a question, a discussion...

Each function plays one thread from its first event to its last and stops where the learner stops (a
learner who dropped out leaves their pull request to be closed by a mentor). Times only move forward
inside a thread; `History.emit` drops whatever falls after the end of the history.
"""

from __future__ import annotations

import datetime as dt

from entraide.content.models import Challenge
from entraide.demo.history import (
    BOT,
    Actor,
    Cohort,
    History,
    Learner,
    next_challenge,
    peers_welcome,
)
from entraide.demo.text import (
    DISCUSSION_TITLES,
    KUDOS_REASONS,
    QUESTION_TITLES,
    REACTIONS,
    challenge_pr_title,
)
from entraide.events.model import EventKind as K

DAY = dt.timedelta(days=1)


def keenness(week: int, weeks: int) -> float:
    """Activity rises over the first weeks, then wanes, with a last push before the cohort ends."""
    rise = min(1.0, 0.55 + 0.2 * week)
    fall = 1.0 - 0.5 * min(week, weeks) / weeks
    push = 0.3 if weeks - 2 <= week <= weeks else 0.0
    return max(0.1, rise * fall + push)


def learner_weeks(
    history: History,
    learner: Learner,
    *,
    cohort,
    group: Cohort,
    catalogue: tuple[Challenge, ...],
    weeks: range | None = None,
) -> int:
    """The learner's weeks (all, or those of `weeks`, counted from their first day) until they leave;
    returns how many threads they opened."""
    rng = history.rng
    span = max(1, (cohort.end - cohort.start).days // 7)
    day = learner.first_day + 7 * (weeks.start if weeks else 0) * DAY
    stop = learner.first_day + 7 * weeks.stop * DAY if weeks else dt.date.max
    free_from, opened = learner.free_from or learner.first_day, 0
    while day <= learner.last_day and day < stop:
        keen = learner.zeal * keenness((day - cohort.start).days // 7, span)
        when = day + rng.randrange(7) * DAY
        if when >= free_from and rng.random() < 0.6 * keen:
            challenge = next_challenge(rng, learner, catalogue, when)
            if challenge:
                free_from, opened = submit(history, learner, challenge, when, group), opened + 1
        if rng.random() < 0.35 * keen:
            ask(history, learner, day + rng.randrange(7) * DAY, group)
            opened += 1
        if rng.random() < 0.15 * keen:
            discuss(history, learner, day + rng.randrange(7) * DAY, group)
            opened += 1
        day += 7 * DAY
    learner.free_from = free_from
    return opened


def submit(history: History, learner: Learner, challenge: Challenge, day: dt.date, group: Cohort) -> dt.date:
    """One challenge pull request, from opening to merge or abandon; returns when the learner is free."""
    rng, me, pr = history.rng, learner.actor, history.subject()
    at, sha = history.moment(day), history.sha()
    title = challenge_pr_title(challenge.title, retry=learner.retry == challenge.slug)
    history.emit(at, K.pr_opened, me, pr, "pull", challenge=challenge.slug, sha=sha, title=title)
    history.emit(at + dt.timedelta(seconds=1), K.pr_head, me, pr, "pull", sha=sha)
    history.comment(history.later(at, 0.01, 0.05), K.pr_comment, BOT, pr, "pull")
    for label in ("submission", f"challenge:{challenge.slug}"):  # the bot labels every submission
        history.emit(history.later(at, 0.01, 0.05), K.label_added, BOT, pr, "pull", label=label)
    mentor = group.mentor(rng, challenge.track)
    peer_reviews(history, learner, pr, sha, at, group)
    at = history.later(at, 4, 72)
    if not learner.active(at.date()):
        return abandon(history, learner, pr, at, mentor)
    reviewed, sha, accepted = mentor_reviews(history, learner, pr, sha, at, mentor)
    if reviewed is None:
        return abandon(history, learner, pr, at, mentor)
    merged = history.later(reviewed, 0.5, 24)
    history.emit(merged, K.pr_merged, mentor, pr, "pull", sha=sha)
    if accepted:
        learner.accepted.add(challenge.slug)
    learner.retry = None if accepted else challenge.slug  # merged on a stale approval: submit again
    if rng.random() < 0.3:
        thank(history, me, mentor, pr, "pull", K.pr_comment, history.later(merged, 0.5, 30))
    return merged.date() + rng.randrange(4) * DAY


def mentor_reviews(history: History, learner: Learner, pr: int, sha: str, at: dt.datetime, mentor: Actor):
    """Approved on the head; changes requested then approved on the new head; or approved on a commit
    the learner then replaced (re-approved half the time). Returns (time, head sha, accepted)."""
    rng, me = history.rng, learner.actor
    roll = rng.random()
    if roll < 0.55:
        review(history, mentor, pr, "approved", sha, at)
        return at, sha, True
    if roll < 0.85:
        review(history, mentor, pr, "changes_requested", sha, at)
        history.emit(history.later(at, 0, 0.02), K.label_added, BOT, pr, "pull", label="needs-changes")
        for _ in range(rng.randint(1, 3)):
            history.comment(history.later(at, 0, 0.05), K.review_comment, mentor, pr, "pull")
        at = history.later(at, 12, 96)
        if not learner.active(at.date()):
            return None, sha, False
        sha = history.sha()
        history.emit(at, K.pr_head, me, pr, "pull", sha=sha)
        at = history.later(at, 4, 48)
        review(history, mentor, pr, "approved", sha, at)
        history.emit(history.later(at, 0, 0.02), K.label_removed, BOT, pr, "pull", label="needs-changes")
        return at, sha, True
    review(history, mentor, pr, "approved", sha, at)
    at, sha = history.later(at, 1, 24), history.sha()
    history.emit(at, K.pr_head, me, pr, "pull", sha=sha)
    if rng.random() < 0.5:
        at = history.later(at, 2, 48)
        review(history, mentor, pr, "approved", sha, at)
        return at, sha, True
    return at, sha, False


def review(history: History, reviewer: Actor, pr: int, state: str, sha: str, at: dt.datetime) -> None:
    history.emit(at, K.review_submitted, reviewer, pr, "pull", state=state, commit_id=sha)


def peer_reviews(history: History, learner: Learner, pr: int, sha: str, at: dt.datetime, group: Cohort):
    rng = history.rng
    if rng.random() < 0.4 and peers_welcome(history, learner, at.date()):
        peer = group.peer(rng, at.date(), besides=learner.actor)
        if peer:
            state = "approved" if rng.random() < 0.4 else "commented"
            review(history, peer, pr, state, sha, history.later(at, 2, 40))
            if rng.random() < 0.5:
                history.comment(history.later(at, 2, 40), K.review_comment, peer, pr, "pull")
    if rng.random() < 0.03:  # reviewing one's own pull request happens, and earns nothing
        review(history, learner.actor, pr, "commented", sha, history.later(at, 0.1, 2))


def abandon(history: History, learner: Learner, pr: int, at: dt.datetime, mentor: Actor) -> dt.date:
    history.emit(history.later(at, 24, 240), K.pr_closed, mentor, pr, "pull")
    return learner.last_day + DAY


def thank(
    history,
    giver: Actor,
    receiver: Actor,
    subject: int,
    subject_type: str,
    kind: K,
    at: dt.datetime,
    reply_to: int | None = None,
) -> int:
    reason = KUDOS_REASONS[history.rng.randrange(len(KUDOS_REASONS))]
    cid = history.comment(
        at,
        kind,
        giver,
        subject,
        subject_type,
        reply_to=reply_to,
        kudos=[{"login": receiver.login, "reason": reason}] if receiver.login else [],
    )
    if history.rng.random() < 0.6:
        react(history, receiver, subject, subject_type, cid, history.later(at, 0.5, 20))
    return cid


def react(history: History, who: Actor, subject: int, subject_type: str, cid: int | None, at: dt.datetime) -> None:
    content = REACTIONS[history.rng.randrange(len(REACTIONS))]
    target = {"target": "comment", "target_id": cid} if cid else {"target": "issue"}
    history.emit(at, K.reaction, who, subject, subject_type, content=content, **target)


def responder(
    history: History, group: Cohort, day: dt.date, *, track: str | None, besides: Actor, peers: bool = True
) -> Actor:
    if not peers or history.rng.random() < 0.35:
        return group.mentor(history.rng, track)
    return group.peer(history.rng, day, besides=besides) or group.mentor(history.rng, track)


def ask(history: History, learner: Learner, day: dt.date, group: Cohort, asker: Actor | None = None) -> None:
    """A question or help request: answered (or not), thanked, reacted to, closed."""
    rng, me, issue = history.rng, asker or learner.actor, history.subject()
    track = learner.member.track
    titles = QUESTION_TITLES.get(track or "") or QUESTION_TITLES["front"]
    at, form = history.moment(day), "help" if rng.random() < 0.2 else "question"
    history.emit(
        at, K.issue_opened, me, issue, "issue", labels=[form], form=form, title=titles[rng.randrange(len(titles))]
    )
    if rng.random() < 0.1:
        return  # some questions wait, unanswered
    helper = responder(history, group, day, track=track, besides=me, peers=peers_welcome(history, learner, day))
    at = history.later(at, 0.3, 30)
    answer = history.comment(at, K.issue_comment, helper, issue, "issue")
    if rng.random() < 0.35:
        other = responder(
            history, group, at.date(), track=track, besides=me, peers=peers_welcome(history, learner, at.date())
        )
        history.comment(history.later(at, 1, 24), K.issue_comment, other, issue, "issue", reply_to=answer)
    if rng.random() < 0.4:
        thank(history, me, helper, issue, "issue", K.issue_comment, history.later(at, 0.5, 12), answer)
    elif rng.random() < 0.6:
        react(history, me, issue, "issue", answer, history.later(at, 0.2, 12))
    if rng.random() < 0.08:
        history.emit(
            history.later(at, 1, 8), K.label_added, group.mentor(rng, track), issue, "issue", label="bonne-question"
        )
    closer = me if rng.random() < 0.65 else group.mentor(rng, track)
    history.emit(history.later(at, 2, 72), K.issue_closed, closer, issue, "issue")


def discuss(history: History, learner: Learner, day: dt.date, group: Cohort) -> None:
    """A discussion, mostly in Q&A: replies from others, the asker's follow-up, often a marked answer."""
    rng, me, number = history.rng, learner.actor, history.subject()
    category = "Q&A" if rng.random() < 0.8 else "General"
    at = history.moment(day)
    history.emit(
        at,
        K.discussion_created,
        me,
        number,
        "discussion",
        category=category,
        title=DISCUSSION_TITLES[rng.randrange(len(DISCUSSION_TITLES))],
    )
    replies = []
    for _ in range(rng.randint(0, 3)):
        at = history.later(at, 0.5, 36)
        author = responder(
            history,
            group,
            at.date(),
            track=learner.member.track,
            besides=me,
            peers=peers_welcome(history, learner, at.date()),
        )
        replies.append((history.comment(at, K.discussion_comment, author, number, "discussion"), author))
    if not replies:
        return
    history.comment(history.later(at, 0.5, 24), K.discussion_comment, me, number, "discussion", reply_to=replies[0][0])
    if category == "Q&A" and rng.random() < 0.7:
        cid, author = replies[rng.randrange(len(replies))]
        history.emit(
            history.later(at, 1, 48),
            K.discussion_answered,
            author,
            number,
            "discussion",
            comment_id=cid,
            marked_by_id=me.id,
        )
