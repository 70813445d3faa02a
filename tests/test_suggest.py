"""Suggested answers: French and English analysis, ranking, the labelled set, the reply's wording."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from entraide.cli.insight import add_command
from entraide.content.i18n import translator
from entraide.insight import suggest, textsearch
from entraide.insight.textsearch import BM25Index, Doc, analyse

REPO = Path(__file__).resolve().parent.parent
LABELLED = Path(__file__).parent / "fixtures" / "questions.yml"


@pytest.mark.parametrize(
    "a,b",
    [
        ("accessibilité", "accessibilite"),  # accents folded
        ("formulaires", "formulaire"),  # French plural stemmed
        ("Relectures", "relecture"),  # case
        ("reviewing", "reviews"),  # English stemmed too
    ],
)
def test_analysis_makes_variants_meet(a, b):
    assert set(analyse(a)) & set(analyse(b))


def test_stop_words_are_dropped_in_both_languages():
    assert analyse("Comment est-ce que je le fais ? How do I do it?") == ["fai", "fais"]


def test_bm25_finds_a_page_through_inflections_and_accents():
    docs = [
        Doc("a", "Rendre un défi", "Ouvrez une pull request pour chaque défi."),
        Doc("b", "Code de conduite", "Signalez un problème de conduite à une mentore."),
    ]
    found = textsearch.ranked(BM25Index(docs), "comment signaler un probleme ?")
    assert [d.id for d, _ in found] == ["b"]


def test_glossary_maps_learners_words_to_the_pages_words():
    docs = [Doc("a", "Cohortes", "Chaque cohorte a ses défis obligatoires."), Doc("b", "Autre", "Rien à voir.")]
    assert textsearch.ranked(BM25Index(docs), "exercices imposés à la promo")[0][0].id == "a"


@pytest.fixture(scope="module")
def example_docs():
    docs, _ = suggest.load_docs(REPO, answers=False)
    return docs


def test_labelled_set_is_large_and_points_at_real_documents(example_docs):
    labelled = suggest.load_labelled(LABELLED)
    assert len(labelled) >= 40
    ids = {d.id for d in example_docs}
    assert [e for _, expected in labelled for e in expected if e not in ids] == []


def test_bm25_beats_the_keyword_baseline_on_the_labelled_set(example_docs):
    scores = suggest.evaluate(suggest.load_labelled(LABELLED), example_docs)
    assert scores["bm25"]["recall_at_3"] > scores["keyword"]["recall_at_3"]
    assert scores["bm25"]["mrr"] > scores["keyword"]["mrr"]
    assert scores["bm25"]["recall_at_3"] >= 0.7


def test_reply_says_it_is_automatic_and_neutralises_member_text():
    hits = [suggest.Hit("discussions/4", "Aide @mentors [clic](https://evil.example)", "#4", "**gras** <b>", 1.0)]
    text = suggest.reply_text(hits, tr=translator("fr"))
    assert text.startswith("Suggestion automatique")
    assert "ne ferme pas la question" in text
    assert "@mentors" not in text and "](https://evil" not in text and "<b>" not in text
    assert "Automatic suggestion" in suggest.reply_text(hits, tr=translator("en"))


@pytest.mark.parametrize(
    "doc_id,url",
    [
        ("docs/guide/index.md#rendre-un-defi", "https://s/guide/#rendre-un-defi"),
        ("docs/temoignages/sarah.md", "https://s/temoignages/sarah/"),
        ("docs/index.md", "https://s/"),
        ("challenges/api-rest", "https://s/defis/api-rest/"),
        ("discussions/12", "https://github.com/o/r/discussions/12"),
    ],
)
def test_urls(doc_id, url):
    assert suggest.url_of(doc_id, site_url="https://s", repository="o/r") == url


def test_sections_are_anchored_like_mkdocs():
    docs = suggest.sections("guide/index.md", "# Guide\n\nIntro.\n\n## Rendre un défi\n\nTexte.\n")
    assert [d.id for d in docs] == ["docs/guide/index.md", "docs/guide/index.md#rendre-un-defi"]
    assert docs[1].title == "Guide : Rendre un défi"


def test_suggest_command_prints_three_hits_with_excerpts(capsys):
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, default=REPO)
    add_command(parser.add_subparsers())
    args = parser.parse_args(["suggest", "Comment regrouper des cases à cocher ?", "--json"])
    assert args.handler(args) == 0
    hits = json.loads(capsys.readouterr().out)
    assert 1 <= len(hits) <= 3 and hits[0]["id"] == "challenges/formulaire-accessible"
    assert all(h["excerpt"] for h in hits)


def test_reply_for_a_new_question_or_none_when_nothing_fits(example_docs):
    from entraide.content.loader import load_rules

    rules = load_rules(REPO)
    reply = suggest.reply_for(
        "Onglets au clavier",
        "Comment gérer les flèches gauche et droite ?",
        example_docs,
        rules=rules,
        tr=translator("fr"),
    )
    assert reply and "defis/js-composant-clavier/" in reply and reply.count("\n1. ") == 1
    assert suggest.reply_for("Zzz", "qwerty xyzzy", example_docs, rules=rules, tr=translator("fr")) is None


def test_pages_for_maintainers_are_never_suggested_to_learners(example_docs):
    assert not any(d.id.startswith("docs/maintainers.md") for d in example_docs)
    hits = suggest.suggest_for(REPO, "how do I change the rules and keep the bot healthy as a maintainer")
    assert hits and not any("maintainers" in h.url for h in hits)
    assert not suggest.for_learners("---\naudience: maintainers\n---\n# Guide\n")
    assert suggest.for_learners("# Guide\n\nPour tout le monde.\n")
