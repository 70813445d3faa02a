"""A tiny community and an event builder for the KPI tests: three learners of one cohort, an outsider
learner, a mentor, a bot. Expectations in the tests are computed by hand from these."""

from __future__ import annotations

import datetime as dt
import itertools

from entraide.content.models import Challenge, Cohort, Community, Member, Privacy, Rules, Track
from entraide.events.model import Event
from entraide.scoring.model import Award, Ledger, Revocation

PEOPLE = {"alice": 1, "bruno": 2, "chloe": 3, "dan": 4, "mona": 10, "max": 11, "dependabot[bot]": 99, "ci-helper": 98}
COHORT = Cohort(
    id="c1", name="Cohorte 1", start=dt.date(2026, 1, 5), end=dt.date(2026, 2, 1), required_challenges=("html",)
)
_ids = itertools.count(1)


def member(login: str, *, role="learner", cohort="c1", joined=dt.date(2026, 1, 1), public=False) -> Member:
    return Member(
        login=login,
        id=PEOPLE[login],
        name=login.title(),
        role=role,
        cohort=cohort,
        joined=joined,
        public_profile=public,
    )


def community(*, min_group=2, members=None, threshold=5) -> Community:
    rules = Rules(
        name="Test",
        bots=("ci-helper",),
        cohorts=(COHORT,),
        privacy=Privacy(min_group_size=min_group),
        tracks=(
            Track(id="front", name="Front", mentors=("mona",)),
            Track(id="back", name="Back", mentors=("mona", "max")),
        ),
        mentor_load_threshold=threshold,
    )
    challenges = tuple(
        Challenge(slug=s, title=s.upper(), track=t, level=1, points=10, acceptance_criteria=("ok",))
        for s, t in (("html", "front"), ("api", "back"))
    )
    if members is None:
        members = (
            member("alice", public=True),
            member("bruno"),
            member("chloe"),
            member("dan", cohort=None),
            member("mona", role="mentor", cohort=None),
        )
    return Community(rules=rules, members=tuple(members), challenges=challenges)


def at(day: str, time: str = "12:00") -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}+00:00")


def ev(
    kind: str, when: dt.datetime | str, actor: str | None, subject: int = 1, stype: str = "issue", **payload
) -> Event:
    when = at(when) if isinstance(when, str) else when
    bot = actor is not None and actor.endswith("[bot]")
    return Event(
        id=f"ev-{next(_ids):05d}",
        kind=kind,
        at=when,
        actor_id=PEOPLE.get(actor) if actor else None,
        actor_login=actor,
        actor_type="Bot" if bot else "User",
        subject=subject,
        subject_type=stype,
        payload=payload,
    )


def accepted(login: str, slug: str, day: str) -> Award:
    return Award(
        member_id=PEOPLE[login],
        login=login,
        points=10,
        reason=f"challenge:{slug}",
        at=at(day),
        event_ids=(f"review-{login}-{slug}",),
    )


def ledger(awards=(), revoked=(), as_of=dt.date(2026, 3, 1)) -> Ledger:
    return Ledger(
        as_of=as_of,
        awards=tuple(awards),
        revoked=tuple(Revocation(award=a, cause="spam", event_ids=("x1",)) for a in revoked),
        standings=(),
        leaderboards=(),
    )
