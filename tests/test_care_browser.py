"""The alumni, opportunities, well-being and « Vous avez dit » pages of the example community in headless
Chromium (issue 16 items 5, 7, 8). Screenshots land in $ENTRAIDE_SHOTS (default /tmp/entraide-care-shots)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from entraide.content.loader import load_community
from sitekit import only_local

pytestmark = pytest.mark.browser
SHOTS = Path(os.environ.get("ENTRAIDE_SHOTS", "/tmp/entraide-care-shots"))
REPO = Path(__file__).resolve().parents[1]
OVERFLOW = "document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"


def visit(browser, site_url: str, path: str, width: int):
    tab = browser.new_page(viewport={"width": width, "height": 900})
    only_local(tab, site_url)
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(f"{site_url}{path}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{path.strip('/').replace('/', '-')}-{width}.png"), full_page=True)
    assert not errors and not tab.evaluate(OVERFLOW)
    return tab


@pytest.mark.parametrize("width", [390, 1280])
def test_alumni_keep_their_badges_and_show_what_they_volunteer_for_public_profiles_only(browser, site_url, width):
    tab = visit(browser, site_url, "anciens/", width)
    rows = tab.locator("article table tbody tr")
    community = load_community(REPO)
    spring = [m for m in community.members if m.cohort == "printemps-2026" and m.role.value == "learner"]
    public = [m for m in spring if m.public_profile]
    assert rows.count() == len(public) and len(spring) > len(public)
    body = tab.locator("article").inner_text()
    assert not [m.name for m in spring if not m.public_profile and m.name in body]
    camille = tab.locator("article tr", has_text="Camille Martin")
    assert "binôme, mentor" in camille.inner_text() and "\t3\t" in camille.inner_text()  # her 3 badges
    camille.get_by_role("link", name="Camille Martin").click()
    tab.wait_for_url("**/membres/camille-martin/")  # the profile is still there, marked alumni
    tab.wait_for_load_state("load")  # read the whole page, not the part parsed so far
    expect(tab.locator("article")).to_contain_text("Première contribution")  # her badges stay
    profile = tab.locator("article").inner_text()
    assert "Printemps 2026 (ancienne ou ancien)" in profile and "binôme, mentor" in profile


@pytest.mark.parametrize("width", [390, 1280])
def test_the_board_shows_the_approved_opportunity_only(browser, site_url, width):
    tab = visit(browser, site_url, "opportunites/", width)
    body = tab.locator("article").inner_text()
    assert "Stage développeuse front-end accessible" in body and "27 décembre 2026" in body
    assert "CDI développeur Python" not in body  # labelled by its own author
    link = tab.get_by_role("link", name="Voir l'annonce")
    assert link.get_attribute("href") == "https://example.org/offres/stage-front"


def test_wellbeing_shows_resources_and_aggregates_and_said_we_did_links_feedback(browser, site_url):
    tab = visit(browser, site_url, "bien-etre/", 1280)
    assert tab.locator("article table tbody tr").count() == 3  # printemps' 3 answers: not shown
    assert tab.get_by_role("link", name="Nightline France").count() == 1
    tab = visit(browser, site_url, "vous-avez-dit/", 1280)
    assert tab.locator("article h3").count() == 3
    assert tab.get_by_role("link", name="#214").get_attribute("href").endswith("/issues/214")
