"""The open ledger: every public member's awards, so that anyone can check a score.

`api/ledger.json` lists, for each public member, every award standing (day, points, reason, challenge,
a link to the GitHub item behind it, and whether it is still « en attente de validation »); profiles show
the same rows as « Historique des points » (`history_rows`). Members without a public profile appear
nowhere. Rewards bought in the shop are listed as `debits` (negative points, the request's issue). Pure: the links are built from `rules.repository` and the events' numbers.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import operator
from collections.abc import Iterable, Iterator, Sequence

from entraide.events.model import Event
from entraide.scoring.model import Award, Reason
from entraide.site import jsontext
from entraide.site.context import Content, SiteContext, Streamed
from entraide.site.pages.awardgroups import public_awards
from entraide.site.pages.awardlinks import AwardLinks
from entraide.site.pages.shop import debits_of


def pages(ctx: SiteContext) -> dict[str, Content]:
    return {"api/ledger.json": Streamed(functools.partial(_pieces, ctx))}


def _pieces(ctx: SiteContext) -> Iterator[str]:
    """The text of `jsontext.dumps({"as_of": ..., "members": [...]}, indent=1)`, one member at a time: at ten
    million events the whole structure took gigabytes and its text hundreds of megabytes, held at once."""
    public = ctx.community.public_members()
    by_member = public_awards(ctx.ledger, public)
    links = AwardLinks(ctx, events=events_behind(by_member.values(), ctx.events))
    debits = debits_of(ctx)  # rewards bought in the shop: the spendable balance goes down, the earned total stays
    head = jsontext.dumps({"as_of": ctx.as_of.isoformat()}, indent=1)[: -len("\n}")]
    if not by_member:
        yield head + ',\n "members": []\n}\n'
        return
    yield head + ',\n "members": ['
    ordered = sorted(by_member.items(), key=lambda item: public[item[0]].login.casefold())
    days: dict[dt.date, tuple[str, str]] = {}
    for number, (member_id, awards) in enumerate(ordered):
        rest: dict[str, object] = {
            "login": public[member_id].login,
            **({"debits": debits[member_id]} if member_id in debits else {}),
        }
        # an element of the list sits two levels deep: each of its lines indented by two more spaces
        said = member_text(awards, rest, links=links, days=days)
        yield ("\n  " if number == 0 else ",\n  ") + said.replace("\n", "\n  ")
    yield "\n ]\n}\n"


def member_text(
    awards: list[Award],
    rest: dict[str, object],
    *,
    links: AwardLinks,
    days: dict[dt.date, tuple[str, str]] | None = None,
) -> str:
    """`jsontext.dumps({"awards": [entry(a) ...], **rest}, indent=1)`, every key of `rest` after "awards":
    each award's text is laid out here, its strings encoded as the JSON encoder encodes them, rather
    than built as a dict, encoded and laid out again (at ten million events, millions of awards). `days`: the
    texts of each day already laid out with these `links` (one table for a whole ledger)."""
    if not awards or any(key <= "awards" for key in rest):  # nothing to lay out, or keys in another order
        return jsontext.dumps({"awards": [entry(a, links=links) for a in awards], **rest}, indent=1)
    days = {} if days is None else days
    texts, link_of = [], links.link
    for award in awards:
        challenge, reason = _reason_texts(award.reason)
        day = award.at.date()
        said = days.get(day)
        if said is None:
            said = days[day] = _day_texts(day, links)
        date, pending = said
        link = link_of(award)
        texts.append(
            f'  {{\n   "challenge": {challenge},{date}{"null" if link is None else _string(link)}'
            f'{pending}{award.points},\n   "reason": {reason}\n  }}'
        )
    return '{\n "awards": [\n' + ",\n".join(texts) + "\n ],\n" + jsontext.dumps(rest, indent=1)[2:]


# A JSON string as `jsontext.dumps` writes it: the standard encoder's own function when non-ASCII is kept.
_string = json.encoder.encode_basestring


def _day_texts(day: dt.date, links: AwardLinks) -> tuple[str, str]:
    """An award's text between its challenge and its link (the day), and between its link and its points
    (whether it is pending): the same few hundred days for every award."""
    pending = "true" if day > links.last_final else "false"
    return f'\n   "date": "{day.isoformat()}",\n   "link": ', f',\n   "pending": {pending},\n   "points": '


@functools.lru_cache(maxsize=1024)
def _reason_texts(reason: str) -> tuple[str, str]:
    """The JSON of an award's challenge and reason (`entry`'s), by its reason: a few dozen distinct ones."""
    why = Reason.of(reason)
    return ("null" if why.challenge_slug is None else _string(why.challenge_slug)), _string(why.kind)


def events_behind(awards: Iterable[list[Award]], events: Sequence[Event]) -> dict[str, Event]:
    """The events these awards point to, by id (the last one stored wins, as in an index of every event):
    a page needs those, not an index of the whole history. The awards' ids are gathered and the history's
    ids tested against them in C (`map`, `compress`): only the events kept are visited in Python."""
    wanted = set(itertools.chain.from_iterable(map(_EVENT_IDS, itertools.chain.from_iterable(awards))))
    return {event.id: event for event in itertools.compress(events, map(wanted.__contains__, map(_ID, events)))}


_EVENT_IDS, _ID = operator.attrgetter("event_ids"), operator.attrgetter("id")


def entry(award: Award, *, links: AwardLinks) -> dict[str, object]:
    """One award as the ledger publishes it."""
    return {
        "date": award.at.date().isoformat(),
        "points": award.points,
        "reason": award.why.kind,
        "challenge": award.challenge,
        "link": links.link(award),
        "pending": links.pending(award),
    }
