"""Agenda, waiting questions and first steps, as pages: private people stay private, text stays text."""

import datetime as dt
from pathlib import Path

from icalendar import Calendar

from entraide.content.i18n import translator
from entraide.content.models import AgendaItem, Challenge, Cohort, Community, Member, Privacy, Rules, Track
from entraide.events.model import Event
from entraide.insight.nextsteps import read_pages
from entraide.scoring.model import Award, Ledger
from entraide.site import questions as question_pages
from entraide.site.build import SiteContext
from entraide.site.community import pages
from entraide.site.pages.escape import text

AS_OF = dt.date(2026, 3, 20)


def member(login, n, **extra):
    return Member(login=login, id=n, name=login.title(), joined="2026-01-05", **extra)


COMMUNITY = Community(
    rules=Rules(
        name="Entraide Web",
        repository="entraide/web",
        tracks=(Track(id="front", name="Front-end"), Track(id="back", name="Back-end")),
        cohorts=(Cohort(id="printemps-2026", name="Printemps <b>2026</b>", start="2026-03-02", end="2026-06-26"),),
        privacy=Privacy(min_group_size=5, hidden=("hidden-host",)),
        agenda=(
            AgendaItem(
                id="atelier-css",
                title="Atelier <script>alert(1)</script>",
                kind="workshop",
                start="2026-03-10T18:30",
                host="public-host",
                issue=7,
                track="front",
                recording="https://video.example.org/css",
            ),
            AgendaItem(
                id="permanence",
                title="Permanence",
                kind="office_hours",
                start="2026-03-25T12:00",
                host="private-host",
                link="https://visio.example.org/p",
            ),
            AgendaItem(id="webinaire", title="Webinaire", kind="webinar", start="2026-03-26T12:00", host="hidden-host"),
        ),
    ),
    members=(
        member("public-host", 1, role="mentor", public_profile=True),
        member("private-host", 2, role="mentor"),
        member("hidden-host", 3, role="mentor", public_profile=True),
        member("ana", 4),
        member("bob", 5),
    ),
    challenges=(
        Challenge(
            slug="html-semantique",
            title="HTML sémantique",
            track="front",
            level=1,
            points=10,
            acceptance_criteria=("valide",),
        ),
    ),
)


def ev(n, kind, actor, subject, *, day=10, **payload):
    return Event(
        id=f"ev:{n}",
        kind=kind,
        at=dt.datetime(2026, 3, day, 19, tzinfo=dt.UTC),
        actor_id=actor,
        actor_login=f"u{actor}",
        subject=subject,
        subject_type="issue",
        payload=payload,
    )


EVENTS = (
    ev(1, "issue_comment", 4, 7),
    ev(2, "reaction", 5, 7),
    ev(3, "issue_opened", 4, 20, day=12, labels=["question"], title="Pourquoi <img src=x onerror=alert(1)> ?"),
    ev(4, "issue_opened", 5, 21, day=13, labels=["question"]),
    ev(5, "issue_comment", 4, 21, day=14),
)


def built(events=EVENTS):
    attended = tuple(
        Award(
            member_id=e.actor_id, login=e.actor_login, points=5, reason="event_attendance", at=e.at, event_ids=(e.id,)
        )
        for e in EVENTS[:2]
    )
    ledger = Ledger(as_of=AS_OF, awards=attended, revoked=(), standings=(), leaderboards=())
    ctx = SiteContext(
        community=COMMUNITY,
        events=events,
        ledger=ledger,
        as_of=AS_OF,
        docs=read_pages(Path(".")),
        tr=translator(COMMUNITY.rules.language),
    )
    return {**pages(ctx), **question_pages.pages(ctx)}


def test_agenda_page_lists_upcoming_and_past_with_small_attendance_hidden():
    page = built()["evenements/index.md"]
    upcoming, past = page.split("## Passés")
    assert "Permanence" in upcoming and "Webinaire" in upcoming and "Atelier" in past
    assert "&lt;5" in past  # two attendees: a group under five is not counted in public
    assert "<script>" not in page and "&#60;script&#62;" in page
    assert text("Public-Host") in page and text("Private-Host") not in page and text("Hidden-Host") not in page
    assert "[tous les événements](agenda.ics)" in page


def test_feeds_per_track_include_events_for_everyone():
    out = built()
    front = Calendar.from_ical(out["evenements/agenda-front.ics"])
    back = Calendar.from_ical(out["evenements/agenda-back.ics"])
    assert {str(e["SUMMARY"]) for e in back.walk("VEVENT")} == {"Permanence", "Webinaire"}
    assert len(front.walk("VEVENT")) == 3


def test_questions_page_lists_only_waiting_questions_with_escaped_titles():
    page = built()["questions/index.md"]
    assert "https://github.com/entraide/web/issues/20" in page
    assert "issues/21" not in page
    assert "<img" not in page and "onerror" in page  # shown as text, not markup


def test_a_question_asked_many_times_links_the_first_askings_and_counts_the_others():
    """One row per question, its links bounded (LINKS_SHOWN) however many times it was asked."""
    times = question_pages.LINKS_SHOWN + 3
    asked = tuple(
        ev(100 + n, "issue_opened", 4, 200 + n, day=1 + n, labels=["question"], title="Comment centrer une div ?")
        for n in range(times)
    )
    page = built(EVENTS + asked)["questions/index.md"]
    (row,) = [line for line in page.splitlines() if "centrer" in line]
    assert f"({times} fois)" in row and row.count("issues/2") == question_pages.LINKS_SHOWN
    assert "issues/200" in row and f"issues/{200 + times - 1}" not in row
    assert row.endswith(" et 3 autres |")


def test_first_steps_per_cohort():
    page = built()["premiers-pas/printemps-2026.md"]
    assert "<b>" not in page and "HTML sémantique" in page
    assert [line.split(".")[0] for line in page.splitlines() if line[:1].isdigit()] == [str(n) for n in range(1, 8)]
    assert " tu " not in page and " ton " not in page and "vous" in page  # one register: « vous »
