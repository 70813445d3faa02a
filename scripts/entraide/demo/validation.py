"""Does « Ce qui aide » find the truth? Simulated communities with a known effect, estimated as the page does.

For each setting (a `Truth`: the effect of an active peer on being active from week 8, and how much keen
starters are favoured), `communities` communities of `members` members (one cohort of the example's
rules) are simulated with different seeds; each goes through the same pipeline as the page (event store
-> kpis.effects rows -> kpis.estimate) for the adjusted estimate, and through the same bootstrap without
strata for the naive one. The table gives the mean estimate, its bias, the share of 95 % intervals that
cover the true effect, and the mean interval width. The estimator and the settings were fixed before the
final run; `make test` runs a few communities only, the report's figures come from 50 or more.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from entraide.content.models import Community, EffectRules
from entraide.demo.community import EXAMPLE, rules_for, synthetic_members
from entraide.demo.history import Truth
from entraide.demo.simulation import simulate
from entraide.events.collector import collector_paused
from entraide.kpis.effects import rows
from entraide.kpis.estimate import Estimate, arrays, estimate
from entraide.kpis.history import build_history

EXPOSURE, OUTCOME = "pair-actif", "actif-semaine-8"
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

    def estimated(self, pick: str) -> list[tuple[float, float, float]]:
        """(estimate, low, high) of the adjusted or naive estimates that exist."""
        found = (getattr(run, pick) for run in self.runs)
        return [(e.difference, e.low, e.high) for e in found if None not in (e.difference, e.low, e.high)]

    def figures(self, pick: str) -> tuple[float, float, float, float]:
        """(mean estimate, bias, coverage, mean width)."""
        found = self.estimated(pick)
        if not found:
            return (float("nan"),) * 4
        mean = statistics.fmean(value for value, _, _ in found)
        covered = statistics.fmean(float(low <= self.truth.effect <= high) for _, low, high in found)
        width = statistics.fmean(high - low for _, low, high in found)
        return mean, mean - self.truth.effect, covered, width


def community_for(seed: int, *, members: int) -> Community:
    """`members` synthetic members in the example's first cohort, under the example's rules."""
    from entraide.content.loader import load_community

    source = load_community(EXAMPLE)
    rules = source.rules.model_copy(update={"cohorts": source.rules.cohorts[:1]})
    people = synthetic_members(members, seed=seed, rules=rules)
    return Community(rules=rules_for(rules, people), members=tuple(people), challenges=source.challenges)


def one_run(truth: Truth, *, seed: int, members: int, rules: EffectRules | None = None) -> Run:
    community = community_for(seed, members=members)
    rules = rules or community.rules.effects
    events = simulate(community, seed=seed, known=truth)
    as_of = community.rules.cohorts[0].end
    with collector_paused():
        table = rows(build_history(community, events, as_of=as_of), ledger=None)
    treated, values, strata = arrays(table, exposure=EXPOSURE, outcome=OUTCOME)
    names = (EXPOSURE, OUTCOME)
    return Run(
        learners=len(values),
        adjusted=estimate(treated, values, strata, rules=rules, names=names),
        naive=estimate(treated, values, np.zeros_like(strata), rules=rules, names=names),
    )


def validate(
    *, communities: int, members: int, seed: int = 1, settings: Sequence[tuple[str, Truth]] = SETTINGS
) -> tuple[Summary, ...]:
    return tuple(
        Summary(
            name, truth, tuple(one_run(truth, seed=seed + 1000 * k + n, members=members) for n in range(communities))
        )
        for k, (name, truth) in enumerate(settings)
    )


def table(summaries: Sequence[Summary]) -> str:
    """The coverage and bias table, in Markdown."""
    lines = [
        "| Réglage | Effet vrai | Communautés (estimées) | Apprenants (moy.) | Ajusté : moyenne | Ajusté : biais "
        "| Ajusté : couverture 95 % | Ajusté : largeur | Naïf : moyenne | Naïf : biais | Naïf : couverture 95 % |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in summaries:
        adjusted, naive = s.figures("adjusted"), s.figures("naive")
        learners = statistics.fmean(run.learners for run in s.runs)
        lines.append(
            f"| {s.name} | {_points(s.truth.effect)} | {len(s.runs)} ({len(s.estimated('adjusted'))}) "
            f"| {learners:.0f} | {_points(adjusted[0])} | {_points(adjusted[1])} | {_share(adjusted[2])} "
            f"| {_points(adjusted[3], sign='')} | {_points(naive[0])} | {_points(naive[1])} | {_share(naive[2])} |"
        )
    return "\n".join(lines) + "\n"


def _points(value: float, sign: str = "+") -> str:
    return "—" if value != value else f"{value * 100:{sign}.1f} pts"


def _share(value: float) -> str:
    return "—" if value != value else f"{value:.0%}"
