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

from entraide.content.i18n import Translator, translator
from entraide.content.models import Frozen, Rules
from entraide.events.pulsefile import PulseAnswer, PulseGroup


class PulseAlert(Frozen):
    cohort: str
    week: str
    mean: float
    previous: float | None
    reason: str  # "below" the threshold, or a "drop" since the previous pulse (worded by `alert_text`)


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
            reason = "below"
        elif previous is not None and previous - last.mean >= rules.wellbeing.alert_drop:
            reason = "drop"
        else:
            continue
        found.append(PulseAlert(cohort=cohort, week=last.week, mean=last.mean, previous=previous, reason=reason))
    return tuple(found)


def alert_title(alert: PulseAlert, *, rules: Rules) -> str:
    """The private alert issue's title, in the community's language."""
    return translator(rules.language).gettext("Pulse falling · {cohort}").format(cohort=alert.cohort)


def alert_text(alert: PulseAlert, *, rules: Rules) -> str:
    """The mentors' alert: aggregates only (the group had at least `floor` answers)."""
    names, tr = {c.id: c.name for c in rules.cohorts}, translator(rules.language)
    if alert.reason == "below":
        reason = tr.gettext("mean {mean} below the threshold {threshold}")
    else:
        reason = tr.gettext("a drop of {drop} since the previous pulse ({previous})")
    said = reason.format(
        mean=_n(alert.mean, tr),
        threshold=_n(rules.wellbeing.alert_below, tr),
        drop=_n(round((alert.previous or 0) - alert.mean, 2), tr),
        previous=_n(alert.previous or 0, tr),
    )
    text = tr.gettext(
        "The pulse of the cohort {cohort} is falling (week {week}): {reason}.\n\n"
        "Rule: a mean below {below}, or a drop of at least {drop} since the previous pulse, over groups of at least "
        "{n} anonymous answers. Think of checking in with the cohort (workshop, message, office hours).\n"
    )
    return text.format(
        cohort=names.get(alert.cohort, alert.cohort),
        week=alert.week,
        reason=said,
        below=_n(rules.wellbeing.alert_below, tr),
        drop=_n(rules.wellbeing.alert_drop, tr),
        n=floor(rules),
    )


def _n(value: float, tr: Translator) -> str:
    """« 2,8 », "2.8": as few decimals as the value needs (two at most)."""
    return tr.number(value, digits=2)
