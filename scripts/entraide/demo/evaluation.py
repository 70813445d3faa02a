"""Evaluations of the insight models on simulated histories, where the truth is known."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from entraide.content.models import Community
from entraide.events.model import Event
from entraide.insight import risk
from entraide.insight.community import assess, outcomes
from entraide.insight.nextsteps import acceptances, popular, recommend, transitions


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


def leave_last_out(community: Community, events: tuple[Event, ...], *, as_of: dt.date) -> dict[str, int]:
    """For each learner with two accepted challenges or more, hide the last one and try to find it again
    in the top 3 from what came before; co-occurrence is learnt from the other learners only."""
    accepted = acceptances(community, events, as_of=as_of)
    members = {m.login: m for m in community.members}
    tally: Counter[str] = Counter()
    for login, items in sorted(accepted.items()):
        if len(items) < 2 or login not in members:
            continue
        (when, hidden), prefix = items[-1], tuple(slug for _, slug in items[:-1])
        seen = transitions(tuple(s for _, s in other) for who, other in accepted.items() if who != login)
        steps = recommend(members[login], accepted=prefix, community=community, as_of=when.date(), seen=seen)
        unlocked = popular(prefix, seen, community.challenges, as_of=when.date())
        tally["learners"] += 1
        tally["model"] += hidden in [s.challenge for s in steps]
        tally["popularity"] += hidden in popular(prefix, seen, community.challenges)
        tally["popularity_unlocked"] += hidden in unlocked
        tally["model_first"] += bool(steps) and steps[0].challenge == hidden
        tally["popularity_unlocked_first"] += unlocked[:1] == [hidden]
    return dict(tally)
