"""The maintainers' editorial page (animation/calendrier.md): planned content by week, the weekly prompts
with the week each one is posted, and participation in prompts (a KPI). Owners are named only when their
profile is public; entries and prompts are written by maintainers but still go through the escaping path."""

from __future__ import annotations

import datetime as dt

from entraide.content.animation_models import CalendarEntry, ContentKind, Status
from entraide.kpis.prompts import monday, participation, schedule
from entraide.site.context import SiteContext
from entraide.site.links import long_date
from entraide.site.pages.common import front_matter_page, member_link, table
from entraide.site.pages.escape import text

PATH = "animation/calendrier.md"
KINDS = {
    ContentKind.article: "Article",
    ContentKind.video: "Vidéo",
    ContentKind.podcast: "Podcast",
    ContentKind.qa: "Questions-réponses",
    ContentKind.challenge: "Défi",
    ContentKind.story: "Témoignage",
}
STATUSES = {
    Status.idea: "Idée",
    Status.planned: "Prévu",
    Status.drafting: "En rédaction",
    Status.ready: "Prêt",
    Status.published: "Publié",
}


def pages(ctx: SiteContext) -> dict[str, str]:
    calendar = ctx.animation.calendar
    if not calendar.entries and not ctx.animation.prompts.prompts:
        return {}
    language = ctx.community.rules.language
    intro = (
        f"Données au {long_date(ctx.as_of, language)}. Le calendrier se modifie dans `animation/calendar.yml` ; "
        f"la personne responsable reçoit une issue de rappel {calendar.reminder_days} jours avant la date. "
        "Une page dont l'en-tête porte `publish: AAAA-MM-JJ` paraît sur le site ce jour-là."
    )
    sections = [intro, *_weeks(ctx), *_prompts(ctx)]
    return {PATH: front_matter_page("Calendrier éditorial", "\n\n".join(sections), fallback="Calendrier")}


def _weeks(ctx: SiteContext) -> list[str]:
    weeks: dict[dt.date, list[CalendarEntry]] = {}
    for entry in sorted(ctx.animation.calendar.entries, key=lambda e: (e.date, e.id)):
        weeks.setdefault(monday(entry.date), []).append(entry)
    language = ctx.community.rules.language
    sections = []
    for week, entries in weeks.items():
        current = " (cette semaine)" if week == monday(ctx.as_of) else ""
        sections.append(f"## Semaine du {long_date(week, language)}{current}")
        rows = [_row(entry, ctx=ctx) for entry in entries]
        body = table(["Date", "Genre", "Contenu", "Responsable", "État"], rows)
        sections.append(f'<div class="entraide-calendar" markdown>\n\n{body}\n\n</div>')
    return sections


def _row(entry: CalendarEntry, *, ctx: SiteContext) -> tuple[str, ...]:
    owners = {m.login.casefold(): m for m in ctx.community.public_members().values()}
    owner = owners.get(entry.owner.casefold())
    title = text(entry.title)
    if entry.page and entry.status is Status.published:
        title = f"[{title}](../{entry.page})"
    day = long_date(entry.date, ctx.community.rules.language)
    who = member_link(owner, base="../") if owner else "—"
    return (day, KINDS[entry.kind], title, who, STATUSES[entry.status])


def _prompts(ctx: SiteContext) -> list[str]:
    prompts = ctx.animation.prompts
    rows = schedule(prompts)
    if not rows:
        return []
    language = ctx.community.rules.language
    counts = {p.prompt_id: p for p in participation(prompts, ctx.events, ctx.community.members).prompts}
    lines = []
    for row in rows:
        seen = counts.get(row.prompt.id)
        answers = f"{seen.answers} réponses, {seen.participants} personnes" if seen else "—"
        lines.append((long_date(row.week, language), text(row.category), text(row.prompt.title), answers))
    kpi = participation(prompts, ctx.events, ctx.community.members)
    share = f"{kpi.learners_answering} sur {kpi.learners}" if kpi.learners else "—"
    return [
        "## Questions de la semaine",
        "Le robot ouvre chaque lundi la question de la semaine dans sa catégorie de Discussions "
        "et remercie les premières réponses.",
        f"**Participation** : apprenant·es ayant répondu à au moins une question de la semaine : {share}.",
        table(["Semaine", "Catégorie", "Question", "Participation"], lines),
    ]
