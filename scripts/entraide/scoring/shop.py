"""The rewards shop: requests (issue form), approvals (a maintainer's label), debits and balances. Pure.

Everything is derived from events, in one order, (at, id): a request is an `issue_opened` from the reward
form naming an item; it is decided at its first approval, a `label_added` of the shop's approval label by
one of the item's approvers (anyone else's label is ignored). At that moment it is refused when the item
is unknown or out of stock, when the member already has an earlier request for the same item that was
not refused (a double request), or when the cost exceeds the spendable balance: points final by then (earned
at least `final_after` earlier: past the review window, when they can no longer be revoked) minus earlier debits. So a balance never goes negative, and two approvals racing are decided one after
the other, the same way on every run. The earned total (boards, levels) never changes; debits are listed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Literal

from entraide.content.animation_models import Reward, Shop
from entraide.content.base import Frozen
from entraide.content.models import Member
from entraide.events.model import Event, EventKind
from entraide.scoring.model import Award

FORM = "recompense"  # the reward form's label (entraide.bot.rewardform)
ITEM = re.compile(r"\(([a-z0-9][a-z0-9-]{0,62})\)\s*$")  # "Relecture de CV — 40 points (relecture-cv)"


class Decision(Frozen):
    number: int  # the request's issue
    member_id: int
    login: str
    item: str
    opened: dt.datetime
    status: Literal["approved", "refused", "pending"]
    reason: str = ""  # why refused: unknown_item, out_of_stock, double:<number>, balance:<spendable>, not_member
    at: dt.datetime | None = None  # when decided
    approver: str | None = None
    cost: int = 0  # points debited (approved only)


class Balance(Frozen):
    member_id: int
    login: str
    earned: int  # every point earned (the boards' total)
    final: int  # points past the review window: only these can be spent
    spent: int

    @property
    def spendable(self) -> int:
        return self.final - self.spent


class ShopBook(Frozen):
    decisions: tuple[Decision, ...]  # by issue number
    balances: tuple[Balance, ...]  # members with points or debits, by login
    stock_left: dict[str, int]


def book(
    shop: Shop,
    events: Iterable[Event],
    awards: Iterable[Award],
    members: Iterable[Member],
    *,
    final_after: dt.timedelta = dt.timedelta(0),
    now: dt.datetime | None = None,
) -> ShopBook:
    """Decisions in (at, id) order; balances at `now` (default: every point final)."""
    known = {m.id: m for m in members}
    requests, approvals = _read(shop, events, known)
    earned = sorted(awards, key=lambda a: a.at)
    decided: dict[int, Decision] = {}
    for event in approvals:
        request = requests[event.subject]
        if request.number not in decided:
            decided[request.number] = _decide(
                request, event, shop=shop, decided=decided, requests=requests, earned=earned, final_after=final_after
            )
    decisions = tuple(decided.get(n, requests[n]) for n in sorted(requests))
    return ShopBook(
        decisions=decisions,
        balances=_balances(earned, decisions, final_after=final_after, now=now),
        stock_left=_stock(shop, decisions),
    )


def _read(shop: Shop, events: Iterable[Event], known: dict[int, Member]) -> tuple[dict[int, Decision], list[Event]]:
    requests: dict[int, Decision] = {}
    labels: list[Event] = []
    for event in sorted(events, key=lambda e: (e.at, e.id)):
        if event.kind is EventKind.issue_opened and event.form == FORM and event.actor_id in known:
            item = item_of(event.payload.get("reward"))
            requests[event.subject] = Decision(
                number=event.subject,
                member_id=event.actor_id,
                login=known[event.actor_id].login,
                item=item,
                opened=event.at,
                status="pending",
            )
        elif event.kind is EventKind.label_added and event.payload.get("label") == shop.approve_label:
            labels.append(event)
    items = {item.id: item for item in shop.items}
    return requests, [e for e in labels if e.subject in requests and _may_approve(e, requests[e.subject], shop, items)]


def item_of(answer: object) -> str:
    """The item id the form's answer names (the option ends with it in parentheses); "" when none."""
    match = ITEM.search(answer) if isinstance(answer, str) else None
    return match.group(1) if match else ""


def _may_approve(event: Event, request: Decision, shop: Shop, items: dict[str, Reward]) -> bool:
    item = items.get(request.item)
    approvers = shop.approvers_of(item) if item is not None else shop.approvers
    return (event.actor_login or "").casefold() in {login.casefold() for login in approvers}


def _decide(
    request: Decision,
    event: Event,
    *,
    shop: Shop,
    decided: dict[int, Decision],
    requests: dict[int, Decision],
    earned: list[Award],
    final_after: dt.timedelta,
) -> Decision:
    items = {item.id: item for item in shop.items}
    done = dict(at=event.at, approver=event.actor_login)
    item = items.get(request.item)
    if item is None:
        return request.model_copy(update={**done, "status": "refused", "reason": "unknown_item"})
    approved = [d for d in decided.values() if d.status == "approved"]
    if sum(1 for d in approved if d.item == item.id) >= item.stock:
        return request.model_copy(update={**done, "status": "refused", "reason": "out_of_stock"})
    earlier = [
        r.number
        for r in requests.values()
        if r.member_id == request.member_id
        and r.item == item.id
        and r.number < request.number
        and decided.get(r.number, r).status != "refused"
    ]
    if earlier:
        return request.model_copy(update={**done, "status": "refused", "reason": f"double:{earlier[0]}"})
    points = sum(a.points for a in earned if a.member_id == request.member_id and a.at + final_after <= event.at)
    spendable = points - sum(d.cost for d in approved if d.member_id == request.member_id)
    if item.cost > spendable:
        return request.model_copy(update={**done, "status": "refused", "reason": f"balance:{spendable}"})
    return request.model_copy(update={**done, "status": "approved", "cost": item.cost})


def _balances(
    earned: list[Award], decisions: tuple[Decision, ...], *, final_after: dt.timedelta, now: dt.datetime | None
) -> tuple[Balance, ...]:
    logins: dict[int, str] = {}
    points: dict[int, int] = {}
    final: dict[int, int] = {}
    spent: dict[int, int] = {}
    for award in earned:
        logins.setdefault(award.member_id, award.login)
        points[award.member_id] = points.get(award.member_id, 0) + award.points
        if now is None or award.at + final_after <= now:
            final[award.member_id] = final.get(award.member_id, 0) + award.points
    for decision in decisions:
        logins.setdefault(decision.member_id, decision.login)
        spent[decision.member_id] = spent.get(decision.member_id, 0) + decision.cost
    return tuple(
        Balance(
            member_id=member_id,
            login=login,
            earned=points.get(member_id, 0),
            final=final.get(member_id, 0),
            spent=spent.get(member_id, 0),
        )
        for member_id, login in sorted(logins.items(), key=lambda item: item[1].casefold())
    )


def _stock(shop: Shop, decisions: tuple[Decision, ...]) -> dict[str, int]:
    taken = {item.id: 0 for item in shop.items}
    for decision in decisions:
        if decision.status == "approved":
            taken[decision.item] += 1
    return {item.id: item.stock - taken[item.id] for item in shop.items}
