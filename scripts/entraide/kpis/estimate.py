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

from collections.abc import Sequence
from typing import Literal

import numpy as np

from entraide.content.models import EffectRules, Frozen
from entraide.kpis.comparison import MOST_RESAMPLES as MOST_RESAMPLES
from entraide.kpis.comparison import (
    Columns,
    Figures,
    Settings,
    arrays_of,
    by_cells,
    dense,
    figures,
    figures_of_each,
    ranks_of,
)
from entraide.kpis.comparison import adjusted as adjusted
from entraide.kpis.comparison import interval as interval
from entraide.kpis.effects import Row

Status = Literal["ok", "too_few"]
_by_cells, _dense = by_cells, dense  # their names here before they moved to `kpis.comparison` (tests read them)


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
    """One estimate per exposure and outcome, in the order of `entraide.yml` (`kpis.comparison`'s
    `figures_of_each` of the rows' columns)."""
    pairs = pairs_of(rules)
    return estimates_of(rules, figures_of_each(columns_of(rows, pairs), pairs, settings_of(rules)))


def pairs_of(rules: EffectRules) -> list[tuple[str, str]]:
    """(exposure id, outcome id) of each comparison, in the order of `entraide.yml`."""
    return [(x.id, o.id) for x in rules.exposures for o in rules.outcomes]


def settings_of(rules: EffectRules) -> Settings:
    return Settings(rules.min_learners, rules.resamples, rules.seed)


def columns_of(rows: Sequence[Row], pairs: Sequence[tuple[str, str]]) -> Columns:
    """The rows' columns the comparisons of `pairs` read: stratum names, exposures and outcomes."""
    return Columns.read([_stratum(r) for r in rows], [r.exposed for r in rows], [r.outcomes for r in rows], pairs)


def estimates_of(rules: EffectRules, found: Sequence[Figures]) -> tuple[Estimate, ...]:
    """The estimates of `figures_of_each(..., pairs_of(rules), ...)`."""
    return tuple(Estimate(exposure=x, outcome=o, **each) for (x, o), each in zip(pairs_of(rules), found, strict=True))


def arrays(
    rows: Sequence[Row], *, exposure: str, outcome: str, strata: Sequence[str] | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(exposed 0/1, outcome, stratum code) of the learners for whom both are known; `strata`: each row's
    `_stratum`, when the caller has them."""
    return _arrays(rows, exposure=exposure, outcome=outcome, ranks=_ranks(strata or [_stratum(r) for r in rows]))


def _ranks(strata: Sequence[str]) -> np.ndarray:
    return ranks_of(strata)


def _arrays(
    rows: Sequence[Row], *, exposure: str, outcome: str, ranks: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`arrays`, from the rows' stratum ranks (`_ranks`) computed once for every comparison."""
    columns = columns_of(rows, [(exposure, outcome)])
    return arrays_of(columns, exposure=exposure, outcome=outcome, ranks=ranks)


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
    `draws`: the bootstrap's, when already drawn."""
    found = figures(treated, values, strata, settings=settings_of(rules), draws=draws)
    return Estimate(exposure=names[0], outcome=names[1], **found)
