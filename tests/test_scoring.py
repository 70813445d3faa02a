"""Scoring integrity rules on literal event histories: each test fails if its rule is removed."""

from __future__ import annotations

import datetime as dt

import pytest

from builders import challenge, community, ev, member
from entraide.content.models import Caps, Points
from entraide.scoring import score

ANA = member("ana", 1, cohort="spring", track="front")
BEN = member("ben", 2, track="back")
CLEO = member("cleo", 3, role="mentor")
MAX = member("max", 4, role="maintainer")
DEV = member("dev", 5, role="mentor")
HELPER = member("helper", 9)  # a member file for an automation account, listed in rules.bots
PEOPLE = [ANA, BEN, CLEO, MAX, DEV, HELPER]
HTML = challenge("html", points=40, badge="Balises")
CSS = challenge("css", points=30)
AS_OF = dt.date(2026, 3, 31)
NO_CAPS = Caps(per_day=1000, per_pair_per_week=1000, kudos_per_giver_per_week=1000)


def world(**rules):
    rules.setdefault("bots", ("helper",))
    rules.setdefault("caps", NO_CAPS)
    return community(PEOPLE, [HTML, CSS], **rules)


def ledger_of(events, **rules):
    return score(world(**rules), events, as_of=AS_OF)


def points(ledger, who) -> int:
    return next(s.points for s in ledger.standings if s.member_id == who.id)


def reasons(ledger, who) -> list[str]:
    return [a.reason for a in ledger.awards if a.member_id == who.id]


def opened_pr(number, author=ANA, sha="s1", challenge="html", at="2026-03-02T09:00"):
    return ev("pr_opened", at, author, number, challenge=challenge, sha=sha)


def approve(number, reviewer=CLEO, sha="s1", at="2026-03-03T09:00", state="approved"):
    return ev("review_submitted", at, reviewer, number, state=state, commit_id=sha)


# --------------------------------------------------------------------------- bots and deleted accounts


@pytest.mark.parametrize(
    "actor, actor_type",
    [
        ((ANA.id, "ana"), "Bot"),  # GitHub says it is a bot
        ((ANA.id, "ana[bot]"), "User"),  # an app account's login
        ((HELPER.id, HELPER.login), "User"),  # a login listed in rules.bots
    ],
)
def test_bots_never_score(actor, actor_type):
    events = [
        ev("issue_opened", "2026-03-02", BEN, 10),
        ev("issue_comment", "2026-03-02T13:00", actor, 10, actor_type=actor_type, comment_id=1),
        ev("review_submitted", "2026-03-03", actor, 11, actor_type=actor_type, state="commented", commit_id="x"),
        ev("issue_opened", "2026-03-04", actor, 12, actor_type=actor_type, form="feedback"),
    ]
    ledger = ledger_of(events)
    assert ledger.awards == ()
    assert points(ledger, HELPER) == 0 and points(ledger, ANA) == 0


def test_a_bot_approval_accepts_no_challenge():
    events = [
        opened_pr(20),
        ev("review_submitted", "2026-03-03", (CLEO.id, "cleo"), 20, actor_type="Bot", state="approved", commit_id="s1"),
    ]
    assert reasons(ledger_of(events), ANA) == []


def test_deleted_accounts_never_crash_and_never_score():
    ghost = None
    events = [
        ev("issue_opened", "2026-03-02", ghost, 30, labels=["question"]),
        ev("issue_comment", "2026-03-02T13:00", ghost, 30, comment_id=1, kudos=[{"login": "ana", "reason": "x"}]),
        ev("issue_comment", "2026-03-02T14:00", BEN, 30, comment_id=2),  # answers a deleted user's question
        ev("pr_opened", "2026-03-02", ghost, 31, challenge="html", sha="s1"),
        ev("review_submitted", "2026-03-03", ghost, 31, state="approved", commit_id="s1"),
        ev("review_submitted", "2026-03-03", CLEO, 31, state="approved", commit_id="s1"),
        ev("pr_merged", "2026-03-04", ghost, 31, sha="s1"),
        ev("discussion_created", "2026-03-05", ghost, 5, category="Q&A"),
        ev("discussion_answered", "2026-03-06", ghost, 5, comment_id=3),
        ev("label_added", "2026-03-06", ghost, 30, label="spam"),
        ev("reaction", "2026-03-06", (None, "someone"), 30, content="+1"),
        ev("issue_comment", "2026-03-07", (77, None), 30, comment_id=4),
        ev("issue_comment", "2026-03-07T13:00", (ANA.id, None), 30, comment_id=5),
    ]
    ledger = ledger_of(events)
    assert {a.member_id for a in ledger.awards} == {BEN.id, CLEO.id}
    assert reasons(ledger, BEN) == ["answer"]


def test_members_are_matched_by_id_so_a_renamed_login_still_scores():
    events = [
        ev("issue_opened", "2026-03-02", BEN, 10),
        ev("issue_comment", "2026-03-02T13:00", (ANA.id, "ana-old-name"), 10, comment_id=1),
        ev("issue_comment", "2026-03-02T14:00", (999, "ana"), 10, comment_id=2),
    ]  # same login, not ana
    ledger = ledger_of(events)
    assert [(a.login, a.reason) for a in ledger.awards] == [("ana", "comment")]


# --------------------------------------------------------------------------- one's own content


def test_no_points_for_reviewing_or_approving_ones_own_pr():
    events = [
        opened_pr(20, author=CLEO),
        approve(20, reviewer=CLEO, state="commented"),
        approve(20, reviewer=CLEO, at="2026-03-04"),
    ]
    assert ledger_of(events).awards == ()


def test_reviewing_someone_elses_pr_earns_in_any_state():
    events = [opened_pr(20)] + [
        approve(20, reviewer=BEN, state=state, at=f"2026-03-0{day}")
        for day, state in enumerate(["approved", "changes_requested", "commented"], 3)
    ]
    assert reasons(ledger_of(events), BEN) == ["review"] * 3


def test_no_points_for_commenting_on_or_answering_ones_own_thread():
    events = [
        ev("issue_opened", "2026-03-02", ANA, 10, labels=["question"]),
        ev("issue_comment", "2026-03-02T13:00", ANA, 10, comment_id=1),
        ev("discussion_created", "2026-03-03", ANA, 5, category="Q&A"),
        ev("discussion_comment", "2026-03-03T13:00", ANA, 5, comment_id=2),
        ev("discussion_answered", "2026-03-04", ANA, 5, comment_id=2),
        ev("pr_opened", "2026-03-05", ANA, 11, sha="s"),
        ev("pr_comment", "2026-03-05T13:00", ANA, 11, comment_id=3),
        ev("review_comment", "2026-03-05T14:00", ANA, 11, comment_id=4),
    ]
    assert ledger_of(events).awards == ()


def test_comments_on_others_threads_earn_and_question_replies_are_answers():
    events = [
        ev("issue_opened", "2026-03-02", ANA, 10),
        ev("issue_comment", "2026-03-02T13:00", BEN, 10, comment_id=1),
        ev("issue_opened", "2026-03-03", ANA, 12, labels=["question"]),
        ev("issue_comment", "2026-03-03T13:00", BEN, 12, comment_id=2),
        ev("issue_comment", "2026-03-03T14:00", BEN, 12, comment_id=7, reply_to=2),  # a follow-up, not an answer
        ev("issue_opened", "2026-03-04", ANA, 13, form="question"),
        ev("issue_comment", "2026-03-04T13:00", BEN, 13, comment_id=3),
        ev("discussion_created", "2026-03-05", ANA, 5, category="Q&A"),
        ev("discussion_comment", "2026-03-05T13:00", BEN, 5, comment_id=4),
        ev("discussion_comment", "2026-03-05T14:00", BEN, 5, comment_id=5, reply_to=4),  # a reply, not an answer
        ev("discussion_created", "2026-03-06", ANA, 6, category="General"),
        ev("discussion_comment", "2026-03-06T13:00", BEN, 6, comment_id=6),
    ]
    assert reasons(ledger_of(events), BEN) == ["comment", "answer", "comment", "answer", "answer", "comment", "comment"]


def test_accepted_answer_goes_to_the_answers_author_once_per_discussion():
    events = [
        ev("discussion_created", "2026-03-02", ANA, 5, category="Q&A"),
        ev("discussion_comment", "2026-03-02T13:00", BEN, 5, comment_id=1),
        ev("discussion_comment", "2026-03-02T14:00", CLEO, 5, comment_id=2),
        ev("discussion_answered", "2026-03-03", BEN, 5, comment_id=1),
        ev("discussion_answered", "2026-03-04", CLEO, 5, comment_id=2),  # the mark moved to cleo's answer
    ]
    ledger = ledger_of(events)
    assert reasons(ledger, BEN) == ["answer"]
    assert reasons(ledger, CLEO) == ["answer", "accepted_answer"]


# --------------------------------------------------------------------------- challenges


@pytest.mark.parametrize(
    "events, accepted",
    [
        ([opened_pr(20), approve(20)], True),
        ([opened_pr(20), approve(20, reviewer=BEN)], False),  # a learner's approval
        ([opened_pr(20), approve(20, reviewer=MAX)], False),  # maintainers merge, mentors accept
        ([opened_pr(20), approve(20, state="commented")], False),  # not an approval
        ([opened_pr(20), approve(20, state="changes_requested")], False),
        ([opened_pr(20), approve(20, sha="old")], False),  # not the head commit
        ([opened_pr(20), approve(20), ev("pr_head", "2026-03-04", ANA, 20, sha="s2")], False),  # pushed after
        ([opened_pr(20), ev("pr_head", "2026-03-02T10:00", ANA, 20, sha="s2"), approve(20, sha="s2")], True),
        ([opened_pr(20, challenge="nope"), approve(20)], False),  # no such challenge
        ([opened_pr(20, challenge=None), approve(20)], False),
        ([opened_pr(20), ev("label_added", "2026-03-03", CLEO, 20, label="accepted")], False),
        ([opened_pr(20), ev("pr_merged", "2026-03-03", MAX, 20, sha="s1")], False),
        ([opened_pr(20, author=DEV), approve(20, reviewer=DEV)], False),  # a mentor's own PR
        ([opened_pr(20, author=DEV), approve(20, reviewer=CLEO)], True),
    ],
)
def test_a_challenge_is_accepted_only_by_a_mentors_approval_of_the_head_commit(events, accepted):
    ledger = ledger_of(events)
    author = ANA if events[0].actor_id == ANA.id else DEV
    assert ("challenge:html" in reasons(ledger, author)) is accepted
    standing = next(s for s in ledger.standings if s.member_id == author.id)
    assert standing.accepted == (("html",) if accepted else ())
    assert any(b.badge == "Balises" and b.challenge == "html" for b in standing.badges) is accepted


def test_one_award_per_member_per_challenge_however_many_prs():
    events = [
        opened_pr(20),
        approve(20),
        opened_pr(21, sha="t1", at="2026-03-05"),
        approve(21, sha="t1", at="2026-03-06"),
        opened_pr(22, sha="u1", challenge="css", at="2026-03-07"),
        approve(22, sha="u1", at="2026-03-08"),
    ]
    ledger = ledger_of(events)
    challenge_awards = [a for a in ledger.awards if a.reason.startswith("challenge:")]
    assert [(a.reason, a.points, a.at.date()) for a in challenge_awards] == [
        ("challenge:html", 40, dt.date(2026, 3, 3)),
        ("challenge:css", 30, dt.date(2026, 3, 8)),
    ]
    assert challenge_awards[0].event_ids == (events[0].id, events[1].id)


# --------------------------------------------------------------------------- caps


def test_daily_cap_limits_points_outside_challenges():
    caps = Caps(per_day=12, per_pair_per_week=1000, kudos_per_giver_per_week=10)
    events = [opened_pr(20, author=BEN, challenge=None, at="2026-03-02T08:00")]
    events += [approve(20, reviewer=ANA, state="commented", at=f"2026-03-02T1{i}:00") for i in range(4)]
    events += [opened_pr(21), approve(21, at="2026-03-02T15:00")]
    ledger = ledger_of(events, caps=caps)
    review_points = [a.points for a in ledger.awards if a.member_id == ANA.id and a.reason == "review"]
    assert review_points == [5, 5, 2]
    assert points(ledger, ANA) == 12 + 40  # the challenge is outside the cap


def test_pair_cap_limits_what_one_member_earns_from_another_per_week():
    caps = Caps(per_day=1000, per_pair_per_week=4, kudos_per_giver_per_week=10)
    events = [ev("issue_opened", "2026-03-02", ANA, 10), ev("issue_opened", "2026-03-02", CLEO, 11)]
    events += [ev("issue_comment", f"2026-03-03T1{i}:00", BEN, 10, comment_id=i) for i in range(6)]
    events += [
        ev("issue_comment", "2026-03-04", BEN, 11, comment_id=20),  # another member
        ev("issue_comment", "2026-03-09", BEN, 10, comment_id=21),
    ]  # next ISO week
    ledger = ledger_of(events, caps=caps)
    assert points(ledger, BEN) == 4 + 1 + 1


def test_kudos_are_capped_per_giver_per_week():
    caps = Caps(per_day=1000, per_pair_per_week=1000, kudos_per_giver_per_week=2)
    events = [ev("issue_opened", "2026-03-02", MAX, 10)]
    events += [
        ev(
            "issue_comment",
            f"2026-03-03T1{i}:00",
            BEN,
            10,
            comment_id=i,
            kudos=[{"login": who.login, "reason": "merci"}],
        )
        for i, who in enumerate([ANA, CLEO, DEV])
    ]
    events += [ev("issue_comment", "2026-03-10", BEN, 10, comment_id=9, kudos=[{"login": "dev", "reason": "x"}])]
    ledger = ledger_of(events, caps=caps)
    kudos = [(a.login, a.at.date().isoformat()) for a in ledger.awards if a.reason == "kudos"]
    assert kudos == [("ana", "2026-03-03"), ("cleo", "2026-03-03"), ("dev", "2026-03-10")]


def test_reciprocal_kudos_farming_is_capped_per_pair():
    caps = Caps(per_day=1000, per_pair_per_week=6, kudos_per_giver_per_week=10)
    events = [ev("issue_opened", "2026-03-02", MAX, 10)]
    for i in range(4):
        events.append(
            ev(
                "issue_comment",
                f"2026-03-03T1{i}:00",
                ANA,
                10,
                comment_id=100 + i,
                kudos=[{"login": "BEN", "reason": "thanks"}],
            )
        )
        events.append(
            ev(
                "issue_comment",
                f"2026-03-03T1{i}:30",
                BEN,
                10,
                comment_id=200 + i,
                kudos=[{"login": "ana", "reason": "thanks"}],
            )
        )
    ledger = ledger_of(events, caps=caps, points=Points(comment=0))
    assert points(ledger, ANA) == 6 and points(ledger, BEN) == 6


def test_kudos_never_go_to_oneself_a_bot_or_a_stranger():
    events = [
        ev("issue_opened", "2026-03-02", MAX, 10),
        ev(
            "issue_comment",
            "2026-03-03",
            BEN,
            10,
            comment_id=1,
            kudos=[
                {"login": "ben", "reason": "me"},
                {"login": "helper", "reason": "bot"},
                {"login": "dependabot[bot]", "reason": "bot"},
                {"login": "stranger", "reason": "?"},
                {"reason": "no login"},
                "not an object",
                {"login": "ana", "reason": "ok"},
            ],
        ),
    ]
    ledger = ledger_of(events, points=Points(comment=0))
    assert [(a.login, a.reason) for a in ledger.awards] == [("ana", "kudos")]


# --------------------------------------------------------------------------- moderation and labels


def spam_issue_history():
    return [
        ev("issue_opened", "2026-03-02", ANA, 10, form="feedback"),
        ev("issue_comment", "2026-03-02T13:00", BEN, 10, comment_id=1),
        ev("issue_opened", "2026-03-03", ANA, 11),
        ev("issue_comment", "2026-03-03T13:00", BEN, 11, comment_id=2, kudos=[{"login": "cleo", "reason": "x"}]),
        ev("issue_comment", "2026-03-03T14:00", BEN, 11, comment_id=3),
    ]


@pytest.mark.parametrize("moderator", [CLEO, MAX])
def test_a_moderation_label_revokes_what_the_content_earned(moderator):
    flag_issue = ev("label_added", "2026-03-10", moderator, 10, label="spam")
    flag_comment = ev("label_added", "2026-03-10", moderator, 11, label="off-topic", target_id=2)
    ledger = ledger_of([*spam_issue_history(), flag_issue, flag_comment])
    assert [(a.login, a.reason, a.event_ids[0][:13]) for a in ledger.awards] == [("ben", "comment", "issue_comment")]
    assert ledger.awards[0].event_ids == (spam_issue_history()[4].id,)
    assert sorted((r.award.login, r.award.reason, r.cause) for r in ledger.revoked) == [
        ("ana", "feedback", "moderation:spam"),
        ("ben", "comment", "moderation:off-topic"),
        ("ben", "comment", "moderation:spam"),
        ("cleo", "kudos", "moderation:off-topic"),
    ]
    assert {r.event_ids for r in ledger.revoked} == {(flag_issue.id,), (flag_comment.id,)}


def test_removing_a_moderation_label_restores_and_a_learners_label_does_nothing():
    base = spam_issue_history()
    unflagged = ledger_of(base)
    removed = ledger_of(
        [
            *base,
            ev("label_added", "2026-03-10", CLEO, 10, label="spam"),
            ev("label_removed", "2026-03-11", MAX, 10, label="spam"),
        ]
    )
    by_learner = ledger_of([*base, ev("label_added", "2026-03-10", BEN, 10, label="invalid")])
    assert removed.awards == unflagged.awards and removed.revoked == ()
    assert by_learner.awards == unflagged.awards


def test_an_invalid_label_after_a_challenge_was_accepted_takes_back_everything_earned_on_the_pr():
    events = [opened_pr(20), approve(20), ev("label_added", "2026-03-20", DEV, 20, label="invalid")]
    ledger = ledger_of(events)
    assert ledger.awards == ()
    assert [(r.award.login, r.award.reason, r.award.points, r.cause) for r in ledger.revoked] == [
        ("ana", "challenge:html", 40, "moderation:invalid"),
        ("cleo", "review", 5, "moderation:invalid"),
    ]
    assert next(s for s in ledger.standings if s.member_id == ANA.id).accepted == ()


def test_removing_the_question_label_revokes_the_answer_but_the_comment_remains():
    opened = ev("issue_opened", "2026-03-02", ANA, 10, labels=["question"])
    answer = ev("issue_comment", "2026-03-02T13:00", BEN, 10, comment_id=1)
    removal = ev("label_removed", "2026-03-05", MAX, 10, label="question")
    ledger = ledger_of([opened, answer, removal])
    assert reasons(ledger, BEN) == ["comment"]
    assert [(r.award.reason, r.cause, r.event_ids) for r in ledger.revoked] == [
        ("answer", "label_removed:question", (removal.id,))
    ]


def test_event_attendance_once_per_event_and_revoked_with_the_event_label():
    events = [
        ev("issue_opened", "2026-03-02", CLEO, 40, labels=["event"]),
        ev("reaction", "2026-03-03", ANA, 40, content="+1", target="issue"),
        ev("issue_comment", "2026-03-03T13:00", ANA, 40, comment_id=1),
        ev("issue_opened", "2026-03-04", CLEO, 41),
        ev("label_added", "2026-03-04T10:00", CLEO, 41, label="event"),
        ev("reaction", "2026-03-05", ANA, 41, content="heart", target="issue"),
        ev("issue_opened", "2026-03-06", CLEO, 42, labels=["event"]),
        ev("reaction", "2026-03-07", BEN, 42, content="+1", target="issue"),
    ]
    ledger = ledger_of(events, points=Points(comment=0))
    assert reasons(ledger, ANA) == ["event_attendance", "event_attendance"]
    later = ledger_of([*events, ev("label_removed", "2026-03-08", CLEO, 42, label="event")], points=Points(comment=0))
    assert reasons(later, BEN) == [] and [r.cause for r in later.revoked] == ["label_removed:event"]


def test_first_contribution_is_the_first_merged_pr_only():
    events = [
        opened_pr(20, challenge=None),
        ev("pr_merged", "2026-03-03", MAX, 20, sha="s1"),
        opened_pr(21, challenge=None, at="2026-03-04"),
        ev("pr_merged", "2026-03-05", MAX, 21, sha="s1"),
    ]
    ledger = ledger_of(events)
    assert [(a.reason, a.at.date()) for a in ledger.awards] == [("first_contribution", dt.date(2026, 3, 3))]
    assert ledger.awards[0].event_ids == (events[0].id, events[1].id)


def test_events_after_as_of_are_ignored():
    events = [opened_pr(20), approve(20, at="2026-04-01T00:30")]
    assert reasons(ledger_of(events), ANA) == []
    assert "challenge:html" in reasons(score(world(), events, as_of=dt.date(2026, 4, 1)), ANA)


# --------------------------------------------------------------------------- challenge named by a label


@pytest.mark.parametrize(
    "labeller, actor_type, accepted",
    [
        ((77, "entraide[bot]"), "Bot", True),  # the bot labels a submission from its files
        (CLEO, "User", True),  # a mentor names the challenge
        (BEN, "User", False),  # a learner with triage rights cannot name it
    ],
)
def test_a_challenge_label_names_the_challenge_of_an_unlabelled_submission(labeller, actor_type, accepted):
    events = [
        opened_pr(7, challenge=None),
        ev(
            "label_added",
            "2026-03-02T10:00",
            labeller,
            7,
            subject_type="pull",
            actor_type=actor_type,
            label="challenge:html",
        ),
        approve(7),
    ]
    assert ("challenge:html" in reasons(ledger_of(events), ANA)) is accepted


def test_a_challenge_label_never_replaces_the_challenge_the_pr_was_opened_for():
    events = [
        opened_pr(7, challenge="css"),
        ev("label_added", "2026-03-02T10:00", CLEO, 7, subject_type="pull", label="challenge:html"),
        approve(7),
    ]
    assert reasons(ledger_of(events), ANA).count("challenge:css") == 1
    assert "challenge:html" not in reasons(ledger_of(events), ANA)


def test_feedback_earns_points_once_per_member_per_survey():
    """A survey is a month: thirty feedback issues in March earn what one does; April's answer earns again."""
    march = [ev("issue_opened", f"2026-03-{day:02}", ANA, 100 + day, form="feedback", rating=3) for day in range(1, 31)]
    april = [ev("issue_opened", "2026-04-02", ANA, 200, form="feedback", rating=4)]
    ledger = score(world(), march + april, as_of=dt.date(2026, 4, 30))
    assert reasons(ledger, ANA) == ["feedback", "feedback"]
