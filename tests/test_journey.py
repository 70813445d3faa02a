"""A new learner's journey on the example site, in Chromium: home → « Rejoindre » → the member file
prefilled on GitHub's new-file page → a challenge → the « Rendre ce défi » button's address.

GitHub itself is never reached: its pages and its users API are answered by the test (the only requests
allowed outside the local server), and the addresses the site sends the learner to are read back.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from entraide.content.loader import load_rules
from entraide.content.models import Member
from entraide.content.yamlfile import loads
from sitekit import REPO

pytestmark = pytest.mark.browser

ACCOUNT_ID = 58_321_907


@pytest.fixture()
def github(page):
    """Answer GitHub's users API and record every github.com page the site opens."""
    opened: list[str] = []
    page.route(
        "https://api.github.com/users/**",
        lambda route: route.fulfill(
            status=200,
            content_type="application/json",
            headers={"Access-Control-Allow-Origin": "*"},
            body=json.dumps({"id": ACCOUNT_ID, "login": "x"}),
        ),
    )

    def new_file(route):
        opened.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>GitHub</title>")

    page.route("https://github.com/**", new_file)
    return opened


def test_learner_joins_then_finds_where_to_submit(page, site_url, github):
    rules = load_rules(REPO)
    page.goto(site_url)
    page.locator("article").get_by_role("link", name="Rejoignez le programme").click()
    page.wait_for_url("**/rejoindre/")
    form = page.locator("form[data-entraide-join]")
    form.locator("input[name=login]").fill("camille-dupont")
    form.locator("input[name=name]").fill('Camille "Cam" Dupont')
    form.locator("select[name=track]").select_option(rules.tracks[1].id)
    form.locator("input[name=languages]").fill("fr, en")
    form.locator("input[name=public_profile]").check()
    with page.expect_navigation(url="https://github.com/**"):
        form.get_by_role("button", name="Préparer ma fiche sur GitHub").click()

    url = urlsplit(github[-1])
    assert url.path == f"/{rules.repository}/new/main/members"
    query = parse_qs(url.query)
    assert query["filename"] == ["camille-dupont.yml"]
    data, _ = loads(query["value"][0], path="members/camille-dupont.yml")
    member = Member.model_validate(data)
    assert (member.login, member.id, member.name) == ("camille-dupont", ACCOUNT_ID, 'Camille "Cam" Dupont')
    assert member.track == rules.tracks[1].id and member.public_profile and member.languages == ("fr", "en")

    page.goto(site_url + "defis/")
    link = page.locator(".entraide-challenge a").first
    slug = link.get_attribute("href").strip("/").split("/")[-1]
    link.click()
    page.wait_for_url(f"**/defis/{slug}/")
    box = page.locator("[data-entraide-submit]")
    assert box.locator("input[data-entraide-login]").input_value() == "camille-dupont"  # remembered
    assert box.locator("code").inner_text() == f"submissions/{slug}/camille-dupont/"
    button = box.get_by_role("link", name="Créer ma soumission sur GitHub")
    target = urlsplit(button.get_attribute("href"))
    assert unquote(target.path) == f"/{rules.repository}/new/main/submissions/{slug}/camille-dupont"
    readme = parse_qs(target.query)
    assert readme["filename"] == ["README.md"] and readme["value"][0].startswith("# ")
    assert "- [ ] " in readme["value"][0]  # the acceptance criteria, as a checklist


def test_every_page_links_to_github_and_the_join_page(page, site_url):
    rules = load_rules(REPO)
    for path in ("", "defis/", "kpi/", "guide/"):
        page.goto(site_url + path)
        hrefs = page.eval_on_selector_all("a", "links => links.map(a => a.href)")
        assert f"https://github.com/{rules.repository}" in hrefs, path
        assert f"https://github.com/{rules.repository}/discussions" in hrefs, path
        assert any(h.endswith("/rejoindre/") for h in hrefs), path
