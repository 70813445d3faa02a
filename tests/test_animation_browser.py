"""The animation pages of the example site in Chromium: the editorial calendar by week, a closed contest
with its winners and board, the rewards shop with its requests; reached from the navigation, no console
error. ENTRAIDE_SHOTS=<folder> also saves a full-page screenshot of each (issue 16's screenshots)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def shoot(page, name: str) -> None:
    folder = os.environ.get("ENTRAIDE_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_the_calendar_shows_the_weeks_and_the_prompts(page, site_url):
    page.goto(site_url + "animation/calendrier/")
    headings = page.locator("h2").all_inner_texts()
    assert "Semaine du 30 novembre 2026" in " ".join(headings) and "Questions de la semaine" in " ".join(headings)
    assert page.locator(".entraide-calendar table").count() == 4
    assert page.get_by_text("Séance de questions-réponses : Python et les tests").is_visible()
    shoot(page, "calendrier")


def test_a_closed_contest_lists_its_winners_and_its_board(page, site_url):
    page.goto(site_url + "concours/")
    page.get_by_role("link", name="Concours des relecteurs et relectrices d'octobre").click()
    page.wait_for_url("**/concours/relecteurs-octobre/")
    winners = page.locator("h2:has-text('Gagnant·es') + div table, h2:has-text('Gagnant·es') + table").first
    rows = winners.locator("tbody tr")
    assert rows.count() == 3 and "Une certification" in rows.first.inner_text()
    assert page.get_by_text("puis le plus petit numéro de compte GitHub").is_visible()
    shoot(page, "concours")


def test_the_shop_shows_the_catalogue_the_decisions_and_the_balances(page, site_url):
    page.goto(site_url)
    page.get_by_role("link", name="Boutique", exact=True).first.click()
    page.wait_for_url("**/boutique/")
    text = page.locator("article").inner_text()
    assert "approuvée (−80 points)" in text and "refusée : solde insuffisant" in text
    assert "Solde dépensable" in text
    shoot(page, "boutique")
