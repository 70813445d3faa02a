"""The bootstrap's draws of the adjusted difference (`kpis.estimate`), for many comparisons at once.

Every comparison of « Ce qui aide » is resampled with the same seed, so two comparisons over the same
number of learners resample the same positions: the positions are drawn once and shared. A comparison
whose outcomes are whole numbers (0/1 outcomes, whole ratings) is then tallied from how many times each
position was drawn (one matrix product per batch instead of gathering and counting 200 x n draws): its
sums are exact in any order, so the figures are scipy's to the last bit. Other outcomes (means of
ratings) are tallied draw by draw, in scipy's order (`tests/test_effects.py` compares both with scipy).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np

BATCH = 200  # resamples drawn per call of the generator: part of what the seed gives
EXACT = 2.0**53  # below this, float64 sums of whole numbers are exact whatever their order

Sample = tuple[np.ndarray, np.ndarray]  # (cell codes, outcomes) of the comparable learners


def cells_of(treated: np.ndarray, strata: np.ndarray) -> np.ndarray:
    """One code per (stratum, exposed or not): 2 * stratum + exposed."""
    return np.asarray(2 * strata.astype(np.int64) + treated.astype(np.int64))


def tally(c: np.ndarray, y: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Per resample (row) and stratum: learners and outcome total, unexposed then exposed; `k` cell codes
    per row (any k above the largest code gives the same figures for the codes below it)."""
    batch = c.shape[0]
    codes = (c + k * np.arange(batch)[:, None]).ravel()
    count = np.bincount(codes, minlength=batch * k).reshape(batch, k // 2, 2)
    total = np.bincount(codes, weights=y.ravel(), minlength=batch * k).reshape(batch, k // 2, 2)
    return count, total


def combine(count: np.ndarray, total: np.ndarray) -> np.ndarray:
    n0, n1 = count[..., 0], count[..., 1]
    both = (n1 > 0) & (n0 > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        gap = np.where(both, total[..., 1] / np.maximum(n1, 1) - total[..., 0] / np.maximum(n0, 1), 0.0)
        weight = np.where(both, n0 * n1 / np.maximum(n0 + n1, 1), 0.0)
        return np.asarray((gap * weight).sum(axis=1) / weight.sum(axis=1))


def bootstrap_draws(cells: np.ndarray, values: np.ndarray, *, resamples: int, seed: int) -> np.ndarray:
    """`adjusted` on each of `resamples` resamples of the learners: the same draws, bit for bit, as
    `scipy.stats.bootstrap(..., paired=True, vectorized=True, batch=200, rng=default_rng(seed))` gives
    (same generator calls, same sums in the same order), without its copies of every batch."""
    return draws_of_each([(cells, values)], resamples=resamples, seed=seed)[0]


def draws_of_each(samples: Sequence[Sample], *, resamples: int, seed: int) -> list[np.ndarray]:
    """`bootstrap_draws` of each sample, the positions of samples of the same size drawn once."""
    by_size: dict[int, list[int]] = defaultdict(list)
    for number, (_, values) in enumerate(samples):
        by_size[len(values)].append(number)
    draws: list[list[np.ndarray]] = [[] for _ in samples]
    for n, numbers in by_size.items():
        tallies = [_Tally(*samples[number]) for number in numbers]
        rng = np.random.default_rng(seed)
        for start in range(0, resamples, BATCH):
            index = rng.integers(0, n, (min(BATCH, resamples - start), n), dtype=np.int32)  # int64's draws
            for number, counter in zip(numbers, tallies):
                draws[number].append(counter.batch(index))
    return [np.concatenate(found) for found in draws]


class _Tally:
    """One sample's learners and outcome totals per (stratum, exposed) cell, batch after batch."""

    def __init__(self, cells: np.ndarray, values: np.ndarray) -> None:
        self.cells, self.values = cells, values
        self.k = 2 * (int(cells.max()) // 2 + 1)
        largest = float(np.abs(values).max()) if len(values) else 0.0
        self.whole = bool(np.all(values == np.floor(values))) and largest * len(values) < EXACT
        self.small_cells = cells.astype(np.int16 if self.k < 2**15 else np.int64)
        if self.whole:  # one code per (cell, outcome): counting codes gives both counts and exact totals
            self.outcomes, which = np.unique(values, return_inverse=True)
            codes = cells.astype(np.int64) * len(self.outcomes) + which.reshape(-1)
            self.codes = codes.astype(np.int16 if self.k * len(self.outcomes) < 2**15 else np.int64)

    def batch(self, index: np.ndarray) -> np.ndarray:
        count, total = self._by_code(index) if self.whole else self._draw_by_draw(index)
        used = int(np.flatnonzero(count.any(axis=0))[-1]) // 2 + 1  # the strata scipy's batch would have counted
        k = self.k
        return combine(count.reshape(-1, k // 2, 2)[:, :used], total.reshape(-1, k // 2, 2)[:, :used])

    def _by_code(self, index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Whole outcomes: each resample's draws per (cell, outcome), row by row (a row's few counters stay
        in cache); totals summed as integers, exact, hence the very floats of the draw-by-draw sums."""
        size = self.k * len(self.outcomes)
        per = np.empty((len(index), size), dtype=np.int64)
        for row, positions in enumerate(index):
            per[row] = np.bincount(self.codes[positions], minlength=size)
        per = per.reshape(len(index), self.k, len(self.outcomes))
        total = (per * self.outcomes.astype(np.int64)).sum(axis=2)
        return per.sum(axis=2), total.astype(float)

    def _draw_by_draw(self, index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Other outcomes: summed draw by draw in the order drawn, row by row (as scipy's one bincount over
        the batch adds each row's draws in that order)."""
        count = np.empty((len(index), self.k), dtype=np.int64)
        total = np.empty((len(index), self.k))
        for row, positions in enumerate(index):
            cells = self.small_cells[positions]
            count[row] = np.bincount(cells, minlength=self.k)
            total[row] = np.bincount(cells, weights=self.values[positions], minlength=self.k)
        return count, total
