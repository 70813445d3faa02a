"""One register and one term per concept in what learners read: the site speaks « vous », says « parcours »
(never « piste ») and « cohorte » (never « promotion »), on every built page and in the bot's French texts."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from builders import member
from entraide.bot.community import text as say
from entraide.bot.onboarding import join_reply
from entraide.content.i18n import translator
from entraide.content.models import Cohort

OTHER_TERMS = re.compile(r"\b(pistes?|promotions?|promos?)\b", re.IGNORECASE)
TU = re.compile(r"\b(tu|ton|ta|tes|toi|t['’](?=[aeiouéèêh]))\b", re.IGNORECASE)


def page_text(html: str) -> str:
    """What a reader sees of a page: scripts and styles out, tags out."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    return re.sub(r"<[^>]+>", " ", html)


def findings(pattern: re.Pattern[str], pages: dict[str, str]) -> list[tuple[str, str]]:
    return [(path, match.group(0)) for path, text in pages.items() for match in pattern.finditer(text)]


@pytest.fixture(scope="module")
def built_pages(example_site) -> dict[str, str]:
    pages = {
        str(p.relative_to(example_site)): page_text(p.read_text(encoding="utf-8")) for p in example_site.rglob("*.html")
    }
    assert len(pages) > 50
    return pages


def test_every_built_page_says_parcours_and_cohorte(built_pages):
    assert findings(OTHER_TERMS, built_pages) == []
    assert any("parcours" in text for text in built_pages.values())
    assert any("cohorte" in text.casefold() for text in built_pages.values())


def test_every_built_page_says_vous(built_pages):
    assert findings(TU, built_pages) == []


def test_the_detectors_find_what_they_look_for():
    assert findings(OTHER_TERMS, {"p": "La Promotion 2026 et sa piste"}) == [("p", "Promotion"), ("p", "piste")]
    assert [f for _, f in findings(TU, {"p": "Tu as ouvert ton PR ; t'inquiète, ta revue arrive"})] == [
        "Tu",
        "ton",
        "t'",
        "ta",
    ]
    assert findings(TU, {"p": "Vous êtes en tête ; statuts, tests, tonalité"}) == []


FR = translator("fr")


def test_the_bots_french_texts_say_vous():
    learner, buddy = member("ana", 1), member("bob", 2)
    cohort = Cohort(id="printemps", name="Printemps", start=dt.date(2026, 3, 2), end=dt.date(2026, 6, 12))
    texts = {
        "join (already a member)": say.join_member_already(learner, tr=FR),
        "buddy": say.buddy_comment(learner, buddy, shared_track="Front", tr=FR),
        "pulse survey": say.pulse_body(cohort, 2, learners=("ana",), repository="entraide/web", tr=FR),
        "join reply": join_reply({"login": "ana", "id": 1, "name": "Ana"}, repository="entraide/web", tr=FR),
        "conduct": say.conduct_ack(repository="entraide/web", tr=FR),
    }
    assert findings(TU, texts) == [] and findings(OTHER_TERMS, texts) == []
    assert all(re.search(r"\b(vous|votre|vos)\b", text, re.IGNORECASE) for text in texts.values())
