"""The « Ce qui aide » KPI page: for each exposure (a peer at one's side, a quick answer, kudos, an event)
and each outcome (still active, challenges done, satisfaction), the adjusted difference between learners
who had it and comparable learners who did not, its 95 % interval, the counts and a chart per outcome.

Every number comes from `public.effects` (kpis.public: small groups hidden, no one named); labels
written in entraide.yml reach the page through the one escaping path and the charts through their own.
"""

from __future__ import annotations

from entraide.content.models import Community, EffectRules, Outcome
from entraide.i18n import Translator
from entraide.kpis import KpiReport
from entraide.kpis.effects import describe_exposure, describe_outcome
from entraide.kpis.public import PublicEffect, PublicReport, Value
from entraide.site.charts.intervals import Interval, interval_chart
from entraide.site.kpi.format import DASH, Section, data_table, definition, figure, num
from entraide.site.pages.escape import text

TOO_FEW = "pas assez d'apprenants"
CAVEAT = (
    '!!! warning "À lire avant de conclure"\n\n'
    "    Ces chiffres décrivent ce qui **va avec** la réussite, pas ce qui la **cause**. Les apprenants sont "
    "comparés à d'autres de la même cohorte, aussi actifs qu'eux à leurs débuts ; mais ce qu'on ne mesure pas "
    "(le temps libre, la motivation, un pair choisi par affinité) peut encore expliquer une partie de l'écart. "
    "Un intervalle qui contient zéro veut dire : on ne peut pas distinguer l'écart du hasard. Avec peu "
    "d'apprenants, les intervalles sont larges ; sous le seuil, rien n'est estimé.\n"
)


def effects(report: KpiReport, public: PublicReport, community: Community, tr: Translator) -> Section:
    rules = community.rules.effects
    rows = public.effects
    labels = {x.id: x.label for x in rules.exposures}
    charts = {f"ce-qui-aide-{o.id}": _chart(o, rows, labels, tr=tr) for o in rules.outcomes}
    parts = [
        definition(
            tr,
            "Pour chaque exposition, on compare les apprenants qui l'ont vécue à ceux qui ne l'ont pas vécue, "
            f"**dans la même cohorte et avec la même activité de départ** (nombre de fils ouverts dans leurs "
            f"{rules.early_days} premiers jours : 0, 1, 2 ou plus). L'écart est calculé dans chaque groupe, puis "
            "moyenné selon la taille des groupes ; l'intervalle à 95 % vient d'un bootstrap sur les apprenants "
            f"({rules.resamples} tirages, graine fixe). En dessous de {rules.min_learners} apprenants comparables : "
            f"« {TOO_FEW} ». Un groupe de moins de {public.min_group_size} personnes n'est jamais montré.",
            "Pas de métrique CHAOSS équivalente : CHAOSS compte l'activité, cette page la relie aux résultats.",
        ),
        CAVEAT,
        "## Les définitions",
        _definitions(rules),
    ]
    for outcome in rules.outcomes:
        parts += [
            f"## {text(outcome.label)}",
            figure(tr, f"ce-qui-aide-{outcome.id}", text(f"Écarts : {outcome.label}")),
        ]
        parts.append(_table(outcome, rows, labels, tr=tr))
    estimated = sum(1 for r in rows if r.status == "ok")
    headline = f"{estimated} écart{'s' if estimated > 1 else ''} estimé{'s' if estimated > 1 else ''} sur {len(rows)}"
    return Section("ce-qui-aide", "Ce qui aide", "\n\n".join(parts), headline, charts)


def _definitions(rules: EffectRules) -> str:
    lines = [f"- **{text(x.label)}** (exposition) : {describe_exposure(x)}." for x in rules.exposures]
    lines += [f"- **{text(o.label)}** (résultat) : {describe_outcome(o)}." for o in rules.outcomes]
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
            _gap(outcome, r.difference, tr=tr) if r.status == "ok" else _why(r.status),
            _range(outcome, r, tr=tr) if r.status == "ok" else DASH,
        ]
        for r in _ours(outcome, rows)
    ]
    headers = ["Exposition", "Exposés", "Non exposés", "Résultat des exposés", "Des non exposés", "Écart ajusté"]
    return data_table(tr, [*headers, "Intervalle à 95 %"], body, align="lrrrrrr")


def _chart(outcome: Outcome, rows: list[PublicEffect], labels: dict[str, str], *, tr: Translator) -> str:
    unit = "points de pourcentage" if outcome.kind != "satisfaction" else "points sur 5"
    return interval_chart(
        title=f"Ce qui aide : {outcome.label}",
        desc=f"Écart ajusté entre apprenants exposés et non exposés, avec son intervalle à 95 %, en {unit}. "
        f"Les mêmes nombres sont dans le tableau sous le graphique.",
        x_label=f"Écart (exposés moins non exposés), en {unit}",
        x_format=lambda v: _axis(outcome, v),
        rows=[
            Interval(str(labels.get(r.exposure, r.exposure)), r.difference, r.low, r.high, _why(r.status))
            for r in _ours(outcome, rows)
        ],
    )


def _why(status: str) -> str:
    return {"too_few": TOO_FEW, "hidden": "groupe trop petit, masqué"}.get(status, "")


def _share(outcome: Outcome) -> bool:
    return outcome.kind != "satisfaction"


def _level(outcome: Outcome, value: Value, *, tr: Translator) -> str:
    if value is None or isinstance(value, str):
        return DASH
    return f"{value * 100:.0f}\u00a0%" if _share(outcome) else f"{num(tr, value, 2)}\u00a0/\u00a05"


def _gap(outcome: Outcome, value: Value, *, tr: Translator) -> str:
    if value is None or isinstance(value, str):
        return DASH
    if _share(outcome):
        return f"{value * 100:+.0f}\u00a0points".replace("-", "−")
    return f"{'+' if value >= 0 else '−'}{num(tr, abs(value), 2)}\u00a0point sur 5"


def _range(outcome: Outcome, r: PublicEffect, *, tr: Translator) -> str:
    low, high = _gap(outcome, r.low, tr=tr), _gap(outcome, r.high, tr=tr)
    return f"{low.split(chr(0xA0))[0]} à {high}"  # "−17 à +63 points"


def _axis(outcome: Outcome, value: float) -> str:
    if _share(outcome):
        return f"{value * 100:+.0f}".replace("+0", "0").replace("-", "−")
    return f"{value:+.1f}".replace(".", ",").replace("+0,0", "0").replace("-", "−")
