"""Alumni (issue 16 item 8): the status follows the cohort's end (configurable), profiles and badges stay,
volunteers may be buddies; the opportunities board publishes only what a moderator's label approved."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from builders import community, ev, member
from entraide.bot.buddies import assign, candidate_buddies
from entraide.content.alumni import alumni
from entraide.content.care import AlumniRules
from entraide.content.models import BuddyRules, Cohort
from entraide.events import store
from entraide.events.opportunities import opportunities
from entraide.github.normalize import issue_opened

REPO = Path(__file__).resolve().parent.parent
SPRING = Cohort(id="printemps", name="Printemps", start=dt.date(2026, 3, 2), end=dt.date(2026, 6, 12))
MENTOR = member("mia", 9, role="mentor", track="front")
ALICE = member("alice", 1, cohort="printemps", track="front", public_profile=True, volunteer=("buddy",))
BOB = member("bob", 2, cohort="printemps", track="front", public_profile=True)
CARL = member("carl", 3, cohort=None, track="front")


def people(after_days: int = 0):
    return community([MENTOR, ALICE, BOB, CARL], cohorts=(SPRING,), alumni=AlumniRules(after_days=after_days))


@pytest.mark.parametrize(
    ("after_days", "today", "expected"),
    [
        (0, dt.date(2026, 6, 12), set()),  # the cohort's last day: still learners
        (0, dt.date(2026, 6, 13), {"alice", "bob"}),
        (30, dt.date(2026, 7, 1), set()),  # a programme that waits a month
        (30, dt.date(2026, 7, 13), {"alice", "bob"}),
    ],
)
def test_learners_become_alumni_when_their_cohort_ends_plus_the_configured_delay(after_days, today, expected):
    assert alumni(people(after_days), today=today) == expected


def test_only_alumni_who_volunteered_are_buddies_of_the_next_intake():
    today = dt.date(2026, 9, 7)
    newcomer = member("nina", 4, track="front", joined=today)
    found = candidate_buddies(
        (MENTOR, ALICE, BOB, newcomer),
        intake=(newcomer,),
        rules=BuddyRules(),
        today=today,
        alumni=frozenset({"alice", "bob"}),
    )
    assert {m.login for m in found} == {"mia", "alice"}
    pairs = assign(community([MENTOR, ALICE, BOB, newcomer], cohorts=(SPRING,)), [], today=today)
    assert [(p.learner, p.buddy) for p in pairs] == [("nina", "alice")]  # a learner-buddy before a mentor


def opportunity_events(*, labeller=MENTOR, link="https://example.org/job", deadline="2026-12-01"):
    fields = {"kind": "stage", "organisation": "Org", "link": link, "deadline": deadline, "description": "d"}
    return [
        ev(
            "issue_opened",
            "2026-10-01",
            BOB,
            40,
            labels=["opportunity"],
            form="opportunity",
            title="Stage",
            fields=fields,
        ),
        ev("label_added", "2026-10-02", labeller, 40, label="approved"),
    ]


def test_only_a_moderators_approved_label_publishes_an_opportunity():
    today = dt.date(2026, 10, 10)
    assert [o.title for o in opportunities(people(), tuple(opportunity_events()), today=today)] == ["Stage"]
    assert opportunities(people(), tuple(opportunity_events(labeller=BOB)), today=today) == ()  # its own author
    other_label = [*opportunity_events()[:1], ev("label_added", "2026-10-02", MENTOR, 40, label="good first issue")]
    assert opportunities(people(), tuple(other_label), today=today) == ()


def test_a_removed_label_a_closed_issue_or_a_past_deadline_takes_it_down():
    events = opportunity_events()
    removed = [*events, ev("label_removed", "2026-10-03", MENTOR, 40, label="approved")]
    closed = [*events, ev("issue_closed", "2026-10-03", MENTOR, 40)]
    assert opportunities(people(), tuple(removed), today=dt.date(2026, 10, 10)) == ()
    assert opportunities(people(), tuple(closed), today=dt.date(2026, 10, 10)) == ()
    assert opportunities(people(), tuple(events), today=dt.date(2026, 12, 2)) == ()


@pytest.mark.parametrize("link", ["javascript:alert(1)", "https://x.org/a)<script>", "http://plain.org"])
def test_an_unsafe_link_is_dropped(link):
    (found,) = opportunities(people(), tuple(opportunity_events(link=link)), today=dt.date(2026, 10, 10))
    assert found.link is None


def test_the_form_answers_reach_the_event_store():
    body = (
        "### Type d'opportunité\n\nstage\n\n### Organisation\n\nOrg\n\n### Lien\n\nhttps://example.org/x\n\n"
        "### Date limite\n\n2026-12-01\n\n### Description\n\nSix mois.\n"
    )
    issue = {
        "number": 7,
        "title": "Stage",
        "body": body,
        "created_at": "2026-10-01T10:00:00Z",
        "labels": [{"name": "opportunity"}],
        "user": {"login": "bob", "id": 2, "type": "User"},
    }
    event = issue_opened(issue)
    assert event.form == "opportunity"
    assert event.payload["fields"] == {
        "kind": "stage",
        "organisation": "Org",
        "link": "https://example.org/x",
        "deadline": "2026-12-01",
        "description": "Six mois.",
    }


def test_the_example_has_alumni_volunteers_and_one_approved_opportunity():
    from entraide.content.loader import load_community

    example = load_community(REPO)
    history = tuple(store.load(REPO / "data"))
    today = dt.date(2026, 11, 27)
    former = alumni(example, today=today)
    assert {"camille-martin", "jade-david"} <= former
    volunteers = {m.login for m in example.members if m.login in former and m.volunteer}
    assert volunteers == {"camille-martin", "jade-david"}
    board = opportunities(example, history, today=today)
    assert [o.title for o in board] == ["Stage développeuse front-end accessible"]
    offered = [e for e in history if e.kind == "issue_opened" and e.form == "opportunity"]
    assert len(offered) == 2  # the other one was labelled by its own author: not published


@pytest.mark.parametrize(("count", "searched"), [(3, True), (501, False)])
def test_a_long_alumni_list_stays_out_of_the_search_index(count, searched):
    """Every alum's profile is searched already; a list of hundreds of names is not (Zensical refuses it)."""
    from entraide.content.i18n import translator
    from entraide.scoring.model import Ledger
    from entraide.site.context import SiteContext
    from entraide.site.pages.alumni import alumni_page

    former = [member(f"a-{i:04d}", 100 + i, cohort="printemps", public_profile=True) for i in range(count)]
    ctx = SiteContext(
        community=community(former, cohorts=(SPRING,)),
        events=(),
        ledger=Ledger(as_of=dt.date(2026, 9, 1), awards=(), revoked=(), standings=(), leaderboards=()),
        as_of=dt.date(2026, 9, 1),
        docs={},
        tr=translator("fr"),
    )
    page = alumni_page(ctx)
    assert page.count("](../membres/a-") == count
    assert ("search:\n  exclude: true" not in page.split("\n---\n", 1)[0]) is searched
