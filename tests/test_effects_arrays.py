"""« Ce qui aide »'s comparison arrays read in C (kpis/estimate._arrays) against the plain reading row by row
it replaced, on random rows: unknown exposures and outcomes, zeros of both signs, strata left out."""

from __future__ import annotations

import random

import numpy as np
import pytest

from entraide.kpis.effects import Row
from entraide.kpis.estimate import _arrays, _dense, _ranks, _stratum


def _plain(rows, exposure, outcome, ranks):
    kept = [
        n
        for n, r in enumerate(rows)
        if r.exposed.get(exposure) is not None and r.outcomes.get((exposure, outcome)) is not None
    ]
    treated = np.array([float(bool(rows[n].exposed[exposure])) for n in kept], dtype=float)
    values = np.array([float(rows[n].outcomes[(exposure, outcome)] or 0.0) for n in kept], dtype=float)
    codes = np.unique(ranks[np.array(kept, dtype=np.int64)], return_inverse=True)[1]
    return treated, values, codes.astype(np.int64).reshape(-1)


def _rows(seed: int, count: int) -> list[Row]:
    rng = random.Random(seed)
    cohorts = [f"c{n}" for n in range(rng.randrange(1, 5))]
    return [
        Row(
            rng.choice(cohorts),
            rng.randrange(3),
            {"x": rng.choice([True, False, None]), "y": rng.choice([True, False])},
            {
                ("x", "o"): rng.choice([None, 0.0, -0.0, 1.0, 2.5, 4.0]),
                ("y", "o"): rng.choice([0.0, 1.0]),
            },
        )
        for _ in range(count)
    ]


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("count", [0, 1, 7, 300])
def test_the_arrays_read_in_c_are_the_plain_reading_s(seed, count):
    rows = _rows(seed, count)
    ranks = _ranks([_stratum(r) for r in rows])
    for exposure in ("x", "y"):
        found = _arrays(rows, exposure=exposure, outcome="o", ranks=ranks)
        plain = _plain(rows, exposure, "o", ranks)
        for mine, theirs in zip(found, plain, strict=True):
            assert mine.dtype == theirs.dtype and mine.shape == theirs.shape
            assert mine.tobytes() == theirs.tobytes()  # bit for bit: signs of zeros included


def test_dense_codes_are_numpy_s_inverse():
    ranks = np.array([5, 2, 2, 9, 0, 5], dtype=np.int64)
    assert _dense(ranks).tolist() == np.unique(ranks, return_inverse=True)[1].tolist()
    assert _dense(np.zeros(0, dtype=np.int64)).tolist() == []
