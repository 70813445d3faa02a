"""What the core derives by the hundred thousand (awards, badges earned, leaderboard rows) is held in compact
structs; inside the ledger's pydantic models they validate and dump as the models they replaced. And the
caps, which count only the current day and week of time-ordered facts, still carry over within a week."""

from __future__ import annotations

import datetime as dt

from builders import community, ev, member
from entraide.content.models import Caps, Points
from entraide.scoring import ledger_json, score
from entraide.scoring.model import (
    Award,
    BadgeEarned,
    Leaderboard,
    LeaderboardRow,
    Ledger,
    Revocation,
    Standing,
)

AT = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


def sample() -> Ledger:
    award = Award(member_id=1, login="ana", points=50, reason="challenge:html", at=AT, event_ids=("pr", "review"))
    badges = (
        BadgeEarned(badge="html", name="HTML", at=AT.date(), challenge="html"),
        BadgeEarned(badge="premier-pas", name="Premier pas", at=AT.date()),
    )
    return Ledger(
        as_of=AT.date(),
        awards=(award,),
        revoked=(Revocation(award=award, cause="moderation:spam", event_ids=("label",)),),
        standings=(
            Standing(
                member_id=1,
                login="ana",
                points=50,
                level="Graine",
                badges=badges,
                accepted=("html",),
                streak_weeks=1,
                best_streak_weeks=1,
                last_active=AT.date(),
            ),
        ),
        leaderboards=(
            Leaderboard(
                id="all",
                title="All",
                window="all_time",
                rows=(LeaderboardRow(rank=1, member_id=1, login="ana", points=50),),
            ),
        ),
    )


def test_derived_values_dump_as_the_models_they_replaced():
    dumped = sample().model_dump(mode="json")
    award = {
        "member_id": 1,
        "login": "ana",
        "points": 50,
        "reason": "challenge:html",
        "at": "2026-03-02T09:30:00Z",
        "event_ids": ["pr", "review"],
    }
    assert dumped["awards"] == [award]
    assert dumped["revoked"] == [{"award": award, "cause": "moderation:spam", "event_ids": ["label"]}]
    assert dumped["standings"][0]["badges"] == [
        {"badge": "html", "name": "HTML", "at": "2026-03-02", "challenge": "html"},
        {"badge": "premier-pas", "name": "Premier pas", "at": "2026-03-02", "challenge": None},
    ]
    assert dumped["leaderboards"][0]["rows"] == [{"rank": 1, "member_id": 1, "login": "ana", "points": 50}]
    assert sample().model_dump()["awards"][0]["at"] == AT  # python mode keeps the datetime


def test_a_dumped_ledger_validates_back_to_the_same_ledger():
    ledger = sample()
    again = Ledger.model_validate(ledger.model_dump(mode="json"))
    assert again == ledger
    assert isinstance(again.awards[0], Award) and again.awards[0].at == AT
    assert ledger_json(again) == ledger_json(ledger)


def test_awards_are_values_equal_and_hashable():
    one = sample().awards[0]
    same = Award(1, "ana", 50, "challenge:html", AT, ("pr", "review"))
    assert one == same and hash(one) == hash(same) and len({one, same}) == 1
    assert one.challenge == "html" and one.why.kind == "challenge"


ANA, BEN = member("ana", 1), member("ben", 2)


def test_caps_reset_each_day_and_the_pair_cap_each_week():
    """Ana reviews Ben's pull request; one review counts a day, two a week between the same two people."""
    review = Points().review
    moments = [
        "2026-03-02T08:00",  # Monday
        "2026-03-02T20:00",  # Monday again: the day's cap is reached
        "2026-03-03T08:00",  # Tuesday: a new day
        "2026-03-04T08:00",  # Wednesday: the week's pair cap is reached
        "2026-03-09T08:00",  # next Monday: a new week
    ]
    events = [ev("pr_opened", "2026-03-01T09:00", BEN, 1, sha="s1")]
    events += [ev("review_submitted", at, ANA, 1, state="commented", commit_id="s1") for at in moments]
    caps = Caps(per_day=review, per_pair_per_week=2 * review, kudos_per_giver_per_week=10)
    ledger = score(community([ANA, BEN], caps=caps), events, as_of=dt.date(2026, 3, 31))
    got = [(a.at.date().isoformat(), a.points) for a in ledger.awards if a.member_id == ANA.id]
    assert got == [("2026-03-02", review), ("2026-03-03", review), ("2026-03-09", review)]
