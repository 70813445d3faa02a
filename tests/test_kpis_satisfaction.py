"""The satisfaction KPI's figures, each answer's survey keyed by its (year, month) and the survey's text made
once per month, against the plain reading (each answer's `survey_of`, answers kept whole) on random
histories: validated events with dict payloads and the compact store's events, answers spread over months
and years, members answering twice in a survey, non-members and bad ratings."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from entraide.events import store
from entraide.kpis import build_history
from entraide.kpis.history import History, months
from entraide.kpis.satisfaction import MonthSatisfaction, Satisfaction, satisfaction, survey_of
from kpi_fixtures import community, ev

START = dt.datetime(2025, 11, 1, tzinfo=dt.UTC)
AS_OF = dt.date(2026, 3, 20)
LOGINS = ["alice", "bruno", "chloe", "dan", "mona", "stranger", None]


def random_answers(seed: int, count: int = 300) -> list:
    """Feedback answers (some not usable) among other issues, over five months across a new year."""
    rng = random.Random(seed)
    events = []
    for number in range(count):
        at = START + dt.timedelta(hours=rng.randrange(0, 24 * 150), minutes=rng.choice((0, 0, 30)))
        payload = rng.choice(
            [{}, {"form": "question"}, {"form": "feedback", "rating": rng.choice([1, 2, 3, 4, 5, "4", " 5 ", 9, True])}]
        )
        events.append(ev("issue_opened", at, rng.choice(LOGINS), number + 1, "issue", **payload))
    return events


def plainly(history: History) -> Satisfaction:
    """The former reading: each answer's survey by `survey_of`, the last answer of each member's survey."""
    last: dict = {}
    for event, value in history.ratings:
        if history.member(event) is not None:
            last[(event.actor_id, survey_of(event))] = (event, value)
    by_month: dict = {}
    for (_, month), answer in last.items():
        by_month.setdefault(month, []).append(answer)

    def figures(month: str, answers: list) -> MonthSatisfaction:
        return MonthSatisfaction(
            month=month,
            responses=len(answers),
            respondents=len({e.actor_id if e.actor_id is not None else e.id for e, _ in answers}),
            satisfied=sum(1 for _, r in answers if r >= 4),
            rating_sum=sum(r for _, r in answers),
        )

    every = months(history)
    return Satisfaction(
        months=tuple(figures(m, by_month.get(m, [])) for m in every), total=figures("total", list(last.values()))
    )


@pytest.mark.parametrize("seed", range(8))
def test_satisfaction_is_the_plain_reading(seed, tmp_path):
    events = random_answers(seed)
    store.append(tmp_path, events)
    for given in (events, store.load(tmp_path)):
        history = build_history(community(), given, as_of=AS_OF)
        found = satisfaction(history)
        assert found == plainly(history)
        assert found.total.responses > found.total.respondents > 1  # members answered in several surveys
        assert len({survey_of(e)[:4] for e, _ in history.ratings}) == 2  # answers across a new year
