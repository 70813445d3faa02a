"""`/kudos @login reason`: peer recognition written in any issue, PR or discussion comment.

Parsing happens once, when a comment becomes an event (its payload keeps `kudos`); whether the kudos
earns points (never to oneself or a bot, caps per giver and per pair) is the scoring core's decision.
"""

from __future__ import annotations

import datetime as dt
import re

from entraide.content.models import Frozen, Member
from entraide.events.model import Event
from entraide.scoring.model import Award

# A command starts a line; quoted lines (`> /kudos ...`) and code are not commands.
KUDOS = re.compile(
    r"^[ \t]{0,3}/kudos[ \t]+@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\b[ \t]*(.*)$", re.MULTILINE | re.IGNORECASE
)
FENCE = re.compile(r"^[ \t]{0,3}(```|~~~).*?^[ \t]{0,3}\1", re.MULTILINE | re.DOTALL)
MAX_REASON = 200


def parse_kudos(body: str | None) -> list[dict[str, str]]:
    """Every kudos in a comment, in order, one per login: [{"login": ..., "reason": ...}]."""
    if not body:
        return []
    text = FENCE.sub("", body.replace("\r\n", "\n"))
    seen: dict[str, dict[str, str]] = {}
    for login, reason in KUDOS.findall(text):
        seen.setdefault(login.lower(), {"login": login, "reason": reason.strip()[:MAX_REASON]})
    return list(seen.values())


class Thanks(Frozen):
    giver_id: int | None
    reason: str
    at: dt.datetime


def wall_of_thanks(member: Member, *, awards: list[Award], events_by_id: dict[str, Event]) -> list[Thanks]:
    """The kudos that earned `member` points (so never self-given, from a bot or over a cap), newest first.

    The giver is kept as a member id: the page decides whether that person may be named in public.
    """
    wall = []
    for award in awards:
        if award.reason != "kudos" or award.member_id != member.id:
            continue
        event = next((events_by_id[i] for i in award.event_ids if i in events_by_id), None)
        if event is None:
            continue
        reason = next(
            (k.reason for k in event.kudos if k.login.casefold() == member.login.casefold()),
            "",
        )
        wall.append(Thanks(giver_id=event.actor_id, reason=reason, at=event.at))
    return sorted(wall, key=lambda t: (t.at, t.giver_id or 0), reverse=True)
