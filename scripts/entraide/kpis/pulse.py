"""The anonymous well-being pulse (1-5): aggregates per cohort and week, groups under the floor hidden,
and the mentors' alert rule.

An answer carries no person: the private job keeps only (cohort, week, score) once it has counted one
answer per person and week. A group (cohort, week) with fewer than `wellbeing.min_answers` answers (never
fewer than 5, nor than privacy's floor) is left out of the aggregates altogether, so no page or file can
show it. Alert rule: a cohort's latest shown week has a mean below `alert_below`, or fell by `alert_drop`
or more since the cohort's previous shown week.
"""

from __future__ import annotations

from collections import defaultdict

from entraide.content.models import Frozen, Rules
from entraide.events.pulsefile import PulseAnswer, PulseGroup


class PulseAlert(Frozen):
    cohort: str
    week: str
    mean: float
    previous: float | None
    reason: str


def floor(rules: Rules) -> int:
    return max(5, rules.wellbeing.min_answers, rules.privacy.min_group_size)


def aggregate(answers: tuple[PulseAnswer, ...], *, rules: Rules) -> tuple[PulseGroup, ...]:
    """One group per (cohort, week) with at least `floor` answers, sorted; smaller groups are dropped."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for answer in answers:
        groups[(answer.cohort, answer.week)].append(answer.score)
    return tuple(
        PulseGroup(
            cohort=cohort,
            week=week,
            answers=len(scores),
            mean=round(sum(scores) / len(scores), 2),
            counts=(*(scores.count(value) for value in range(1, 6)),),
        )
        for (cohort, week), scores in sorted(groups.items())
        if len(scores) >= floor(rules)
    )


def alerts(groups: tuple[PulseGroup, ...], *, rules: Rules) -> tuple[PulseAlert, ...]:
    """The cohorts whose pulse falls, by the stated rule (module docstring)."""
    found = []
    for cohort in sorted({g.cohort for g in groups}):
        series = [g for g in groups if g.cohort == cohort]
        last, previous = series[-1], (series[-2].mean if len(series) > 1 else None)
        if last.mean < rules.wellbeing.alert_below:
            reason = f"moyenne {last.mean} sous le seuil {rules.wellbeing.alert_below}"
        elif previous is not None and previous - last.mean >= rules.wellbeing.alert_drop:
            reason = f"baisse de {round(previous - last.mean, 2)} depuis la météo précédente ({previous})"
        else:
            continue
        found.append(PulseAlert(cohort=cohort, week=last.week, mean=last.mean, previous=previous, reason=reason))
    return tuple(found)


def alert_text(alert: PulseAlert, *, rules: Rules) -> str:
    """The mentors' alert: aggregates only (the group had at least `floor` answers)."""
    names = {c.id: c.name for c in rules.cohorts}
    return (
        f"La météo de la cohorte {names.get(alert.cohort, alert.cohort)} baisse (semaine {alert.week}) : "
        f"{alert.reason}.\n\nRègle : moyenne sous {rules.wellbeing.alert_below}, ou baisse d'au moins "
        f"{rules.wellbeing.alert_drop} depuis la météo précédente, sur des groupes d'au moins {floor(rules)} "
        "réponses anonymes. Pensez à prendre des nouvelles de la cohorte (atelier, message, permanence).\n"
    )
