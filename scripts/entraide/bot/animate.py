"""What the animation bot does on a given day, as data (pure): remind calendar owners, open the week's
prompts and thank their first answerers, announce a closed contest's winners, answer reward requests.

Every action carries a key; its marker (github.markers) goes in what is posted, and the runner
(`bot.animate_run`) looks for it on GitHub before writing, so a re-run or a run killed after posting
never posts twice. Members are named (@login) only when their profile is public.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from entraide.content.animation_models import Animation, Status
from entraide.content.base import Frozen
from entraide.content.models import Community
from entraide.events.dates import long_date
from entraide.kpis.prompts import due, title_of
from entraide.scoring.contests import ContestResult
from entraide.scoring.shop import Decision, ShopBook


class OpenIssue(Frozen):
    action: Literal["open"] = "open"
    key: str
    label: str
    title: str
    body: str


class IssueReply(Frozen):
    action: Literal["reply"] = "reply"
    key: str
    number: int
    body: str


class PromptPost(Frozen):
    """Open the prompt's discussion in `category` once, then thank its first `thank_first` answerers."""

    action: Literal["prompt"] = "prompt"
    key: str
    category: str
    title: str
    body: str
    thank_first: int


Action = OpenIssue | IssueReply | PromptPost


def plan(
    animation: Animation,
    community: Community,
    *,
    contests: tuple[ContestResult, ...],
    shop: ShopBook | None,
    today: dt.date,
) -> list[Action]:
    return [
        *reminders(animation, community, today=today),
        *prompts(animation, today=today),
        *announcements(animation, community, contests),
        *replies(animation, community, shop),
    ]


def reminders(animation: Animation, community: Community, *, today: dt.date) -> list[OpenIssue]:
    """An issue to each entry's owner from `reminder_days` before its date until the date, unless published."""
    calendar, language = animation.calendar, community.rules.language
    window = dt.timedelta(days=calendar.reminder_days)
    return [
        OpenIssue(
            key=f"calendar-reminder:{entry.id}",
            label=calendar.label,
            title=f"Rappel : {entry.title} ({long_date(entry.date, language)})",
            body=f"@{entry.owner}, « {entry.title} » est prévu au calendrier éditorial le "
            f"**{long_date(entry.date, language)}** (état : {entry.status.value}).\n\n"
            "Mettez à jour son état dans `animation/calendar.yml` quand il avance ; si la date change, "
            "modifiez-la dans le même fichier.",
        )
        for entry in calendar.entries
        if entry.status is not Status.published and entry.date - window <= today <= entry.date
    ]


def prompts(animation: Animation, *, today: dt.date) -> list[PromptPost]:
    return [
        PromptPost(
            key=f"prompt:{row.prompt.id}",
            category=row.category,
            title=title_of(row.prompt),
            body=f"{row.prompt.body}\n\nRépondez en commentaire : toutes les expériences comptent.",
            thank_first=animation.prompts.thank_first,
        )
        for row in due(animation.prompts, today=today)
    ]


def announcements(animation: Animation, community: Community, contests: tuple[ContestResult, ...]) -> list[OpenIssue]:
    public = community.public_members()
    actions = []
    for result in contests:
        if not result.closed or not result.winners:
            continue
        lines = []
        for row in result.winners:
            who = f"@{public[row.member_id].login}" if row.member_id in public else "une personne au profil privé"
            prizes = result.contest.prizes
            prize = f" — {prizes[row.rank - 1]}" if row.rank <= len(prizes) else ""
            lines.append(f"{row.rank}. {who} ({row.points} points){prize}")
        actions.append(
            OpenIssue(
                key=f"contest-winners:{result.contest.id}",
                label=animation.contests.label,
                title=f"Résultats : {result.contest.title}",
                body="Le concours est terminé. Bravo aux gagnant·es !\n\n" + "\n".join(lines),
            )
        )
    return actions


def replies(animation: Animation, community: Community, shop: ShopBook | None) -> list[IssueReply]:
    if shop is None or animation.shop is None:
        return []
    names = {item.id: item.name for item in animation.shop.items}
    balances = {b.member_id: b for b in shop.balances}
    return [
        IssueReply(key=f"reward:{d.number}", number=d.number, body=_decision_text(d, names, balances))
        for d in shop.decisions
        if d.status != "pending"
    ]


def _decision_text(decision: Decision, names: dict[str, str], balances: dict) -> str:
    from entraide.site.pages.shop import refusal

    name = names.get(decision.item, decision.item or "?")
    if decision.status == "approved":
        left = balances[decision.member_id].spendable if decision.member_id in balances else 0
        return (
            f"Demande approuvée : « {name} ». {decision.cost} points sont débités de votre solde dépensable "
            f"(il vous reste {left} points à dépenser) ; votre total dans les classements ne change pas."
        )
    return f"Demande refusée : « {name} » ({refusal(decision)}). Aucun point n'a été débité."
