"""« Anciennes et anciens » and « Opportunités »: alumni who consented to a public profile (their badges and
what they volunteer for), and the board of approved opportunities (events.opportunities)."""

from __future__ import annotations

from entraide.content.alumni import alumni
from entraide.events.dates import long_date
from entraide.events.opportunities import FORM_FILE, Opportunity, opportunities
from entraide.site.context import SiteContext
from entraide.site.pages.common import front_matter_page, member_link, standings_by_id, table
from entraide.site.pages.escape import text
from entraide.site.pages.members_index import INDEX_PAGE_SIZE

VOLUNTEER = {"buddy": "binôme", "mentor": "mentor"}
KIND = {"stage": "Stage", "emploi": "Emploi", "alternance": "Alternance", "evenement": "Événement", "autre": "Autre"}


def pages(ctx: SiteContext) -> dict[str, str]:
    return {"anciens/index.md": alumni_page(ctx), "opportunites/index.md": board_page(ctx)}


def alumni_page(ctx: SiteContext) -> str:
    former = alumni(ctx.community, today=ctx.as_of)
    cohorts = {c.id: c.name for c in ctx.community.rules.cohorts}
    standings = standings_by_id(ctx.ledger)
    shown = [m for m in ctx.community.public_members().values() if m.login in former]
    rows = []
    for m in sorted(shown, key=lambda m: (m.cohort or "", m.display_name.casefold())):
        standing = standings.get(m.id)
        badges = len(standing.badges) if standing else 0  # the list itself is on the profile
        offers = ", ".join(VOLUNTEER[v] for v in m.volunteer) or "—"
        rows.append((member_link(m, base="../"), text(cohorts.get(m.cohort or "", "")), badges, offers))
    intro = (
        "Les apprenant·es deviennent anciennes et anciens à la fin de leur cohorte : leur profil, leurs points et "
        "leurs badges restent. Celles et ceux qui le souhaitent se proposent comme binôme ou mentor des nouvelles "
        "cohortes (champ `volunteer` de leur fiche). Seuls les profils publics apparaissent ici."
    )
    listing = (
        table(["Membre", "Cohorte", "Badges", "Se propose comme"], rows, align="llrl")
        if rows
        else "Personne pour l'instant."
    )
    extra = "\n\nVoir aussi le [tableau des opportunités](../opportunites/index.md)."
    # Past one members index page of names, the list leaves the search index: each person's profile is in
    # it already, and Zensical refuses a page this long (about 52 KB of text at 5,000 members).
    return front_matter_page(
        "Anciennes et anciens",
        f"{intro}\n\n{listing}{extra}",
        fallback="Anciens",
        searchable=len(rows) <= INDEX_PAGE_SIZE,
    )


def board_page(ctx: SiteContext) -> str:
    board = opportunities(ctx.community, ctx.events, today=ctx.as_of)
    rules = ctx.community.rules.alumni
    intro = (
        "Stages, emplois, alternances et événements proposés par la communauté. Chacun est relu : seule une "
        f"annonce portant le label « {text(rules.approved_label)} », posé par une ou un mentor, paraît ici ; elle "
        "disparaît après sa date limite."
    )
    if ctx.community.rules.repository:
        new = f"https://github.com/{ctx.community.rules.repository}/issues/new?template={FORM_FILE}"
        intro += f"\n\n[Proposer une opportunité]({new})"
    rules_ = ctx.community.rules
    cards = "\n\n".join(_card(o, repository=rules_.repository, language=rules_.language) for o in board)
    return front_matter_page(
        "Opportunités", f"{intro}\n\n{cards or 'Aucune opportunité ouverte.'}", fallback="Opportunites"
    )


def _card(o: Opportunity, *, repository: str | None, language: str) -> str:
    facts = [KIND.get(o.kind, "Autre"), text(o.organisation)]
    if o.deadline:
        facts.append(f"jusqu'au {long_date(o.deadline, language)}")
    lines = [f"### {text(o.title)}", "", " · ".join(f for f in facts if f), "", text(o.description)]
    links = [f"[Voir l'annonce]({o.link})"] if o.link else []
    if repository:
        links.append(f"[Discussion](https://github.com/{repository}/issues/{o.number})")
    return "\n".join(lines + (["", " · ".join(links)] if links else []))
