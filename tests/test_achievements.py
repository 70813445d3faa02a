"""Badge images and progress on profiles, from the example community's own rules and history."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest

from entraide.site import achievements, build
from entraide.site.credentials.catalogue import catalogue
from entraide.site.pages import core
from entraide.site.pages.badgeart import svg
from entraide.site.pages.showcase import challenge_states
from sitekit import REPO

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def ctx():
    return build.context_for(REPO)


@pytest.fixture(scope="module")
def pages(ctx):
    return core.pages(ctx)


def test_one_accessible_image_per_badge_shaped_and_coloured_by_kind_and_level(ctx):
    badges = catalogue(ctx.community)
    images = achievements.pages(ctx)
    assert len(badges) == len(ctx.community.rules.badges) + sum(1 for c in ctx.community.challenges if c.badge)
    shapes = {}
    for badge in badges:
        root = ElementTree.fromstring(images[badge.image])
        assert root.get("role") == "img"
        assert root.find(f"{SVG}title").text == badge.name
        shapes[badge.kind] = root[2].tag  # the outer shape, after <title> and <desc>
        stars = [t for t in root.iter(f"{SVG}text") if t.text == "★"]
        assert len(stars) == min(badge.level, 5)
    assert shapes["challenge"] == f"{SVG}polygon" and shapes["answers"] == f"{SVG}circle"
    series = [b for b in badges if b.kind == "answers"]
    assert [b.level for b in series] == [1, 2, 3]  # 1, 10 then 25 answers: three ring colours
    assert len({svg(b).split('fill="')[1][:7] for b in series}) == 3
    assert svg(badges[0]) == svg(badges[0])  # same badge, same bytes


def test_the_badges_page_and_challenge_pages_show_the_images(pages):
    assert len(re.findall(r"\]\(\.\./badges/img/[\w-]+\.svg\)", pages["badges/index.md"])) == 20
    assert "](../badges/img/defi-html-semantique.svg)" in pages["defis/html-semantique.md"]


def test_a_profile_shows_earned_badges_in_colour_and_the_next_ones_greyed_with_what_is_missing(pages, ctx):
    lucas = pages["membres/lucas-bernard.md"]
    earned, _, coming = lucas.partition("### Prochains badges")
    standing = next(s for s in ctx.ledger.standings if s.login == "lucas-bernard")
    assert earned.count('{ .entraide-badge-img width="88"') == len(standing.badges)
    assert earned.count("[Télécharger](../badges/ob/baked/") == len(standing.badges)
    assert earned.count(
        "[Ajouter à LinkedIn](https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME"
    ) == len(standing.badges)
    answers = standing.metrics["answers"]
    assert f"**Dix réponses**<br>\nencore {10 - answers}" in coming
    assert coming.count(".entraide-badge-img .is-locked") >= 3


def test_a_profile_shows_progress_to_the_next_level_required_challenges_and_streaks(pages, ctx):
    lucas = pages["membres/lucas-bernard.md"]
    standing = next(s for s in ctx.ledger.standings if s.login == "lucas-bernard")
    assert standing.points == 308  # Arbre from 300, Forêt at 500
    assert '<span>192 points avant le niveau « Forêt »</span><progress value="8" max="200">' in lucas
    assert '<span>Défis requis de la cohorte : 2 sur 2</span><progress value="2" max="2">' in lucas
    best = standing.best_streak_weeks
    assert f"Série en cours : {standing.streak_weeks} semaine(s) · record : {best}" in lucas


def test_challenge_states_for_a_learner(ctx):
    from sitekit import challenge_history  # noqa: F401  (same helpers as the other site tests)

    standing = next(s for s in ctx.ledger.standings if s.login == "lucas-bernard")
    states = challenge_states(
        standing, challenges=ctx.community.challenges, pending={"audit-accessibilite"}, as_of=ctx.as_of
    )
    assert {slug for slug, state in states.items() if state == "done"} == set(standing.accepted)
    assert states["audit-accessibilite"] == "pending"
    fresh = challenge_states(None, challenges=ctx.community.challenges, pending=set(), as_of=ctx.as_of)
    assert fresh["html-semantique"] == "open" and fresh["api-rest"] == "locked"  # api-rest needs python-bases
