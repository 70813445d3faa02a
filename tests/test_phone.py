"""Every page type on a phone (390 px wide) in Chromium: nothing sticks out sideways, no table hides
columns behind a sideways scroll without a visible cue, and chart text stays at least 11 px on screen.
Run with `-s` to see the measures per page type."""

from __future__ import annotations

import re

import pytest

from pagetypes import page_types

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SMALLEST_CHART_FONT = 12  # px in the SVG's own units: ticks (entraide.site.charts.svg.STYLE)

MEASURE = """() => {
  const root = document.documentElement;
  const tables = [...document.querySelectorAll('article table')].filter(t => t.offsetParent !== null);
  const scroller = t => { for (let e = t; e && e.tagName !== 'ARTICLE'; e = e.parentElement)
                            if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
                              return e; return null; };
  const hidden = tables.filter(t => { const s = scroller(t); return s && !s.closest('[data-entraide-scroll-cue]'); });
  const charts = [...document.querySelectorAll('article .entraide-chart img')].filter(i => i.offsetParent !== null)
    .map(i => ({src: i.getAttribute('src'), scale: i.getBoundingClientRect().width / i.naturalWidth}));
  return {overflow: root.scrollWidth - root.clientWidth, tables: tables.length, hidden: hidden.length, charts};
}"""


def measure(page, url: str) -> dict:
    page.goto(url)
    page.evaluate("""Promise.all([...document.images].filter(i => i.offsetParent !== null)
                     .map(i => { i.loading = 'eager'; return i.decode().catch(() => null); }))""")
    return page.evaluate(MEASURE)


def test_every_page_type_fits_a_phone(browser, site_url, example_site):
    tab = browser.new_page(viewport=PHONE)
    tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site_url) else route.abort())
    problems = []
    for kind, path in page_types(example_site).items():
        seen = measure(tab, site_url + path)
        smallest = min((c["scale"] * SMALLEST_CHART_FONT for c in seen["charts"]), default=None)
        print(
            f"{kind:14} overflow {seen['overflow']:4d} px · tables {seen['tables']:2d}, hiding columns without a "
            f"cue {seen['hidden']:2d} · smallest chart text " + (f"{smallest:.1f} px" if smallest is not None else "-")
        )
        if seen["overflow"] > 0 or seen["hidden"] or (smallest is not None and smallest < 11):
            problems.append(kind)
    tab.close()
    assert problems == []


def test_chart_text_size_is_read_from_the_svg_style():
    from entraide.site.charts.svg import STYLE

    sizes = [float(size) for size in re.findall(r"font-size:([\d.]+)px", STYLE)]
    assert min(sizes) == SMALLEST_CHART_FONT


@pytest.mark.parametrize("system", ["light", "dark"])
def test_the_toggle_switches_the_scheme_and_the_charts_follow(browser, site_url, system):
    tab = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=system)
    tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site_url) else route.abort())
    tab.goto(site_url + "kpi/engagement/")

    def shown() -> tuple[str, list[str]]:
        scheme = tab.evaluate("document.body.getAttribute('data-md-color-scheme')")
        charts = tab.eval_on_selector_all(
            ".entraide-chart img", "imgs => imgs.filter(i => i.offsetParent !== null).map(i => i.getAttribute('src'))"
        )
        return scheme, charts

    first = "slate" if system == "dark" else "default"
    scheme, charts = shown()
    assert scheme == first and len(charts) == 1
    assert ("-sombre.svg" in charts[0]) == (system == "dark")  # the system's choice, until the reader picks
    tab.locator("label.md-header__button[for^=__palette]:visible").click()
    scheme, charts = shown()
    assert scheme == ("default" if system == "dark" else "slate") and len(charts) == 1
    assert ("-sombre.svg" in charts[0]) == (system == "light")
    tab.close()
