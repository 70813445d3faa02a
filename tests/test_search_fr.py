"""French search in Chromium on the example site: recall@5 over the labelled queries of
tests/fixtures/search_fr.yml (pages each query must find among its first five results).

Run with `-s` to see each query's results and the figure.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).parent / "fixtures"
QUERIES = yaml.safe_load((FIXTURES / "search_fr.yml").read_text(encoding="utf-8"))
HELD_OUT = yaml.safe_load((FIXTURES / "search_fr_heldout.yml").read_text(encoding="utf-8"))
BLIND = yaml.safe_load((FIXTURES / "search_fr_blind.yml").read_text(encoding="utf-8"))
# Measured on the tuning set (search_fr.yml): 0.750 with the theme's separator (spaces and hyphens), 0.855 with
# the French one, 0.961 with Entraide's search worker (accents folded, French stemmer, the programme's vocabulary
# in assets/javascripts/workers/search-synonyms.js; still missed: « lecteur d'écran » and one of the two pages
# of « accessibilité », both rankings). On the held-out set (search_fr_heldout.yml, written and committed before
# the worker): 0.676 before, 0.946 after. Without the synonym groups (folding and stemming only): 0.908 and
# 0.892. Caveat: the held-out baseline run printed its misses before the synonym groups were written, so the
# held-out gain due to synonyms (« s'inscrire », « deposer mon travail ») is not blind; folding and stemming
# were chosen before. The floors guard the gains; they were set after measuring, not tuned on.
FLOOR = 0.95
HELD_OUT_FLOOR = 0.9
# The blind set (search_fr_blind.yml) was written after the search was final and committed before its one run:
# BLIND_MEASURED is that run's figure. The floor sits below it to guard against regressions; nothing in the
# search was changed after the run. Measured 0.875 over 40 queries (headless Chromium, shared 2-core machine);
# missed: « amelioration progressive », « github actions », « kudo », « stress », « l'identifiant github ».
# The floor is set below the measure, not tuned on it.
BLIND_MEASURED = 0.875
BLIND_FLOOR = 0.85


RESULTS = "li.md-search-result__item > a.md-search-result__link"


def first_pages(page, site_url: str, query: str, *, count: int = 5) -> list[str]:
    """The pages of the first `count` results, as paths under the site ('guide/'), in order."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")  # the theme searches on key presses as well as on input
    page.wait_for_function("() => !document.querySelector('li.md-search-result__item')", timeout=15_000)
    blank = page.locator(".md-search-result__meta").inner_text()  # the theme's "type to search" line
    box.fill(query)
    box.press("End")
    try:  # with no result at all the theme keeps its "type to search" line
        page.wait_for_function(
            "blank => document.querySelector('.md-search-result__meta').textContent.trim() !== blank.trim()",
            arg=blank,
            timeout=2_000,
        )
    except PlaywrightTimeout:
        return []
    page.wait_for_timeout(300)  # the worker answers as the text changes: let the last answer land
    hrefs = page.eval_on_selector_all(RESULTS, "links => links.map(a => a.href)")
    pages: list[str] = []
    for href in hrefs:
        path = href.split("#")[0].split("?")[0].removeprefix(site_url)
        if path not in pages:
            pages.append(path)
    return pages[:count]


def open_search(page, site_url: str) -> None:
    """The home page with the search index loaded."""
    page.goto(site_url)
    page.fill("input.md-search__input", "défis")
    page.press("input.md-search__input", "End")
    page.locator("li.md-search-result__item").first.wait_for(timeout=15_000)


def recall_at_5(page, site_url: str, queries: list[dict]) -> tuple[float, list[tuple[str, float]]]:
    """Recall@5 over `queries` typed in the search box, and each single elided word's score."""
    open_search(page, site_url)
    scores, elided = [], []
    for item in queries:
        found = first_pages(page, site_url, item["query"])
        score = sum(p in found for p in item["pages"]) / len(item["pages"])
        scores.append(score)
        if ("'" in item["query"] or "’" in item["query"]) and " " not in item["query"]:
            elided.append((item["query"], score))
        print(f"{score:4.2f}  {item['query']!r:28} -> {found}")
    recall = sum(scores) / len(scores)
    print(f"recall@5 over {len(queries)} French queries: {recall:.3f}")
    return recall, elided


def test_french_queries_find_their_pages(page, site_url):
    recall, elided = recall_at_5(page, site_url, QUERIES)
    assert recall >= FLOOR
    assert [
        query for query, score in elided if score < 1
    ] == []  # single elided words: « l'accessibilité », « d’inscription »...


def test_held_out_french_queries_find_their_pages(page, site_url):
    recall, _ = recall_at_5(page, site_url, HELD_OUT)
    assert recall >= HELD_OUT_FLOOR


def test_blind_french_queries_find_their_pages(page, site_url):
    recall, _ = recall_at_5(page, site_url, BLIND)
    assert recall >= BLIND_FLOOR


def test_words_typed_without_accents_or_in_another_form_find_the_same_pages(page, site_url):
    """Folding and stemming run on both sides: the index's words and the query's."""
    open_search(page, site_url)
    assert first_pages(page, site_url, "réussite") == first_pages(page, site_url, "REUSSITE")
    assert first_pages(page, site_url, "événements") == first_pages(page, site_url, "evenement")
    assert "defis/formulaire-accessible/" in first_pages(page, site_url, "formulaires")
    # the programme's vocabulary: a word the site does not use finds the pages of the word it uses
    assert "guide/" in first_pages(page, site_url, "soumettre")
