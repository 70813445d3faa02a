"""Concrete, dated evidence about one learner of a running cohort, in the mentors' language, and what a mentor
can do.

Each line is a fact a mentor can check on GitHub (« aucune activité depuis le 3 octobre », « sa question
du 28 septembre est restée sans réponse »), read from the events dated before the morning of `as_of`.
The same facts give the community-only features of the model (`signals`): required challenges not yet
submitted, pull requests waiting for a review, questions left unanswered, kudos received.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from entraide.content.i18n import Translator, translator
from entraide.content.models import Cohort, Community, Member
from entraide.events.model import Event, EventKind
from entraide.events.questions import Question, questions

SILENCE_DAYS = 10  # no activity for this long is worth a message
REVIEW_WAIT_DAYS = 3  # a pull request waiting this long for a first review is worth a nudge
REQUIRED_FROM_DAY = 21  # before three weeks into the cohort, nothing submitted yet is normal


def _action(kind: str, *, tr: Translator) -> str:
    actions = {
        "required": tr.gettext(
            "agree with them on a date for the first required challenge and offer a session with a buddy"
        ),
        "question": tr.gettext("answer their question this week (or hand it to a mentor of their track)"),
        "review": tr.gettext("review their pull request this week"),
        "changes": tr.gettext("go through the requested changes together and prepare the next version"),
        "silent": tr.gettext("check in: a message from their buddy this week"),
    }
    return actions[kind]


@dataclass(frozen=True)
class Line:
    kind: str  # required, question, review, changes or silent
    text: str


def evidence(
    member: Member,
    community: Community,
    events: tuple[Event, ...],
    cohort: Cohort,
    as_of: dt.date,
    *,
    tr: Translator | None = None,
) -> tuple[Line, ...]:
    """The dated facts, most actionable first (at most one line of each kind), in `tr`'s language (by default
    the community's)."""
    tr = tr or translator(community.rules.language)
    known = tuple(e for e in events if e.at.date() < as_of and e.at.date() >= cohort.start - dt.timedelta(days=60))
    lines = [
        _required(member, community, known, cohort, as_of, tr=tr),
        _question(member, known, tr=tr),
        _review(member, known, as_of, tr=tr),
        _changes(member, known, tr=tr),
        _silent(member, known, cohort, as_of, tr=tr),
    ]
    return tuple(line for line in lines if line is not None)


def action(lines: tuple[Line, ...], *, tr: Translator) -> str:
    return _action(lines[0].kind, tr=tr) if lines else tr.gettext("a word of encouragement is enough")


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
    member: Member, community: Community, known: tuple[Event, ...], cohort: Cohort, as_of: dt.date, *, tr: Translator
) -> Line | None:
    missing = [slug for slug in cohort.required_challenges if slug not in _submitted(member, known)]
    closes = {c.slug: c.closes for c in community.challenges}
    overdue = [slug for slug in missing if closes.get(slug) and closes[slug] < as_of]  # type: ignore[operator]
    if overdue:
        said = tr.gettext("{n} required challenge(s) due, none submitted ({slugs})")
        return Line("required", said.format(n=len(overdue), slugs=", ".join(overdue)))
    if not missing or (as_of - cohort.start).days < REQUIRED_FROM_DAY:
        return None
    total = len(cohort.required_challenges)
    done = (
        tr.gettext("none submitted")
        if len(missing) == total
        else tr.gettext("{n} not submitted").format(n=len(missing))
    )
    said = tr.gettext("{total} required challenge(s) to submit by {day}, {done} (day {today} of {days})")
    return Line(
        "required",
        said.format(
            total=total,
            day=tr.day_month(cohort.end),
            done=done,
            today=(as_of - cohort.start).days,
            days=(cohort.end - cohort.start).days,
        ),
    )


def _unanswered(member: Member, known: tuple[Event, ...]) -> list[Question]:
    """Their questions nobody else has replied to (a reply, even without a marked answer, is an answer)."""
    return [
        q
        for q in questions(known)
        if q.author_id == member.id and not (q.first_reply_at or q.answered_at or q.closed or q.moderated)
    ]


def _question(member: Member, known: tuple[Event, ...], *, tr: Translator) -> Line | None:
    waiting = _unanswered(member, known)
    if not waiting:
        return None
    said = tr.gettext("their question of {day} is still unanswered")
    return Line("question", said.format(day=tr.day_month(waiting[0].asked_at.date())))


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


def _review(member: Member, known: tuple[Event, ...], as_of: dt.date, *, tr: Translator) -> Line | None:
    waiting = _waiting_prs(member, known, as_of, days=REVIEW_WAIT_DAYS)
    if not waiting:
        return None
    first = min(waiting, key=lambda e: e.at)
    return Line(
        "review",
        tr.gettext("their pull request of {day} still waits for a review").format(day=tr.day_month(first.at.date())),
    )


def _changes(member: Member, known: tuple[Event, ...], *, tr: Translator) -> Line | None:
    mine = {e.thread for e in known if e.kind is EventKind.pr_opened and e.actor_id == member.id}
    closed = {e.thread for e in known if e.kind in (EventKind.pr_merged, EventKind.pr_closed)}
    for thread in sorted(mine - closed):
        reviews = [e for e in known if e.kind is EventKind.review_submitted and e.thread == thread]
        last = max(reviews, key=lambda e: e.at, default=None)
        pushed = [e for e in known if e.kind is EventKind.pr_head and e.thread == thread and last and e.at > last.at]
        if last is not None and last.state == "changes_requested" and not pushed:
            said = tr.gettext("changes requested on {day}, no new version since")
            return Line("changes", said.format(day=tr.day_month(last.at.date())))
    return None


def _silent(member: Member, known: tuple[Event, ...], cohort: Cohort, as_of: dt.date, *, tr: Translator) -> Line | None:
    own = [e.at.date() for e in known if e.actor_id == member.id and not e.is_bot]
    if not own:
        said = tr.gettext("no activity since the cohort began ({day})")
        return Line("silent", said.format(day=tr.day_month(cohort.start)))
    last = max(own)
    if (as_of - last).days < SILENCE_DAYS:
        return None
    return Line("silent", tr.gettext("no activity since {day}").format(day=tr.day_month(last)))
