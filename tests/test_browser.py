"""Browser smoke test of the example community's site in headless Chromium (Debian's chromium)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from entraide.content import loader as content
from sitekit import REPO

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def example():
    return content.load_community(REPO)


def brief_word(example) -> tuple[str, str]:
    """A long word found in exactly one challenge's brief and in no challenge title: (word, slug)."""
    words_of = {c.slug: set(re.findall(r"[a-zà-ÿ]{9,}", c.brief.lower())) for c in example.challenges}
    counts = Counter(word for words in words_of.values() for word in words)
    titles = " ".join(c.title.lower() for c in example.challenges)
    for slug, words in sorted(words_of.items()):
        for word in sorted(words):
            if counts[word] == 1 and word not in titles:
                return word, slug
    raise AssertionError("no distinctive word in the example briefs")


def test_home_leaderboard_shows_ranked_members(page, site_url):
    page.goto(site_url)
    rows = page.locator(".entraide-leaderboard tbody tr")
    assert rows.count() >= 3
    ranks = [int(rows.nth(i).locator("td").first.inner_text()) for i in range(rows.count())]
    points = [int(rows.nth(i).locator("td").last.inner_text()) for i in range(rows.count())]
    assert ranks[0] == 1 and ranks == sorted(ranks)
    assert points == sorted(points, reverse=True)
    assert rows.first.locator("a").get_attribute("href").startswith("membres/")


def test_search_finds_a_challenge_from_a_word_of_its_brief(page, site_url, example):
    word, slug = brief_word(example)
    page.goto(site_url)
    page.fill("input.md-search__input", word)
    results = page.locator("a.md-search-result__link")
    results.first.wait_for(timeout=15_000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any(f"defis/{slug}/" in href for href in hrefs), (word, hrefs)


def test_a_profile_opens_from_the_leaderboard(page, site_url, example):
    page.goto(site_url)
    link = page.locator(".entraide-leaderboard tbody tr a").first
    name = link.inner_text()
    link.click()
    page.wait_for_url(re.compile(r"/membres/[\w-]+/$"))
    assert page.locator("article h1").first.inner_text().replace("¶", "").strip() == name
    assert page.get_by_text("Points").count() >= 1
    login = page.url.rstrip("/").rsplit("/", 1)[1]
    member = next(m for m in example.members if m.login == login)
    assert member.public_profile and name == member.display_name


def test_catalogue_filters_by_track_and_level(page, site_url, example):
    page.goto(site_url + "defis/")
    items = page.locator(".entraide-challenge")
    assert items.count() == len(example.challenges)
    track = example.challenges[0].track
    page.select_option("select[name=track]", track)
    visible = page.locator(".entraide-challenge:visible")
    expected = sum(1 for c in example.challenges if c.track == track)
    assert visible.count() == expected
    page.select_option("select[name=level]", "1")
    assert page.locator(".entraide-challenge:visible").count() == sum(
        1 for c in example.challenges if c.track == track and c.level == 1
    )


def test_every_generated_index_page_loads_without_errors(page, site_url):
    for path in ("", "classements/", "defis/", "badges/", "membres/"):
        response = page.goto(site_url + path)
        assert response.status == 200, path
