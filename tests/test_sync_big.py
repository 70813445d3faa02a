"""The sync at full size: 2,000 issues, 1,000 PRs, 9,000 issue comments, 1,000 review comments,
1,500 reviews and 6,000 issue events, read through the fake over real HTTP.

As it runs in a workflow: a new token on every run, so no ETag from a previous run is worth anything
(GitHub's ETags are per token, and so are the fake's). The tests share one repository and run in file
order: full sync, unchanged sync, a first sync spread over several runs, then 150 changes; the full sync
runs in the fixture, so each test also holds alone or on another worker.
"""

from __future__ import annotations

import itertools

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
TOKENS = (f"ghs_run{i}" for i in itertools.count())


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
        data = tmp_path_factory.mktemp("big")
        # The full sync, once per test process: every test below starts from it, in any order or worker.
        report, client = run(fake, data / "main", budget=1300)
        fake.full_sync = (report, client, len(fake.counted()), len(fake.counted("graphql")), fake.points())
        yield fake, data


def run(fake, data, budget=1000):
    """One run with a token never seen before, as `${{ github.token }}` is."""
    token = next(TOKENS)
    fake.tokens[token] = "github-actions[bot]"
    fake.clear_log()
    client = Client(REPO, token, api_url=fake.url, budget=budget, sleep=lambda s: None)
    return Sync(client, data, progress=Silent()).run(), client


def test_full_sync_stores_the_truth_within_300_rest_requests(big):
    fake, data = big
    report, client, rest, graphql, points = fake.full_sync
    assert report.stopped is None
    assert stored(events.load(data / "main")) == expected(fake.repo)
    assert rest == client.used <= 300
    assert graphql == client.graphql_used <= 20 and points <= 40


def test_unchanged_repository_costs_at_most_8_requests_and_no_byte(big):
    fake, data = big
    before = snapshot(data / "main")
    report, _ = run(fake, data / "main")
    assert report.added == 0
    assert len(fake.counted()) + len(fake.counted("graphql")) <= 8
    assert snapshot(data / "main") == before


def test_first_sync_spreads_over_several_runs_within_the_hourly_budget(big):
    fake, data = big
    used = []
    while True:
        report, client = run(fake, data / "spread", budget=100)
        used.append(client.used)
        if report.stopped is None:
            break
        assert "budget" in report.stopped.reason and not report.stopped.failed
    assert len(used) >= 3 and max(used) <= 100 and sum(used) <= 400
    run(fake, data / "main")  # the reference, up to date with the repository as it is now
    assert snapshot(data / "spread") == snapshot(data / "main")


def test_150_changes_are_caught_with_at_most_20_counted_requests(big):
    fake, data = big
    before = len(events.load(data / "main"))
    new_events = changes(fake.repo, 150)
    report, client = run(fake, data / "main")
    assert stored(events.load(data / "main")) == expected(fake.repo)
    assert report.added == new_events == len(events.load(data / "main")) - before
    assert client.used == len(fake.counted())
    assert len(fake.counted()) + len(fake.counted("graphql")) <= 20
