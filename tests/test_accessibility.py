"""axe-core (npm, pinned) in Chromium on one page of every type: no critical or serious violation,
the theme's own included. Run with `-s` to see the counts by impact."""

from __future__ import annotations

from collections import Counter

import pytest

from pagetypes import page_types
from sitekit import REPO

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("critical", "serious")


def violations(page) -> list[dict]:
    """axe-core's violations on the open page: rule, impact, how many elements, the first few of them."""
    assert AXE.is_file(), "axe-core is installed by `make node_modules`"
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
                    where: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_critical_or_serious_violation_on_any_page_type(browser, site_url, example_site, scheme):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site_url) else route.abort())
    found: dict[str, list[dict]] = {}
    for kind, path in page_types(example_site).items():
        page.goto(site_url + path)
        found[kind] = violations(page)
    page.close()
    by_impact = Counter(v["impact"] for vs in found.values() for v in vs)
    by_rule = Counter((v["id"], v["impact"]) for vs in found.values() for v in vs)
    print(
        f"{scheme}: axe-core over {len(found)} page types, violations (rule x page) by impact: {dict(sorted(by_impact.items()))}"
    )
    for (rule, impact), count in sorted(by_rule.items()):
        print(f"  {impact:9} {rule:28} on {count} page types")
    blocking = {kind: [v for v in vs if v["impact"] in BLOCKING] for kind, vs in found.items()}
    assert {kind: vs for kind, vs in blocking.items() if vs} == {}
