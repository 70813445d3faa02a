"""The profiles' fast paths against the plain code they replace, on random awards and records of the example
community: history rows (`AwardTables.history`), award links (`AwardLinks.link`), share links (`ShareLinks`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from urllib.parse import urlencode

import msgspec
import pytest

from entraide.events.model import Event
from entraide.scoring.model import Award
from entraide.site import build as site
from entraide.site.credentials import ob2, ob3
from entraide.site.credentials.catalogue import catalogue
from entraide.site.credentials.records import Record, records
from entraide.site.pages.awardlinks import SUBJECT_PATHS, AwardLinks
from entraide.site.pages.awardtables import AwardTables
from entraide.site.pages.showcase import ShareLinks
from test_example_community import REPO


@pytest.fixture(scope="module")
def ctx() -> site.SiteContext:
    return site.context_for(REPO)


def plain_link(links: AwardLinks, events: dict[str, Event], repository: str | None, award: Award) -> str | None:
    """The link as it was worked out before: the last of the award's events known, its repository."""
    for event_id in reversed(award.event_ids):
        event = events.get(event_id)
        if event is not None:
            break
    else:
        return None
    where = repository if event.repo is None else event.repo
    if where is None:
        return None
    return f"https://github.com/{where}/{SUBJECT_PATHS[event.subject_type]}/{event.subject}"


def plain_history(tables: AwardTables, links: AwardLinks, newest: list[Award], awaiting: str) -> str:
    if not newest:
        return tables.none_yet
    lines = [tables._head]
    for award in newest:
        day = award.at.date()
        iso, where = day.isoformat(), links.link(award)
        shown = f"[{iso}]({where})" if where else iso
        points = f"{award.points} ({awaiting})" if day > links.last_final else str(award.points)
        lines.append(f"| {shown} | {tables.reason(award.reason)} | {points} |")
    return "\n".join(lines)


def random_awards(rng: random.Random, ctx: site.SiteContext, events: list[Event]) -> list[Award]:
    slugs = [c.slug for c in ctx.community.challenges] + ["inconnu", "a|b"]
    reasons = ["review", "kudos", "answer", "odd « reason »", *(f"challenge:{slug}" for slug in slugs)]
    ids = [e.id for e in events] + ["unknown"]
    awards = []
    for _ in range(300):
        day = ctx.as_of - dt.timedelta(days=rng.randrange(-3, 40))
        at = dt.datetime.combine(day, dt.time(rng.randrange(24)), dt.UTC)
        chosen = tuple(rng.choice(ids) for _ in range(rng.choice((0, 1, 1, 1, 2, 3))))
        reason = rng.choice(reasons)
        awards.append(
            Award(member_id=1, login="a", points=rng.randrange(-5, 60), reason=reason, at=at, event_ids=chosen)
        )
    return sorted(awards, key=lambda a: (a.at, a.reason), reverse=True)


@pytest.mark.parametrize("seed", range(4))
def test_history_rows_and_links_are_the_plain_ones(ctx, seed):
    rng = random.Random(seed)
    events = rng.sample(list(ctx.events), 40)
    awards = random_awards(rng, ctx, events)
    by_id = {e.id: e for e in events}
    for repository in (ctx.community.rules.repository, "o/ré", None):
        rules = ctx.community.rules.model_copy(update={"repository": repository})
        changed = dataclasses.replace(ctx, community=ctx.community.model_copy(update={"rules": rules}))
        links = AwardLinks(changed, events=by_id)
        for award in awards:
            assert links.link(award) == plain_link(links, by_id, repository, award)
        tables = AwardTables(changed, events_by_id=by_id)
        awaiting = ctx.tr.gettext("awaiting validation")
        for size in (0, 1, 7, len(awards)):
            shown = awards[:size]
            assert tables.history(shown) == plain_history(tables, links, shown, awaiting)


def plain_share_links(record: Record, *, ctx: site.SiteContext, base: str, signed: bool) -> str:
    """The share links as LinkedIn's add-to-profile form documents its fields, encoded whole by `urlencode`."""
    tr, assertion = ctx.tr, ob2.assertion_path(record)
    query = {
        "startTask": "CERTIFICATION_NAME",
        "name": record.badge.name,
        "organizationName": ctx.community.rules.name,
        "issueYear": record.issued.year,
        "issueMonth": record.issued.month,
        "certUrl": base + assertion,
        "certId": record.uid,
    }
    links = [
        f"[{tr.gettext('Download')}](../{ob2.baked_path(record)})",
        f"[{tr.gettext('Add to LinkedIn')}](https://www.linkedin.com/profile/add?{urlencode(query)})",
        f"[{tr.gettext('Verify')}](../{assertion})",
    ]
    if signed:
        links.append(f"[{tr.gettext('Signed credential')}](../{ob3.credential_path(record)})")
    return " · ".join(links)


@pytest.mark.parametrize("signed", [False, True])
def test_share_links_are_the_plain_ones_whatever_the_ids_and_names(ctx, signed):
    held = records(ctx.ledger, public=ctx.community.public_members(), badges=catalogue(ctx.community))
    assert held
    odd = [
        held[0].model_copy(update={"uid": "a b/ç&=?"}),
        held[0].model_copy(update={"badge": held[0].badge.model_copy(update={"name": "Ré & « x » +1 %"})}),
        held[-1].model_copy(update={"issued": dt.date(1999, 12, 31)}),
    ]
    for base in ("https://example.org/site/", "https://ex ample.org/é?/"):
        shares = ShareLinks(community=ctx.community, tr=ctx.tr, base=base, signed=signed)
        for record in (*held, *odd, *held):
            assert shares(record) == plain_share_links(record, ctx=ctx, base=base, signed=signed)


def test_the_catalogue_query_quoted_once_is_urlencode_of_it():
    from urllib.parse import urlencode

    from entraide.site.pages.showcase import _encoded, catalogue_query

    rng = random.Random(0)
    slugs = ["a", "b-c", "é è", "x&y=z", "1+1"]
    for _ in range(200):
        states = {
            slug: rng.choice(["done", "pending", "open", "locked"]) for slug in rng.sample(slugs, rng.randrange(6))
        }
        query = catalogue_query(states)
        assert _encoded(tuple(query.items())) == urlencode(query)


@pytest.mark.parametrize("seed", range(3))
def test_completed_challenges_and_challenge_slugs_are_the_plain_ones(ctx, seed):
    from entraide.scoring.model import Reason
    from entraide.site.pages.common import ChallengeSlugs

    rng = random.Random(seed)
    awards = random_awards(rng, ctx, rng.sample(list(ctx.events), 10))
    odd = [msgspec.structs.replace(a, reason=r) for a in awards[:4] for r in ("challenge:", "challenge", ":x", "x:y:z")]
    slugs = ChallengeSlugs()
    for award in awards + odd:
        assert slugs[award.reason] == award.challenge
    tables = AwardTables(ctx, events_by_id={})
    done = [(a.at.date(), slug) for a in awards + odd if (slug := Reason.of(a.reason).challenge_slug)]
    expected = "\n".join(f"- {tables.challenge_link(s)} · {tables.long_date(d)}" for d, s in sorted(done))
    assert tables.completed(awards + odd) == (expected or tables.none_yet)
