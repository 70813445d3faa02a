"""The challenges accepted per learner (`cohorts.acceptances`), read from the challenges' awards picked out
in C, against the plain reading of every award the ledger holds, on random ledgers: other reasons,
a challenge accepted twice (the first day wins), revoked awards, a reason without a slug."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

import pytest

from entraide.kpis.cohorts import acceptances
from entraide.kpis.history import at_of
from entraide.scoring.model import Award, Reason
from kpi_fixtures import ledger

REASONS = ["challenge:html", "challenge:api", "challenge:", "challenge", "review", "answer:accepted", "kudos"]


def _plain(the_ledger) -> dict[int, dict[str, dt.date]]:
    revoked = {(r.award.member_id, r.award.reason, r.award.event_ids) for r in the_ledger.revoked}
    accepted: dict[int, dict[str, dt.date]] = defaultdict(dict)
    for award in the_ledger.awards:
        slug = Reason.of(award.reason).challenge_slug
        if slug is None or (award.member_id, award.reason, award.event_ids) in revoked:
            continue
        day = at_of(award).date()
        accepted[award.member_id][slug] = min(day, accepted[award.member_id].get(slug, day))
    return accepted


@pytest.mark.parametrize("seed", range(10))
def test_acceptances_are_the_plain_reading_s(seed):
    rng = random.Random(seed)
    awards = [
        Award(
            member_id=rng.randrange(1, 6),
            login="someone",
            points=10,
            reason=rng.choice(REASONS),
            at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=rng.randrange(24 * 60)),
            event_ids=(f"ev-{rng.randrange(8)}",),
        )
        for _ in range(rng.randrange(0, 120))
    ]
    the_ledger = ledger(awards=awards, revoked=rng.sample(awards, len(awards) // 5))
    assert acceptances(the_ledger) == _plain(the_ledger)
    assert acceptances(None) == {}
