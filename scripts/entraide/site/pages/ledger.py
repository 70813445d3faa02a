"""The open ledger: every public member's awards, so that anyone can check a score.

`api/ledger.json` lists, for each public member, every award standing (day, points, reason, challenge,
a link to the GitHub item behind it, and whether it is still « en attente de validation »); profiles show
the same rows as « Historique des points » (`history_rows`). Members without a public profile appear
nowhere. Rewards bought in the shop are listed as `debits` (negative points, the request's issue). Pure: the links are built from `rules.repository` and the events' numbers.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator, Mapping

from entraide.events.model import Event
from entraide.scoring.model import Award
from entraide.site import jsontext
from entraide.site.context import Content, SiteContext, Streamed
from entraide.site.pages.common import live_awards
from entraide.site.pages.shop import debits_of

SUBJECT_PATHS = {"pull": "pull", "issue": "issues", "discussion": "discussions"}  # GitHub's folder of each


def pages(ctx: SiteContext) -> dict[str, Content]:
    return {"api/ledger.json": Streamed(functools.partial(_pieces, ctx))}


def _pieces(ctx: SiteContext) -> Iterator[str]:
    """The text of `jsontext.dumps({"as_of": ..., "members": [...]}, indent=1)`, one member at a time: at ten
    million events the whole structure took gigabytes and its text hundreds of megabytes, held at once."""
    public = ctx.community.public_members()
    by_member: dict[int, list[Award]] = {}
    for award in live_awards(ctx.ledger):
        if award.member_id in public:
            by_member.setdefault(award.member_id, []).append(award)
    events = events_behind(by_member.values(), ctx.events)
    debits = debits_of(ctx)  # rewards bought in the shop: the spendable balance goes down, the earned total stays
    head = jsontext.dumps({"as_of": ctx.as_of.isoformat()}, indent=1)[: -len("\n}")]
    if not by_member:
        yield head + ',\n "members": []\n}\n'
        return
    yield head + ',\n "members": ['
    ordered = sorted(by_member.items(), key=lambda item: public[item[0]].login.casefold())
    for number, (member_id, awards) in enumerate(ordered):
        member = {
            "login": public[member_id].login,
            "awards": [entry(a, ctx=ctx, events=events) for a in awards],
            **({"debits": debits[member_id]} if member_id in debits else {}),
        }
        # an element of the list sits two levels deep: each of its lines indented by two more spaces
        yield ("\n  " if number == 0 else ",\n  ") + jsontext.dumps(member, indent=1).replace("\n", "\n  ")
    yield "\n ]\n}\n"


def events_behind(awards: Iterable[list[Award]], events: Iterable[Event]) -> dict[str, Event]:
    """The events these awards point to, by id (the last one stored wins, as in an index of every event):
    a page needs those, not an index of the whole history."""
    wanted = {event_id for group in awards for award in group for event_id in award.event_ids}
    return {event.id: event for event in events if event.id in wanted}


def entry(award: Award, *, ctx: SiteContext, events: Mapping[str, Event]) -> dict[str, object]:
    """One award as the ledger publishes it."""
    return {
        "date": award.at.date().isoformat(),
        "points": award.points,
        "reason": award.why.kind,
        "challenge": award.challenge,
        "link": link(award, ctx=ctx, events=events),
        "pending": pending(award, ctx=ctx),
    }


def pending(award: Award, *, ctx: SiteContext) -> bool:
    """Still in the review window at the site's date: « en attente de validation »."""
    window = dt.timedelta(days=ctx.community.rules.acceptance.review_window_days)
    return award.at.date() + window > ctx.as_of


def link(award: Award, *, ctx: SiteContext, events: Mapping[str, Event]) -> str | None:
    """The GitHub issue, pull request or discussion behind the award (its last event), if the repository is known."""
    event = next((events[i] for i in reversed(award.event_ids) if i in events), None)
    repository = ctx.community.rules.repository if event is None or event.repo is None else event.repo
    if repository is None or event is None:
        return None
    return f"https://github.com/{repository}/{SUBJECT_PATHS[event.subject_type]}/{event.subject}"
