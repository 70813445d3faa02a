"""The published site under GitHub Pages' project path (https://<owner>.github.io/<repo>/): served here
under the same path as entraide.yml's site_url, with GitHub Pages' 404 rule, and opened in Chromium."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from entraide.content.loader import load_rules
from sitekit import REPO, served_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def prefix() -> str:
    site_url = load_rules(REPO).site_url
    assert site_url, "the example community publishes under a project path"
    return urlsplit(site_url).path


def first_profile(example_site) -> str:
    return sorted(p.parent.name for p in (example_site / "membres").glob("*/index.html"))[0]


@pytest.mark.parametrize("path", ["page-qui-n-existe-pas/", "membres/{profile}/", "kpi/retention/"])
def test_pages_load_everything_from_under_the_project_path(browser, example_site, prefix, path):
    with served_site(example_site, prefix=prefix) as base:
        origin = base[: -len(prefix)]
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        seen: list[str] = []
        failed: list[str] = []
        tab.on("request", lambda request: seen.append(request.url))
        tab.on("requestfailed", lambda request: failed.append(request.url))
        address = base + path.format(profile=first_profile(example_site))
        tab.on(
            "response",
            lambda response: (
                failed.append(response.url) if response.status >= 400 and response.url != address else None
            ),
        )  # the missing page itself answers 404, as on GitHub Pages
        tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith(origin) else route.abort())
        tab.goto(address, wait_until="networkidle")
        stylesheets = tab.evaluate("document.styleSheets.length")
        tab.close()
    assert failed == []
    assert [url for url in seen if not url.startswith(base)] == []
    assert stylesheets >= 2  # the theme and the community's CSS, not an unstyled page


def test_sitemap_lists_every_public_page(example_site):
    site_url = load_rules(REPO).site_url.rstrip("/") + "/"
    listed = set(re.findall(r"<loc>([^<]+)</loc>", (example_site / "sitemap.xml").read_text(encoding="utf-8")))
    pages = {
        site_url + str(p.parent.relative_to(example_site)).replace(".", "").strip("/") + "/"
        for p in example_site.rglob("index.html")
    }
    pages = {url.replace(site_url + "/", site_url) for url in pages}
    assert listed == pages
