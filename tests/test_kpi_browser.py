"""The example community's KPI pages in headless Chromium: every chart loads and shows data.

Screenshots of each page, light and dark, land in /tmp/entraide-kpi-shots for people to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitekit import only_local

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/entraide-kpi-shots")
PAGES = ("engagement", "participation", "retention", "reussite", "satisfaction", "reactivite", "connexions", "mentors")
# What a chart draws for each value; at least one must be there, with a size.
DATA_MARKS = "circle.point, rect.bar, circle.node, line.edge"

SVG_SUMMARY = (
    """async (src) => {
  const text = await (await fetch(src)).text();
  const svg = new DOMParser().parseFromString(text, "image/svg+xml");
  const marks = Array.from(svg.querySelectorAll("%s"));
  return {
    error: svg.querySelector("parsererror") !== null,
    title: svg.querySelector("title") ? svg.querySelector("title").textContent : "",
    marks: marks.length,
    sized: marks.filter(m => Number(m.getAttribute("r") || m.getAttribute("height") || 1) > 0).length,
    paths: Array.from(svg.querySelectorAll("path.series")).filter(p => p.getAttribute("d").length > 1).length,
    scripts: svg.querySelectorAll("script, foreignObject").length,
  };
}"""
    % DATA_MARKS
)


def open_page(browser, url: str, *, scheme: str = "light"):
    tab = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    only_local(tab, url)
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    return tab


def load_images(tab) -> list[dict]:
    """Scroll every image shown into view (they load lazily), then report what the browser rendered. Each
    chart has a light and a dark file; only the one of the page's scheme is shown."""
    for image in tab.locator("article img:visible").all():
        image.scroll_into_view_if_needed()
    shown = "Array.from(document.querySelectorAll('article img')).filter(i => i.offsetParent !== null)"
    tab.wait_for_function(f"{shown}.every(i => i.complete)")
    tab.evaluate("window.scrollTo(0, 0)")  # full-page screenshots start from the top, header in place
    return tab.evaluate(
        f"{shown}.map(i => ({{src: i.src, alt: i.alt, width: i.naturalWidth, shown: i.getBoundingClientRect().width}}))"
    )


@pytest.mark.parametrize("name", PAGES)
def test_each_kpi_chart_renders_with_data(browser, site_url, name):
    tab = open_page(browser, site_url)
    tab.goto(f"{site_url}kpi/{name}/")
    images = [i for i in load_images(tab) if ".svg" in i["src"]]
    assert images, f"no chart on the {name} page"
    for image in images:
        assert image["width"] > 0 and image["shown"] > 300 and image["alt"], image
        summary = tab.evaluate(SVG_SUMMARY, image["src"])
        assert not summary["error"] and summary["title"] and summary["scripts"] == 0, (image["src"], summary)
        assert summary["marks"] > 0 and summary["sized"] > 0, (image["src"], summary)
    assert tab.locator("article table").count() >= 1  # the numbers beneath the chart
    assert tab.locator("article .admonition", has_text="Définition").count() == 1
    SHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{name}-light.png"), full_page=True)
    assert tab.errors == []
    tab.close()


def test_kpi_index_links_every_page_and_the_json(browser, site_url):
    tab = open_page(browser, site_url, scheme="dark")
    tab.goto(f"{site_url}kpi/")
    links = tab.locator("article a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert all(any(name in link for link in links) for name in PAGES), links
    response = tab.request.get(f"{site_url}api/kpis.json")
    assert response.ok and response.json()["min_group_size"] >= 1
    SHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SHOTS / "index-dark.png"), full_page=True)
    tab.goto(f"{site_url}kpi/retention/")
    load_images(tab)
    tab.screenshot(path=str(SHOTS / "retention-dark.png"), full_page=True)
    tab.close()
