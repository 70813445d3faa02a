"""The cohort-wide threads of the simulated history: the welcome issue, pulse surveys, live events and
an account deleted since. Learners' own threads are in `demo.flows`."""

from __future__ import annotations

import datetime as dt

from entraide.content.models import AgendaItem, Surveys
from entraide.demo.flows import DAY, ask, react
from entraide.demo.history import BOT, GHOST, Actor, Cohort, History, Learner
from entraide.events.model import EventKind as K
from entraide.events.surveys import pulse_dates
from entraide.site.agenda import ends_at, starts_at


def pulse_surveys(history: History, cohort, group: Cohort, surveys: Surveys) -> None:
    """Feedback forms at the cohort's pulse weeks; those about to leave rate the programme lower."""
    rng = history.rng
    for week, monday in pulse_dates(cohort, surveys):
        for learner in group.learners:
            day = monday + rng.randrange(5) * DAY
            if not learner.active(day) or rng.random() > 0.55:
                continue
            leaving = learner.last_day < cohort.end
            rating = rng.choice((1, 2, 2, 3, 3, 4) if leaving else (3, 4, 4, 4, 5, 5))
            issue, at = history.subject(), history.moment(day)
            history.emit(
                at,
                K.issue_opened,
                learner.actor,
                issue,
                "issue",
                labels=["feedback"],
                form="feedback",
                rating=rating,
                title=f"Retour : semaine {week}",
            )
            mentor = group.mentor(rng, learner.member.track)
            if rating <= 2 and rng.random() < 0.7:
                history.comment(history.later(at, 2, 48), K.issue_comment, mentor, issue, "issue")
            history.emit(history.later(at, 24, 120), K.issue_closed, mentor, issue, "issue")


def welcome_thread(history: History, cohort, group: Cohort) -> None:
    """The cohort's introductions issue; a rare spam comment a mentor labels, and one label undone."""
    rng, issue = history.rng, history.subject()
    mentor = group.mentor(rng, None)
    at = dt.datetime.combine(cohort.start - 3 * DAY, dt.time(9, 0), dt.UTC)
    history.emit(
        at, K.issue_opened, mentor, issue, "issue", labels=["annonce"], title=f"Présentez-vous ! ({cohort.name})"
    )
    history.comment(history.later(at, 0.01, 0.1), K.issue_comment, BOT, issue, "issue")
    for learner in group.learners:
        if rng.random() < 0.8:
            when = history.moment(learner.first_day + rng.randrange(3) * DAY)
            cid = history.comment(when, K.issue_comment, learner.actor, issue, "issue")
            if rng.random() < 0.5:
                react(
                    history, group.mentor(rng, learner.member.track), issue, "issue", cid, history.later(when, 0.5, 20)
                )
    for n in range(max(1, len(group.learners) // 60)):
        spammer = group.learners[rng.randrange(len(group.learners))]
        at = history.moment(spammer.first_day + (n + 5) * DAY)
        cid = history.comment(at, K.issue_comment, spammer.actor, issue, "issue")
        history.emit(history.later(at, 1, 12), K.label_added, mentor, issue, "issue", label="spam", target_id=cid)
    honest = group.learners[rng.randrange(len(group.learners))]
    at = history.moment(honest.first_day + 2 * DAY)
    cid = history.comment(at, K.issue_comment, honest.actor, issue, "issue")
    history.emit(history.later(at, 1, 4), K.label_added, mentor, issue, "issue", label="off-topic", target_id=cid)
    history.emit(history.later(at, 5, 9), K.label_removed, mentor, issue, "issue", label="off-topic", target_id=cid)


def deleted_account(history: History, group: Cohort, cohort) -> None:
    """Someone who since deleted their GitHub account asked, answered and reacted (actor: none)."""
    someone = group.learners[history.rng.randrange(len(group.learners))]
    ask(history, someone, cohort.start + 9 * DAY, group, asker=GHOST)
    issue, at = history.subject(), history.moment(cohort.start + 12 * DAY)
    history.emit(
        at,
        K.issue_opened,
        someone.actor,
        issue,
        "issue",
        labels=["question"],
        form="question",
        title="Comment rebaser ma branche sur main ?",
    )
    cid = history.comment(history.later(at, 1, 5), K.issue_comment, GHOST, issue, "issue")
    react(history, someone.actor, issue, "issue", cid, history.later(at, 6, 10))
    react(history, GHOST, issue, "issue", None, history.later(at, 6, 10))


def agenda(
    history: History, items: tuple[AgendaItem, ...], learners: list[Learner], hosts: dict[str, Actor], fallback: Actor
) -> None:
    """Each live event's issue (its number as declared), a bot reminder, attendance comments."""
    rng = history.rng
    for item in sorted(items, key=lambda i: (starts_at(i), i.id)):
        issue = history.subject()
        if item.issue:
            history.reserved[issue] = item.issue
        host = hosts.get(item.host, fallback)
        start = starts_at(item).astimezone(dt.UTC)
        history.emit(start - 7 * DAY, K.issue_opened, host, issue, "issue", labels=["event"], title=item.title)
        history.comment(start - DAY, K.issue_comment, BOT, issue, "issue")
        for learner in learners:
            if (
                learner.active(start.date())
                and (item.track in (None, learner.member.track))
                and rng.random() < 0.7 * min(1.0, learner.zeal)
            ):
                when = start + dt.timedelta(minutes=rng.randrange(item.duration_minutes))
                if rng.random() < 0.7:
                    history.comment(when, K.issue_comment, learner.actor, issue, "issue")
                else:
                    react(history, learner.actor, issue, "issue", None, when)
        history.emit(ends_at(item).astimezone(dt.UTC) + DAY, K.issue_closed, host, issue, "issue")


def opportunity_board(history: History, learners: list[Learner], moderator: Actor) -> None:
    """Two offers near the end: an internship a mentor approves (it is published) and a job whose author
    put the `approved` label on it themself (it is not). No random draw: earlier events keep their bytes."""
    first = learners[0].member.cohort
    former = sorted((p for p in learners if p.member.cohort == first), key=lambda p: p.member.login)
    end = history.until.date()
    offers = (
        (former[0].actor, moderator, "Stage développeuse front-end accessible", "stage", "Atelier Numérique Solidaire"),
        (former[-1].actor, former[-1].actor, "CDI développeur Python", "emploi", "Agence Exemple"),
    )
    for n, (author, labeller, title, kind, organisation) in enumerate(offers):
        issue, at = history.subject(), dt.datetime.combine(end - (2 - n) * DAY, dt.time(10, 0), dt.UTC)
        fields = {
            "kind": kind,
            "organisation": organisation,
            "link": "https://example.org/offres/stage-front" if n == 0 else "https://example.org/offres/cdi",
            "deadline": (end + 30 * DAY).isoformat(),
            "description": "Six mois, télétravail possible, tutrice dédiée." if n == 0 else "Équipe de cinq.",
        }
        labels = ["opportunity"]
        history.emit(
            at, K.issue_opened, author, issue, "issue", labels=labels, form="opportunity", title=title, fields=fields
        )
        history.emit(at + DAY, K.label_added, labeller, issue, "issue", label="approved")
