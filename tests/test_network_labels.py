"""Names in the connections network never overlap, measured by Chromium's own text layout (getBBox) on
the example site's network and on a crowded one."""

from __future__ import annotations

import pytest

from entraide.site.charts.network import Node, network

pytestmark = pytest.mark.browser

OVERLAPS = """() => {
  const boxes = [...document.querySelectorAll('svg text.tick')].map(t => t.getBBox());
  const circles = [...document.querySelectorAll('svg circle.node')].map(c => c.getBBox());
  let labels = 0, dots = 0;
  boxes.forEach((a, i) => {
    boxes.slice(i + 1).forEach(b => { if (a.x < b.x + b.width && b.x < a.x + a.width &&
                                          a.y < b.y + b.height && b.y < a.y + a.height) labels += 1; });
    circles.forEach(c => { if (a.x < c.x + c.width && c.x < a.x + a.width &&
                               a.y < c.y + c.height && c.y < a.y + a.height) dots += 1; });
  });
  return {names: boxes.length, labels, dots};
}"""


def crowded() -> str:
    names = [
        f"{first} {last}"
        for first in ("Camille", "Maximilien", "Inès", "Jean-Baptiste", "Zoé", "Anne-Sophie")
        for last in ("Martin", "Dubois-Lefèvre", "Robert", "Bonnet", "Laurent", "Giraud")
    ][:40]
    nodes = [Node(key=i, label=name, group=("Printemps" if i % 2 else "Automne")) for i, name in enumerate(names)]
    edges = [(i, (i * 7 + 3) % len(nodes), 1 + i % 3) for i in range(len(nodes))]
    edges += [(i, i + 1, 2) for i in range(0, len(nodes) - 1, 2)]
    return network(title="Réseau", desc="Réseau dense", nodes=nodes, edges=edges)


def measure(page, svg: str) -> dict:
    page.set_content(f"<!doctype html><html><body style='margin:0'>{svg}</body></html>")
    return page.evaluate(OVERLAPS)


def test_example_network_names_do_not_overlap(page, example_site):
    seen = measure(page, (example_site / "kpi" / "connexions-reseau.svg").read_text(encoding="utf-8"))
    print(f"example network: {seen}")
    assert seen["names"] > 0 and seen["labels"] == 0 and seen["dots"] == 0


def test_crowded_network_names_do_not_overlap(page):
    seen = measure(page, crowded())
    print(f"crowded network: {seen}")
    assert seen["names"] >= 10 and seen["labels"] == 0 and seen["dots"] == 0
