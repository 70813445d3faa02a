"""The rewards shop page (boutique/index.md): the catalogue with stock left and who approves, how to ask,
every request's decision, and public members' balances (earned total, spent, spendable). Debits also
reach the open ledger (api/ledger.json) through `debits_of`. Only public members are named."""

from __future__ import annotations

import datetime as dt

from entraide.content.animation_models import Shop
from entraide.scoring.shop import Decision, ShopBook, book
from entraide.site.context import SiteContext
from entraide.site.links import long_date
from entraide.site.pages.common import front_matter_page, live_awards, member_link, table
from entraide.site.pages.escape import text

PATH = "boutique/index.md"
FORM_FILE = "8-recompense.yml"
REASONS = {
    "unknown_item": "récompense inconnue",
    "out_of_stock": "plus en stock",
    "double": "demande en double de #{detail}",
    "balance": "solde insuffisant ({detail} points disponibles)",
}


_BOOKS: dict[int, tuple[SiteContext, ShopBook | None]] = {}  # one book per build, whatever asks for it


def shop_book(ctx: SiteContext) -> ShopBook | None:
    """Every request's decision and every balance, computed once per context."""
    cached = _BOOKS.get(id(ctx))
    if cached is not None and cached[0] is ctx:
        return cached[1]
    shop = ctx.animation.shop
    window = dt.timedelta(days=ctx.community.rules.acceptance.review_window_days)
    end_of_day = dt.datetime.combine(ctx.as_of + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    found = (
        None
        if shop is None
        else book(shop, ctx.events, live_awards(ctx.ledger), ctx.community.members, final_after=window, now=end_of_day)
    )
    _BOOKS.clear()
    _BOOKS[id(ctx)] = (ctx, found)
    return found


def spent_section(member_id: int, *, ctx: SiteContext) -> str:
    """« Récompenses échangées » on a profile: every debit, after « Historique des points »; "" when none."""
    mine = _approved_by_member(ctx).get(member_id)
    if not mine:
        return ""
    names = {item.id: item.name for item in ctx.animation.shop.items} if ctx.animation.shop else {}
    rows = [(d.at.date().isoformat() if d.at else "", text(names.get(d.item, d.item)), f"−{d.cost}") for d in mine]
    return "## Récompenses échangées\n\n" + table(["Date", "Récompense", "Points"], rows, align="llr")


def _approved_by_member(ctx: SiteContext) -> dict[int, list[Decision]]:
    """Approved requests by member, in the book's order: sorted once per context, not once per profile."""
    cached = _APPROVED.get(id(ctx))
    if cached is not None and cached[0] is ctx:
        return cached[1]
    found = shop_book(ctx)
    mine: dict[int, list[Decision]] = {}
    for decision in found.decisions if found else ():
        if decision.status == "approved":
            mine.setdefault(decision.member_id, []).append(decision)
    _APPROVED.clear()
    _APPROVED[id(ctx)] = (ctx, mine)
    return mine


_APPROVED: dict[int, tuple[SiteContext, dict[int, list[Decision]]]] = {}


def refusal(decision: Decision) -> str:
    kind, _, detail = decision.reason.partition(":")
    return REASONS.get(kind, kind).format(detail=detail)


def debits_of(ctx: SiteContext) -> dict[int, list[dict[str, object]]]:
    """Every approved request as a ledger debit, by member id."""
    found = shop_book(ctx)
    debits: dict[int, list[dict[str, object]]] = {}
    for decision in found.decisions if found else ():
        if decision.status == "approved" and decision.at is not None:
            debits.setdefault(decision.member_id, []).append(
                {
                    "date": decision.at.date().isoformat(),
                    "points": -decision.cost,
                    "reward": decision.item,
                    "request": decision.number,
                }
            )
    return debits


def pages(ctx: SiteContext) -> dict[str, str]:
    found, shop = shop_book(ctx), ctx.animation.shop
    if found is None or shop is None:
        return {}
    sections = [
        f"Données au {long_date(ctx.as_of, ctx.community.rules.language)}. Vos points gagnés restent dans les "
        "classements ; une récompense approuvée est débitée de votre **solde dépensable** seulement. Se dépensent "
        "les points définitifs, ceux dont la période de validation est passée.",
        "## Catalogue",
        _catalogue(shop, found, ctx=ctx),
        _how(shop, ctx=ctx),
        "## Demandes",
        _requests(found, ctx=ctx),
        "## Soldes",
        _balances(found, ctx=ctx),
    ]
    return {PATH: front_matter_page("Boutique des récompenses", "\n\n".join(sections), fallback="Boutique")}


def _who(login: str, *, ctx: SiteContext) -> str:
    public = {m.login.casefold(): m for m in ctx.community.public_members().values()}
    member = public.get(login.casefold())
    return member_link(member, base="../") if member else "*profil privé*"


def _catalogue(shop: Shop, found: ShopBook, *, ctx: SiteContext) -> str:
    rows = [
        (
            text(item.name),
            item.cost,
            found.stock_left[item.id],
            ", ".join(_who(login, ctx=ctx) for login in shop.approvers_of(item)),
        )
        for item in shop.items
    ]
    return table(["Récompense", "Coût (points)", "Stock restant", "Approuvée par"], rows, align="lrrl")


def _how(shop: Shop, *, ctx: SiteContext) -> str:
    repository = ctx.community.rules.repository
    link = f"https://github.com/{repository}/issues/new?template={FORM_FILE}" if repository else None
    ask = (
        f"[le formulaire « Demander une récompense »]({link})" if link else "le formulaire « Demander une récompense »"
    )
    return (
        f"Pour demander une récompense, remplissez {ask}. La demande est approuvée quand une personne qui "
        f"approuve pose le label <code>{text(shop.approve_label)}</code> ; elle est refusée si votre solde ne suffit pas, si "
        "le stock est épuisé ou si vous avez déjà une demande pour la même récompense."
    )


def _requests(found: ShopBook, *, ctx: SiteContext) -> str:
    if not found.decisions:
        return "*Pas encore de demande.*"
    names = {item.id: item.name for item in ctx.animation.shop.items} if ctx.animation.shop else {}
    repository = ctx.community.rules.repository
    rows = []
    for d in found.decisions:
        number = f"[#{d.number}](https://github.com/{repository}/issues/{d.number})" if repository else f"#{d.number}"
        status = {"approved": f"approuvée (−{d.cost} points)", "pending": "en attente"}.get(d.status, "")
        rows.append(
            (number, _who(d.login, ctx=ctx), text(names.get(d.item, d.item)), status or f"refusée : {refusal(d)}")
        )
    return table(["Demande", "Membre", "Récompense", "Décision"], rows)


def _balances(found: ShopBook, *, ctx: SiteContext) -> str:
    public = ctx.community.public_members()
    rows = [
        (member_link(public[b.member_id], base="../"), b.earned, b.spent, b.spendable)
        for b in found.balances
        if b.member_id in public
    ]
    return table(["Membre", "Points gagnés", "Dépensés", "Solde dépensable"], rows, align="lrrr")
