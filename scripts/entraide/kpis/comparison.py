"""The figures of « Ce qui aide »'s comparisons (`kpis.estimate`), from the rows' plain columns: numpy and
the standard library only, no model, so that a worker process runs them without importing the KPIs
(`kpis.beside`, `kpis.drawer`): `figures_of_each` is the whole of `estimates` but the `Estimate` models.

A comparison reads each learner's exposure and outcome into arrays (exposed 0/1, outcome, stratum code),
keeps the learners of strata holding both exposed and unexposed ones, and gives the adjusted difference,
its bootstrap interval (`kpis.bootstrap`) and the raw means and difference (`kpis.estimate` says how).
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from itertools import compress, repeat
from typing import Any

import numpy as np

from entraide.kpis.bootstrap import Sample, bootstrap_draws, cells_of, combine, draws_of_each, tally

MOST_RESAMPLES = 0.95  # below this share of resamples with an estimate, no interval is given

Figures = dict[str, Any]  # `kpis.estimate.Estimate`'s fields but the exposure's and outcome's ids


class Settings:
    """What the figures read of `EffectRules`: plain numbers, for a process without the models."""

    def __init__(self, min_learners: int, resamples: int, seed: int) -> None:
        self.min_learners, self.resamples, self.seed = min_learners, resamples, seed


class Columns:
    """The rows' stratum names, and each exposure's and each (exposure, outcome) pair's values, one list per
    exposure or pair (None: unknown), read from the rows' dicts by `map` in C (`read`) instead of a Python
    step per row. Lists of values rather than the rows' dicts: a third of their size, pickled or not (the
    worker of `kpis.beside` holds them while the other KPIs hold this process's memory)."""

    def __init__(
        self,
        strata: list[str],
        exposed: dict[str, list[bool | None]],
        outcomes: dict[tuple[str, str], list[float | None]],
    ) -> None:
        self.strata, self.exposed, self.outcomes = strata, exposed, outcomes

    @classmethod
    def read(
        cls,
        strata: list[str],
        exposed: Sequence[dict[str, bool | None]],
        outcomes: Sequence[dict[tuple[str, str], float | None]],
        pairs: Sequence[tuple[str, str]],
    ) -> Columns:
        """The columns `pairs` need, from each row's exposure and outcome dicts."""
        exposures = dict.fromkeys(exposure for exposure, _ in pairs)
        return cls(
            strata,
            {x: list(map(dict.get, exposed, repeat(x))) for x in exposures},
            {pair: list(map(dict.get, outcomes, repeat(pair))) for pair in pairs},
        )


def figures_of_each(columns: Columns, names: Sequence[tuple[str, str]], settings: Settings) -> list[Figures]:
    """The figures of each (exposure, outcome) comparison, in order; the bootstrap resamples every comparison
    together (`draws_of_each`), each getting the draws it would get alone."""
    ranks = ranks_of(columns.strata)  # the same for every comparison
    found = [arrays_of(columns, exposure=exposure, outcome=outcome, ranks=ranks) for exposure, outcome in names]
    samples: dict[int, Sample] = {
        number: sample for number, data in enumerate(found) if (sample := resampled(*data, settings=settings))
    }
    drawn = draws_of_each(list(samples.values()), resamples=settings.resamples, seed=settings.seed)
    draws = dict(zip(samples, drawn))
    return [figures(*data, settings=settings, draws=draws.get(number)) for number, data in enumerate(found)]


def ranks_of(strata: Sequence[str]) -> np.ndarray:
    """Each stratum's rank among the distinct strata, in numpy's order of strings (`arrays`' codes)."""
    return np.unique(np.array(strata, dtype=str), return_inverse=True)[1].astype(np.int64).reshape(-1)


def arrays_of(
    columns: Columns, *, exposure: str, outcome: str, ranks: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(exposed 0/1, outcome, stratum code) of the learners for whom both are known, from the rows' stratum
    ranks (`ranks_of`) computed once for every comparison: the kept rows' ranks renumbered from 0 keep their
    order, hence the codes the strings' own sort gives."""
    exposed, known = columns.exposed[exposure], columns.outcomes[(exposure, outcome)]
    both = list(
        map(operator.and_, map(operator.is_not, exposed, repeat(None)), map(operator.is_not, known, repeat(None)))
    )
    # The kept rows' values read in C: float(bool(exposed)), and float(outcome or 0.0) (+ 0.0 makes -0.0 0.0)
    treated = np.fromiter(map(bool, compress(exposed, both)), float)
    values = np.fromiter(compress(known, both), float, len(treated)) + 0.0
    return treated, values, dense(ranks[np.fromiter(both, bool, len(both))])


def dense(ranks: np.ndarray) -> np.ndarray:
    """`np.unique(ranks, return_inverse=True)[1]` of small non-negative ranks, by a table of those present."""
    present = np.zeros(int(ranks.max()) + 1 if len(ranks) else 0, dtype=bool)
    present[ranks] = True
    return np.asarray((np.cumsum(present, dtype=np.int64) - 1)[ranks], dtype=np.int64)


def figures(
    treated: np.ndarray, values: np.ndarray, strata: np.ndarray, *, settings: Settings, draws: np.ndarray | None = None
) -> Figures:
    """The adjusted difference with its interval, or `too_few` below `min_learners` comparable learners.
    `draws`: the bootstrap's, when already drawn for the sample `resampled` gives."""
    comparable = _comparable(treated, strata)
    t, y, s = treated[comparable], values[comparable], strata[comparable]
    exposed, unexposed = int(t.sum()), int(len(t) - t.sum())
    base = dict(exposed=exposed, unexposed=unexposed, naive=_naive(treated, values))
    too_few = dict(base, exposed_mean=None, unexposed_mean=None, difference=None, low=None, high=None, status="too_few")
    if len(t) < settings.min_learners or not exposed or not unexposed:
        return too_few
    difference = adjusted(t, y, s)
    low, high = interval(t, y, s, resamples=settings.resamples, seed=settings.seed, draws=draws)
    if low is None:
        return too_few
    means = dict(exposed_mean=float(y[t == 1].mean()), unexposed_mean=float(y[t == 0].mean()))
    return dict(base, **means, difference=difference, low=low, high=high, status="ok")


def resampled(treated: np.ndarray, values: np.ndarray, strata: np.ndarray, *, settings: Settings) -> Sample | None:
    """What `figures` bootstraps: (cell codes, outcomes) of the comparable learners; None when it does not
    (too few of them, or one outcome for all)."""
    comparable = _comparable(treated, strata)
    t, y = treated[comparable], values[comparable]
    exposed = int(t.sum())
    if len(t) < settings.min_learners or not exposed or exposed == len(t) or _one_value(y):
        return None
    return cells_of(t, strata[comparable]), y


def _one_value(values: np.ndarray) -> bool:
    return len(values) > 0 and len(np.unique(values)) == 1


def _comparable(treated: np.ndarray, strata: np.ndarray) -> np.ndarray:
    """Learners whose stratum holds both exposed and unexposed learners."""
    if not len(strata):
        return np.zeros(0, dtype=bool)
    count = np.bincount(strata)
    exposed = np.bincount(strata, weights=treated)
    both = (exposed > 0) & (exposed < count)
    return np.asarray(both[strata], dtype=bool)


def _naive(treated: np.ndarray, values: np.ndarray) -> float | None:
    if not treated.any() or treated.all():
        return None
    return float(values[treated == 1].mean() - values[treated == 0].mean())


def adjusted(treated: np.ndarray, values: np.ndarray, strata: np.ndarray) -> float:
    """Mean over strata of (exposed mean - unexposed mean), weighted by n_exposed * n_unexposed / n: the
    exposure's coefficient in a least-squares fit with one indicator per stratum; NaN without a comparable
    stratum."""
    return float(by_cells(cells_of(treated, strata), values))


def by_cells(cells: np.ndarray, values: np.ndarray, axis: int = -1) -> np.ndarray:
    """`adjusted` from cell codes, vectorised over leading axes (a batch of resamples): two bincounts."""
    c, y = np.atleast_2d(cells), np.atleast_2d(values)
    count, total = tally(c, y, 2 * (int(c.max()) // 2 + 1))
    result = combine(count, total)
    return np.asarray(result if np.ndim(cells) > 1 else result[0])


def interval(
    treated: np.ndarray,
    values: np.ndarray,
    strata: np.ndarray,
    *,
    resamples: int,
    seed: int,
    draws: np.ndarray | None = None,
) -> tuple[float | None, float | None]:
    """95 % percentile bootstrap interval of `adjusted`, resampling learners; None when undefined."""
    if _one_value(values):
        return 0.0, 0.0  # every learner has the same outcome: no difference in any resample
    if draws is None:
        draws = bootstrap_draws(cells_of(treated, strata), values, resamples=resamples, seed=seed)
    defined = draws[np.isfinite(draws)]
    if len(defined) < MOST_RESAMPLES * len(draws):
        return None, None  # too many resamples without a comparable group: too few learners
    low, high = np.percentile(defined, [2.5, 97.5])  # scipy's percentile interval, undefined resamples left out
    return float(low), float(high)
