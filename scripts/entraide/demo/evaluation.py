"""Evaluations of the insight models on simulated histories, where the truth is known."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from entraide.content.models import Community
from entraide.insight import risk
from entraide.insight.community import assess, outcomes
from entraide.insight.nextsteps import leave_last_out


def risk_evaluation(community: Community, *, seeds, day: int) -> dict:
    """Train on the first cohort, score the last one on `day`, against its real outcome; pooled over
    the simulator's histories (`entraide.demo.simulation`), one model per history."""
    from entraide.demo.simulation import simulate

    first, last = sorted(community.rules.cohorts, key=lambda c: c.start)[:: len(community.rules.cohorts) - 1]
    labels, scores, methods = [], [], set()
    for seed in seeds:
        events = simulate(community, seed=seed)
        truth = outcomes(community, events, last)
        result = assess(community, events, as_of=last.start + dt.timedelta(days=day))
        methods.add(result.method)
        labels += [truth[r.key] for r in result.risks]
        scores += [r.probability for r in result.risks]
    return {
        "day": day,
        "trained_on_cohort": first.id,
        "scored_cohort": last.id,
        "methods": sorted(methods),
        **risk.top_share_metrics(labels, scores),
    }


def next_steps_evaluation(community: Community, *, seeds: Iterable[int]) -> dict:
    """Leave-last-out hit rate at 3 on the example simulator's histories, pooled over `seeds`."""
    from entraide.demo.simulation import simulate

    total: Counter = Counter()
    for seed in seeds:
        events = simulate(community, seed=seed)
        total.update(leave_last_out(community, events, as_of=max(e.at for e in events).date()))
    n = total["learners"]
    rate = {k: round(total[k] / n, 4) if n else None for k in total if k != "learners"}
    return {
        "learners": n,
        **{f"hit_rate_at_3_{k}": rate.get(k) for k in ("model", "popularity", "popularity_unlocked")},
        "hit_rate_at_1_model": rate.get("model_first"),
        "hit_rate_at_1_popularity_unlocked": rate.get("popularity_unlocked_first"),
    }
