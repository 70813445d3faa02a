"""The texts converted for issue 14's second pass speak English when the community does: the animation, shop,
contest, well-being, alumni and question pages, the animation bot's messages, the issue forms and the mentors'
private report and digest hold no sentence of the French catalogue, and keep their French one in French."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from entraide.bot import animate, careforms, rewardform
from entraide.content.i18n import messages, translator
from entraide.insight import digest, report
from entraide.insight.community import assess
from entraide.site.context import SiteContext
from entraide.site.pages import alumni, calendar, care, contests, shop
from entraide.site.questions import pages as question_pages

REPO = Path(__file__).resolve().parent.parent


def french_sentences() -> set[str]:
    """Every stretch of the French catalogue's translations long enough to be a sentence of ours (between
    placeholders, at least four words), where it differs from the English."""
    found = set()
    for message in messages.read("fr"):
        strings = (message.string,) if isinstance(message.string, str) else tuple(message.string or ())
        for text in strings:
            for part in re.split(r"\{\w*\}|\n", text):
                part = part.strip(" .:;,()*«»“”—-")
                if len(part.split()) >= 4 and part not in str(message.id):
                    found.add(part)
    return found


FRENCH = french_sentences()


def leftover(text: str) -> list[str]:
    return sorted(part for part in FRENCH if part in text)


@pytest.fixture(scope="module")
def contexts() -> dict[str, SiteContext]:
    from entraide.site.build import context_for

    fr = context_for(REPO)
    rules = fr.community.rules.model_copy(update={"language": "en"})
    members = tuple(m.model_copy(update={"languages": ()}) for m in fr.community.members)  # all read the community's
    community = fr.community.model_copy(update={"rules": rules, "members": members})
    return {"fr": fr, "en": dataclasses.replace(fr, tr=translator("en"), community=community)}


def pages_of(ctx: SiteContext) -> dict[str, str]:
    out: dict[str, str] = {}
    for source in (calendar.pages, contests.pages, shop.pages, care.pages, alumni.pages, question_pages):
        out.update({path: str(page) for path, page in source(ctx).items()})
    return out


def test_the_new_pages_hold_no_french_sentence_in_english_and_keep_them_in_french(contexts):
    english, french = pages_of(contexts["en"]), pages_of(contexts["fr"])
    assert set(english) == set(french) and len(english) >= 9
    assert {path: leftover(page) for path, page in english.items() if leftover(page)} == {}
    assert "Calendrier éditorial" in french["animation/calendrier.md"]
    assert "Editorial calendar" in english["animation/calendrier.md"]
    assert "refused: balance too low" in english["boutique/index.md"]
    assert "refusée : solde insuffisant" in french["boutique/index.md"]


def test_the_animation_bot_and_the_forms_speak_the_community_s_language(contexts):
    from entraide.scoring.contests import result
    from entraide.site.pages.common import live_awards

    for language in ("en", "fr"):
        ctx = contexts[language]
        window = ctx.community.rules.acceptance.review_window_days
        awards = live_awards(ctx.ledger)
        found = tuple(
            result(c, awards, members=ctx.community.members, as_of=ctx.as_of, review_window_days=window)
            for c in ctx.animation.contests.contests
        )
        actions = animate.plan(
            ctx.animation, ctx.community, contests=found, shop=shop.shop_book(ctx), today=dt.date(2026, 11, 23)
        )
        said = "\n".join(f"{getattr(a, 'title', '')}\n{a.body}" for a in actions)
        forms = "\n".join(careforms.all_forms(ctx.community.rules).values())
        forms += rewardform.render(ctx.animation.shop, ctx.community.rules)  # type: ignore[arg-type]
        if language == "en":
            assert leftover(said) == [] and leftover(forms) == []
            assert "Request refused" in said and "Weather of the week" in forms
        else:
            assert "Demande refusée" in said and "Météo de la semaine" in forms


def test_the_mentors_report_and_digest_speak_the_community_s_language(contexts):
    day, names = dt.date(2026, 10, 20), {m.login: m.name for m in contexts["fr"].community.members}
    english = report.render(
        assess(contexts["en"].community, contexts["en"].events, as_of=day), names=names, language="en"
    )
    french = report.render(assess(contexts["fr"].community, contexts["fr"].events, as_of=day), names=names)
    assert leftover(english) == [] and "Short list" in english and "Liste courte" in french
    inputs = digest.DigestInputs(
        month="2026-10",
        moved=(digest.Moved(name="satisfaction", before=3.5, after=4.1),),
        waiting_submissions=3,
        oldest_wait_days=2,
        at_risk=3,
        assessed=15,
        waiting_questions=10,
        recurring_questions=1,
        comments=(),
        effects_url=None,
        language="en",
    )
    text = digest.render(inputs)
    assert leftover(text) == [] and "Mean satisfaction (out of 5): 3.5 → 4.1" in text
    assert "Satisfaction moyenne (sur 5) : 3,5 → 4,1" in digest.render(inputs.model_copy(update={"language": "fr"}))
