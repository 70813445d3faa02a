"""The rewards shop page (boutique/index.md): the catalogue with stock left and who approves, how to ask,
every request's decision, and public members' balances (earned total, spent, spendable). Debits also
reach the open ledger (api/ledger.json) through `debits_of`. Only public members are named."""

from __future__ import annotations

import datetime as dt

from entraide.content.animation_models import Shop
from entraide.content.i18n import Translator
from entraide.scoring.shop import Decision, ShopBook, book
from entraide.site.context import SiteContext
from entraide.site.pages.common import front_matter_page, live_awards, member_link, table
from entraide.site.pages.escape import text

PATH = "boutique/index.md"
FORM_FILE = "8-recompense.yml"


# One book per build, whatever asks for it: (context, every decision and balance, approved requests by member).
_BUILD: dict[int, tuple[SiteContext, ShopBook | None, dict[int, list[Decision]]]] = {}


def shop_book(ctx: SiteContext) -> ShopBook | None:
    """Every request's decision and every balance, computed once per context."""
    return _for_build(ctx)[1]


def _for_build(ctx: SiteContext) -> tuple[SiteContext, ShopBook | None, dict[int, list[Decision]]]:
    cached = _BUILD.get(id(ctx))
    if cached is not None and cached[0] is ctx:
        return cached
    shop = ctx.animation.shop
    window = dt.timedelta(days=ctx.community.rules.acceptance.review_window_days)
    end_of_day = dt.datetime.combine(ctx.as_of + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    found = (
        None
        if shop is None
        else book(shop, ctx.events, live_awards(ctx.ledger), ctx.community.members, final_after=window, now=end_of_day)
    )
    approved: dict[int, list[Decision]] = {}  # in the book's order: each profile reads its own, not the whole book
    for decision in found.decisions if found else ():
        if decision.status == "approved":
            approved.setdefault(decision.member_id, []).append(decision)
    _BUILD.clear()
    _BUILD[id(ctx)] = entry = (ctx, found, approved)
    return entry


def spent_section(member_id: int, *, ctx: SiteContext) -> str:
    """« Récompenses échangées » on a profile: every debit, after « Historique des points »; "" when none."""
    mine = _for_build(ctx)[2].get(member_id)
    if not mine:
        return ""
    names = {item.id: item.name for item in ctx.animation.shop.items} if ctx.animation.shop else {}
    tr = ctx.tr
    rows = [(d.at.date().isoformat() if d.at else "", text(names.get(d.item, d.item)), f"−{d.cost}") for d in mine]
    headers = [tr.gettext("Date"), tr.gettext("Reward"), tr.gettext("Points")]
    return "## " + tr.gettext("Rewards redeemed") + "\n\n" + table(headers, rows, align="llr")


def refusal(decision: Decision, *, tr: Translator) -> str:
    """Why a request was refused (« solde insuffisant (40 points disponibles) »)."""
    kind, _, detail = decision.reason.partition(":")
    if kind == "unknown_item":
        return tr.gettext("unknown reward")
    if kind == "out_of_stock":
        return tr.gettext("out of stock")
    if kind == "double":
        return tr.gettext("duplicate of request #{number}").format(number=detail)
    if kind == "balance":
        return tr.gettext("balance too low ({n} points available)").format(n=detail)
    return kind


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
    tr = ctx.tr
    intro = tr.gettext(
        "Data as of {day}. The points you earned stay on the leaderboards; an approved reward is debited from your "
        "**spendable balance** only. Final points are what you spend: those whose review window has passed."
    ).format(day=tr.long_date(ctx.as_of))
    sections = [
        intro,
        "## " + tr.gettext("Catalogue"),
        _catalogue(shop, found, ctx=ctx),
        _how(shop, ctx=ctx),
        "## " + tr.gettext("Requests"),
        _requests(found, ctx=ctx),
        "## " + tr.gettext("Balances"),
        _balances(found, ctx=ctx),
    ]
    title, fallback = tr.gettext("Rewards shop"), tr.gettext("Shop")
    return {PATH: front_matter_page(title, "\n\n".join(sections), fallback=fallback)}


def _who(login: str, *, ctx: SiteContext) -> str:
    public = {m.login.casefold(): m for m in ctx.community.public_members().values()}
    member = public.get(login.casefold())
    return member_link(member, base="../") if member else "*" + ctx.tr.gettext("private profile") + "*"


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
    tr = ctx.tr
    headers = [tr.gettext("Reward"), tr.gettext("Cost (points)"), tr.gettext("Stock left"), tr.gettext("Approved by")]
    return table(headers, rows, align="lrrl")


def _how(shop: Shop, *, ctx: SiteContext) -> str:
    repository = ctx.community.rules.repository
    link = f"https://github.com/{repository}/issues/new?template={FORM_FILE}" if repository else None
    tr = ctx.tr
    form = tr.gettext("the form “{name}”").format(name=tr.gettext("Ask for a reward"))
    ask = f"[{form}]({link})" if link else form
    return tr.gettext(
        "To ask for a reward, fill in {form}. The request is approved when a person who approves puts the label "
        "{label} on it; it is refused if your balance is too low, if the stock has run out or if you already have a "
        "request for the same reward."
    ).format(form=ask, label=f"<code>{text(shop.approve_label)}</code>")


def _requests(found: ShopBook, *, ctx: SiteContext) -> str:
    tr = ctx.tr
    if not found.decisions:
        return "*" + tr.gettext("No request yet.") + "*"
    names = {item.id: item.name for item in ctx.animation.shop.items} if ctx.animation.shop else {}
    repository = ctx.community.rules.repository
    rows = []
    for d in found.decisions:
        number = f"[#{d.number}](https://github.com/{repository}/issues/{d.number})" if repository else f"#{d.number}"
        rows.append((number, _who(d.login, ctx=ctx), text(names.get(d.item, d.item)), _decision(d, tr=tr)))
    return table([tr.gettext("Request"), tr.gettext("Member"), tr.gettext("Reward"), tr.gettext("Decision")], rows)


def _decision(d: Decision, *, tr: Translator) -> str:
    if d.status == "approved":
        return tr.ngettext("approved (−{n} point)", "approved (−{n} points)", d.cost).format(n=tr.number(d.cost))
    if d.status == "pending":
        return tr.gettext("pending")
    return tr.gettext("refused: {reason}").format(reason=refusal(d, tr=tr))


def _balances(found: ShopBook, *, ctx: SiteContext) -> str:
    public = ctx.community.public_members()
    rows = [
        (member_link(public[b.member_id], base="../"), b.earned, b.spent, b.spendable)
        for b in found.balances
        if b.member_id in public
    ]
    tr = ctx.tr
    headers = [tr.gettext("Member"), tr.gettext("Points earned"), tr.gettext("Spent"), tr.gettext("Spendable balance")]
    return table(headers, rows, align="lrrr")
