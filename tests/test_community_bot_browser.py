"""Community life in headless Chromium, on the example community's built site: the events page with its
calendar feed, the unanswered questions oldest first, and a consenting member's wall of thanks.

What each page must show is computed from the pure core on the same inputs, never written down here.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from entraide.events.questions import questions, waiting
from entraide.insight.recurring import group
from entraide.scoring.kudos import wall_of_thanks
from entraide.site import build as site
from entraide.site.agenda import upcoming_and_past
from entraide.site.links import long_date
from sitekit import REPO

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def ctx():
    return site.context_for(REPO)


def section_rows(page, heading: str) -> list[list[str]]:
    """The cells of the table that follows the h2 `heading`, row by row."""
    return page.evaluate(
        """heading => {
        const h2 = [...document.querySelectorAll('article h2')].find(h => h.textContent.trim().startsWith(heading));
        // Material's script wraps each table in scrolling <div>s: look inside the siblings too.
        let node = h2 && h2.nextElementSibling, table = null;
        while (node && node.tagName !== 'H2' && !table) {
            table = node.tagName === 'TABLE' ? node : node.querySelector('table');
            node = node.nextElementSibling;
        }
        if (!table) return [];
        return [...table.querySelectorAll('tbody tr')].map(tr => [...tr.cells].map(td => td.innerText.trim()));
    }""",
        heading,
    )


def test_events_page_lists_what_is_coming_and_what_is_past_and_offers_the_feed(page, site_url, ctx):
    now = dt.datetime.combine(ctx.as_of, dt.time(23, 59), tzinfo=dt.UTC)
    upcoming, past = upcoming_and_past(ctx.community.rules.agenda, now=now)
    assert upcoming or past, "the example community declares no event"
    page.goto(site_url + "evenements/")
    assert page.locator("article h1").inner_text().startswith("Événements")
    assert [row[1] for row in section_rows(page, "À venir")] == [item.title for item in upcoming]
    assert [row[1] for row in section_rows(page, "Passés")] == [item.title for item in past]
    feed = page.request.get(
        site_url + "evenements/" + page.get_by_role("link", name="tous les événements").get_attribute("href")
    )
    assert feed.ok and feed.text().startswith("BEGIN:VCALENDAR")
    assert feed.text().count("BEGIN:VEVENT") == len(ctx.community.rules.agenda)


def test_questions_page_lists_every_waiting_question_once_per_question_oldest_first(page, site_url, ctx):
    rules = ctx.community.rules
    pending = waiting(questions(ctx.events, moderation_labels=rules.moderation_labels, bots=frozenset(rules.bots)))
    assert pending, "the example community has no waiting question"
    page.goto(site_url + "questions/")
    rows = page.evaluate(
        "() => [...document.querySelectorAll('article tbody tr')].map(tr => [...tr.cells].map(td => td.innerText.trim()))"
    )
    assert len(rows) == len(group(pending)) < len(pending)  # the same question asked again is one row
    assert len({row[1] for row in rows}) == len(rows)  # no title listed twice
    times = [int(m.group(1)) if (m := re.search(r"\((\d+) fois\)$", row[1])) else 1 for row in rows]
    assert sum(times) == len(pending) and max(times) > 1
    ages = [int(re.match(r"(\d+) j", row[0]).group(1)) for row in rows]
    assert ages == sorted(ages, reverse=True)  # oldest first
    links = page.locator("article tbody a").evaluate_all("links => links.map(a => a.href)")
    assert all(link.startswith(f"https://github.com/{rules.repository}/") for link in links)
    answering = [link for link in links if "#discussioncomment-" not in link]
    assert sorted(answering) == sorted(
        f"https://github.com/{rules.repository}/{'discussions' if q.subject_type == 'discussion' else 'issues'}/{q.subject}"
        for q in pending
    )


def test_frequent_questions_link_the_accepted_answers_of_recurring_questions(page, site_url, ctx):
    rules = ctx.community.rules
    asked = questions(ctx.events, moderation_labels=rules.moderation_labels, bots=frozenset(rules.bots))
    page.goto(site_url + "questions/frequentes/")
    headings = page.locator("article h2").all_inner_texts()
    recurring = [g for g in group(asked) if len(g.questions) > 1 and g.answers]
    assert len(headings) == len(recurring) > 0
    assert {h.rstrip("¶").strip() for h in headings} == {g.first.title for g in recurring}
    answers = page.get_by_role("link", name="Lire la réponse acceptée sur GitHub")
    hrefs = answers.evaluate_all("links => links.map(a => a.href)")
    assert len(hrefs) == len(recurring)
    assert all(
        re.fullmatch(rf"https://github.com/{rules.repository}/discussions/\d+#discussioncomment-\d+", h) for h in hrefs
    )


def test_a_consenting_member_shows_the_thanks_received(page, site_url, ctx):
    community = ctx.community
    hidden = set(community.rules.privacy.hidden)
    public = [m for m in community.members if m.public_profile and m.login not in hidden]
    events_by_id = {event.id: event for event in ctx.events}
    walls = {m.login: wall_of_thanks(m, awards=list(ctx.ledger.awards), events_by_id=events_by_id) for m in public}
    login = max(sorted(walls), key=lambda name: len(walls[name]))
    newest = walls[login][0]
    assert newest.reason, "the newest thanks of the example has no reason to show"
    page.goto(site_url + f"membres/{login}/")
    items = page.evaluate("""() => {
        const h2 = [...document.querySelectorAll('article h2')].find(h => h.textContent.includes('Mur des remerciements'));
        let node = h2.nextElementSibling;
        while (node && node.tagName !== 'UL') node = node.nextElementSibling;
        return [...node.querySelectorAll('li')].map(li => li.innerText);
    }""")
    assert items and newest.reason in items[0] and long_date(newest.at.date(), "fr") in items[0]
