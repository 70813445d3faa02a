"""Does « Ce qui aide » find the truth? Simulated communities with a known effect, estimated as the page does.

For each exposure of `entraide.yml` (its kind sets the simulator's knob: active peer, quick answer, kudos,
event) and each setting (a `Truth`: the exposure's effect on being active from week 8, and how much keen
starters are favoured), `communities` communities of `members` members (one cohort of the example's
rules) are simulated with different seeds; each goes through the same pipeline as the page (event store
-> kpis.effects rows -> kpis.estimate) for the adjusted estimate, and through the same bootstrap without
strata for the naive one. The table gives the mean estimate, its bias, the share of 95 % intervals that
cover the true effect, and the mean interval width. The estimator and the settings were fixed before the
final run; `make test` runs a few communities only, the report's figures come from 50 or more.
"""

from __future__ import annotations

import functools
import statistics
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy import stats

from entraide.content.models import Community, EffectRules, Exposure
from entraide.demo.community import EXAMPLE, rules_for, synthetic_members
from entraide.demo.history import Truth
from entraide.demo.simulation import simulate
from entraide.events.collector import collector_paused
from entraide.kpis.effects import rows
from entraide.kpis.estimate import Estimate, arrays, estimate
from entraide.kpis.history import build_history

EXPOSURE, OUTCOME = "pair-actif", "actif-semaine-8"  # the active-peer exposure's id (the knob's first)
SETTINGS: tuple[tuple[str, Truth], ...] = (
    ("effet +10, sans confusion", Truth(effect=0.10, confounding=0.0)),
    ("effet +10, confusion", Truth(effect=0.10, confounding=1.0)),
    ("aucun effet, confusion", Truth(effect=0.0, confounding=1.0)),
)


@dataclass(frozen=True)
class Run:
    learners: int
    adjusted: Estimate
    naive: Estimate


@dataclass(frozen=True)
class Summary:
    name: str
    truth: Truth
    runs: tuple[Run, ...]
    exposure: str = EXPOSURE  # the exposure's id in entraide.yml

    def estimated(self, pick: str) -> list[tuple[float, float, float]]:
        """(estimate, low, high) of the adjusted or naive estimates that exist."""
        found = (getattr(run, pick) for run in self.runs)
        return [(e.difference, e.low, e.high) for e in found if None not in (e.difference, e.low, e.high)]

    def coverage_interval(self, pick: str) -> tuple[float, float]:
        """95 % Clopper-Pearson interval of the coverage: with 50 communities, a perfect 95 % estimator shows
        anywhere between about 86 % and 100 %."""
        found = self.estimated(pick)
        if not found:
            return float("nan"), float("nan")
        covered = sum(low <= self.truth.effect <= high for _, low, high in found)
        ci = stats.binomtest(covered, len(found)).proportion_ci(confidence_level=0.95, method="exact")
        return float(ci.low), float(ci.high)

    def figures(self, pick: str) -> tuple[float, float, float, float]:
        """(mean estimate, bias, coverage, mean width)."""
        found = self.estimated(pick)
        if not found:
            return (float("nan"),) * 4
        mean = statistics.fmean(value for value, _, _ in found)
        covered = statistics.fmean(float(low <= self.truth.effect <= high) for _, low, high in found)
        width = statistics.fmean(high - low for _, low, high in found)
        return mean, mean - self.truth.effect, covered, width


@functools.cache
def _example() -> Community:
    """The example community, read once per process (every simulated community starts from it)."""
    from entraide.content.loader import load_community

    return load_community(EXAMPLE)


def community_for(seed: int, *, members: int) -> Community:
    """`members` synthetic members in the example's first cohort, under the example's rules."""
    source = _example()
    rules = source.rules.model_copy(update={"cohorts": source.rules.cohorts[:1]})
    people = synthetic_members(members, seed=seed, rules=rules)
    return Community(rules=rules_for(rules, people), members=tuple(people), challenges=source.challenges)


def exposure_of(community: Community, kind: str) -> Exposure:
    """The community's exposure of this kind (the first, if several)."""
    found = [x for x in community.rules.effects.exposures if x.kind == kind]
    if not found:
        raise ValueError(f"no exposure of kind {kind!r} in the rules' effects")
    return found[0]


def one_run(truth: Truth, *, seed: int, members: int, rules: EffectRules | None = None) -> Run:
    """One simulated community under `truth`, its knob's exposure estimated as the page does."""
    community = community_for(seed, members=members)
    rules = rules or community.rules.effects
    exposure = exposure_of(community, truth.exposure)
    events = simulate(community, seed=seed, known=replace(truth, window=exposure.days))
    as_of = community.rules.cohorts[0].end
    with collector_paused():
        table = rows(build_history(community, events, as_of=as_of), ledger=None)
    treated, values, strata = arrays(table, exposure=exposure.id, outcome=OUTCOME)
    names = (exposure.id, OUTCOME)
    return Run(
        learners=len(values),
        adjusted=estimate(treated, values, strata, rules=rules, names=names),
        naive=estimate(treated, values, np.zeros_like(strata), rules=rules, names=names),
    )


def validate(
    *,
    communities: int,
    members: int,
    seed: int = 1,
    settings: Sequence[tuple[str, Truth]] = SETTINGS,
    kinds: Sequence[str] = ("peer_help",),
) -> tuple[Summary, ...]:
    return tuple(summaries(communities=communities, members=members, seed=seed, settings=settings, kinds=kinds))


def summaries(
    *,
    communities: int,
    members: int,
    seed: int = 1,
    settings: Sequence[tuple[str, Truth]] = SETTINGS,
    kinds: Sequence[str] = ("peer_help",),
    progress: Callable[[Summary], None] | None = None,
) -> Iterator[Summary]:
    """For each exposure kind and setting, `communities` communities, one summary at a time; `progress`
    sees the summary so far after each community. Seeds differ by setting and by exposure (with the same
    seeds, every knob would draw the same fates and give the same figures)."""
    source = community_for(seed, members=30)
    for kind in kinds:
        for k, (name, truth) in enumerate(settings):
            known = replace(truth, exposure=kind)
            summary = Summary(name, known, (), exposure_of(source, kind).id)
            for n in range(communities):
                run = one_run(known, seed=seed + _offset(kind) + 1000 * k + n, members=members)
                summary = replace(summary, runs=(*summary.runs, run))
                if progress:
                    progress(summary)
            yield summary


def _offset(kind: str) -> int:
    """0 for the active peer (the seeds of the first validation), then 100,000 apart."""
    order = ("peer_help", "quick_answer", "kudos_received", "event_attended")
    return 100_000 * order.index(kind)


HEADER = (
    "| Exposition | Réglage | Effet vrai | Communautés (estimées) | Apprenants (moy.) | Ajusté : moyenne "
    "| Ajusté : biais | Ajusté : couverture 95 % (IC de la couverture) | Ajusté : largeur | Naïf : moyenne "
    "| Naïf : biais | Naïf : couverture 95 % |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
)


def table(found: Iterable[Summary]) -> str:
    """The coverage and bias table, in Markdown."""
    return HEADER + "".join(row(s) for s in found)


def row(s: Summary) -> str:
    """One line of the table: one exposure under one setting."""
    adjusted, naive = s.figures("adjusted"), s.figures("naive")
    low, high = s.coverage_interval("adjusted")
    learners = statistics.fmean(run.learners for run in s.runs)
    return (
        f"| {s.exposure} | {s.name} | {_points(s.truth.effect)} | {len(s.runs)} ({len(s.estimated('adjusted'))}) "
        f"| {learners:.0f} | {_points(adjusted[0])} | {_points(adjusted[1])} | {_share(adjusted[2])} "
        f"({_share(low)}–{_share(high)}) "
        f"| {_points(adjusted[3], sign='')} | {_points(naive[0])} | {_points(naive[1])} | {_share(naive[2])} |\n"
    )


def _points(value: float, sign: str = "+") -> str:
    return "—" if value != value else f"{value * 100:{sign}.1f} pts"


def _share(value: float) -> str:
    return "—" if value != value else f"{value:.0%}"
