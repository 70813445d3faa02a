"""The network picture's layout (`charts.network.layout`) against the plain one it replaces, bit for bit:
its pictures are part of the KPI pages, which stay byte-identical."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from entraide.site.charts.network import GOLDEN_ANGLE, layout


def plain_layout(count: int, edges: list[tuple[int, int, float]], *, steps: int = 150) -> np.ndarray:
    """Fruchterman-Reingold as first written: n x n x 2 differences, their norms, sums over each row."""
    if count == 0:
        return np.zeros((0, 2))
    k = np.arange(count)
    radius = np.sqrt((k + 0.5) / count)
    pos = np.column_stack([radius * np.cos(k * GOLDEN_ANGLE), radius * np.sin(k * GOLDEN_ANGLE)])
    ideal = math.sqrt(4.0 / count)
    pairs = np.array([(a, b) for a, b, _ in edges], dtype=int).reshape(-1, 2)
    weights = np.array([w for _, _, w in edges], dtype=float)
    for step in range(steps):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=2), 1e-3)
        move = ((ideal * ideal / dist**2)[:, :, None] * delta).sum(axis=1)
        if len(pairs):
            d = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            length = np.maximum(np.linalg.norm(d, axis=1), 1e-3)
            pull = d * (length / ideal * np.log1p(weights))[:, None]
            np.add.at(move, pairs[:, 0], -pull)
            np.add.at(move, pairs[:, 1], pull)
        move -= pos * 0.6 * ideal * count**0.5
        size = np.maximum(np.linalg.norm(move, axis=1), 1e-9)
        temperature = 0.1 * (1 - step / steps) + 0.002
        pos += move / size[:, None] * np.minimum(size, temperature)[:, None]
    low, high = pos.min(axis=0), pos.max(axis=0)
    result: np.ndarray = (pos - low) / np.where(high - low > 0, high - low, 1)
    return result


@pytest.mark.parametrize("count", [0, 1, 2, 3, 7, 64, 131])
@pytest.mark.parametrize("seed", range(3))
def test_the_layout_has_the_plain_layout_s_bits(count, seed):
    rng = random.Random(seed)
    edges = [(rng.randrange(count), rng.randrange(count), float(rng.randrange(1, 40))) for _ in range(count * 2)]
    edges += [(0, 0, 2.0)] if count else []  # a loop
    steps = rng.choice((1, 30, 60))
    assert layout(count, edges, steps=steps).tobytes() == plain_layout(count, edges, steps=steps).tobytes()


def test_a_full_sized_layout_has_the_plain_layout_s_bits():
    rng = random.Random(7)
    count = 300  # NETWORK_LIMIT, with every step
    edges = [(rng.randrange(count), rng.randrange(count), float(rng.randrange(1, 9))) for _ in range(900)]
    assert layout(count, edges).tobytes() == plain_layout(count, edges).tobytes()
