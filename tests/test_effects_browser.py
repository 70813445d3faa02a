"""The « Ce qui aide » page of the example community in headless Chromium, on a phone and a laptop.

Screenshots land in /tmp/entraide-kpi-shots (ce-qui-aide-390.png, ce-qui-aide-1280.png).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from entraide.content.effects import label_of
from entraide.content.i18n import translator
from entraide.content.loader import load_community
from sitekit import only_local

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/entraide-kpi-shots")
REPO = Path(__file__).resolve().parents[1]
CHART = """async (src) => {
  const svg = new DOMParser().parseFromString(await (await fetch(src)).text(), "image/svg+xml");
  return {
    error: svg.querySelector("parsererror") !== null,
    scripts: svg.querySelectorAll("script, foreignObject").length,
    points: Array.from(svg.querySelectorAll("circle.point")).map(c => [c.dataset.label, Number(c.dataset.value)]),
    intervals: svg.querySelectorAll("line.interval").length,
  };
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_page_shows_each_estimate_its_interval_and_counts_without_naming_anyone(browser, site_url, width):
    tab = browser.new_page(viewport={"width": width, "height": 900})
    only_local(tab, site_url)
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(f"{site_url}kpi/ce-qui-aide/")
    community = load_community(REPO)
    rules = community.rules.effects
    public = tab.request.get(f"{site_url}api/kpis.json").json()["effects"]
    assert len(public) == len(rules.exposures) * len(rules.outcomes)
    rows = tab.locator("article table tbody tr")
    assert rows.count() == len(public)  # one row per exposure and outcome
    body = tab.locator("article").inner_text()
    assert "À lire avant de conclure" in body and "pas assez d'apprenants" in body
    for exposure in rules.exposures:
        assert label_of(exposure, translator("fr")) in body  # the example names none: the defaults, in French
    learners = [m for m in community.members if m.role.value == "learner"]
    assert not [m.name for m in learners if m.name in body]  # no one is named, not even those who consented
    shown = {(r["exposure"], r["outcome"]): r for r in public if r["status"] == "ok"}
    assert shown, "the example community has enough learners for some estimates"
    labels = {label_of(x, translator("fr")): x.id for x in rules.exposures}
    for outcome in rules.outcomes:
        image = tab.locator(f"article img[src*='ce-qui-aide-{outcome.id}.svg']")
        image.scroll_into_view_if_needed()
        chart = tab.evaluate(CHART, image.evaluate("i => i.src"))
        assert not chart["error"] and chart["scripts"] == 0
        drawn = {labels[label]: value for label, value in chart["points"]}
        expected = {x: r["difference"] for (x, o), r in shown.items() if o == outcome.id}
        assert drawn == pytest.approx(expected) and chart["intervals"] == len(expected)
    # the images shown (a chart's twin for the other colour scheme is hidden, and lazy: it never loads)
    tab.wait_for_function(
        "Array.from(document.querySelectorAll('article img')).filter(i => i.offsetParent).every(i => i.complete)"
    )
    assert tab.evaluate("document.documentElement.scrollWidth") <= width  # tables scroll inside the page
    tab.evaluate("window.scrollTo(0, 0)")
    SHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"ce-qui-aide-{width}.png"), full_page=True)
    assert errors == []
    tab.close()
