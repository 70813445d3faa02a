"""The open ledger's members laid out with one table of day texts for the whole ledger (`member_text`'s
`days`): the encoder's text of each member's entries, member after member, on random awards."""

from __future__ import annotations

import copy
import random

import pytest

from entraide.site import build as site
from entraide.site import jsontext
from entraide.site.pages import ledger
from entraide.site.pages.awardlinks import AwardLinks
from test_example_community import REPO
from test_site_profile_rows import random_awards


@pytest.mark.parametrize("seed", range(3))
def test_members_laid_out_with_shared_day_texts_are_the_encoders_text(seed):
    ctx = site.context_for(REPO)
    rng = random.Random(seed)
    events = rng.sample(list(ctx.events), 30)
    links = AwardLinks(ctx, events={e.id: e for e in events})
    days: dict = {}
    for _ in range(5):
        awards = random_awards(rng, ctx, events)[: rng.randrange(1, 200)]
        rest = {"login": rng.choice(["a", "é « x »"]), **({"debits": [{"points": -3}]} if rng.random() < 0.5 else {})}
        expected = jsontext.dumps({"awards": [ledger.entry(a, links=links) for a in awards], **rest}, indent=1)
        assert ledger.member_text(awards, rest, links=links, days=days) == expected
    assert days


def plain_events_behind(awards, events):
    wanted = {event_id for group in awards for award in group for event_id in award.event_ids}
    return {event.id: event for event in events if event.id in wanted}


@pytest.mark.parametrize("seed", range(3))
def test_events_behind_are_the_plain_ones_the_last_stored_winning(seed):
    ctx = site.context_for(REPO)
    rng = random.Random(seed)
    events = list(ctx.events)
    stored = tuple(rng.sample(events, len(events) // 2) + [copy.copy(e) for e in rng.sample(events, 20)])  # ids twice
    groups = [random_awards(rng, ctx, rng.sample(events, 30))[: rng.randrange(0, 50)] for _ in range(4)]
    found = ledger.events_behind(groups, stored)
    expected = plain_events_behind(groups, stored)
    assert found == expected and list(found) == list(expected)
    assert all(found[i] is expected[i] for i in found)
    assert ledger.events_behind([], stored) == {}


@pytest.mark.parametrize("seed", range(3))
def test_live_awards_are_the_plain_ones(seed):
    from entraide.scoring.model import Revocation
    from entraide.site.pages.common import live_awards

    ctx = site.context_for(REPO)
    rng = random.Random(seed)
    awards = list(ctx.ledger.awards)
    taken = [Revocation(award=copy.copy(a), cause="spam", event_ids=()) for a in rng.sample(awards, len(awards) // 3)]
    for revoked in ((), tuple(taken)):
        ledger_ = ctx.ledger.model_copy(update={"revoked": revoked})
        gone = {r.award for r in revoked}
        assert live_awards(ledger_) == [a for a in ledger_.awards if a not in gone]
    assert len(live_awards(ctx.ledger.model_copy(update={"revoked": tuple(taken)}))) < len(awards)
