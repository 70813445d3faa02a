"""Badges and progress as a visitor sees them, in headless Chromium over the example community's site."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_profile_badges_render_and_the_catalogue_shows_the_learners_state(page, site_url):
    page.goto(site_url + "membres/lucas-bernard/")
    images = page.locator("img.entraide-badge-img")
    assert images.count() >= 10
    widths = page.eval_on_selector_all("img.entraide-badge-img", "els => els.map(e => e.naturalWidth)")
    assert all(width == 120 for width in widths)  # every SVG loaded
    grey = page.eval_on_selector("img.is-locked", "e => getComputedStyle(e).filter")
    assert "grayscale" in grey
    assert page.locator(".entraide-progress progress").count() == 3
    page.get_by_text("Voir mes défis dans le catalogue").click()
    page.wait_for_selector(".entraide-state")
    states = dict(
        page.eval_on_selector_all(
            ".entraide-challenge[data-slug]", "els => els.map(e => [e.dataset.slug, e.dataset.state])"
        )
    )
    assert states["html-semantique"] == "done" and states["python-bases"] == "done"
    assert states["audit-accessibilite"] == "locked"
    assert page.locator(".entraide-challenge[data-slug=html-semantique] .entraide-state").inner_text() == "Réussi"


def test_the_catalogue_without_a_profile_shows_no_state(page, site_url):
    page.goto(site_url + "defis/")
    page.wait_for_selector(".entraide-filters")
    assert page.locator(".entraide-state").count() == 0
