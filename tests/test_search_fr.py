"""French search in Chromium on the example site: recall@5 over labelled queries (pages each query must find
among its first five results), tests/fixtures/search_fr*.yml.

Run with `-s` to see each query's results and the figure.

Protocol (never tune on the figure reported): the tuning set (search_fr.yml) and the held-out set
(search_fr_heldout.yml) came first; the first blind set (search_fr_blind.yml) was committed before its one run,
which gave 0.875. Its misses were then seen, so it became development data. In the fourth wave a second blind
set of 60 queries (search_fr_blind2.yml) was written from the pages and committed alone, before any change to
the search (git log -- tests/fixtures/search_fr_blind2.yml); the search was then changed using the three
earlier sets only, and committed; only then was the second blind set run, once, with the final search. The
previous search was measured on it afterwards, for the "before" figure. Nothing was changed after that run.

recall@5 (headless Chromium, shared 2-core machine):

| set                                   | before wave 4 | after wave 4 |
|---------------------------------------|---------------|--------------|
| tuning, 38 queries                    | 0.961         | 0.961        |
| held-out, 37 (seen in wave 3)         | 0.946         | 1.000        |
| first blind, 40 (seen: development)   | 0.875         | 0.950        |
| second blind, 60 (run once)           | 0.908         | **0.967**    |

Second blind set's misses: « enregistrements » (its stem also matches « enregistrez » in the « Rendre ce défi »
box of every challenge page; the events page has the word once, as a column heading) and « faq » (a word the
site does not use). Still missed on the development sets: « lecteur d'écran » and one of
the two pages of « accessibilité » (tuning), « stress » (absent from the site), « l'identifiant github » (every
challenge page says « votre identifiant GitHub » too).

What changed in wave 4 (assets/javascripts/workers/entraide-search.js): pages are ranked by how many of the
query's words they hold in any section, then by the sum of their sections' scores, instead of Material's best
section (a heading holding one word outranked a page holding all of them); a word of a synonym group is
indexed under its own key as well as the group's, so its beginning finds it (« kudo »). Ranking alone gave
0.961 / 1.000 / 0.925 on the development sets.
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
BLIND2 = yaml.safe_load((FIXTURES / "search_fr_blind2.yml").read_text(encoding="utf-8"))
# Waves 2-3, tuning set: 0.750 with the theme's separator (spaces and hyphens), 0.855 with the French one, 0.961
# with Entraide's search worker (accents folded, French stemmer, the programme's vocabulary in
# assets/javascripts/workers/search-synonyms.js). Held-out set (written and committed before the worker): 0.676
# before, 0.946 after (0.892 without the synonym groups); its misses were seen before the groups were written.
# Wave 4 figures and protocol: see the module's docstring. The floors guard the gains; each was set after
# measuring, below the measure, and nothing was tuned on the blind figure.
FLOOR = 0.95
HELD_OUT_FLOOR = 0.97
BLIND_FLOOR = 0.925  # the first blind set: 0.875 when blind; development data since
# The second blind set's one run, with the final search: 58 of 60. The floor keeps the 0.9 target with room for
# one more miss; the previous search (0.908) would fail it.
BLIND2_MEASURED = 0.967
BLIND2_FLOOR = 0.95


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


def test_second_blind_french_queries_find_their_pages(page, site_url):
    recall, _ = recall_at_5(page, site_url, BLIND2)
    assert recall >= BLIND2_FLOOR


def test_a_page_holding_every_word_of_the_query_ranks_first(page, site_url):
    """Pages, not sections, are ranked: the page whose text holds both words comes before the members' pages
    whose « Progression » heading holds one (headings weigh ×1000 in the theme's ranking)."""
    open_search(page, site_url)
    assert first_pages(page, site_url, "amelioration progressive")[0] == "defis/js-composant-clavier/"
    assert "defis/tests-et-ci/" in first_pages(page, site_url, "github actions")[:2]


def test_words_typed_without_accents_or_in_another_form_find_the_same_pages(page, site_url):
    """Folding and stemming run on both sides: the index's words and the query's."""
    open_search(page, site_url)
    assert first_pages(page, site_url, "réussite") == first_pages(page, site_url, "REUSSITE")
    assert first_pages(page, site_url, "événements") == first_pages(page, site_url, "evenement")
    assert "defis/formulaire-accessible/" in first_pages(page, site_url, "formulaires")
    # the programme's vocabulary: a word the site does not use finds the pages of the word it uses
    assert "guide/" in first_pages(page, site_url, "soumettre")
    # the beginning of a word of the vocabulary finds it too (« kudos » belongs to a group)
    assert "guide/" in first_pages(page, site_url, "kudo")
