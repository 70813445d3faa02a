"""The sync at full size: 2,000 issues, 1,000 PRs, 9,000 issue comments, 1,000 review comments,
1,500 reviews and 6,000 issue events, read through the fake over real HTTP.

The tests share one repository and run in file order: full sync, unchanged sync, a first sync spread
over several runs, then 150 changes.
"""

from __future__ import annotations

import pytest

from entraide.events import store as events
from entraide.github.client import Client
from entraide.github.progress import Silent
from entraide.github.sync import Sync
from fakegithub import FakeGitHub
from fakegithub.scenarios import busy_repository, changes
from fakegithub.truth import expected, stored
from test_sync import REPO, snapshot

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    with FakeGitHub() as fake:
        busy_repository(fake.repo)
        repo = fake.repo
        assert (
            len([i for i in repo.issues.values() if not i.is_pr]),
            len(repo.reviews),
            len(repo.comments),
            len(repo.review_comments),
            len(repo.events),
        ) == (2000, 1500, 9000, 1000, 6000)
        yield fake, tmp_path_factory.mktemp("big")


def run(fake, data, budget=1000):
    client = Client(REPO, fake.token, api_url=fake.url, budget=budget, sleep=lambda s: None)
    return Sync(client, data, progress=Silent()).run(), client


def test_full_sync_stores_the_truth_within_1300_requests(big):
    fake, data = big
    report, client = run(fake, data / "main", budget=1300)
    assert report.stopped is None
    assert stored(events.load(data / "main")) == expected(fake.repo)
    assert len(fake.counted()) == client.used <= 1300
    assert client.graphql_used == 1


def test_unchanged_repository_costs_no_counted_request_and_no_byte(big):
    fake, data = big
    before = snapshot(data / "main")
    fake.clear_log()
    report, _ = run(fake, data / "main")
    assert report.added == 0 and fake.counted() == []
    assert snapshot(data / "main") == before


def test_first_sync_spreads_over_several_runs_within_the_hourly_budget(big):
    fake, data = big
    fake.clear_log()
    used = []
    while True:
        report, client = run(fake, data / "spread", budget=450)
        used.append(client.used)
        if report.stopped is None:
            break
        assert "budget" in report.stopped.reason and not report.stopped.failed
    assert len(used) >= 3 and max(used) <= 450 and sum(used) <= 1300
    assert snapshot(data / "spread") == snapshot(data / "main")


def test_150_changes_are_caught_with_at_most_20_counted_requests(big):
    fake, data = big
    before = len(events.load(data / "main"))
    new_events = changes(fake.repo, 150)
    fake.clear_log()
    report, client = run(fake, data / "main")
    assert stored(events.load(data / "main")) == expected(fake.repo)
    assert report.added == new_events == len(events.load(data / "main")) - before
    assert client.used == len(fake.counted()) <= 20
