"""The example community's animation, played after the simulated history (its last evening), so that
every earlier event, number and id stays as it was: the bot opens the week's prompts and members answer
them; members ask for rewards and approvers label the requests (one approved, one refused for its cost,
two approved in the same second for one member, the second refused as a double)."""

from __future__ import annotations

import datetime as dt

from entraide.content.animation_models import Animation
from entraide.content.i18n import Translator, translator
from entraide.content.models import Community, Member, Role
from entraide.demo.history import BOT, Actor, History, actor_of
from entraide.events.model import EventKind as K
from entraide.kpis.prompts import due, title_of
from entraide.scoring.shop import FORM

UTC = dt.UTC


def play_animation(history: History, animation: Animation, community: Community) -> None:
    evening = history.until.replace(hour=21, minute=0, second=0)
    learners = sorted((m for m in community.members if m.role is Role.learner), key=lambda m: m.login)
    _prompts(history, animation, learners, at=evening, tr=translator(community.rules.language))
    _requests(history, animation, community, at=evening + dt.timedelta(hours=1))


def _prompts(
    history: History, animation: Animation, learners: list[Member], *, at: dt.datetime, tr: Translator
) -> None:
    for lane, row in enumerate(due(animation.prompts, today=at.date())):
        opened = at + dt.timedelta(minutes=10 * lane)
        number = history.subject()
        history.emit(
            opened,
            K.discussion_created,
            BOT,
            number,
            "discussion",
            category=row.category,
            title=title_of(row.prompt, tr=tr),
        )
        track = [m for m in learners if row.prompt.track in (None, m.track)]
        for n, member in enumerate(track[lane::4][:3]):
            history.comment(
                opened + dt.timedelta(minutes=2 + n), K.discussion_comment, actor_of(member), number, "discussion"
            )
        for n in range(min(animation.prompts.thank_first, len(track[lane::4][:3]))):
            history.comment(opened + dt.timedelta(minutes=6 + n), K.discussion_comment, BOT, number, "discussion")


def _requests(history: History, animation: Animation, community: Community, *, at: dt.datetime) -> None:
    shop = animation.shop
    if shop is None or len(shop.items) < 3:
        return
    by_login = {m.login: m for m in community.members}
    cheap, middle, dear = sorted(shop.items, key=lambda item: item.cost)[:3]
    plays = [
        ("lucas-bernard", middle, 0),  # approved
        ("rose-lefebvre", dear, 0),  # refused: the cost exceeds the balance
        ("mathis-richard", cheap, 0),  # approved...
        ("mathis-richard", cheap, 1),  # ...and its double, approved in the same second: refused
    ]
    for n, (login, item, same) in enumerate(plays):
        member = by_login.get(login)
        if member is None:
            continue
        approver = Actor(by_login[shop.approvers_of(item)[0]].id, shop.approvers_of(item)[0])
        number = history.subject()
        opened = at + dt.timedelta(minutes=n)
        answer = f"{item.name} — {item.cost} points ({item.id})"
        history.emit(
            opened,
            K.issue_opened,
            actor_of(member),
            number,
            "issue",
            labels=[FORM],
            title="Demande de récompense",
            form=FORM,
            reward=answer,
        )
        approved = at + dt.timedelta(minutes=30 + (n if not same else n - 1))
        history.emit(approved, K.label_added, approver, number, "issue", label=shop.approve_label)
