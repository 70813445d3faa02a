"""Exposures and outcomes per learner, read from the event store: the table « Ce qui aide » compares.

One row per learner of a started cohort: their cohort, their early activity (threads they opened in
their first `early_days` days: what was known before most exposures), whether each exposure happened
(None when it could not: no question asked, the window not over yet) and each outcome (None when not
observable yet). The definitions live in `entraide.yml` (`effects:`, `content.models.EffectRules`); the
page prints `describe_exposure` / `describe_outcome` of the same settings. Nothing here is published as
such: `kpis.estimate` turns the rows into anonymous differences.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import TypeVar

import numpy as np

from entraide.content.i18n import Translator
from entraide.content.models import Exposure, Outcome, Role
from entraide.events.model import EventKind
from entraide.kpis.cohorts import Accepted, acceptances
from entraide.kpis.comparison import Columns
from entraide.kpis.exposed import Exposures
from entraide.kpis.history import COMMENT_KINDS, History
from entraide.kpis.outcomes import Outcomes
from entraide.scoring.model import Ledger

_V = TypeVar("_V")
_ID, _COHORT = operator.attrgetter("id"), operator.attrgetter("cohort")
_START, _JOINED = operator.attrgetter("start"), operator.attrgetter("joined")
REPLY_KINDS = COMMENT_KINDS | {EventKind.review_submitted, EventKind.discussion_answered}
EARLY_CAP = 2  # early activity buckets: 0, 1, 2 or more threads opened


@dataclass(frozen=True)
class Row:
    """One learner, anonymous: the cohort, the early-activity bucket, exposures and outcomes by id."""

    cohort: str
    early: int
    exposed: dict[str, bool | None]
    outcomes: dict[tuple[str, str], float | None]  # (exposure id, outcome id) -> value after that window


def rows(history: History, *, ledger: Ledger | None, accepted: Accepted | None = None) -> tuple[Row, ...]:
    """One row per learner of a started cohort; `accepted`: `acceptances(ledger)` when the caller has it.
    Every learner's exposures and outcomes are read at once (`kpis.exposed`, `kpis.outcomes`): what
    the plain reading of `tests/plain_rows.py` gives one learner at a time."""
    rules = history.community.rules.effects
    cohorts, early, exposures, outcomes = _read(history, ledger, accepted)
    ids, pairs = [x.id for x in rules.exposures], [(x.id, o.id) for x in rules.exposures for o in rules.outcomes]
    exposed = _by_learner(exposures, len(cohorts))
    known = _by_learner(outcomes, len(cohorts))
    exposed_of = map(dict, map(zip, repeat(ids), exposed))
    return tuple(map(Row, cohorts, early, exposed_of, map(dict, map(zip, repeat(pairs), known))))


def comparison_columns(
    history: History, *, ledger: Ledger | None, accepted: Accepted | None, pairs: Sequence[tuple[str, str]]
) -> Columns:
    """`estimate.columns_of(rows(...), pairs)`, the columns « Ce qui aide »'s comparisons read, made from the
    columns the rows are made of without making the rows (a dict per learner for the exposures and one for
    the outcomes, then read back by column): 0.56-0.63 -> 0.47-0.51 s min at 1M events with the rows read
    (~17k learners, same process, alternated)."""
    rules = history.community.rules.effects
    cohorts, early, exposures, outcomes = _read(history, ledger, accepted)
    no_exposure: list[bool | None] = [None] * len(cohorts)  # what a row's dict without the exposure gives
    no_outcome: list[float | None] = [None] * len(cohorts)  # ... and without the pair
    exposed = dict(zip([x.id for x in rules.exposures], exposures))
    known = dict(zip([(x.id, o.id) for x in rules.exposures for o in rules.outcomes], outcomes))
    return Columns(
        list(map(_STRATUM, cohorts, early)),
        {x: exposed.get(x, no_exposure) for x in dict.fromkeys(exposure for exposure, _ in pairs)},
        {pair: known.get(pair, no_outcome) for pair in pairs},
    )


def _read(
    history: History, ledger: Ledger | None, accepted: Accepted | None
) -> tuple[list[str], list[int], list[list[bool | None]], list[list[float | None]]]:
    """Each learner's cohort id and early activity, each exposure's column and each (exposure, outcome)
    pair's, in the rules' order, the learners by id."""
    rules = history.community.rules.effects
    cohorts = {c.id: c for c in history.community.rules.cohorts if c.start <= history.as_of}
    learners = sorted((m for m in history.members.values() if m.role is Role.learner and m.cohort in cohorts), key=_ID)
    cohort_of = list(map(cohorts.__getitem__, map(_COHORT, learners)))
    firsts = map(max, map(_START, cohort_of), map(_JOINED, learners))  # `first_day`, in C
    starts = np.fromiter(map(dt.date.toordinal, firsts), np.int64, len(learners))
    exposures = Exposures(history, learners, starts)
    outcomes = Outcomes(history, learners, cohort_of, starts, acceptances(ledger) if accepted is None else accepted)
    values: dict[tuple[str, int], list[float | None]] = {}  # windows of the same length give the same values
    for x in rules.exposures:
        for o in rules.outcomes:
            if (o.id, x.days) not in values:
                values[(o.id, x.days)] = outcomes.of(o, x.days)
    exposed = [exposures.of(x) for x in rules.exposures]
    known = [values[(o.id, x.days)] for x in rules.exposures for o in rules.outcomes]
    early = exposures.early(rules.early_days, EARLY_CAP)
    return list(map(_ID, cohort_of)), early, exposed, known


_STRATUM = "{}\x00{}".format  # `estimate._stratum` of a row: its cohort id, then its early activity


def _by_learner(columns: list[list[_V]], count: int) -> list[tuple[_V, ...]]:
    """The columns' values learner by learner (none at all when there are no columns)."""
    return list(zip(*columns, strict=True)) if columns else [()] * count


# --------------------------------------------------------------------------- the definitions, in words


def describe_exposure(definition: Exposure, *, tr: Translator) -> str:
    window = tr.gettext("in the learner's first {days} days in their cohort").format(days=definition.days)
    texts = {
        "peer_help": tr.gettext(
            "another learner commented on, reviewed or answered one of their threads (issue, pull request, "
            "discussion) {window}"
        ),
        "quick_answer": tr.gettext(
            "their first question asked {window} had an answer from someone else within {hours} h (a comparison "
            "between learners who asked a question)"
        ),
        "kudos_received": tr.gettext("at least one kudos received from someone else {window}"),
        "event_attended": tr.gettext("commented or reacted on the issue of an agenda event {window}"),
    }
    return texts[definition.kind].format(window=window, hours=definition.hours)


def describe_outcome(definition: Outcome, *, tr: Translator) -> str:
    texts = {
        "active_from_week": tr.gettext(
            "at least one action between the start of the cohort's week {week} and its end (learners whose "
            "exposure window runs into week {week} are left out)"
        ),
        "completed_required": tr.gettext(
            "every required challenge of the cohort accepted by a mentor before the cohort's end"
        ),
        "satisfaction": tr.gettext(
            "mean rating (1 to 5) of their answers to the feedback form after the exposure's window"
        ),
    }
    return texts[definition.kind].format(week=definition.week)
