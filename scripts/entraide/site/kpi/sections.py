"""One function per KPI page: its definition in French, its charts and the tables of the same numbers.

Each takes the raw report (for what is not a number about people: the graph's shape, mentors' names who
consented), the privacy-safe `public` dict (for every number shown) and the community.
"""

from __future__ import annotations

from entraide.content.models import Community
from entraide.kpis import KpiReport
from entraide.kpis.public import PublicCohort, PublicReport, Value
from entraide.site import charts
from entraide.site.charts import Series
from entraide.site.kpi.format import (
    DASH,
    Section,
    chaoss,
    data_table,
    day,
    definition,
    figure,
    hidden_notes,
    num,
    num_axis,
    pct,
    pct_axis,
    plotted,
)
from entraide.site.pages.escape import text

# --------------------------------------------------------------------------- sections


def engagement(report: KpiReport, public: PublicReport, community: Community) -> Section:
    weeks = public.engagement.weeks
    labels = [day(w.week) for w in weeks]
    kinds = (
        ("Réactions", "reactions_per_active"),
        ("Commentaires", "comments_per_active"),
        ("Revues", "reviews_per_active"),
    )
    svg = charts.line_chart(
        title="Engagement par membre actif et par semaine",
        x_label="Semaine (lundi)",
        y_label="Actions par membre actif",
        labels=labels,
        y_format=num_axis,
        desc="Réactions, commentaires et revues par membre actif, chaque semaine.",
        series=[Series(name, [plotted(getattr(w, key)) for w in weeks]) for name, key in kinds],
    )
    trend = public.engagement.trend
    headline = f"tendance sur 4 semaines : {_signed(trend)}"
    body = "\n\n".join(
        [
            definition(
                "Réactions, commentaires et revues publiés pendant la semaine, divisés par le nombre de "
                "membres actifs cette semaine-là (au moins une action). La tendance compare la moyenne des "
                "4 dernières semaines complètes à celle des 4 précédentes.",
                f"Voir CHAOSS : {chaoss('Types of Contributions', 'types-of-contributions')}, "
                f"{chaoss('Activity Dates and Times', 'activity-dates-and-times')}.",
            ),
            f"**Tendance** : {_signed(trend)}.",
            figure("engagement", "Courbes de l'engagement par semaine"),
            data_table(
                ["Semaine", "Membres actifs", "Réactions", "Commentaires", "Revues"],
                [
                    [
                        label,
                        w.active_members,
                        num(w.reactions_per_active, 2),
                        num(w.comments_per_active, 2),
                        num(w.reviews_per_active, 2),
                    ]
                    for label, w in zip(labels, weeks)
                ],
                align="lrrrr",
            ),
        ]
    )
    return Section("engagement", "Engagement", body, headline, {"engagement": svg})


def _signed(value: Value) -> str:
    if value is None or isinstance(value, str):
        return DASH if value is None else value
    return f"{'+' if value > 0 else ''}{value * 100:.0f}\u00a0%"


def participation(report: KpiReport, public: PublicReport, community: Community) -> Section:
    p = public.participation
    labels = [day(w.week) for w in p.weeks]
    share = charts.line_chart(
        title="Part des membres actifs chaque semaine",
        x_label="Semaine (lundi)",
        y_label="Membres actifs / inscrits",
        labels=labels,
        y_format=pct_axis,
        y_max=1.0,
        desc="Membres ayant au moins une action dans la semaine, rapportés aux membres inscrits.",
        series=[Series("Part active", [plotted(w.share) for w in p.weeks])],
    )
    bins = p.contributions
    histogram = charts.histogram(
        title="Répartition des contributions par membre",
        x_label="Nombre de contributions",
        y_label="Membres",
        bins=[b.bin for b in bins],
        counts=[plotted(b.members) for b in bins],
        notes=hidden_notes(b.members for b in bins),
        desc="Combien de membres ont fait 0, 1, 2 à 4... contributions depuis le début.",
    )
    last = p.weeks[-1] if p.weeks else None
    body = "\n\n".join(
        [
            definition(
                "Un membre est actif une semaine s'il y a au moins une action (issue, PR, commentaire, revue, "
                "réaction...). La part active rapporte les membres actifs aux membres inscrits à la fin de "
                "la semaine. Une contribution est une action d'un membre ; les robots ne comptent jamais.",
                f"Voir CHAOSS : {chaoss('Contributors', 'contributors')}, "
                f"{chaoss('Inactive Contributors', 'inactive-contributors')}.",
            ),
            figure("participation", "Part des membres actifs par semaine"),
            data_table(
                ["Semaine", "Actifs", "Inscrits", "Part active"],
                [[label, w.active, w.registered, pct(w.share)] for label, w in zip(labels, p.weeks)],
                align="lrrr",
            ),
            f"Contributions par membre : médiane **{num(p.median)}**, 90e centile **{num(p.p90)}** "
            f"({p.members} membres).",
            figure("participation-contributions", "Histogramme des contributions par membre"),
            data_table(["Contributions", "Membres"], [[b.bin, b.members] for b in bins], align="lr"),
        ]
    )
    headline = f"{pct(last.share)} des membres actifs la dernière semaine" if last else DASH
    return Section(
        "participation",
        "Participation",
        body,
        headline,
        {"participation": share, "participation-contributions": histogram},
    )


def retention(report: KpiReport, public: PublicReport, community: Community) -> Section:
    cohorts = public.cohorts
    length = max((len(c.weekly_share) for c in cohorts), default=0)
    labels = [f"S{k + 1}" for k in range(length)]
    curves = [
        Series(c.name, [plotted(c.weekly_share[k]) if k < len(c.weekly_share) else None for k in range(length)])
        for c in cohorts
    ]
    svg = charts.line_chart(
        title="Part de chaque cohorte encore active, semaine par semaine",
        x_label="Semaine de la cohorte",
        y_label="Apprenants actifs",
        labels=labels,
        series=curves,
        y_format=pct_axis,
        y_max=1.0,
        desc="Courbes de cohorte : part des apprenants de chaque cohorte actifs pendant sa k-ième semaine.",
        empty="Aucune cohorte commencée",
    )
    body = "\n\n".join(
        [
            definition(
                "Pour chaque cohorte, la part de ses apprenants actifs (au moins une action) pendant chacune "
                "de ses semaines ; l'achèvement à ce jour, la part qui a fait accepter tous ses défis "
                "obligatoires, même après la fin de la cohorte (à ne pas confondre avec le taux de réussite, "
                "qui ne compte que les défis acceptés avant la fin) ; l'abandon, mesuré comme "
                "dans Moodle : aucune activité pendant le dernier quart de la cohorte (calculé une fois la "
                "cohorte terminée).",
                f"Voir CHAOSS : {chaoss('Inactive Contributors', 'inactive-contributors')}.",
            ),
            figure("retention", "Courbes de rétention des cohortes"),
            data_table(
                ["Semaine"] + [text(c.name) for c in cohorts],
                [
                    [label] + [pct(c.weekly_share[k]) if k < len(c.weekly_share) else DASH for c in cohorts]
                    for k, label in enumerate(labels)
                ],
                align="l" + "r" * len(cohorts),
            ),
            data_table(
                ["Cohorte", "Apprenants", "Achèvement à ce jour", "Abandon", "Statut"],
                [[text(c.name), c.size, pct(c.completion_share), pct(c.dropout_share), _status(c)] for c in cohorts],
                align="lrrrl",
            ),
        ]
    )
    done = [c for c in cohorts if c.finished]
    headline = (
        f"abandon de {pct(done[-1].dropout_share)} ({text(done[-1].name)})" if done else "aucune cohorte terminée"
    )
    return Section("retention", "Rétention", body, headline, {"retention": svg})


def _status(cohort: PublicCohort) -> str:
    return "terminée" if cohort.finished else "en cours"


def success(report: KpiReport, public: PublicReport, community: Community) -> Section:
    cohorts = [c for c in public.cohorts if c.required]
    svg = charts.bar_chart(
        title="Taux de réussite par cohorte",
        x_label="Cohorte",
        y_label="Apprenants ayant réussi",
        labels=[c.name for c in cohorts],
        y_format=pct_axis,
        y_max=1.0,
        empty="Aucune cohorte avec défis obligatoires",
        desc="Part des apprenants de chaque cohorte ayant fait accepter tous ses défis obligatoires avant la fin.",
        series=[Series("Taux de réussite", [plotted(c.success_rate) for c in cohorts])],
        notes=hidden_notes(c.success_rate for c in cohorts),
    )
    body = "\n\n".join(
        [
            definition(
                "Réussite dans les délais : la part des apprenants d'une cohorte dont tous les défis obligatoires "
                "ont été acceptés au plus tard le dernier jour de la cohorte (l'achèvement à ce jour, sur la page "
                "Rétention, compte aussi ceux acceptés après). Un défi est accepté par la revue approbatrice d'un mentor "
                "sur le dernier commit de la pull request. Pour une cohorte en cours, le taux est provisoire.",
                "Pas de métrique CHAOSS équivalente ; proche de "
                f"{chaoss('Change Requests Accepted', 'change-requests-accepted')}.",
            ),
            figure("reussite", "Taux de réussite par cohorte"),
            data_table(
                ["Cohorte", "Apprenants", "Défis obligatoires", "Réussite dans les délais", "Statut"],
                [
                    [
                        text(c.name),
                        c.size,
                        ", ".join(text(s) for s in c.required),
                        pct(c.success_rate),
                        _status(c),
                    ]
                    for c in cohorts
                ],
                align="lrlrl",
            ),
        ]
    )
    headline = f"{pct(cohorts[-1].success_rate)} ({text(cohorts[-1].name)})" if cohorts else DASH
    return Section("reussite", "Taux de réussite", body, headline, {"reussite": svg})
