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
        tallies = {number: _Tally(*samples[number]) for number in numbers}
        whole = [number for number in numbers if tallies[number].whole]
        joint = _Joint([tallies[number].codes for number in whole]) if whole else None
        rng = np.random.default_rng(seed)
        for start in range(0, resamples, BATCH):
            index = rng.integers(0, n, (min(BATCH, resamples - start), n), dtype=np.int32)  # int64's draws
            counted = dict(zip(whole, joint.per_code(index))) if joint else {}
            for number in numbers:
                draws[number].append(tallies[number].batch(index, counted.get(number)))
    return [np.concatenate(found) for found in draws]


def _small(codes: np.ndarray, size: int) -> np.ndarray:
    """Codes below `size` in as few bytes as fit: gathering them is most of a batch's work."""
    return codes.astype(np.int16 if size < 2**15 else np.int64)


class _Joint:
    """The whole-outcome samples of one size, counted together: a position's codes in every sample make one
    joint code, so each resample is gathered and counted once, then summed per sample's code (integers:
    exact)."""

    def __init__(self, codes: Sequence[np.ndarray]) -> None:
        combos, joint = np.unique(np.stack(codes, axis=1), axis=0, return_inverse=True)
        self.size, self.joint = len(combos), _small(joint.reshape(-1), len(combos))
        self.sums = []  # per sample: its codes' joint codes, in order (for reduceat), and which codes they are
        for column in combos.T:
            order = np.argsort(column, kind="stable")
            present, starts = np.unique(column[order], return_index=True)
            self.sums.append((order, starts, present, int(column.max()) + 1))

    def per_code(self, index: np.ndarray) -> list[np.ndarray]:
        """Per sample: how many of each resample's draws have each of its codes."""
        per = np.empty((len(index), self.size), dtype=np.int64)
        for row, positions in enumerate(index):
            per[row] = np.bincount(self.joint[positions], minlength=self.size)
        counted = []
        for order, starts, present, size in self.sums:
            found = np.zeros((len(index), size), dtype=np.int64)
            found[:, present] = np.add.reduceat(per[:, order], starts, axis=1)
            counted.append(found)
        return counted


class _Tally:
    """One sample's learners and outcome totals per (stratum, exposed) cell, batch after batch."""

    def __init__(self, cells: np.ndarray, values: np.ndarray) -> None:
        self.cells, self.values = cells, values
        self.k = 2 * (int(cells.max()) // 2 + 1)
        largest = float(np.abs(values).max()) if len(values) else 0.0
        self.whole = bool(np.all(values == np.floor(values))) and largest * len(values) < EXACT
        self.small_cells = _small(cells, self.k)
        if self.whole:  # one code per (cell, outcome): counting codes gives both counts and exact totals
            self.outcomes, which = np.unique(values, return_inverse=True)
            self.codes = cells.astype(np.int64) * len(self.outcomes) + which.reshape(-1)

    def batch(self, index: np.ndarray, per_code: np.ndarray | None = None) -> np.ndarray:
        """`per_code`: the batch's draws per code (`_Joint.per_code`), for a whole-outcome sample."""
        count, total = self._draw_by_draw(index) if per_code is None else self._by_code(per_code)
        used = int(np.flatnonzero(count.any(axis=0))[-1]) // 2 + 1  # the strata scipy's batch would have counted
        k = self.k
        return combine(count.reshape(-1, k // 2, 2)[:, :used], total.reshape(-1, k // 2, 2)[:, :used])

    def _by_code(self, per_code: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Whole outcomes: counts and totals per cell from the draws per (cell, outcome) code; totals summed
        as integers, exact, hence the very floats of the draw-by-draw sums."""
        size = self.k * len(self.outcomes)
        flat = np.zeros((len(per_code), size), dtype=np.int64)
        flat[:, : per_code.shape[1]] = per_code
        per = flat.reshape(len(per_code), self.k, len(self.outcomes))  # resample, cell, outcome
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
