"""A picture of a network: a force-directed layout that is the same on every build.

Fruchterman-Reingold from a fixed start (nodes on a golden-angle spiral in the order given), a fixed
number of steps and no randomness, so the same graph gives the same bytes. The layout is quadratic in
nodes: callers draw at most a few hundred (the most connected ones) and say so in the description.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from entraide.site.pages.escape import xml as escape

HEIGHT = 560
LABELLED_NODES = 60  # beyond this, names would overlap: they stay in each node's tooltip
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


@dataclass(frozen=True)
class Node:
    key: int
    label: str | None  # None: an anonymous node, drawn without a name
    group: str | None = None  # colours the node (e.g. the cohort)


def layout(count: int, edges: Sequence[tuple[int, int, float]], *, steps: int = 150) -> np.ndarray:
    """Positions in the unit square for nodes 0..count-1; `edges` hold node indexes and weights."""
    if count == 0:
        return np.zeros((0, 2))
    k = np.arange(count)
    radius = np.sqrt((k + 0.5) / count)
    pos = np.column_stack([radius * np.cos(k * GOLDEN_ANGLE), radius * np.sin(k * GOLDEN_ANGLE)])
    ideal = math.sqrt(4.0 / count)
    pairs = np.array([(a, b) for a, b, _ in edges], dtype=int).reshape(-1, 2)
    weights = np.log1p(np.array([w for _, _, w in edges], dtype=float))
    move = np.empty((count, 2))
    for step in range(steps):
        # The repulsion of every pair, one coordinate at a time (n x n arrays, not n x n x 2): the same
        # operations on the same numbers as `ideal**2 / |delta|**2 * delta` summed over each row, so the
        # same bits. The force is symmetric and dx, dy antisymmetric, so each row's sum, in order, is minus
        # its column's sum, which numpy adds row after row, in order, when reducing the first axis
        # (five times as fast at 300 nodes: 0.33 s instead of 1.7; a test holds the plain layout's bits).
        x, y = pos[:, 0], pos[:, 1]
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        dist = np.maximum(np.sqrt(dx * dx + dy * dy), 1e-3)
        force = (ideal * ideal) / (dist * dist)
        move[:, 0] = -np.add.reduce(force * dx, axis=0)
        move[:, 1] = -np.add.reduce(force * dy, axis=0)
        if len(pairs):
            d = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            length = np.maximum(np.linalg.norm(d, axis=1), 1e-3)
            pull = d * (length / ideal * weights)[:, None]
            np.add.at(move, pairs[:, 0], -pull)
            np.add.at(move, pairs[:, 1], pull)
        move -= pos * 0.6 * ideal * count**0.5  # gravity keeps loose parts and isolated nodes on the page
        size = np.maximum(np.linalg.norm(move, axis=1), 1e-9)
        temperature = 0.1 * (1 - step / steps) + 0.002
        pos += move / size[:, None] * np.minimum(size, temperature)[:, None]
    low, high = pos.min(axis=0), pos.max(axis=0)
    layout: np.ndarray = (pos - low) / np.where(high - low > 0, high - low, 1)
    return layout


def network(
    *,
    title: str,
    desc: str,
    nodes: Sequence[Node],
    edges: Sequence[tuple[int, int, int]],
    empty: str = "",  # what an empty chart says, in the reader's language (the caller translates it)
) -> str:
    """Nodes as dots coloured by group, edges as lines thickened by weight, names only where given."""
    from entraide.site.charts.svg import COLOURS, WIDTH, _document, _fmt, _text

    index = {node.key: i for i, node in enumerate(nodes)}
    links = [(index[a], index[b], float(w)) for a, b, w in edges if a in index and b in index]
    if not nodes:
        return _document(title, desc, [_text(WIDTH / 2, HEIGHT / 2, empty, "empty")], height=HEIGHT)
    pos = layout(len(nodes), links)
    xy = [(40 + p[0] * (WIDTH - 80), 70 + p[1] * (HEIGHT - 130)) for p in pos]
    groups = sorted({node.group or "" for node in nodes})
    colour = {group: COLOURS[i % len(COLOURS)] for i, group in enumerate(groups)}
    body = [
        f'<line class="edge" x1="{_fmt(xy[a][0])}" y1="{_fmt(xy[a][1])}" x2="{_fmt(xy[b][0])}" '
        f'y2="{_fmt(xy[b][1])}" stroke-width="{_fmt(min(1 + math.log2(w), 5))}" data-value="{int(w)}"/>'
        for a, b, w in links
    ]
    radius = 6 if len(nodes) <= 60 else 4
    for node, (x, y) in zip(nodes, xy):
        name = node.label or "Membre anonyme"
        body.append(
            f'<circle class="node" cx="{_fmt(x)}" cy="{_fmt(y)}" r="{radius}" '
            f'fill="{colour[node.group or ""]}"><title>{escape(name)}</title></circle>'
        )
    labels = [node.label if len(nodes) <= LABELLED_NODES else None for node in nodes]
    for label, spot in zip(labels, place_labels(xy, labels, radius=radius)):
        if label and spot:
            body.append(_text(spot[0], spot[1], label, "tick", spot[2]))
    body += _group_legend(groups, colour)
    return _document(title, desc, body, height=HEIGHT)


Box = tuple[float, float, float, float]  # left, top, right, bottom


def place_labels(
    xy: Sequence[tuple[float, float]], labels: Sequence[str | None], *, radius: float
) -> list[tuple[float, float, str] | None]:
    """Where each label goes (x, y of its baseline, text-anchor), or None when it fits nowhere.

    Labels are placed in the order given (callers list the most connected first), each at the first of
    four spots around its node (above, right, below, left) that overlaps no label already placed, no node
    and no edge of the picture. A label that fits nowhere is left out: its name stays in the node's tooltip.
    """
    from entraide.site.charts.svg import CHAR_WIDTH, WIDTH

    nodes = [(x - radius - 1, y - radius - 1, x + radius + 1, y + radius + 1) for x, y in xy]
    placed: list[Box] = []
    spots: list[tuple[float, float, str] | None] = []
    for (x, y), label in zip(xy, labels):
        spot = None
        if label:
            width = CHAR_WIDTH * len(label) + 2
            for cx, cy, anchor in (
                (x, y - radius - 4, "middle"),
                (x + radius + 3, y + 4, "start"),
                (x, y + radius + 13, "middle"),
                (x - radius - 3, y + 4, "end"),
            ):
                left = cx - width / 2 if anchor == "middle" else cx if anchor == "start" else cx - width
                box = (left, cy - 11, left + width, cy + 3)
                inside = box[0] >= 2 and box[2] <= WIDTH - 2 and box[1] >= 44 and box[3] <= HEIGHT - 36
                if inside and not any(_overlap(box, other) for other in (*placed, *nodes)):
                    spot = (cx, cy, anchor)
                    placed.append(box)
                    break
        spots.append(spot)
    return spots


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _group_legend(groups: list[str], colour: dict[str, str]) -> list[str]:
    from entraide.site.charts.svg import _text

    parts, x = [], 24.0
    for group in groups:
        parts.append(f'<circle cx="{_fmt_point(x + 6)}" cy="{HEIGHT - 22}" r="6" fill="{colour[group]}"/>')
        parts.append(_text(x + 17, HEIGHT - 17.5, group or "Sans cohorte", "legend", "start"))
        x += 36 + 7.2 * len(group or "Sans cohorte")
    return parts


def _fmt_point(value: float) -> str:
    return f"{value:.1f}"
