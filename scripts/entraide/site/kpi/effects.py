"""The « Ce qui aide » KPI page: for each exposure (a peer at one's side, a quick answer, kudos, an event)
and each outcome (still active, challenges done, satisfaction), the adjusted difference between learners
who had it and comparable learners who did not, its 95 % interval, the counts and a chart per outcome.

Every number comes from `public.effects` (kpis.public: small groups hidden, no one named); labels
written in entraide.yml reach the page through the one escaping path and the charts through their own.
"""

from __future__ import annotations

from entraide.content.effects import label_of
from entraide.content.i18n import Translator
from entraide.content.models import Community, EffectRules, Outcome
from entraide.kpis import KpiReport
from entraide.kpis.effects import describe_exposure, describe_outcome
from entraide.kpis.public import PublicEffect, PublicReport, Value
from entraide.site.charts.intervals import Interval, interval_chart
from entraide.site.kpi.format import DASH, Section, data_table, definition, figure, num
from entraide.site.pages.escape import text


def caveat(*, tr: Translator) -> str:
    title = tr.gettext("Read before concluding")
    warning = tr.gettext(
        "These figures describe what **goes with** success, not what **causes** it. Learners are compared with "
        "others of the same cohort, as active as they were at their start; but what is not measured (free time, "
        "motivation, a peer chosen by affinity) may still explain part of the gap. An interval that contains zero "
        "means: the gap cannot be told from chance. With few learners, intervals are wide; under the threshold, "
        "nothing is estimated."
    )
    return f'!!! warning "{title}"\n\n    {warning}\n'


def too_few(*, tr: Translator) -> str:
    return tr.gettext("not enough learners")


def effects(report: KpiReport, public: PublicReport, community: Community, tr: Translator) -> Section:
    rules = community.rules.effects
    rows = public.effects
    labels = {x.id: label_of(x, tr) for x in rules.exposures}
    charts = {f"ce-qui-aide-{o.id}": _chart(o, rows, labels, tr=tr) for o in rules.outcomes}
    parts = [
        definition(
            tr,
            tr.gettext(
                "For each exposure, learners who had it are compared with those who did not, **in the same cohort "
                "and with the same starting activity** (number of threads opened in their first {days} days: 0, 1, "
                "2 or more). The gap is computed in each group, then averaged with more weight where both the exposed "
                "and the unexposed are numerous (a least-squares fit with one term per group); the 95% interval "
                "comes from a bootstrap over the learners that redoes the groups in each draw ({resamples} draws, "
                "fixed seed). Below {minimum} "
                "comparable learners: “{too_few}”. A group of fewer than {group} people is never shown."
            ).format(
                days=rules.early_days,
                resamples=rules.resamples,
                minimum=rules.min_learners,
                too_few=too_few(tr=tr),
                group=public.min_group_size,
            ),
            tr.gettext("No equivalent CHAOSS metric: CHAOSS counts activity, this page relates it to results."),
        ),
        caveat(tr=tr),
        "## " + tr.gettext("The definitions"),
        _definitions(rules, tr=tr),
    ]
    for outcome in rules.outcomes:
        parts += [
            f"## {text(label_of(outcome, tr))}",
            figure(
                tr,
                f"ce-qui-aide-{outcome.id}",
                text(tr.gettext("Gaps: {outcome}").format(outcome=label_of(outcome, tr))),
            ),
        ]
        parts.append(_table(outcome, rows, labels, tr=tr))
    estimated = sum(1 for r in rows if r.status == "ok")
    headline = tr.ngettext("{n} gap estimated of {total}", "{n} gaps estimated of {total}", estimated)
    title = tr.gettext("What helps")
    return Section("ce-qui-aide", title, "\n\n".join(parts), headline.format(n=estimated, total=len(rows)), charts)


def _definitions(rules: EffectRules, *, tr: Translator) -> str:
    exposure, outcome = tr.gettext("- **{label}** (exposure): {text}."), tr.gettext("- **{label}** (outcome): {text}.")
    lines = [exposure.format(label=text(label_of(x, tr)), text=describe_exposure(x, tr=tr)) for x in rules.exposures]
    lines += [outcome.format(label=text(label_of(o, tr)), text=describe_outcome(o, tr=tr)) for o in rules.outcomes]
    return "\n".join(lines)


def _ours(outcome: Outcome, rows: list[PublicEffect]) -> list[PublicEffect]:
    return [r for r in rows if r.outcome == outcome.id]


def _table(outcome: Outcome, rows: list[PublicEffect], labels: dict[str, str], *, tr: Translator) -> str:
    body = [
        [
            text(labels.get(r.exposure, r.exposure)),
            r.exposed,
            r.unexposed,
            _level(outcome, r.exposed_mean, tr=tr),
            _level(outcome, r.unexposed_mean, tr=tr),
            _gap(outcome, r.difference, tr=tr) if r.status == "ok" else _why(r.status, tr=tr),
            _range(outcome, r, tr=tr) if r.status == "ok" else DASH,
        ]
        for r in _ours(outcome, rows)
    ]
    headers = [
        tr.gettext("Exposure"),
        tr.gettext("Exposed"),
        tr.gettext("Not exposed"),
        tr.gettext("Result of the exposed"),
    ]
    headers += [tr.gettext("Of the not exposed"), tr.gettext("Adjusted gap"), tr.gettext("95% interval")]
    return data_table(tr, headers, body, align="lrrrrrr")


def _chart(outcome: Outcome, rows: list[PublicEffect], labels: dict[str, str], *, tr: Translator) -> str:
    unit = tr.gettext("percentage points") if outcome.kind != "satisfaction" else tr.gettext("points out of 5")
    desc = tr.gettext(
        "Adjusted gap between exposed and not exposed learners, with its 95% interval, in {unit}. "
        "The same numbers are in the table under the chart."
    )
    return interval_chart(
        title=tr.gettext("What helps: {outcome}").format(outcome=label_of(outcome, tr)),
        desc=desc.format(unit=unit),
        x_label=tr.gettext("Gap (exposed minus not exposed), in {unit}").format(unit=unit),
        x_format=lambda v: _axis(outcome, v, tr=tr),
        tr=tr,
        rows=[
            Interval(str(labels.get(r.exposure, r.exposure)), r.difference, r.low, r.high, _why(r.status, tr=tr))
            for r in _ours(outcome, rows)
        ],
    )


def _why(status: str, *, tr: Translator) -> str:
    return {"too_few": too_few(tr=tr), "hidden": tr.gettext("group too small, hidden")}.get(status, "")


def _share(outcome: Outcome) -> bool:
    return outcome.kind != "satisfaction"


def _level(outcome: Outcome, value: Value, *, tr: Translator) -> str:
    if value is None or isinstance(value, str):
        return DASH
    return (
        tr.percent(value) if _share(outcome) else tr.gettext("{rating}\u00a0/\u00a05").format(rating=num(tr, value, 2))
    )


def _gap(outcome: Outcome, value: Value, *, tr: Translator) -> str:
    if value is None or isinstance(value, str):
        return DASH
    if _share(outcome):
        gap = round(value * 100)
        return tr.ngettext("{gap}\u00a0point", "{gap}\u00a0points", abs(gap)).format(gap=f"{gap:+d}".replace("-", "−"))
    sign = "+" if value >= 0 else "−"
    return tr.gettext("{gap}\u00a0point out of 5").format(gap=sign + num(tr, abs(value), 2))


def _range(outcome: Outcome, r: PublicEffect, *, tr: Translator) -> str:
    low, high = _gap(outcome, r.low, tr=tr), _gap(outcome, r.high, tr=tr)
    return tr.gettext("{low} to {high}").format(low=low.split(chr(0xA0))[0], high=high)  # "−17 à +63 points"


def _axis(outcome: Outcome, value: float, *, tr: Translator) -> str:
    if _share(outcome):
        return f"{value * 100:+.0f}".replace("+0", "0").replace("-", "−")
    shown = ("+" if value > 0 else "−" if value < 0 else "") + tr.decimal(abs(value), digits=1)
    return "0" if round(value, 1) == 0 else shown
