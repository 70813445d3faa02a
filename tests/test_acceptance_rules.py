"""Rules that are shown are rules that hold: track mentors, deadlines, prerequisites, the review window.

Each test fails when its rule is removed (literal histories, then the example community).
"""

from __future__ import annotations

import datetime as dt

import pytest

from builders import challenge, community, ev, member
from entraide.content.loader import load_community
from entraide.content.models import Acceptance, Caps, ChallengeRule, Track
from entraide.events import store
from entraide.scoring import score
from test_example_community import REPO

ANA = member("ana", 1, track="front")
CLEO = member("cleo", 3, role="mentor")  # front's mentor
DEV = member("dev", 5, role="mentor")  # back's mentor
MAX = member("max", 4, role="maintainer")
HTML = challenge("html", points=40)
CSS = challenge("css", points=30, prerequisites=("html",))
LATE = challenge("late", points=60, closes=dt.date(2026, 3, 10))
TRACKS = (Track(id="front", name="Front", mentors=("cleo",)), Track(id="back", name="Back", mentors=("dev",)))
NO_CAPS = Caps(per_day=1000, per_pair_per_week=1000, kudos_per_giver_per_week=1000)


def ledger_of(events, as_of=dt.date(2026, 6, 30), tracks=TRACKS, **acceptance):
    world = community(
        [ANA, CLEO, DEV, MAX], [HTML, CSS, LATE], tracks=tracks, caps=NO_CAPS, acceptance=Acceptance(**acceptance)
    )
    return score(world, events, as_of=as_of)


def submit(number, slug, *, reviewer=CLEO, at="2026-03-03", opened="2026-03-02"):
    return [
        ev("pr_opened", opened, ANA, number, challenge=slug, sha=f"s{number}"),
        ev("review_submitted", at, reviewer, number, state="approved", commit_id=f"s{number}"),
    ]


def challenges_of(ledger):
    return {a.reason: (a.points, a.at.date().isoformat()) for a in ledger.awards if a.challenge}


def causes(ledger):
    return {r.award.reason: r.cause for r in ledger.revoked if r.award.challenge}


# --------------------------------------------------------------------------- track mentors


@pytest.mark.parametrize(
    "reviewer, tracks, accepted",
    [
        (CLEO, TRACKS, True),  # front's mentor
        (DEV, TRACKS, False),  # a mentor, of another track
        (MAX, TRACKS, False),  # maintainers merge; they accept only when listed for the track
        (MAX, (Track(id="front", name="Front", mentors=("cleo", "max")),), True),
        (DEV, (Track(id="front", name="Front", mentors=("cleo",), any_mentor=True),), True),  # the track says so
        (DEV, (Track(id="front", name="Front"),), True),  # no mentor listed: any mentor
    ],
)
def test_only_a_mentor_of_the_challenges_track_accepts_it(reviewer, tracks, accepted):
    ledger = ledger_of(submit(20, "html", reviewer=reviewer), tracks=tracks)
    assert ("challenge:html" in challenges_of(ledger)) is accepted


# --------------------------------------------------------------------------- deadlines


def test_an_acceptance_after_the_deadline_is_refused_by_default():
    ledger = ledger_of(submit(20, "late", at="2026-05-15"))
    assert challenges_of(ledger) == {}
    assert causes(ledger) == {"challenge:late": "deadline:2026-03-10"}
    assert challenges_of(ledger_of(submit(20, "late", at="2026-03-10"))) == {"challenge:late": (60, "2026-03-10")}


def test_a_challenge_may_accept_late_for_a_share_of_its_points():
    rule = {"late": ChallengeRule(late="accept", late_share=0.25)}
    ledger = ledger_of(submit(20, "late", at="2026-05-15"), challenges=rule)
    assert challenges_of(ledger) == {"challenge:late": (15, "2026-05-15")}


# --------------------------------------------------------------------------- prerequisites


def test_an_acceptance_is_held_until_its_prerequisites_are_accepted():
    css_first = submit(21, "css", at="2026-03-03")
    assert challenges_of(ledger_of(css_first)) == {}
    assert causes(ledger_of(css_first)) == {"challenge:css": "prerequisites_pending:html"}
    both = css_first + submit(22, "html", at="2026-03-20", opened="2026-03-19")
    assert challenges_of(ledger_of(both)) == {"challenge:html": (40, "2026-03-20"), "challenge:css": (30, "2026-03-20")}


def test_a_challenge_may_refuse_an_acceptance_whose_prerequisites_came_later():
    events = submit(21, "css", at="2026-03-03") + submit(22, "html", at="2026-03-20", opened="2026-03-19")
    ledger = ledger_of(events, challenges={"css": ChallengeRule(prerequisites="refuse")})
    assert challenges_of(ledger) == {"challenge:html": (40, "2026-03-20")}
    assert causes(ledger) == {"challenge:css": "prerequisites_refused:html"}


# --------------------------------------------------------------------------- the review window


def test_points_stay_pending_for_the_review_window_and_boards_count_final_points():
    events = submit(20, "html", at="2026-03-03")
    inside = ledger_of(events, as_of=dt.date(2026, 3, 5))
    ana = next(s for s in inside.standings if s.login == "ana")
    assert (ana.points, ana.pending_points) == (40, 40)
    assert [row.login for row in inside.leaderboards[0].rows if row.login == "ana"] == []
    both = ledger_of(events, as_of=dt.date(2026, 3, 5), boards="both").leaderboards[0].rows
    assert [(row.login, row.points) for row in both if row.login == "ana"] == [("ana", 40)]
    final = next(s for s in ledger_of(events, as_of=dt.date(2026, 3, 6)).standings if s.login == "ana")
    assert (final.points, final.pending_points) == (40, 0)


def test_a_moderation_label_inside_the_window_removes_the_points_before_they_are_final():
    events = submit(20, "html", at="2026-03-03") + [ev("label_added", "2026-03-04", CLEO, 20, label="spam")]
    ledger = ledger_of(events, as_of=dt.date(2026, 3, 5))
    assert challenges_of(ledger) == {} and causes(ledger) == {"challenge:html": "moderation:spam"}


# --------------------------------------------------------------------------- on the example community


def test_on_the_example_community_a_closed_challenge_refuses_what_came_after(tmp_path):
    example = load_community(REPO)
    history = store.load(REPO / "data")
    as_of = max(e.at for e in history).date()
    before = [a for a in score(example, history, as_of=as_of).awards if a.challenge == "html-semantique"]
    closes = sorted(a.at.date() for a in before)[len(before) // 2]
    shut = example.model_copy(
        update={
            "challenges": tuple(
                c.model_copy(update={"closes": closes}) if c.slug == "html-semantique" else c
                for c in example.challenges
            )
        }
    )
    after = score(shut, history, as_of=as_of)
    kept = [a for a in after.awards if a.challenge == "html-semantique"]
    assert kept and all(a.at.date() <= closes for a in kept)
    refused = [r for r in after.revoked if r.cause == f"deadline:{closes}"]
    assert len(kept) + len(refused) == len(before)
    # prerequisites of html-semantique are held or refused too: css-responsive needs it
    lost = {a.login for a in before if a.at.date() > closes}
    css = {a.login for a in after.awards if a.challenge == "css-responsive"}
    assert not (lost & css)


# --------------------------------------------------------------------------- the bot says which rule applied


def bot_posts(events, now, **acceptance):
    from entraide.bot.feedback.plan import Announced, Post, plan

    world = community(
        [ANA, CLEO, DEV, MAX], [HTML, CSS, LATE], tracks=TRACKS, caps=NO_CAPS, acceptance=Acceptance(**acceptance)
    )
    ledger = score(world, events, as_of=now.date())
    since = Announced(since=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    actions = plan(world, ledger, tuple(events), since, now=now, handbook_url="https://example.org/")
    return {a.key: a.body for a in actions if isinstance(a, Post)}


def test_the_bot_tells_the_learner_which_rule_applied():
    late = bot_posts(submit(20, "late", at="2026-05-15"), dt.datetime(2026, 5, 16, tzinfo=dt.UTC))
    assert "date limite (2026-03-10)" in late["refused:1:late"] and "aucun point" in late["refused:1:late"]
    shared = bot_posts(
        submit(20, "late", at="2026-05-15"),
        dt.datetime(2026, 5, 16, tzinfo=dt.UTC),
        challenges={"late": ChallengeRule(late="accept", late_share=0.5)},
    )
    assert "donne 50 % des points" in shared["award:1:late"]
    assert "**en attente de validation** jusqu'au 18 mai 2026" in shared["award:1:late"]
    held = bot_posts(submit(21, "css"), dt.datetime(2026, 3, 4, tzinfo=dt.UTC))
    assert "prérequis ne sont pas encore acceptés (`html`)" in held["refused:1:css"]


# --------------------------------------------------------------------------- team challenges

BEN = member("ben", 2, track="front")
ZOE = member("zoe", 6, track="front")
DUO = challenge("duo", points=50, team=True, team_size=2)


def team_ledger(events):
    world = community([ANA, BEN, ZOE, CLEO, DEV], [HTML, DUO], tracks=TRACKS, caps=NO_CAPS)
    return score(world, events, as_of=dt.date(2026, 6, 30))


def team_pr(number, slug, team, reviewer=CLEO, author=ANA):
    return [
        ev("pr_opened", "2026-03-02", author, number, challenge=slug, sha=f"t{number}", team=team),
        ev("review_submitted", "2026-03-03", reviewer, number, state="approved", commit_id=f"t{number}"),
    ]


def accepted_by(ledger):
    return sorted((a.login, a.reason, a.points) for a in ledger.awards if a.challenge)


def test_a_team_challenge_awards_each_member_of_the_team_once():
    both = team_ledger(team_pr(30, "duo", ["ben"]) + team_pr(31, "duo", ["ana"], author=BEN))
    assert accepted_by(both) == [("ana", "challenge:duo", 50), ("ben", "challenge:duo", 50)]
    solo = team_ledger(team_pr(32, "html", ["ben"]))  # not a team challenge: co-authors earn nothing
    assert accepted_by(solo) == [("ana", "challenge:html", 40)]
    crowd = team_ledger(team_pr(33, "duo", ["zoe", "ben", "stranger"]))  # team_size 2: the author and one
    assert accepted_by(crowd) == [("ana", "challenge:duo", 50), ("ben", "challenge:duo", 50)]


def test_a_member_of_the_team_cannot_accept_it():
    mentor_in_team = community([ANA, CLEO], [DUO], tracks=TRACKS, caps=NO_CAPS)
    events = team_pr(34, "duo", ["cleo"])
    assert accepted_by(score(mentor_in_team, events, as_of=dt.date(2026, 6, 30))) == []


def test_co_authors_are_read_from_the_pull_requests_trailers():
    from entraide.events.bodies import co_authors

    body = "Défi à deux\n\nCo-authored-by: Ben B <12+ben@users.noreply.github.com>\nCo-authored-by: X <x@example.org>"
    assert co_authors(body) == ["ben"]
