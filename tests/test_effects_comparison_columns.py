"""The columns « Ce qui aide »'s comparisons read, made without the rows (`effects.comparison_columns`),
against those read back from the rows (`estimate.columns_of(rows(...))`): the same strata, exposures and
outcomes, value for value (booleans, None, whole and other numbers alike), on random communities and
histories at several dates, in the rules' pairs and in pairs given in another order or unknown."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from entraide.kpis import build_history
from entraide.kpis.effects import comparison_columns, rows
from entraide.kpis.estimate import columns_of, pairs_of
from kpi_fixtures import ledger
from test_effects_windows import _community, _events


def _same(mine, theirs):
    assert repr(mine.strata) == repr(theirs.strata)
    assert repr(list(mine.exposed.items())) == repr(list(theirs.exposed.items()))
    assert repr(list(mine.outcomes.items())) == repr(list(theirs.outcomes.items()))


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("as_of", [dt.date(2026, 1, 12), dt.date(2026, 2, 25), dt.date(2026, 4, 22)])
def test_the_columns_without_rows_are_the_rows_columns(seed, as_of):
    rng = random.Random(seed)
    community = _community(rng)
    events = sorted(_events(rng, 400), key=lambda e: (e.at, e.id))
    history = build_history(community, events, as_of=as_of)
    the_ledger = ledger(awards=[], as_of=as_of)
    pairs = pairs_of(community.rules.effects)
    table = rows(history, ledger=the_ledger)
    _same(comparison_columns(history, ledger=the_ledger, accepted=None, pairs=pairs), columns_of(table, pairs))
    others = [*reversed(pairs), ("unknown", pairs[0][1]), (pairs[0][0], "unknown")] if pairs else []
    _same(comparison_columns(history, ledger=the_ledger, accepted=None, pairs=others), columns_of(table, others))
    assert pairs
