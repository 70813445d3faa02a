"""KPI pages about support: satisfaction, responsiveness, connections between learners, mentors' view."""

from __future__ import annotations

from entraide.content.models import Community, Member, Role
from entraide.i18n import Translator
from entraide.kpis import KpiReport
from entraide.kpis.mentors import MentorsView
from entraide.kpis.public import PublicReport, ResponseMonth
from entraide.site import charts
from entraide.site.charts import Series
from entraide.site.charts.network import Node
from entraide.site.kpi.format import (
    DASH,
    NETWORK_LIMIT,
    Section,
    chaoss,
    data_table,
    day,
    definition,
    figure,
    hidden_notes,
    hours,
    num,
    num_axis,
    pct,
    pct_axis,
    plotted,
)
from entraide.site.pages.common import member_link, public_members
from entraide.site.pages.escape import text


def satisfaction(report: KpiReport, public: PublicReport, community: Community, tr: Translator) -> Section:
    months = public.satisfaction.months
    svg = charts.bar_chart(
        title="Satisfaction (CSAT) par mois",
        x_label="Mois",
        y_label="Réponses 4 ou 5 sur 5",
        labels=[m.month for m in months],
        y_format=pct_axis(tr),
        y_max=1.0,
        empty="Pas encore d'avis",
        desc="Part des réponses au formulaire d'avis notées 4 ou 5 sur 5, chaque mois.",
        series=[Series("CSAT", [plotted(m.csat) for m in months])],
        notes=hidden_notes(m.csat for m in months),
    )
    total = public.satisfaction.total
    body = "\n\n".join(
        [
            definition(
                tr,
                "Chaque réponse au formulaire d'avis donne une note de 1 à 5. Le CSAT est la part des notes "
                "4 et 5 ; la note moyenne est donnée à côté. Un mois où moins de personnes ont répondu que le "
                "seuil de confidentialité est masqué.",
                "Pas de métrique CHAOSS équivalente : c'est l'indicateur CSAT (Customer Satisfaction Score).",
            ),
            f"**Depuis le début** : CSAT {pct(tr, total.csat)}, note moyenne {num(tr, total.mean, 2)} sur 5 "
            f"({total.respondents} personnes).",
            figure(tr, "satisfaction", "CSAT par mois"),
            data_table(
                tr,
                ["Mois", "Réponses", "Personnes", "CSAT", "Note moyenne"],
                [[m.month, m.responses, m.respondents, pct(tr, m.csat), num(tr, m.mean, 2)] for m in months],
                align="lrrrr",
            ),
        ]
    )
    return Section("satisfaction", "Satisfaction", body, f"CSAT {pct(tr, total.csat)}", {"satisfaction": svg})


def _response_chart(rows: list[ResponseMonth], *, title: str, what: str, tr: Translator) -> str:
    return charts.line_chart(
        title=title,
        x_label="Mois d'ouverture",
        y_label="Heures avant la première réponse",
        labels=[m.month for m in rows],
        y_format=num_axis(tr),
        empty="Pas encore de données",
        desc=f"Médiane et 90e centile du délai avant la première réponse aux {what}, par mois.",
        series=[
            Series("Médiane", [plotted(m.median_hours) for m in rows]),
            Series("90e centile", [plotted(m.p90_hours) for m in rows]),
        ],
    )


def _response_table(rows: list[ResponseMonth], total: ResponseMonth, *, tr: Translator) -> str:
    return data_table(
        tr,
        ["Mois", "Ouvertes", "Avec réponse", "Médiane", "90e centile", "Réponse en 24 h"],
        [
            [
                m.month,
                m.opened,
                m.answered,
                hours(tr, m.median_hours),
                hours(tr, m.p90_hours),
                pct(tr, m.within_24h_share),
            ]
            for m in [*rows, total.model_copy(update={"month": "**Total**"})]
        ],
        align="lrrrrr",
    )


def responsiveness(report: KpiReport, public: PublicReport, community: Community, tr: Translator) -> Section:
    r = public.responsiveness
    body = "\n\n".join(
        [
            definition(
                tr,
                "Le délai entre l'ouverture d'une question ou d'une demande d'aide (issue étiquetée "
                "`question` ou `help`, formulaire question ou aide, discussion Q&R) et la première réponse "
                "d'une autre personne que l'auteur, robots exclus ; pour une soumission de défi, le délai "
                "avant la première revue. Médiane et 90e centile (rang le plus proche) sur les éléments ayant "
                "reçu une réponse ; part de réponses en 24 h parmi ceux ouverts depuis plus de 24 h.",
                f"Voir CHAOSS : {chaoss('Time to First Response', 'time-to-first-response')}.",
            ),
            "## Questions et demandes d'aide",
            figure(tr, "reactivite", "Délai de première réponse aux questions"),
            _response_table(r.questions, r.questions_total, tr=tr),
            "## Soumissions de défis",
            figure(tr, "reactivite-soumissions", "Délai de première revue des soumissions"),
            _response_table(r.submissions, r.submissions_total, tr=tr),
        ]
    )
    svgs = {
        "reactivite": _response_chart(
            r.questions, title="Première réponse aux questions", what="questions et demandes d'aide", tr=tr
        ),
        "reactivite-soumissions": _response_chart(
            r.submissions, title="Première revue des soumissions", what="soumissions de défis", tr=tr
        ),
    }
    headline = (
        f"médiane {hours(tr, r.questions_total.median_hours)}, {pct(tr, r.questions_total.within_24h_share)} en 24 h"
    )
    return Section("reactivite", "Réactivité", body, headline, svgs)


def connections(report: KpiReport, public: PublicReport, community: Community, tr: Translator) -> Section:
    c = public.connections
    months = c.months
    line = charts.line_chart(
        title="Paires d'apprenants en interaction par mois",
        x_label="Mois",
        y_label="Paires distinctes",
        labels=[m.month for m in months],
        series=[Series("Paires", [plotted(m.pairs) for m in months])],
        desc="Nombre de paires distinctes d'apprenants ayant interagi (commentaire, revue, réponse, remerciement).",
        empty="Pas encore de connexion",
    )
    body = "\n\n".join(
        [
            definition(
                tr,
                "Deux apprenants sont connectés quand l'un a commenté, relu, répondu à ou remercié (kudos) "
                "l'autre. Une paire compte une fois par mois, quel que soit le nombre d'échanges. Un "
                "apprenant isolé n'a encore aucune connexion avec un pair.",
                "Pas de métrique CHAOSS équivalente ; voir l'analyse de réseaux sociaux des communautés.",
            ),
            f"**{pct(tr, c.connected_share)}** des apprenants ont au moins une connexion avec un pair "
            f"({c.connected} sur {c.learners}) ; apprenants isolés : **{c.isolated}**.",
            figure(tr, "connexions", "Paires d'apprenants par mois"),
            data_table(
                tr,
                ["Mois", "Paires distinctes", "Apprenants connectés"],
                [[m.month, m.pairs, m.learners] for m in months],
                align="lrr",
            ),
            "## Le réseau",
            figure(tr, "connexions-reseau", "Réseau des apprenants"),
            "Chaque point est un apprenant (couleur : cohorte) ; seuls les membres qui l'ont accepté sont nommés.",
        ]
    )
    return Section(
        "connexions",
        "Connexions",
        body,
        f"{pct(tr, c.connected_share)} connectés",
        {"connexions": line, "connexions-reseau": _network(report, public, community, tr)},
    )


def _network(report: KpiReport, public: PublicReport, community: Community, tr: Translator) -> str:
    title = "Réseau des apprenants"
    minimum = public.min_group_size
    if report.connections.learners < minimum:
        return charts.network(
            title=title,
            desc="Trop peu d'apprenants pour afficher le réseau.",
            nodes=[],
            edges=[],
            empty=f"Moins de {minimum} apprenants : réseau non affiché",
        )
    shown = public_members(community)
    cohorts = {cohort.id: cohort.name for cohort in community.rules.cohorts}
    degree = report.connections.degrees()
    learners = sorted(
        (m for m in community.members if m.role == Role.learner and m.joined <= report.as_of),
        key=lambda m: (-degree.get(m.id, 0), m.id),
    )[:NETWORK_LIMIT]
    nodes = [
        Node(m.id, shown[m.id].display_name if m.id in shown else None, cohorts.get(m.cohort or "", m.cohort))
        for m in sorted(learners, key=lambda m: m.id)
    ]
    edges = [(e.a, e.b, e.weight) for e in report.connections.edges]
    kept = (
        ""
        if len(learners) == report.connections.learners
        else f" Seuls les {len(learners)} apprenants les plus connectés sont dessinés."
    )
    return charts.network(
        title=title, nodes=nodes, edges=edges, desc=f"{len(nodes)} apprenants, {len(edges)} liens entre pairs.{kept}"
    )


def mentors(report: KpiReport, public: PublicReport, community: Community, tr: Translator) -> Section:
    view, m = report.mentors, public.mentors
    shown = {member.login.lower(): member for member in public_members(community).values()}
    names = {load.login: _mentor_name(load.login, k, shown) for k, load in enumerate(view.loads, start=1)}
    track_names = {t.id: t.name for t in community.rules.tracks}
    drawn = sorted(view.loads, key=lambda load: -load.load)[:MENTORS_DRAWN]
    drawn = [load for load in view.loads if load in drawn]  # the table's order
    cut = "" if len(drawn) == len(view.loads) else f" Les {len(drawn)} mentors les plus chargés sur {len(view.loads)}."
    svg = charts.hbar_chart(
        title="Soumissions en attente par mentor",
        x_label="Soumissions en attente",
        y_label="Mentor",
        labels=[names[load.login] for load in drawn],
        x_format=num_axis(tr),
        threshold=view.threshold,
        desc="Charge de chaque mentor : soumissions en attente sur ses parcours, partagées entre les mentors "
        f"du parcours ; la ligne pointillée marque le seuil.{cut}",
        empty="Aucun mentor déclaré",
        values=[load.load for load in drawn],
    )
    body = "\n\n".join(
        [
            definition(
                tr,
                "Une soumission attend depuis son ouverture, ou depuis le premier commit poussé après la "
                "dernière revue d'un mentor, jusqu'à la revue suivante d'un mentor ; elle n'attend plus une "
                "fois fusionnée ou fermée. La charge d'un mentor partage les soumissions en attente de chaque "
                "parcours entre ses mentors. L'attente médiane est celle que le robot annonce à chaque "
                "soumission : le délai entre l'ouverture et la première revue d'un mentor, pour les revues "
                "des 90 derniers jours.",
                "Voir CHAOSS : "
                + chaoss(
                    "Review Cycle Duration within a Change Request", "review-cycle-duration-within-a-change-request"
                )
                + ".",
            ),
            f"**Attente médiane avant une revue** : {hours(tr, m.median_wait_hours)}. "
            f"Soumissions en attente : **{m.waiting}**. Seuil de charge : {view.threshold} par mentor.",
            figure(tr, "mentors", "Charge des mentors") + (f"\n\n*{cut.strip()}*" if cut else ""),
            data_table(
                tr,
                ["Mentor", "Parcours", "Charge", "Au-dessus du seuil"],
                [
                    [
                        text(names[load.login]),
                        ", ".join(text(track_names.get(t, t)) for t in load.tracks),
                        num(tr, load.load),
                        "oui" if load.over else "non",
                    ]
                    for load in view.loads
                ],
                align="llrl",
            ),
            "## Soumissions en attente de revue",
            _waiting_table(view, community, tr=tr),
        ]
    )
    over = sum(1 for load in view.loads if load.over)
    headline = f"{m.waiting} en attente, {over} mentor{'s' if over > 1 else ''} au-dessus du seuil"
    return Section("mentors", "Vue des mentors", body, headline, {"mentors": svg})


MENTORS_DRAWN = 15


def _mentor_name(login: str, number: int, shown: dict[str, Member]) -> str:
    member = shown.get(login.lower())
    return member.display_name if member else f"Mentor n°{number}"


def _waiting_table(view: MentorsView, community: Community, *, tr: Translator) -> str:
    if not view.waiting:
        return "Aucune soumission n'attend de revue."
    shown = public_members(community)
    titles = {c.slug: c.title for c in community.challenges}
    tracks = {t.id: t.name for t in community.rules.tracks}
    repo = community.rules.repository
    rows = [
        [
            f"[#{w.number}](https://github.com/{repo}/pull/{w.number})" if repo else f"#{w.number}",
            text(titles.get(w.challenge, w.challenge)),
            text(tracks.get(w.track, w.track) if w.track else DASH),
            member_link(shown[w.author_id], base="../") if w.author_id in shown else "membre anonyme",
            day(w.since.date().isoformat()),
            f"{num(tr, w.age_hours / 24)}\u00a0j",
        ]
        for w in view.waiting
    ]
    return data_table(
        tr, ["Pull request", "Défi", "Parcours", "Auteur", "En attente depuis", "Âge"], rows, align="llllrr"
    )
