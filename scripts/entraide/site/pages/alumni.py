"""« Anciennes et anciens » and « Opportunités »: alumni who consented to a public profile (their badges and
what they volunteer for), and the board of approved opportunities (events.opportunities)."""

from __future__ import annotations

from entraide.content.alumni import alumni
from entraide.content.i18n import Translator
from entraide.events.opportunities import FORM_FILE, Opportunity, kind_label, opportunities
from entraide.site.context import SiteContext
from entraide.site.pages.common import front_matter_page, member_link, standings_by_id, table
from entraide.site.pages.escape import text
from entraide.site.pages.members_index import INDEX_PAGE_SIZE


def volunteer_label(role: str, *, tr: Translator) -> str:
    """What an alumnus offers to be for new intakes (« binôme »)."""
    names = {
        "buddy": tr.pgettext("an alumnus offers to be", "buddy"),
        "mentor": tr.pgettext("an alumnus offers to be", "mentor"),
    }
    return names.get(role, role)


def pages(ctx: SiteContext) -> dict[str, str]:
    return {"anciens/index.md": alumni_page(ctx), "opportunites/index.md": board_page(ctx)}


def alumni_page(ctx: SiteContext) -> str:
    tr = ctx.tr
    former = alumni(ctx.community, today=ctx.as_of)
    cohorts = {c.id: c.name for c in ctx.community.rules.cohorts}
    standings = standings_by_id(ctx.ledger)
    shown = [m for m in ctx.community.public_members().values() if m.login in former]
    rows = []
    for m in sorted(shown, key=lambda m: (m.cohort or "", m.display_name.casefold())):
        standing = standings.get(m.id)
        badges = len(standing.badges) if standing else 0  # the list itself is on the profile
        offers = ", ".join(volunteer_label(v, tr=tr) for v in m.volunteer) or "—"
        rows.append((member_link(m, base="../"), text(cohorts.get(m.cohort or "", "")), badges, offers))
    intro = tr.gettext(
        "Learners become alumni at the end of their cohort: their profile, points and badges stay. "
        "Those who wish offer to be a buddy or mentor for new cohorts (the `volunteer` field of their file). "
        "Only public profiles appear here."
    )
    headers = [tr.gettext("Member"), tr.gettext("Cohort"), tr.gettext("Badges"), tr.gettext("Offers to be")]
    listing = table(headers, rows, align="llrl") if rows else tr.gettext("Nobody yet.")
    extra = "\n\n" + tr.gettext("See also the [opportunities board](../opportunites/index.md).")
    # Past one members index page of names, the list leaves the search index: each person's profile is in
    # it already, and Zensical refuses a page this long (about 52 KB of text at 5,000 members).
    return front_matter_page(
        tr.gettext("Alumni"),
        f"{intro}\n\n{listing}{extra}",
        fallback=tr.gettext("Alumni"),
        searchable=len(rows) <= INDEX_PAGE_SIZE,
    )


def board_page(ctx: SiteContext) -> str:
    board = opportunities(ctx.community, ctx.events, today=ctx.as_of)
    rules, tr = ctx.community.rules.alumni, ctx.tr
    intro = tr.gettext(
        "Internships, jobs, work-study placements and events offered by the community. Each one is reviewed: only "
        "a listing with the label “{label}”, put on by a mentor, appears here; it disappears after its deadline."
    ).format(label=text(rules.approved_label))
    if ctx.community.rules.repository:
        new = f"https://github.com/{ctx.community.rules.repository}/issues/new?template={FORM_FILE}"
        intro += "\n\n[" + tr.gettext("Offer an opportunity") + f"]({new})"
    cards = "\n\n".join(_card(o, repository=ctx.community.rules.repository, tr=tr) for o in board)
    title, empty = tr.gettext("Opportunities"), tr.gettext("No open opportunity.")
    return front_matter_page(title, f"{intro}\n\n{cards or empty}", fallback=title)


def _card(o: Opportunity, *, repository: str | None, tr: Translator) -> str:
    facts = [kind_label(o.kind, tr=tr), text(o.organisation)]
    if o.deadline:
        facts.append(tr.gettext("until {day}").format(day=tr.long_date(o.deadline)))
    lines = [f"### {text(o.title)}", "", " · ".join(f for f in facts if f), "", text(o.description)]
    links = ["[" + tr.gettext("See the listing") + f"]({o.link})"] if o.link else []
    if repository:
        links.append("[" + tr.gettext("Discussion") + f"](https://github.com/{repository}/issues/{o.number})")
    return "\n".join(lines + (["", " · ".join(links)] if links else []))
