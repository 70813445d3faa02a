"""« Ce qui aide »'s rows, read for every learner at once from the events of their windows (`kpis.exposed`,
`kpis.outcomes`), against the plain reading one learner at a time (`exposure` and `outcome` of `plain_rows`
over `build_index`), on random histories that stress what the fast path could get wrong: several cohorts,
late joiners (many start days), windows not over yet, events in the hours around the midnights that open
and close windows, threads of another repository, a thread opened twice, questions tied in time, kudos
naming a login in another case, agenda issues, feedback answers. Values are compared with their
types (`repr`): True and numpy's True are equal, but not the same row."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from entraide.content.models import (
    AgendaItem,
    Challenge,
    Cohort,
    Community,
    EffectRules,
    Exposure,
    Member,
    Outcome,
    Role,
    Rules,
    Track,
)
from entraide.events.model import Event
from entraide.kpis import build_history
from entraide.kpis.effects import rows
from entraide.scoring.model import Award
from kpi_fixtures import ledger
from plain_rows import first_day, rows_plainly

LOGINS = ["alice", "bruno", "chloe", "dan", "eve", "faye", "gus", "mona", "nobody"]
IDS = {login: n for n, login in enumerate(LOGINS, start=1)}
START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
KINDS = [
    ("issue_opened", "issue"),
    ("issue_comment", "issue"),
    ("pr_opened", "pull"),
    ("review_submitted", "pull"),
    ("pr_comment", "pull"),
    ("review_comment", "pull"),
    ("discussion_created", "discussion"),
    ("discussion_comment", "discussion"),
    ("discussion_answered", "discussion"),
    ("reaction", "issue"),
]
RULES = EffectRules(
    exposures=(
        Exposure(id="pair", kind="peer_help", days=10),
        Exposure(id="rapide", kind="quick_answer", days=20, hours=30),
        Exposure(id="rapide-court", kind="quick_answer", days=3, hours=4),
        Exposure(id="kudos", kind="kudos_received", days=25),
        Exposure(id="atelier", kind="event_attended", days=30),
        Exposure(id="pair-long", kind="peer_help", days=60),
    ),
    outcomes=(
        Outcome(id="actif", kind="active_from_week", week=3),
        Outcome(id="actif-tard", kind="active_from_week", week=9),
        Outcome(id="defis", kind="completed_required"),
        Outcome(id="satisfaction", kind="satisfaction"),
    ),
    early_days=5,
)

FIRST_DAYS = [dt.date(2026, 1, d) for d in (1, 5, 11, 21)] + [dt.date(2026, 2, d) for d in (2, 10)]
EDGES = sorted({d + dt.timedelta(days=n) for d in FIRST_DAYS for n in (0, 3, 5, 10, 20, 25, 30, 60)})


def _community(rng: random.Random) -> Community:
    cohorts = (
        Cohort(id="a", name="A", start=dt.date(2026, 1, 5), end=dt.date(2026, 2, 20), required_challenges=("html",)),
        Cohort(id="b", name="B", start=dt.date(2026, 2, 2), end=dt.date(2026, 4, 30), required_challenges=()),
        Cohort(id="later", name="L", start=dt.date(2026, 6, 1), end=dt.date(2026, 7, 1)),
    )
    members = [
        Member(
            login=login.title() if rng.random() < 0.3 else login,
            id=IDS[login],
            name=login.title(),
            role="mentor" if login == "mona" else ("learner" if rng.random() < 0.85 else "mentor"),
            cohort=rng.choice(["a", "a", "b", "later", None]) if login != "mona" else None,
            joined=dt.date(2026, 1, 1) + dt.timedelta(days=rng.choice([0, 0, 0, 10, 20, 40])),
        )
        for login in LOGINS[:-1]
    ]
    agenda = (
        AgendaItem(id="w1", title="W", kind="workshop", start=dt.datetime(2026, 1, 20, 18), host="mona", issue=3),
        AgendaItem(id="w2", title="W", kind="webinar", start=dt.datetime(2026, 2, 20, 18), host="mona", issue=7),
    )
    rules = Rules(
        name="Test",
        cohorts=cohorts,
        tracks=(Track(id="front", name="Front", mentors=("mona",)),),
        agenda=agenda,
        effects=RULES,
    )
    challenge = Challenge(slug="html", title="HTML", track="front", level=1, points=10, acceptance_criteria=("ok",))
    return Community(rules=rules, members=tuple(members), challenges=(challenge,))


def _events(rng: random.Random, count: int) -> list[Event]:
    events = []
    for n in range(count):
        kind, stype = rng.choice(KINDS)
        at = _moment(rng)
        payload: dict = {}
        if kind == "issue_opened":
            payload = rng.choice(
                [
                    {},
                    {"form": "question"},
                    {"labels": ["Help"]},
                    {"form": "feedback", "rating": rng.choice([2, 5, "4"])},
                ]
            )
        elif kind == "discussion_created":
            payload = {"category": rng.choice(["Q&A", "General"])}
        elif kind.endswith("_comment"):
            payload = {"comment_id": n}
            if rng.random() < 0.25:
                payload["kudos"] = [{"login": rng.choice(["Chloe", "alice", "EVE", "nobody"]), "reason": "merci"}]
        subject, repo = rng.randrange(1, 12), "org/other" if rng.random() < 0.15 else None
        events.append(_event(f"ev-{n:05d}", kind, at, rng.choice([*LOGINS, None]), subject, stype, payload, repo))
        if kind in ("issue_opened", "discussion_created") and rng.random() < 0.6:  # a quick reply, or not so quick
            reply = "issue_comment" if stype == "issue" else "discussion_comment"
            later = at + dt.timedelta(hours=rng.choice((0, 1, 3, 20, 29, 30, 31, 50)))
            login = rng.choice([*LOGINS, None])
            events.append(_event(f"ev-{n:05d}r", reply, later, login, subject, stype, {"comment_id": -n}, repo))
    return events


def _moment(rng: random.Random) -> dt.datetime:
    """Any hour of the history, or hours around the midnight that opens or closes a window."""
    if rng.random() < 0.5:
        return START + dt.timedelta(hours=rng.randrange(0, 24 * 110))
    day = rng.choice(EDGES)
    return dt.datetime.combine(day, dt.time(), dt.UTC) + dt.timedelta(hours=rng.choice((-9, -5, -1, 0, 1, 5, 9)))


def _event(id_, kind, at, login, subject, stype, payload, repo) -> Event:
    return Event(
        id=id_,
        kind=kind,
        at=at,
        actor_id=IDS.get(login) if login else None,
        actor_login=login,
        subject=subject,
        subject_type=stype,
        payload=payload,
        repo=repo,
    )


@pytest.mark.parametrize("seed", range(16))
@pytest.mark.parametrize("as_of", [dt.date(2026, 1, 12), dt.date(2026, 2, 25), dt.date(2026, 4, 22)])
def test_rows_read_at_once_are_therows_plainly(seed, as_of):
    rng = random.Random(seed)
    community = _community(rng)
    events = _events(rng, 500)
    if seed % 2 == 0:
        events.sort(key=lambda e: (e.at, e.id))  # the store's order; odd seeds go through the history's sort
    history = build_history(community, events, as_of=as_of)
    awards = [
        Award(
            member_id=m.id,
            login=m.login,
            points=10,
            reason="challenge:html",
            at=dt.datetime(2026, 2, rng.randrange(1, 28), 12, tzinfo=dt.UTC),
            event_ids=(f"review-{m.id}",),
        )
        for m in community.members
    ]
    the_ledger = ledger(awards=awards[: rng.randrange(len(awards) + 1)], as_of=as_of)
    want = rows_plainly(history, the_ledger)
    assert repr(rows(history, ledger=the_ledger)) == repr(want)


def test_the_first_question_of_two_asked_at_once_is_the_first_thread_by_kind_then_number():
    community = _community(random.Random(0))
    learner = next(m for m in community.members if m.role is Role.learner and m.cohort == "a")
    other = next(m for m in community.members if m.id != learner.id)
    asked = dt.datetime.combine(first_day(learner, community.rules.cohorts[0]), dt.time(9), dt.UTC)
    events = [  # the issue, answered at once, comes first in the history; the discussion, never answered
        _event("ev-1", "issue_opened", asked, learner.login, 4, "issue", {"form": "question"}, None),
        _event("ev-2", "discussion_created", asked, learner.login, 9, "discussion", {"category": "Q&A"}, None),
        _event("ev-3", "issue_comment", asked + dt.timedelta(hours=1), other.login, 4, "issue", {}, None),
    ]
    history = build_history(community, events, as_of=dt.date(2026, 4, 22))
    found = {r.exposed["rapide"] for r in rows(history, ledger=None) if r.early}
    assert found == {False} and repr(rows(history, ledger=None)) == repr(rows_plainly(history, None))
