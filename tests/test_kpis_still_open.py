"""The mentors' view's open submissions (`mentors._still_open`): the pull requests' numbers compared when
every event is in the community's own repository, against the plain reading (each event's thread key, the
closed threads taken from the opened ones), on random histories with pull requests opened, merged and
closed, events of those kinds on issues' and discussions' numbers (never a submission's), and a second
repository (the plain reading itself then)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from entraide.events import store
from entraide.events.model import EventKind
from entraide.kpis import build_history
from entraide.kpis.mentors import _still_open, mentors_view
from kpi_fixtures import community, ev

START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
AS_OF = dt.date(2026, 3, 20)
OTHER = "org/cohort-2"


def random_events(seed: int, *, repos: bool) -> list:
    rng = random.Random(seed)
    events = []
    for _ in range(300):
        kind = rng.choice(["pr_opened", "pr_opened", "pr_merged", "pr_closed", "pr_head", "review_submitted"])
        stype = "pull" if rng.random() < 0.8 else rng.choice(["issue", "discussion"])
        at = START + dt.timedelta(hours=rng.randrange(0, 24 * 70))
        payload = {"challenge": "html"} if kind == "pr_opened" and rng.random() < 0.7 else {}
        event = ev(kind, at, rng.choice(["alice", "bruno", "mona"]), rng.randrange(1, 40), stype, **payload)
        if repos and rng.random() < 0.2:
            event = event.model_copy(update={"repo": OTHER, "id": f"{OTHER}#{event.id}"})
        events.append(event)
    return events


def plainly(closings: list, opened: list) -> tuple[set, set]:
    closed = {event.thread for event in closings}
    return closed, {event.thread for event in opened} - closed


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("repos", [False, True])
def test_the_open_submissions_are_the_plain_reading(seed, repos, tmp_path):
    events = random_events(seed, repos=repos)
    store.append(tmp_path, events)
    for given in (events, store.load(tmp_path)):
        history = build_history(community(), given, as_of=AS_OF)
        by_kind = history.by_kind
        closings = [*by_kind.get(EventKind.pr_merged, ()), *by_kind.get(EventKind.pr_closed, ())]
        opened = by_kind.get(EventKind.pr_opened, [])
        closed, still_open = _still_open(closings, opened)
        want_closed, want_open = plainly(closings, opened)
        # the threads of issues and discussions can be left out: they are never a submission's
        assert still_open <= want_open
        assert {t for t in still_open if t[0].endswith("pull")} == {t for t in want_open if t[0].endswith("pull")}
        threads = want_closed | want_open | {e.thread for e in history.events} | {("pull", 999), ("issue", 1)}
        # asked only of pull requests' threads (the submissions'), closed ones answer as the plain set does
        pulls = {thread for thread in threads if thread[0].endswith("pull")}
        assert {thread for thread in pulls if thread in closed} == want_closed & pulls
        assert any(t[0] == "pull" for t in want_closed) and any(t[0] != "pull" for t in want_closed)
        assert mentors_view(history).waiting  # some submissions still wait
