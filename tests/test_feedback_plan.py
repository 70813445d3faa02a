"""Deciding what the bot says, from the ledger: acknowledgements, awards, revocations, welcomes, labels."""

from __future__ import annotations

import datetime as dt

import pytest

from builders import challenge, community, ev, member, when
from entraide.bot.feedback.awards import next_challenges
from entraide.bot.feedback.plan import Announced, Announcement, Edit, Post, Relabel, plan
from entraide.bot.feedback.text import plain
from entraide.content.models import Track
from entraide.events.submissions import median_review_wait, pull_requests
from entraide.scoring import score

LEA = member("lea", 11, track="front")
HUGO = member("hugo", 12, track="front")
SOPHIE = member("sophie", 21, role="mentor", track="front")
HTML = challenge(
    "html-semantique",
    points=20,
    acceptance_criteria=("Un seul h1.", "Des titres dans l'ordre."),
    badge="Balises justes",
)
CSS = challenge("css-responsive", points=30, prerequisites=("html-semantique",))
FORM = challenge("formulaire", points=30, prerequisites=("css-responsive",))
API = challenge("api-rest", track="back")
CLOSED = challenge("ancien", closes=dt.date(2026, 1, 1))
COMMUNITY = community([LEA, HUGO, SOPHIE], [HTML, CSS, FORM, API, CLOSED])
SINCE = Announced(since=when("2026-03-01"))
NOW = when("2026-03-10")
URL = "https://example.org/guide/"


def decide(events, announced=SINCE, now=NOW, people=COMMUNITY):
    ledger = score(people, events, as_of=now.date())
    return plan(people, ledger, tuple(events), announced, now=now, handbook_url=URL)


def submission(*later):
    """Léa's PR #5 for html-semantique, and what happens next."""
    return [ev("pr_opened", "2026-03-02T09:00", LEA, 5, challenge="html-semantique", sha="a1"), *later]


def labels(actions):
    """(subject, want, add, remove) of each label action."""
    return [(a.subject, a.want, a.add, a.remove) for a in actions if isinstance(a, Relabel)]


CH = "challenge:html-semantique"


def by_kind(actions):
    return {kind: [a for a in actions if isinstance(a, kind)] for kind in (Post, Edit, Relabel)}


def test_a_new_submission_is_acknowledged_with_criteria_and_labelled():
    actions = decide(submission())
    posts = by_kind(actions)[Post]
    ack = next(p for p in posts if p.key == "ack:5")
    assert ack.subject == 5 and ack.body.startswith("<!-- entraide:ack:5 -->\n")
    assert "@lea" in ack.body and "Html Semantique" in ack.body
    assert "- [ ] Un seul h1." in ack.body and "- [ ] Des titres dans l\\'ordre." not in ack.body
    assert "Des titres dans l'ordre." in ack.body
    assert "pas encore assez de relectures" in ack.body
    assert labels(actions) == [(5, (CH, "submission"), (CH, "submission"), ())]


def test_the_first_contribution_gets_a_welcome_once_per_person():
    events = submission(ev("issue_opened", "2026-03-03", LEA, 6), ev("issue_opened", "2026-03-03", HUGO, 7))
    welcomes = [p for p in by_kind(decide(events))[Post] if p.key.startswith("welcome:")]
    assert [(p.key, p.subject) for p in welcomes] == [("welcome:11", 5), ("welcome:12", 7)]
    assert URL in welcomes[0].body


def test_already_announced_or_older_facts_say_nothing():
    announced = Announced(
        since=when("2026-03-01"),
        posted={"ack:5": Announcement(subject=5, comment_id=1), "welcome:11": Announcement(subject=5, comment_id=2)},
    )
    assert [a for a in decide(submission(), announced) if isinstance(a, Post)] == []
    late = Announced(since=when("2026-04-01"))
    assert [a for a in decide(submission(), late) if isinstance(a, Post)] == []


def test_the_review_scenario_gives_exactly_one_award_announcement_and_the_right_labels():
    events = submission(
        ev("pr_comment", "2026-03-02T10:00", HUGO, 5, comment_id=1),
        ev("review_submitted", "2026-03-02T11:00", LEA, 5, state="approved", commit_id="a1"),  # own PR
        ev("label_added", "2026-03-02T12:00", HUGO, 5, label="accepted"),  # not a mentor
        ev("pr_head", "2026-03-03T09:00", LEA, 5, sha="b2"),
        ev("review_submitted", "2026-03-03T10:00", SOPHIE, 5, state="approved", commit_id="a1"),  # old commit
    )
    before = decide(events)
    assert not [a for a in before if getattr(a, "key", "").startswith("award:")]
    assert labels(before) == [(5, (CH, "submission"), (CH, "submission"), ("accepted",))]

    events += [
        ev("review_submitted", "2026-03-04T10:00", SOPHIE, 5, state="approved", commit_id="b2"),
        ev("pr_merged", "2026-03-04T11:00", SOPHIE, 5, sha="b2"),
    ]
    after = decide(events)
    awards = [a for a in after if getattr(a, "key", "").startswith("award:")]
    assert [(a.key, a.subject) for a in awards] == [("award:11:html-semantique", 5)]
    body = awards[0].body
    assert body.startswith("<!-- entraide:award:11:html-semantique -->\n")
    assert "@lea" in body and "+20 points" in body and "Balises justes" in body
    assert "Css Responsive" in body and "Formulaire" not in body and "Api Rest" not in body
    # the label Hugo put is now right: the bot only adds what is missing
    assert labels(after) == [(5, ("accepted", CH, "submission"), (CH, "submission"), ())]
    assert "ack:5" not in {getattr(a, "key", "") for a in after}  # merged: too late to acknowledge


def test_changes_requested_by_a_mentor_labels_needs_changes_until_accepted():
    events = submission(
        ev("review_submitted", "2026-03-02T11:00", SOPHIE, 5, state="changes_requested", commit_id="a1")
    )
    assert labels(decide(events)) == [(5, (CH, "needs-changes", "submission"), (CH, "needs-changes", "submission"), ())]
    peer = submission(ev("review_submitted", "2026-03-02T11:00", HUGO, 5, state="changes_requested", commit_id="a1"))
    assert labels(decide(peer)) == [(5, (CH, "submission"), (CH, "submission"), ())]


def test_a_revoked_award_edits_its_comment_and_a_restored_one_edits_it_back():
    accepted = submission(ev("review_submitted", "2026-03-04T10:00", SOPHIE, 5, state="approved", commit_id="a1"))
    posted = Announced(since=SINCE.since, posted={"award:11:html-semantique": Announcement(subject=5, comment_id=9)})
    spam = accepted + [ev("label_added", "2026-03-05", SOPHIE, 5, label="spam")]
    (edit,) = [a for a in decide(spam, posted) if isinstance(a, Edit)]
    assert edit.key == "award:11:html-semantique" and edit.status == "revoked" and edit.subject == 5
    assert "retirée" in edit.body and "moderation:spam" in edit.body.replace("\\", "")

    revoked = Announced(
        since=SINCE.since, posted={"award:11:html-semantique": Announcement(subject=5, comment_id=9, status="revoked")}
    )
    (back,) = [a for a in decide(accepted, revoked) if isinstance(a, Edit)]
    assert back.status == "posted" and "+20 points" in back.body
    assert [a for a in decide(accepted, posted) if isinstance(a, Edit)] == []


def test_the_plan_is_deterministic():
    events = submission(ev("issue_opened", "2026-03-03", HUGO, 7))
    assert decide(events) == decide(sorted(events, key=lambda e: e.id))


def test_median_wait_counts_the_first_mentor_review_of_recent_submissions():
    events = [
        ev("pr_opened", "2026-03-01T00:00", LEA, 1, challenge="html-semantique"),
        ev("review_submitted", "2026-03-01T02:00", HUGO, 1, state="commented"),  # not a mentor
        ev("review_submitted", "2026-03-01T10:00", SOPHIE, 1, state="commented"),
        ev("pr_opened", "2026-03-02T00:00", HUGO, 2, challenge="html-semantique"),
        ev("review_submitted", "2026-03-04T00:00", SOPHIE, 2, state="approved"),
        ev("pr_opened", "2026-03-03T00:00", LEA, 3, challenge="css-responsive"),
        ev("review_submitted", "2026-03-03T01:00", SOPHIE, 3, state="changes_requested"),
        ev("review_submitted", "2026-03-05T01:00", SOPHIE, 3, state="approved"),
    ]
    prs = pull_requests(events).values()
    assert median_review_wait(prs, mentor_ids=frozenset({21}), now=NOW) == dt.timedelta(hours=10)
    assert median_review_wait(prs, mentor_ids=frozenset({21}), now=when("2027-01-01")) is None


def test_next_challenges_need_their_prerequisites_and_an_open_window():
    got = next_challenges(HTML, COMMUNITY, accepted=(), today=NOW.date())
    assert [c.slug for c in got] == ["css-responsive"]
    got = next_challenges(CSS, COMMUNITY, accepted=("html-semantique",), today=NOW.date())
    assert [c.slug for c in got] == ["formulaire"]


@pytest.mark.parametrize(
    "typed, shown",
    [
        ("<script>alert(1)</script>", "\\<script\\>alert\\(1\\)\\</script\\>"),
        ("[clic](javascript:x)", "\\[clic\\]\\(javascript:x\\)"),
        ("@everyone", "\\@everyone"),
    ],
)
def test_written_text_cannot_add_markup_links_or_mentions(typed, shown):
    assert plain(typed) == shown


def test_a_challenge_label_added_later_makes_the_pr_a_submission():
    events = [
        ev("pr_opened", "2026-03-02T09:00", LEA, 5, challenge=None, sha="a1"),
        ev("label_added", "2026-03-02T10:00", SOPHIE, 5, label="challenge:html-semantique"),
    ]
    assert pull_requests(events)[5].challenge == "html-semantique"
    assert "ack:5" in {getattr(a, "key", "") for a in decide(events)}
    events.append(ev("label_added", "2026-03-02T11:00", SOPHIE, 5, label="challenge:css-responsive"))
    assert pull_requests(events)[5].challenge is None  # two challenges: ambiguous, nothing said


def test_unlabelled_new_pull_requests_are_classified_once_from_their_files():
    from entraide.bot.feedback.plan import unclassified

    events = [
        ev("pr_opened", "2026-03-02T09:00", LEA, 5, challenge=None, sha="a1"),
        ev("pr_opened", "2026-03-02T09:00", HUGO, 6, challenge="html-semantique", sha="b1"),
        ev("pr_opened", "2026-02-01T09:00", HUGO, 7, challenge=None, sha="c1"),
    ]  # before `since`
    assert unclassified(events, SINCE) == ((5, "lea"),)
    known = Announced(since=SINCE.since, classified={5: "html-semantique"})
    assert unclassified(events, known) == ()
    assert pull_requests(events, classified=known.classified)[5].challenge == "html-semantique"
    assert "ack:5" in {getattr(a, "key", "") for a in decide(events, known)}
    assert "ack:5" not in {
        getattr(a, "key", "") for a in decide(events, Announced(since=SINCE.since, classified={5: None}))
    }


def test_next_challenges_follow_the_recommenders_ranking_within_the_track():
    keen = member("lea", 11, track="front", interests=("javascript",))
    css = challenge("css-responsive", prerequisites=("html-semantique",), tags=("css",))
    js = challenge("js-clavier", prerequisites=("html-semantique",), tags=("javascript",))
    back = challenge("api-rest", track="back", tags=("javascript",))
    people = community([keen], [HTML, css, js, back])
    plain_order = next_challenges(HTML, people, accepted=(), today=NOW.date())
    ranked = next_challenges(HTML, people, accepted=(), today=NOW.date(), member=keen)
    assert [c.slug for c in plain_order] == ["css-responsive", "js-clavier"]
    assert [c.slug for c in ranked] == ["js-clavier", "css-responsive"]  # interests first; never another track


def test_nothing_is_said_about_what_happens_after_now():
    events = submission(ev("issue_opened", "2026-03-20", HUGO, 7))
    assert "welcome:12" not in {getattr(a, "key", "") for a in decide(events, now=NOW)}
    assert "welcome:12" in {getattr(a, "key", "") for a in decide(events, now=when("2026-03-21"))}


def test_joining_or_reporting_is_not_the_contribution_welcomed_nor_is_a_mentors():
    events = [
        ev("issue_opened", "2026-03-02", HUGO, 3, labels=["join"], form="join"),
        ev("issue_opened", "2026-03-03", HUGO, 4, labels=["conduct"]),
        ev("issue_opened", "2026-03-04", HUGO, 6, labels=["question"], form="question"),
        ev("issue_opened", "2026-03-04", SOPHIE, 8),
    ]
    welcomes = [(a.key, a.subject) for a in decide(events) if getattr(a, "key", "").startswith("welcome:")]
    assert welcomes == [("welcome:12", 6)]


def test_the_acknowledgement_names_who_may_accept_the_submission():
    ack = next(p for p in by_kind(decide(submission()))[Post] if p.key == "ack:5")
    assert "Peuvent accepter ce défi : `sophie`." in ack.body  # a track listing nobody: any mentor
    nadia = member("nadia", 22, role="mentor", track="front")
    tracks = (Track(id="front", name="Front", mentors=("nadia",)), Track(id="back", name="Back", mentors=("sophie",)))
    listed = community([LEA, HUGO, SOPHIE, nadia], [HTML, CSS, FORM, API, CLOSED], tracks=tracks)
    ack = next(p for p in by_kind(decide(submission(), people=listed))[Post] if p.key == "ack:5")
    assert "Peuvent accepter ce défi : `nadia`." in ack.body and "`sophie`" not in ack.body


def test_the_bot_answers_each_member_in_their_profiles_language():
    """A French community: Léa writes English in her profile, Hugo says nothing (the community's language)."""
    english_lea = member("lea", 11, track="front", languages=("en", "fr"))
    people = community([english_lea, HUGO, SOPHIE], [HTML, CSS, FORM, API, CLOSED])
    opened = submission(ev("issue_opened", "2026-03-03", HUGO, 7))
    posts = {p.key: p.body for p in by_kind(decide(opened, people=people))[Post]}
    assert "Thank you @lea for this submission" in posts["ack:5"]
    assert "Welcome @lea" in posts["welcome:11"] and "Bienvenue @hugo" in posts["welcome:12"]
    accepted = opened + [
        ev("review_submitted", "2026-03-04T10:00", SOPHIE, 5, state="approved", commit_id="a1"),
        ev("pr_merged", "2026-03-04T11:00", SOPHIE, 5, sha="a1"),
    ]
    award = next(p.body for p in by_kind(decide(accepted, people=people))[Post] if p.key.startswith("award:11:"))
    assert "Well done @lea, the challenge **Html Semantique** is accepted!" in award and "+20 points" in award
