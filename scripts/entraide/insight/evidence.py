"""Concrete, dated evidence about one learner of a running cohort, in French, and what a mentor can do.

Each line is a fact a mentor can check on GitHub (« aucune activité depuis le 3 octobre », « sa question
du 28 septembre est restée sans réponse »), read from the events dated before the morning of `as_of`.
The same facts give the community-only features of the model (`signals`): required challenges not yet
submitted, pull requests waiting for a review, questions left unanswered, kudos received.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from entraide.content.models import Cohort, Community, Member
from entraide.events.dates import day_month
from entraide.events.model import Event, EventKind
from entraide.events.questions import Question, questions

SILENCE_DAYS = 10  # no activity for this long is worth a message
REVIEW_WAIT_DAYS = 3  # a pull request waiting this long for a first review is worth a nudge
REQUIRED_FROM_DAY = 21  # before three weeks into the cohort, nothing submitted yet is normal

ACTIONS = {
    "required": "fixer avec elle ou lui une date pour le premier défi obligatoire et proposer un créneau en binôme",
    "question": "répondre à sa question cette semaine (ou la confier à un·e mentor de son parcours)",
    "review": "relire sa pull request cette semaine",
    "changes": "relire ensemble les changements demandés et préparer la prochaine version",
    "silent": "prendre des nouvelles : un message du ou de la binôme cette semaine",
}


@dataclass(frozen=True)
class Line:
    kind: str  # a key of ACTIONS
    text: str


def date_fr(day: dt.date) -> str:
    return day_month(day, "fr")


def evidence(
    member: Member, community: Community, events: tuple[Event, ...], cohort: Cohort, as_of: dt.date
) -> tuple[Line, ...]:
    """The dated facts, most actionable first (at most one line of each kind)."""
    known = tuple(e for e in events if e.at.date() < as_of and e.at.date() >= cohort.start - dt.timedelta(days=60))
    lines = [
        _required(member, community, known, cohort, as_of),
        _question(member, known),
        _review(member, known, as_of),
        _changes(member, known),
        _silent(member, known, cohort, as_of),
    ]
    return tuple(line for line in lines if line is not None)


def action(lines: tuple[Line, ...]) -> str:
    return ACTIONS[lines[0].kind] if lines else "un mot d'encouragement suffit"


def signals(
    member: Member, community: Community, events: tuple[Event, ...], cohort: Cohort, as_of: dt.date
) -> dict[str, float]:
    """Community-only features on `as_of`, from the same facts as the evidence."""
    known = tuple(e for e in events if e.at.date() < as_of and e.at.date() >= cohort.start - dt.timedelta(days=60))
    submitted = _submitted(member, known)
    kudos = sum(1 for e in known if not e.is_bot for k in e.kudos if k.login.casefold() == member.login.casefold())
    return {
        "required_not_submitted": float(len(set(cohort.required_challenges) - submitted)),
        "reviews_waiting": float(len(_waiting_prs(member, known, as_of, days=0))),
        "unanswered_questions": float(len(_unanswered(member, known))),
        "kudos_received": float(kudos),
    }


def _submitted(member: Member, known: tuple[Event, ...]) -> set[str]:
    return {
        str(e.challenge) for e in known if e.kind is EventKind.pr_opened and e.actor_id == member.id and e.challenge
    }


def _required(
    member: Member, community: Community, known: tuple[Event, ...], cohort: Cohort, as_of: dt.date
) -> Line | None:
    missing = [slug for slug in cohort.required_challenges if slug not in _submitted(member, known)]
    closes = {c.slug: c.closes for c in community.challenges}
    overdue = [slug for slug in missing if closes.get(slug) and closes[slug] < as_of]  # type: ignore[operator]
    if overdue:
        return Line("required", f"{len(overdue)} défi(s) obligatoire(s) dû(s), aucun rendu ({', '.join(overdue)})")
    if not missing or (as_of - cohort.start).days < REQUIRED_FROM_DAY:
        return None
    total = len(cohort.required_challenges)
    done = "aucun rendu" if len(missing) == total else f"{len(missing)} sans rendu"
    return Line(
        "required",
        f"{total} défi(s) obligatoire(s) à rendre d'ici le {date_fr(cohort.end)}, {done} "
        f"(jour {(as_of - cohort.start).days} sur {(cohort.end - cohort.start).days})",
    )


def _unanswered(member: Member, known: tuple[Event, ...]) -> list[Question]:
    """Their questions nobody else has replied to (a reply, even without a marked answer, is an answer)."""
    return [
        q
        for q in questions(known)
        if q.author_id == member.id and not (q.first_reply_at or q.answered_at or q.closed or q.moderated)
    ]


def _question(member: Member, known: tuple[Event, ...]) -> Line | None:
    waiting = _unanswered(member, known)
    if not waiting:
        return None
    return Line("question", f"sa question du {date_fr(waiting[0].asked_at.date())} est restée sans réponse")


def _waiting_prs(member: Member, known: tuple[Event, ...], as_of: dt.date, *, days: int) -> list[Event]:
    opened = [e for e in known if e.kind is EventKind.pr_opened and e.actor_id == member.id]
    done = {
        e.thread
        for e in known
        if e.subject_type == "pull"
        and (
            e.kind in (EventKind.pr_merged, EventKind.pr_closed)
            or (e.kind is EventKind.review_submitted and e.actor_id != member.id)
        )
    }
    return [e for e in opened if e.thread not in done and (as_of - e.at.date()).days >= days]


def _review(member: Member, known: tuple[Event, ...], as_of: dt.date) -> Line | None:
    waiting = _waiting_prs(member, known, as_of, days=REVIEW_WAIT_DAYS)
    if not waiting:
        return None
    first = min(waiting, key=lambda e: e.at)
    return Line("review", f"sa pull request du {date_fr(first.at.date())} attend toujours une revue")


def _changes(member: Member, known: tuple[Event, ...]) -> Line | None:
    mine = {e.thread for e in known if e.kind is EventKind.pr_opened and e.actor_id == member.id}
    closed = {e.thread for e in known if e.kind in (EventKind.pr_merged, EventKind.pr_closed)}
    for thread in sorted(mine - closed):
        reviews = [e for e in known if e.kind is EventKind.review_submitted and e.thread == thread]
        last = max(reviews, key=lambda e: e.at, default=None)
        pushed = [e for e in known if e.kind is EventKind.pr_head and e.thread == thread and last and e.at > last.at]
        if last is not None and last.state == "changes_requested" and not pushed:
            return Line("changes", f"changements demandés le {date_fr(last.at.date())}, pas de nouvelle version depuis")
    return None


def _silent(member: Member, known: tuple[Event, ...], cohort: Cohort, as_of: dt.date) -> Line | None:
    own = [e.at.date() for e in known if e.actor_id == member.id and not e.is_bot]
    if not own:
        return Line("silent", f"aucune activité depuis le début de la cohorte ({date_fr(cohort.start)})")
    last = max(own)
    if (as_of - last).days < SILENCE_DAYS:
        return None
    return Line("silent", f"aucune activité depuis le {date_fr(last)}")
