"""Cross-language suggested answers (issue 17, item 4): an English question finds the French resource,
through the site's own vocabulary (insight/lexicon.py) and resources indexed one by one."""

from __future__ import annotations

from pathlib import Path

import pytest

from entraide.insight import lexicon, suggest, textsearch
from entraide.insight.textsearch import BM25Index, Doc

REPO = Path(__file__).resolve().parent.parent
HELD_OUT = Path(__file__).parent / "fixtures" / "questions_crosslang.yml"


@pytest.fixture(scope="module")
def example_docs():
    docs, _ = suggest.load_docs(REPO, answers=False)
    return docs


def test_a_free_screen_reader_finds_the_nvda_resource_first():
    hits = suggest.suggest_for(REPO, "where can I find a free screen reader")
    assert hits[0].id == "docs/ressources/index.md#front-end"
    assert hits[0].title == "Ressources : NVDA" and "lecteur d'écran libre" in hits[0].excerpt
    assert hits[0].url.endswith("/ressources/#front-end")


def test_held_out_english_questions_find_their_french_answers(example_docs):
    index = BM25Index(example_docs)
    labelled = suggest.load_labelled(HELD_OUT)
    found = [set(expected) & {d.id for d, _ in textsearch.ranked(index, q)} for q, expected in labelled]
    assert len(labelled) >= 10 and sum(map(bool, found)) / len(labelled) >= 0.9


def test_english_words_stand_for_the_pages_french_words():
    docs = [Doc("a", "Outils", "Le lecteur d'écran libre."), Doc("b", "Autre", "Un lecteur de fichiers CSV.")]
    assert textsearch.ranked(BM25Index(docs), "free screen readers")[0][0].id == "a"
    assert "lecteur" in textsearch.expand("readers") and "écran" in textsearch.expand("Screen")


def test_the_lexicon_only_speaks_the_sites_words(example_docs):
    site = {t for d in example_docs for t in textsearch.analyse(f"{d.title} {d.text}")}
    foreign = [fr for fr in lexicon.FR_EN if not set(textsearch.analyse(fr)) <= site]
    assert foreign == []


def test_a_resource_is_a_document_of_its_own_at_its_sections_address():
    text = "# R\n\n## Outils\n\n- [NVDA](https://x) — lecteur\n  libre. Étiquettes : `outil`\n- Sans lien\n"
    docs = suggest.sections("ressources/index.md", text)[1:]  # [0]: the page's own text, before any section
    assert [(d.id, d.title) for d in docs] == [
        ("docs/ressources/index.md#outils", "R : Outils"),
        ("docs/ressources/index.md#outils", "R : NVDA"),
    ]
    assert "libre" in docs[1].text and "Sans lien" not in docs[1].text
    found = textsearch.ranked(BM25Index(docs), "lecteur libre")
    assert [d.title for d, _ in found] == ["R : NVDA"]  # one hit per address, its best document
