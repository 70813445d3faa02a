"""Static SVG charts: well-formed, titled, labelled, self-contained, plotting exactly the values given."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from entraide.site import charts
from entraide.site.charts import Series
from entraide.site.charts.network import Node

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iterfind(".//svg:text", NS)]


def line(**overrides) -> str:
    kwargs = dict(
        title="Engagement",
        desc="Par semaine",
        x_label="Semaine",
        y_label="Actions",
        labels=["S1", "S2", "S3", "S4"],
        series=[Series("Commentaires", [1.0, None, 3.0, 2.5]), Series("Revues", [0.5, 0.5, 0.0, 1.0])],
    )
    return charts.line_chart(**{**kwargs, **overrides})


def test_line_chart_is_accessible_and_labelled():
    root = parse(line())
    assert root.get("role") == "img" and root.get("aria-labelledby") == "chart-title chart-desc"
    assert root.find("svg:title", NS).text == "Engagement" and root.find("svg:desc", NS).text == "Par semaine"
    assert {"Engagement", "Semaine", "Actions", "S1", "S4", "Commentaires", "Revues"} <= set(texts(root))


def test_line_chart_plots_every_value_and_breaks_at_hidden_ones():
    root = parse(line())
    points = [(c.get("data-label"), float(c.get("data-value"))) for c in root.iterfind(".//svg:circle", NS)]
    assert points == [("S1", 1.0), ("S3", 3.0), ("S4", 2.5), ("S1", 0.5), ("S2", 0.5), ("S3", 0.0), ("S4", 1.0)]
    paths = [p for p in root.iterfind(".//svg:path", NS) if p.get("data-series") == "Commentaires"]
    assert [p.get("d").count("L") for p in paths] == [0, 1]  # S1 alone, then S3-S4: the gap is not bridged
    heights = {float(c.get("data-value")): float(c.get("cy")) for c in root.iterfind(".//svg:circle", NS)}
    assert heights[3.0] < heights[2.5] < heights[1.0] < heights[0.0]  # higher values higher up


def test_y_axis_ends_on_a_round_number_above_the_largest_value():
    assert [charts.nice_ceiling(v) for v in (0, 0.7, 3, 7.2, 42, 180)] == [1, 1, 5, 10, 50, 200]
    assert "5" in texts(parse(line()))  # top tick for a maximum of 3


def test_bar_chart_draws_one_bar_per_value_and_the_threshold():
    svg = charts.bar_chart(
        title="Charge",
        desc="Par mentor",
        x_label="Mentor",
        y_label="Soumissions",
        labels=["Mona", "Max", "Mentor n°3"],
        series=[Series("Charge", [2.5, None, 0.5])],
        threshold=2,
        notes=[None, "<5", None],
    )
    root = parse(svg)
    bars = [
        (r.get("data-label"), float(r.get("data-value")), float(r.get("height")))
        for r in root.iterfind(".//svg:rect", NS)
        if r.get("class") == "bar"
    ]
    assert [(label, value) for label, value, _ in bars] == [("Mona", 2.5), ("Mentor n°3", 0.5)]
    assert bars[0][2] == pytest.approx(5 * bars[1][2])
    assert "seuil : 2" in texts(root) and "<5" in texts(root)


def test_histogram_bars_touch():
    root = parse(
        charts.histogram(
            title="Contributions",
            desc="d",
            x_label="Contributions",
            y_label="Membres",
            bins=["0", "1", "2–4"],
            counts=[4, 10, 6],
        )
    )
    bars = [r for r in root.iterfind(".//svg:rect", NS) if r.get("class") == "bar"]
    left = [float(r.get("x")) for r in bars]
    width = float(bars[0].get("width"))
    assert left[1] - left[0] == pytest.approx(width + 1)  # a 1px seam, no gap


@pytest.mark.parametrize("empty_series", [[], [Series("x", [None, None])]])
def test_a_chart_without_data_says_so(empty_series):
    labels = [] if not empty_series else ["a", "b"]
    root = parse(line(labels=labels, series=empty_series, empty="Pas encore de données"))
    assert "Pas encore de données" in texts(root) and root.find(".//svg:circle", NS) is None


def test_text_is_escaped_and_nothing_is_fetched():
    hostile = '<script>alert(1)</script> & "x" <a href="https://evil.example">'
    svg = line(title=hostile, labels=[hostile, "b", "c", "d"])
    root = parse(svg)
    assert root.find("svg:title", NS).text == hostile
    assert not any(el.tag.endswith(("script", "a", "image", "foreignObject")) for el in root.iter())
    assert not any(name.endswith("href") for el in root.iter() for name in el.attrib)
    plain = line()
    assert "href" not in plain and "url(" not in plain and plain.count("http") == 1  # the xmlns only


def test_network_is_deterministic_and_names_only_consenting_nodes():
    nodes = [Node(1, "Alice", "Printemps"), Node(2, None, "Printemps"), Node(3, None, "Automne"), Node(4, None, None)]
    edges = [(1, 2, 3), (2, 3, 1), (1, 3, 1), (3, 99, 1)]  # 99 is not drawn: an unknown node is skipped
    svg = charts.network(title="Réseau", desc="Apprenants", nodes=nodes, edges=edges)
    assert svg == charts.network(title="Réseau", desc="Apprenants", nodes=nodes, edges=edges)
    root = parse(svg)
    circles = [c for c in root.iterfind(".//svg:circle", NS) if c.get("class") == "node"]
    assert len(circles) == 4
    assert ["".join(c.itertext()) for c in circles].count("Membre anonyme") == 3
    assert len([line for line in root.iterfind(".//svg:line", NS) if line.get("class") == "edge"]) == 3
    assert "Alice" in texts(root) and {"Printemps", "Automne", "Sans cohorte"} <= set(texts(root))
    xs = [float(c.get("cx")) for c in circles]
    assert len(set(xs)) == 4 and all(0 < x < charts.WIDTH for x in xs)


def test_network_without_nodes_shows_a_message():
    root = parse(charts.network(title="Réseau", desc="d", nodes=[], edges=[], empty="Rien"))
    assert "Rien" in texts(root)


def test_horizontal_bars_keep_long_names_and_scale_to_the_threshold():
    root = parse(
        charts.hbar_chart(
            title="Charge",
            desc="d",
            x_label="Soumissions",
            y_label="Mentor",
            labels=["Marie-Ange de La Tour", "Max"],
            values=[1.0, 4.0],
            threshold=5,
        )
    )
    bars = [r for r in root.iterfind(".//svg:rect", NS) if r.get("class") == "bar"]
    assert [(b.get("data-label"), float(b.get("data-value"))) for b in bars] == [
        ("Marie-Ange de La Tour", 1.0),
        ("Max", 4.0),
    ]
    assert float(bars[1].get("width")) == pytest.approx(4 * float(bars[0].get("width")))
    assert {"Marie-Ange de La Tour", "Soumissions", "Mentor", "seuil : 5"} <= set(texts(root))


def test_grid_lines_fall_on_round_numbers():
    assert [charts.divisions(top) for top in (1, 2, 2.5, 5, 10, 50, 200)] == [4, 4, 5, 5, 4, 5, 4]
    ticks = texts(parse(line(series=[Series("x", [2.2, 1.0, 0.5, 0.1])])))
    assert {"0", "0,5", "1", "1,5", "2", "2,5"} <= {t.replace(".", ",") for t in ticks}
