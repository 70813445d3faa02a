"""The community's event store mapped onto learner timelines, past cohorts' outcomes, and today's risks.

A learner's day 0 is their cohort's start. Activity is every event they caused; deadlines are the
`closes` dates of their cohort's required challenges and of their track's challenges; submissions are
challenge pull requests, scored by their reviews (approved 100, changes requested 40, as the reviews
stood on the cutoff day). Questions, answers, peers met in threads and contact with a mentor or their
buddy come from issues, discussions and comments.

Outcome of a finished cohort (the label the model learns): completed when every required challenge was
accepted by the cohort's end (as `entraide.scoring` accepts them); otherwise at risk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from entraide.content.models import Cohort, Community, Member, Role
from entraide.events.model import Event, EventKind
from entraide.insight import risk
from entraide.insight.evidence import Line, evidence, signals
from entraide.insight.features import Social, Submission, Timeline, cohort_features

QUESTION_FORMS = frozenset({"question", "help"})
REVIEW_SCORES = {"approved": 100.0, "changes_requested": 40.0}
COMMENTS = frozenset(
    {EventKind.issue_comment, EventKind.pr_comment, EventKind.review_comment, EventKind.discussion_comment}
)


COMMUNITY_FEATURES = (
    "due",
    "missing",
    "late",
    "on_time",
    "required_not_submitted",
    "reviews_waiting",
    "days_since_last_activity",
    "active_days",
    "active_days_last_two_weeks",
    "activity_rank_in_cohort",
    "questions_asked",
    "unanswered_questions",
    "answers_given",
    "kudos_received",
    "buddy_contacts",
    "peers",
)


@dataclass(frozen=True)
class Assessment:
    as_of: dt.date
    risks: tuple[risk.Risk, ...]  # riskiest first
    method: str  # "model", or "rules" (no history, or a model that failed its validation)
    trained_on: int  # learners of the ended cohorts the model learnt from (0 without enough history)
    trained_cohorts: tuple[str, ...]
    evidence: dict[str, tuple[Line, ...]] = field(default_factory=dict)
    validation: dict[str, Any] | None = None
    running: tuple[Cohort, ...] = ()
    cohorts: tuple[Cohort, ...] = ()


def assess(
    community: Community, events: tuple[Event, ...], *, as_of: dt.date, buddies: dict[str, str] | None = None
) -> Assessment:
    """Risk of every learner of the cohorts running on `as_of`, learnt from the cohorts already ended."""
    running = [c for c in community.rules.cohorts if c.start <= as_of <= c.end]
    past = [c for c in community.rules.cohorts if c.end < as_of]
    rows_all: list[dict[str, float]] = []
    keys_all: list[str] = []
    said: dict[str, tuple[Line, ...]] = {}
    for cohort in running:
        day = (as_of - cohort.start).days
        rows, keys = cohort_rows(community, events, cohort, day, buddies=buddies)
        rows_all, keys_all = rows_all + rows, keys_all + keys
        by_login = {m.login: m for m in _learners(community, cohort)}
        said.update({k: evidence(by_login[k], community, events, cohort, as_of) for k in keys})
    day = (as_of - running[0].start).days if running else 0
    rows_past, labels, per_cohort = _history(community, events, past, day=day, buddies=buddies or {})
    trained = risk.can_train(labels) and bool(rows_all)
    checked = validate(rows_past, labels, per_cohort) if trained else None
    if trained and risk.validates(checked):
        out = risk.predict(risk.train(rows_past, labels, names=COMMUNITY_FEATURES), rows_all, keys_all)
    else:  # no history, or a model that does not beat chance on it: the transparent rules rank
        out = [risk.rules(row, key) for row, key in zip(rows_all, keys_all)]
    out.sort(key=lambda r: (-r.probability, r.key))
    return Assessment(
        as_of,
        tuple(out),
        "model" if risk.validates(checked) else "rules",
        len(labels) if trained else 0,
        tuple(c.id for c in past) if trained else (),
        evidence=said,
        validation=checked,
        running=tuple(running),
        cohorts=tuple(community.rules.cohorts),
    )


def cohort_rows(
    community: Community, events: tuple[Event, ...], cohort: Cohort, day: int, *, buddies: dict[str, str] | None
) -> tuple[list[dict[str, float]], list[str]]:
    """Features of the cohort's learners on its `day`: the shared ones plus what only Entraide sees."""
    timelines = cohort_timelines(community, events, cohort, day, buddies=buddies)
    rows = cohort_features(timelines, day)
    by_login = {m.login: m for m in _learners(community, cohort)}
    when = cohort.start + dt.timedelta(days=day)
    for row, t in zip(rows, timelines):
        row.update(signals(by_login[t.key], community, events, cohort, when))
    return rows, [t.key for t in timelines]


def validate(rows: list[dict[str, float]], labels: list[bool], cohorts: list[str]) -> dict[str, Any]:
    """How the model ranks learners it did not learn from, on the ended cohorts: with two or more, trained on
    the earlier ones and scored on the last; with one, leave-one-learner-out inside it."""
    names = sorted(set(cohorts), key=cohorts.index)
    if len(names) >= 2 and risk.can_train([y for y, c in zip(labels, cohorts) if c != names[-1]]):
        fit = [i for i, c in enumerate(cohorts) if c != names[-1]]
        check = [i for i, c in enumerate(cohorts) if c == names[-1]]
        model = risk.train([rows[i] for i in fit], [labels[i] for i in fit], names=COMMUNITY_FEATURES)
        scores = list(risk.probabilities(model, [rows[i] for i in check]))
        how = {"how": "split", "fitted": names[:-1], "measured": names[-1]}  # worded by the report
        return {**how, **risk.top_share_metrics([labels[i] for i in check], scores)}
    scores = []
    for i in range(len(rows)):
        rest = [j for j in range(len(rows)) if j != i]
        if not risk.can_train([labels[j] for j in rest]):
            return {"how": "too_little", "scored": 0}
        model = risk.train([rows[j] for j in rest], [labels[j] for j in rest], names=COMMUNITY_FEATURES)
        scores.append(float(risk.probabilities(model, [rows[i]])[0]))
    return {"how": "leave_one_out", "fitted": names, **risk.top_share_metrics(labels, scores)}


def outcomes(community: Community, events: tuple[Event, ...], cohort: Cohort) -> dict[str, bool]:
    """login -> at risk (required challenges not all accepted by the cohort's end)."""
    from entraide.scoring import score

    ledger = score(community, events, as_of=cohort.end)
    accepted = {s.login: set(s.accepted) for s in ledger.standings}
    required = set(cohort.required_challenges)
    return {m.login: not required <= accepted.get(m.login, set()) for m in _learners(community, cohort)}


def _history(
    community: Community, events: tuple[Event, ...], past: list[Cohort], *, day: int, buddies: dict[str, str]
) -> tuple[list[dict[str, float]], list[bool], list[str]]:
    """Rows of the ended cohorts' learners at the same day of their cohort, their outcome, their cohort."""
    rows: list[dict[str, float]] = []
    labels: list[bool] = []
    which: list[str] = []
    for cohort in past:
        labelled = outcomes(community, events, cohort)
        found, keys = cohort_rows(
            community, events, cohort, min(day, (cohort.end - cohort.start).days), buddies=buddies
        )
        rows, labels, which = rows + found, labels + [labelled[k] for k in keys], which + [cohort.id] * len(keys)
    return rows, labels, which


def _learners(community: Community, cohort: Cohort) -> list[Member]:
    return sorted(
        (m for m in community.members if m.role is Role.learner and m.cohort == cohort.id), key=lambda m: m.login
    )


def cohort_timelines(
    community: Community, events: tuple[Event, ...], cohort: Cohort, day: int, *, buddies: dict[str, str] | None = None
) -> list[Timeline]:
    """Each learner's history in `cohort`, from the events dated before the morning of `day`.
    Events are grouped once by the member they concern, so the cost is linear in events and members."""
    cutoff, opened = cohort.start + dt.timedelta(days=day), cohort.start - dt.timedelta(days=60)
    known = [e for e in events if opened <= e.at.date() < cutoff]
    learners = _learners(community, cohort)
    ids = {m.id for m in learners}
    authors = {
        e.thread: e.actor_id
        for e in known
        if e.kind in (EventKind.issue_opened, EventKind.pr_opened, EventKind.discussion_created)
    }
    concerning: dict[int, list[Event]] = {i: [] for i in ids}
    for e in known:
        author = authors.get(e.thread)
        for who in {e.actor_id, author} & ids:
            if who is not None:
                concerning[who].append(e)
    by_id = {m.id: m for m in community.members}
    return [
        Timeline(
            key=m.login,
            group=cohort.id,
            registered=(m.joined - cohort.start).days,
            activity=_activity([e for e in concerning[m.id] if e.actor_id == m.id and not e.is_bot], cohort.start),
            deadlines=_deadlines(m, community, cohort),
            submissions=_submissions(m, concerning[m.id], cohort.start),
            social=_social(m, concerning[m.id], authors, by_id, cohort.start, buddy=(buddies or {}).get(m.login)),
        )
        for m in learners
    ]


def _day(event: Event, start: dt.date) -> int:
    return (event.at.date() - start).days


def _activity(mine: list[Event], start: dt.date) -> dict[int, int]:
    days: dict[int, int] = {}
    for e in mine:
        days[_day(e, start)] = days.get(_day(e, start), 0) + 1
    return days


def _deadlines(member: Member, community: Community, cohort: Cohort) -> dict[str, int]:
    relevant = [
        c
        for c in community.challenges
        if c.closes
        and cohort.start <= c.closes <= cohort.end
        and (c.slug in cohort.required_challenges or c.track == member.track)
    ]
    return {c.slug: (c.closes - cohort.start).days for c in relevant if c.closes is not None}


def _submissions(member: Member, known: list[Event], start: dt.date) -> tuple[Submission, ...]:
    opened = {e.thread: e for e in known if e.kind is EventKind.pr_opened and e.actor_id == member.id and e.challenge}
    reviews: dict[tuple[str, int], list[Event]] = {}
    for e in known:
        if e.kind is EventKind.review_submitted and e.thread in opened and e.actor_id != member.id:
            reviews.setdefault(e.thread, []).append(e)
    out = []
    for number, pr in sorted(opened.items()):
        states = [r.state for r in reviews.get(number, ())]
        scored = [REVIEW_SCORES[s] for s in states if s in REVIEW_SCORES]
        out.append(
            Submission(
                str(pr.challenge),
                _day(pr, start),
                scored[-1] if scored else None,
                changes_requested="changes_requested" in states,
            )
        )
    return tuple(out)


def _social(
    member: Member,
    known: list[Event],
    authors: dict[tuple[str, int], int | None],
    by_id: dict[int, Member],
    start: dt.date,
    *,
    buddy: str | None,
) -> tuple[Social, ...]:
    out = []
    for e in known:
        author = authors.get(e.thread)
        if e.actor_id == member.id:
            out += _own_social(e, author, by_id, start, member=member, buddy=buddy)
        elif author == member.id and e.kind in COMMENTS and e.actor_id in by_id and not e.is_bot:
            other = by_id[e.actor_id]
            kind = "buddy" if other.role is Role.mentor or other.login == buddy else "peer"
            out.append(Social(_day(e, start), kind, other.login))
    return tuple(out)


def _own_social(
    e: Event, author: int | None, by_id: dict[int, Member], start: dt.date, *, member: Member, buddy: str | None
) -> list[Social]:
    day = _day(e, start)
    if e.kind is EventKind.discussion_created or (e.kind is EventKind.issue_opened and e.form in QUESTION_FORMS):
        return [Social(day, "question")]
    if e.kind is EventKind.discussion_answered:
        return [Social(day, "answer")]
    if e.kind in COMMENTS and author is not None and author != member.id and author in by_id:
        other = by_id[author]
        kind = "buddy" if other.role is Role.mentor or other.login == buddy else "peer"
        return [Social(day, kind, other.login)]
    return []
