"""What goes with what, honestly: exposed vs unexposed learners compared within comparable groups.

Observational data: learners who got a quick answer may simply be the keen ones. So learners are compared
only with learners of the same cohort and the same early activity (threads opened in their first days,
known before the exposure): the difference of outcome is taken within each such stratum, then averaged
over strata with the weights of a least-squares regression of the outcome on the exposure and one
indicator per stratum (n_exposed * n_unexposed / n per stratum: the coefficient of the exposure in that
regression, the Mantel-Haenszel-type risk difference). A stratum where nearly everyone (or nearly no one)
is exposed says little about the difference and weighs little; strata holding only exposed or only
unexposed learners are left out, and so are their learners. The 95 % interval is a percentile bootstrap
over learners (scipy.stats.bootstrap's draws, `bootstrap_draws`) that redoes the whole stratification in every resample, seeded: same
data, same interval. `naive` is the raw difference, shown by the validation to be biased when keen
learners are more often exposed (`demo.validation`, `docs/maintainers.md`).
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from itertools import compress, repeat
from typing import Literal

import numpy as np

from entraide.content.models import EffectRules, Frozen
from entraide.kpis.bootstrap import bootstrap_draws, cells_of, combine, draws_of_each, tally
from entraide.kpis.effects import Row

Status = Literal["ok", "too_few"]
MOST_RESAMPLES = 0.95  # below this share of resamples with an estimate, no interval is given


class Estimate(Frozen):
    exposure: str
    outcome: str
    exposed: int  # learners in comparable strata
    unexposed: int
    exposed_mean: float | None  # raw means over the comparable learners
    unexposed_mean: float | None
    difference: float | None  # adjusted: exposed minus unexposed, within strata
    low: float | None  # 95 % bootstrap interval
    high: float | None
    naive: float | None  # raw difference over every learner with both values
    status: Status


def estimates(rows: Sequence[Row], rules: EffectRules) -> tuple[Estimate, ...]:
    """One estimate per exposure and outcome, in the order of `entraide.yml`; the bootstrap resamples every
    comparison together (`kpis.bootstrap.draws_of_each`), each getting the draws it would get alone."""
    compared = Comparisons(rows, rules)
    return compared.estimates(draws_of_each(compared.samples, resamples=rules.resamples, seed=rules.seed))


class Comparisons:
    """`estimates` in two steps around the bootstrap: the comparisons' arrays and the samples to resample
    (`samples`: small arrays, for `draws_of_each` here or in another process, `kpis.beside`), then the
    estimates from the draws drawn."""

    def __init__(self, rows: Sequence[Row], rules: EffectRules) -> None:
        self.rules = rules
        self.names = [(x.id, o.id) for x in rules.exposures for o in rules.outcomes]
        strata = [_stratum(r) for r in rows]  # the same for every comparison
        ranks = _ranks(strata)
        columns = _Columns(rows)  # each row's two dicts, read once for every comparison
        self.found = [
            _arrays(rows, exposure=exposure, outcome=outcome, ranks=ranks, columns=columns)
            for exposure, outcome in self.names
        ]
        resampling = {
            number: sample for number, data in enumerate(self.found) if (sample := resampled(*data, rules=rules))
        }
        self.resampling, self.samples = list(resampling), list(resampling.values())

    def estimates(self, drawn: Sequence[np.ndarray]) -> tuple[Estimate, ...]:
        """The estimates, from `draws_of_each(self.samples, ...)`."""
        draws = dict(zip(self.resampling, drawn))
        return tuple(
            estimate(*data, rules=self.rules, names=pair, draws=draws.get(number))
            for number, (pair, data) in enumerate(zip(self.names, self.found))
        )


def arrays(
    rows: Sequence[Row], *, exposure: str, outcome: str, strata: Sequence[str] | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(exposed 0/1, outcome, stratum code) of the learners for whom both are known; `strata`: each row's
    `_stratum`, when the caller has them."""
    return _arrays(rows, exposure=exposure, outcome=outcome, ranks=_ranks(strata or [_stratum(r) for r in rows]))


def _ranks(strata: Sequence[str]) -> np.ndarray:
    """Each stratum's rank among the distinct strata, in numpy's order of strings (`arrays`' codes)."""
    return np.unique(np.array(strata, dtype=str), return_inverse=True)[1].astype(np.int64).reshape(-1)


class _Columns:
    """The rows' exposure and outcome dicts, read from the rows once: a comparison then reads its two values
    from each by `map` in C instead of a Python step per row (12 comparisons over ~17k learners)."""

    def __init__(self, rows: Sequence[Row]) -> None:
        self.exposed = [row.exposed for row in rows]
        self.outcomes = [row.outcomes for row in rows]


def _arrays(
    rows: Sequence[Row], *, exposure: str, outcome: str, ranks: np.ndarray, columns: _Columns | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`arrays`, from the rows' stratum ranks (`_ranks`) computed once for every comparison: the kept
    rows' ranks renumbered from 0 keep their order, hence the codes the strings' own sort gives."""
    columns = columns or _Columns(rows)
    exposed = list(map(dict.get, columns.exposed, repeat(exposure)))
    known = list(map(dict.get, columns.outcomes, repeat((exposure, outcome))))
    both = list(
        map(operator.and_, map(operator.is_not, exposed, repeat(None)), map(operator.is_not, known, repeat(None)))
    )
    # The kept rows' values read in C: float(bool(exposed)), and float(outcome or 0.0) (+ 0.0 makes -0.0 0.0)
    treated = np.fromiter(map(bool, compress(exposed, both)), float)
    values = np.fromiter(compress(known, both), float, len(treated)) + 0.0
    return treated, values, _dense(ranks[np.fromiter(both, bool, len(both))])


def _dense(ranks: np.ndarray) -> np.ndarray:
    """`np.unique(ranks, return_inverse=True)[1]` of small non-negative ranks, by a table of those present."""
    present = np.zeros(int(ranks.max()) + 1 if len(ranks) else 0, dtype=bool)
    present[ranks] = True
    return np.asarray((np.cumsum(present, dtype=np.int64) - 1)[ranks], dtype=np.int64)


def _stratum(row: Row) -> str:
    return f"{row.cohort}\x00{row.early}"


def estimate(
    treated: np.ndarray,
    values: np.ndarray,
    strata: np.ndarray,
    *,
    rules: EffectRules,
    names: tuple[str, str],
    draws: np.ndarray | None = None,
) -> Estimate:
    """The adjusted difference with its interval, or `too_few` below `rules.min_learners` comparable learners.
    `draws`: the bootstrap's, when already drawn for the sample `resampled` gives."""
    comparable = _comparable(treated, strata)
    t, y, s = treated[comparable], values[comparable], strata[comparable]
    exposed, unexposed = int(t.sum()), int(len(t) - t.sum())
    base = dict(
        exposure=names[0], outcome=names[1], exposed=exposed, unexposed=unexposed, naive=_naive(treated, values)
    )
    if len(t) < rules.min_learners or not exposed or not unexposed:
        return Estimate(
            **base, exposed_mean=None, unexposed_mean=None, difference=None, low=None, high=None, status="too_few"
        )
    difference = adjusted(t, y, s)
    low, high = interval(t, y, s, resamples=rules.resamples, seed=rules.seed, draws=draws)
    if low is None:
        return Estimate(
            **base, exposed_mean=None, unexposed_mean=None, difference=None, low=None, high=None, status="too_few"
        )
    means = dict(exposed_mean=float(y[t == 1].mean()), unexposed_mean=float(y[t == 0].mean()))
    return Estimate(**base, **means, difference=difference, low=low, high=high, status="ok")


def resampled(
    treated: np.ndarray, values: np.ndarray, strata: np.ndarray, *, rules: EffectRules
) -> tuple[np.ndarray, np.ndarray] | None:
    """What `estimate` bootstraps: (cell codes, outcomes) of the comparable learners; None when it does not
    (too few of them, or one outcome for all)."""
    comparable = _comparable(treated, strata)
    t, y = treated[comparable], values[comparable]
    exposed = int(t.sum())
    if len(t) < rules.min_learners or not exposed or exposed == len(t) or _one_value(y):
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
    return float(_by_cells(cells_of(treated, strata), values))


def _by_cells(cells: np.ndarray, values: np.ndarray, axis: int = -1) -> np.ndarray:
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
