"""« Bien-être » (resources and the anonymous pulse, aggregated only) and « Vous avez dit, nous avons fait »
(the actions maintainers linked to the feedback that prompted them, from animation/vous-avez-dit.yml)."""

from __future__ import annotations

from entraide.events.dates import long_date
from entraide.site.context import SiteContext
from entraide.site.pages.common import front_matter_page, table
from entraide.site.pages.escape import text


def pages(ctx: SiteContext) -> dict[str, str]:
    return {"bien-etre/index.md": wellbeing_page(ctx), "vous-avez-dit/index.md": said_we_did_page(ctx)}


def wellbeing_page(ctx: SiteContext) -> str:
    rules = ctx.community.rules
    floor = max(5, rules.wellbeing.min_answers, rules.privacy.min_group_size)
    resources = [
        f"- [{text(r.title)}]({r.url}){' : ' + text(r.description) if r.description else ''}"
        for r in rules.wellbeing.resources
    ]
    names = {c.id: c.name for c in rules.cohorts}
    shown = [g for g in ctx.pulse if g.answers >= floor]  # data/pulse.json holds no smaller group; checked again
    rows = [
        (text(names.get(g.cohort, g.cohort)), g.week, g.answers, f"{g.mean:.2f}".replace(".", ","), _spread(g.counts))
        for g in shown
    ]
    pulse = (
        table(["Cohorte", "Semaine", "Réponses", "Moyenne", "Notes 1 · 2 · 3 · 4 · 5"], rows, align="llrrl")
        if rows
        else "Pas encore assez de réponses pour publier un résultat."
    )
    body = [
        "Apprendre en ligne demande de l'énergie : prenez soin de vous. Si quelque chose vous pèse, écrivez à "
        "votre mentor ; vous pouvez aussi exprimer un besoin particulier dans le formulaire privé des mentors.",
        "## Ressources",
        "\n".join(resources) or "Aucune ressource listée pour l'instant.",
        "## Météo des cohortes",
        "Chaque semaine, une question facultative et anonyme : « Comment allez-vous ? », de 1 à 5. Seule la note "
        f"est gardée, sans nom ; un résultat n'est publié que pour un groupe d'au moins {floor} réponses.",
        pulse,
    ]
    return front_matter_page("Bien-être", "\n\n".join(body), fallback="Bien-etre")


def _spread(counts: tuple[int, ...]) -> str:
    return " · ".join(str(n) for n in counts)


def said_we_did_page(ctx: SiteContext) -> str:
    repository = ctx.community.rules.repository
    language = ctx.community.rules.language
    blocks = []
    for action in ctx.actions:
        sources = ", ".join(
            f"[#{n}](https://github.com/{repository}/issues/{n})" if repository else f"#{n}" for n in action.feedback
        )
        see = f" [Voir]({action.link})" if action.link else ""
        blocks.append(
            f"### {long_date(action.date, language)}\n\n**Vous avez dit :** {text(action.said)} ({sources})\n\n"
            f"**Nous avons fait :** {text(action.did)}.{see}"
        )
    intro = "Vos avis comptent : voici ce que les mentors et mainteneurs ont changé après les avoir lus."
    body = "\n\n".join([intro, *blocks]) if blocks else intro + "\n\nRien pour l'instant."
    return front_matter_page("Vous avez dit, nous avons fait", body, fallback="Vous avez dit")
