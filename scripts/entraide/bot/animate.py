"""What the animation bot does on a given day, as data (pure): remind calendar owners, open the week's
prompts and thank their first answerers, announce a closed contest's winners, answer reward requests.

Every action carries a key; its marker (github.markers) goes in what is posted, and the runner
(`bot.animate_run`) looks for it on GitHub before writing, so a re-run or a run killed after posting
never posts twice. Members are named (@login) only when their profile is public.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from entraide.bot.language import reader
from entraide.content.animation_models import Animation, Status
from entraide.content.base import Frozen
from entraide.content.i18n import Translator
from entraide.content.models import Community
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
    thanks: str = "@{login}"  # the thanks to each first answerer, in the community's language; {login} is filled in


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
        *prompts(animation, today=today, tr=reader(community, None)),
        *announcements(animation, community, contests),
        *replies(animation, community, shop),
    ]


def reminders(animation: Animation, community: Community, *, today: dt.date) -> list[OpenIssue]:
    """An issue to each entry's owner from `reminder_days` before its date until the date, unless published."""
    calendar = animation.calendar
    window = dt.timedelta(days=calendar.reminder_days)
    ids = {m.login.casefold(): m.id for m in community.members}
    actions = []
    for entry in calendar.entries:
        if entry.status is Status.published or not entry.date - window <= today <= entry.date:
            continue
        tr = reader(community, ids.get(entry.owner.casefold()))
        day = tr.long_date(entry.date)
        body = tr.gettext(
            "@{owner}, “{title}” is planned on the editorial calendar on **{day}** (state: {state}).\n\n"
            "Update its state in `animation/calendar.yml` as it moves on; if the date changes, "
            "change it in the same file."
        ).format(owner=entry.owner, title=entry.title, day=day, state=entry.status.value)
        actions.append(
            OpenIssue(
                key=f"calendar-reminder:{entry.id}",
                label=calendar.label,
                title=tr.gettext("Reminder: {title} ({day})").format(title=entry.title, day=day),
                body=body,
            )
        )
    return actions


def prompts(animation: Animation, *, today: dt.date, tr: Translator) -> list[PromptPost]:
    invite = tr.gettext("Answer in a comment: every experience counts.")
    return [
        PromptPost(
            key=f"prompt:{row.prompt.id}",
            category=row.category,
            title=title_of(row.prompt, tr=tr),
            body=f"{row.prompt.body}\n\n{invite}",
            thank_first=animation.prompts.thank_first,
            thanks=tr.gettext(
                "Thank you @{login} for being among the first people to answer the question of the week!"
            ),
        )
        for row in due(animation.prompts, today=today)
    ]


def announcements(animation: Animation, community: Community, contests: tuple[ContestResult, ...]) -> list[OpenIssue]:
    public, tr = community.public_members(), reader(community, None)
    actions = []
    for result in contests:
        if not result.closed or not result.winners:
            continue
        lines = []
        for row in result.winners:
            private = tr.gettext("a person with a private profile")
            who = f"@{public[row.member_id].login}" if row.member_id in public else private
            prizes = result.contest.prizes
            prize = f" — {prizes[row.rank - 1]}" if row.rank <= len(prizes) else ""
            points = tr.ngettext("{n} point", "{n} points", row.points).format(n=tr.number(row.points))
            lines.append(f"{row.rank}. {who} ({points}){prize}")
        actions.append(
            OpenIssue(
                key=f"contest-winners:{result.contest.id}",
                label=animation.contests.label,
                title=tr.gettext("Results: {title}").format(title=result.contest.title),
                body=tr.gettext("The contest is over. Congratulations to the winners!") + "\n\n" + "\n".join(lines),
            )
        )
    return actions


def replies(animation: Animation, community: Community, shop: ShopBook | None) -> list[IssueReply]:
    if shop is None or animation.shop is None:
        return []
    names = {item.id: item.name for item in animation.shop.items}
    balances = {b.member_id: b for b in shop.balances}
    return [
        IssueReply(
            key=f"reward:{d.number}",
            number=d.number,
            body=_decision_text(d, names, balances, tr=reader(community, d.member_id)),
        )
        for d in shop.decisions
        if d.status != "pending"
    ]


def _decision_text(decision: Decision, names: dict[str, str], balances: dict, *, tr: Translator) -> str:
    from entraide.site.pages.shop import refusal

    name = names.get(decision.item, decision.item or "?")
    if decision.status == "approved":
        left = balances[decision.member_id].spendable if decision.member_id in balances else 0
        return tr.gettext(
            "Request approved: “{name}”. {cost} points are debited from your spendable balance "
            "(you have {left} points left to spend); your total on the leaderboards does not change."
        ).format(name=name, cost=tr.number(decision.cost), left=tr.number(left))
    return tr.gettext("Request refused: “{name}” ({reason}). No points were debited.").format(
        name=name, reason=refusal(decision, tr=tr)
    )
