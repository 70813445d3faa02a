"""The badges page: challenge badges and milestone badges, with the public members who earned them."""

from __future__ import annotations

import datetime as dt

from entraide.content.i18n import Translator
from entraide.content.models import Member
from entraide.scoring.model import Reason
from entraide.site.context import SiteContext
from entraide.site.credentials.catalogue import catalogue
from entraide.site.pages.common import front_matter_page, member_link, table
from entraide.site.pages.escape import text
from entraide.site.pages.showcase import card, gallery, image

HOLDERS_SHOWN = 30


def badge_pages(ctx: SiteContext, *, public: dict[int, Member]) -> dict[str, str]:
    tr = ctx.tr
    holders = _holders(ctx, public=public)
    challenge_rows = [
        (
            text(c.badge),
            f"[{text(c.title)}](../defis/{c.slug}.md)",
            _who(holders.get(str(Reason.challenge(c.slug))) or holders.get(c.badge, []), tr=tr),
        )
        for c in sorted(ctx.community.challenges, key=lambda c: c.slug)
        if c.badge
    ]
    milestone_rows = [
        (text(rule.name), text(rule.description), rule.threshold, _who(holders.get(rule.id, []), tr=tr))
        for rule in ctx.community.rules.badges
    ]
    cards = [card(f"{image(b, up='../')}<br>\n**{text(b.name)}**") for b in catalogue(ctx.community)]
    sections = [
        gallery(cards),
        f"## {tr.gettext('Challenge badges')}",
        table([tr.gettext("Badge"), tr.gettext("Challenge"), tr.gettext("Earned by")], challenge_rows)
        if challenge_rows
        else f"*{tr.gettext('None yet.')}*",
        f"## {tr.gettext('Milestone badges')}",
        table(
            [tr.gettext("Badge"), tr.gettext("Description"), tr.gettext("Threshold"), tr.gettext("Earned by")],
            milestone_rows,
            align="llrl",
        )
        if milestone_rows
        else f"*{tr.gettext('None yet.')}*",
    ]
    return {
        "badges/index.md": front_matter_page(tr.gettext("Badges"), "\n\n".join(sections), fallback=tr.gettext("Badges"))
    }


def _holders(ctx: SiteContext, *, public: dict[int, Member]) -> dict[str, list[tuple[dt.date, Member]]]:
    """Public holders of each badge, keyed by milestone id and by challenge badge name."""
    holders: dict[str, list[tuple[dt.date, Member]]] = {}
    for standing in ctx.ledger.standings:
        member = public.get(standing.member_id)
        if member is None:
            continue
        for badge in standing.badges:
            key = str(Reason.challenge(badge.challenge)) if badge.challenge else badge.badge
            holders.setdefault(key, []).append((badge.at, member))
    return {key: sorted(rows, key=lambda row: (row[0], row[1].login.lower())) for key, rows in holders.items()}


def _who(rows: list[tuple[dt.date, Member]], *, tr: Translator) -> str:
    """The first holders by date; the rest as a number, so the page stays readable at thousands of members."""
    shown = ", ".join(member_link(member, base="../") for _, member in rows[:HOLDERS_SHOWN]) or tr.gettext(
        "Nobody yet."
    )
    more = len(rows) - HOLDERS_SHOWN
    return shown + (
        " " + tr.ngettext("and {n} more", "and {n} more", more).format(n=tr.number(more)) if more > 0 else ""
    )
