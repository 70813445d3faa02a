"""Every fault GitHub can throw at the sync, injected by the fake: the sync retries, waits, stops
cleanly or fails at once, and a later run always ends with the same bytes as a run without faults."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from entraide.content.errors import UserError
from entraide.events import store as events
from entraide.github.client import Client
from entraide.github.progress import Silent
from entraide.github.sync import Sync
from fakegithub.truth import expected, stored
from test_sync import REPO, community, snapshot, sync


@pytest.fixture
def clean(fake_github, tmp_path):
    """The community scripted, and the bytes of one sync without faults."""
    community(fake_github.repo)
    sync(fake_github, tmp_path / "clean")
    fake_github.clear_log()
    return snapshot(tmp_path / "clean")


@pytest.mark.parametrize(
    "fault",
    [
        {"status": 502},
        {"status": 503, "times": 3},
        {"html": True, "status": 502},
        {"html": True},
        {"truncate": True},
        {"reset": True},
        {"body": {"message": "Server Error"}, "status": 500},
    ],
)
def test_server_errors_and_broken_bodies_are_retried(fake_github, tmp_path, clean, fault):
    fake_github.inject("/issues/comments", **fault)
    sleeps = []
    report, _ = sync(fake_github, tmp_path / "data", sleeps=sleeps)
    assert report.stopped is None
    assert snapshot(tmp_path / "data") == clean
    assert 1 <= len(sleeps) == fault.get("times", 1)


def test_backoff_grows_exponentially_with_jitter(fake_github, tmp_path, clean):
    fake_github.inject("/pulls", status=502, times=4, method="GET")
    sleeps = []
    client = Client(REPO, fake_github.token, api_url=fake_github.url, sleep=sleeps.append, backoff=1.0)
    Sync(client, tmp_path / "data", progress=Silent()).run()
    assert len(sleeps) == 4
    for attempt, slept in enumerate(sleeps):
        assert 0 <= slept <= 2**attempt  # full jitter: uniform in [0, base * 2^attempt]
    assert len(set(sleeps)) == 4


def test_timeouts_are_retried(fake_github, tmp_path, clean):
    fake_github.inject("/issues/events", delay=1.5)
    report, _ = sync(fake_github, tmp_path / "data", timeout=0.5)
    assert report.stopped is None
    assert snapshot(tmp_path / "data") == clean


def test_refused_connection_stops_as_a_failure_and_keeps_nothing_half_done(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed once the block ends: nothing listens there
    client = Client(REPO, "t", api_url=f"http://127.0.0.1:{port}", sleep=lambda s: None, retries=2)
    report = Sync(client, tmp_path, progress=Silent()).run()
    assert report.stopped.failed and "gave up after 3 attempts" in report.stopped.reason
    assert events.load(tmp_path) == ()


def test_persistent_errors_stop_and_the_next_run_resumes(fake_github, tmp_path, clean):
    fake_github.inject("/issues/comments", status=500, times=4)
    report, _ = sync(fake_github, tmp_path / "data", retries=3)
    assert report.stopped.failed
    report, _ = sync(fake_github, tmp_path / "data")
    assert report.stopped is None
    assert snapshot(tmp_path / "data") == clean


def test_primary_rate_limit_is_waited_out_until_reset(fake_github, tmp_path, clean):
    fake_github.set_rate_limit(1, reset_in=3)  # the second request finds the budget spent
    sleeps = []
    client = Client(
        REPO,
        fake_github.token,
        api_url=fake_github.url,
        sleep=lambda s: sleeps.append(s) or __import__("time").sleep(s),
        max_wait=30,
    )
    report = Sync(client, tmp_path / "data", progress=Silent()).run()
    assert report.stopped is None and len(sleeps) == 1 and 0 < sleeps[0] <= 5
    assert snapshot(tmp_path / "data") == clean


def test_primary_rate_limit_beyond_the_wait_budget_stops_cleanly_then_resumes(fake_github, tmp_path, clean):
    fake_github.set_rate_limit(4, reset_in=3600)
    report, client = sync(fake_github, tmp_path / "data", max_wait=60)
    assert not report.stopped.failed and "primary rate limit" in report.stopped.reason
    assert client.used == 4
    fake_github.set_rate_limit(5000)
    report, _ = sync(fake_github, tmp_path / "data")
    assert report.stopped is None
    assert snapshot(tmp_path / "data") == clean


@pytest.mark.parametrize(
    "fault, wait",
    [
        ({"status": 403, "retry_after": 7, "body": {"message": "You have exceeded a secondary rate limit."}}, 7),
        ({"status": 429, "retry_after": 2}, 2),
        ({"status": 403, "body": {"message": "You have exceeded a secondary rate limit. Please wait."}}, 60),
    ],
)
def test_secondary_rate_limits_are_waited_out(fake_github, tmp_path, clean, fault, wait):
    fake_github.inject("/pulls", method="GET", **fault)
    sleeps = []
    report, _ = sync(fake_github, tmp_path / "data", sleeps=sleeps)
    assert report.stopped is None and sleeps == [wait]
    assert snapshot(tmp_path / "data") == clean


def test_secondary_limit_longer_than_the_wait_budget_stops_cleanly(fake_github, tmp_path, clean):
    fake_github.inject(
        "/issues/events", status=403, retry_after=900, body={"message": "You have exceeded a secondary rate limit."}
    )
    report, _ = sync(fake_github, tmp_path / "data", max_wait=600)
    assert not report.stopped.failed and "wait budget" in report.stopped.reason
    report, _ = sync(fake_github, tmp_path / "data")
    assert snapshot(tmp_path / "data") == clean


def test_missing_permission_fails_at_once_naming_it(fake_github, tmp_path, clean):
    fake_github.deny("/issues/events", "issues=read")
    with pytest.raises(UserError) as error:
        sync(fake_github, tmp_path / "data")
    assert "issues=read" in str(error.value) and "/issues/events" in str(error.value)
    assert [r.status for r in fake_github.log].count(403) == 1  # not retried


def test_unknown_repository_is_a_clear_error(fake_github, tmp_path):
    client = Client("octo-org/nope", fake_github.token, api_url=fake_github.url)
    with pytest.raises(UserError, match="not found: check --repo octo-org/nope"):
        Sync(client, tmp_path, progress=Silent()).run()


def test_deleted_users_become_events_without_actor(fake_github, tmp_path):
    repo = fake_github.repo
    issue = repo.add_issue("gone", "Orphan")
    repo.add_comment(issue.number, "gone", "me too")
    repo.delete_user("gone")
    sync(fake_github, tmp_path)
    got = events.load(tmp_path)
    assert stored(got) == expected(repo)
    assert {(e.actor_id, e.actor_login) for e in got if e.kind.value != "label_added"} == {(None, None)}


SECRET = "ghs_S3cretTokenThatMustNeverBePrinted0042"


def test_token_appears_in_no_output_log_error_or_file(fake_github, tmp_path):
    community(fake_github.repo)
    fake_github.tokens[SECRET] = "github-actions[bot]"
    fake_github.inject("/issues/comments", status=502, times=2)
    fake_github.inject("/pulls/comments", html=True)
    fake_github.deny("/issues/events", "issues=read")
    outputs = []
    for env_token in (SECRET, SECRET + "-wrong"):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "entraide",
                "--root",
                str(tmp_path),
                "sync",
                "--repo",
                REPO,
                "--api-url",
                fake_github.url,
                "--max-wait",
                "5",
            ],
            env={"GITHUB_TOKEN": env_token, "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 2, result.stderr
        outputs.append(result.stdout + result.stderr)
    assert "issues=read" in outputs[0] and "401" in outputs[1]
    files = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    for text in outputs:
        assert SECRET not in text and SECRET[:12] not in text
    assert SECRET.encode() not in files


def test_many_secondary_limits_in_a_row_are_waited_out_within_the_wait_budget(fake_github, tmp_path, clean):
    fake_github.inject("/issues/comments", status=429, retry_after=1, times=9)
    sleeps = []
    report, _ = sync(fake_github, tmp_path / "data", sleeps=sleeps, retries=2)
    assert report.stopped is None and sleeps == [1] * 9
    assert snapshot(tmp_path / "data") == clean


@pytest.mark.parametrize("body", [{"message": "surprise"}, [{"id": 1, "unexpected": True}], [None, 3]])
def test_json_not_shaped_like_github_stops_cleanly_and_is_read_again(fake_github, tmp_path, clean, body):
    fake_github.inject("/issues/comments", status=200, body=body)
    report, _ = sync(fake_github, tmp_path / "data")
    assert report.stopped.failed and "GitHub answered" in report.stopped.reason
    report, _ = sync(fake_github, tmp_path / "data")
    assert report.stopped is None
    assert snapshot(tmp_path / "data") == clean


@pytest.mark.parametrize("body", [{"data": {"repository": None}}, {"errors": [{"message": "Something went wrong"}]}])
def test_graphql_errors_stop_cleanly_and_the_next_run_reads_discussions(fake_github, tmp_path, clean, body):
    fake_github.inject("/graphql", status=200, body=body)
    report, _ = sync(fake_github, tmp_path / "data")
    assert report.stopped.failed and "GraphQL" in report.stopped.reason
    report, _ = sync(fake_github, tmp_path / "data")
    assert report.stopped is None
    assert snapshot(tmp_path / "data") == clean


def test_a_pull_request_gone_before_its_reviews_are_read_is_skipped(fake_github, tmp_path):
    repo = fake_github.repo
    kept, gone = repo.add_pr("alice", "kept"), repo.add_pr("bob", "gone")
    repo.add_review(kept.number, "mentor")
    fake_github.inject(f"/pulls/{gone.number}/reviews", status=404, body={"message": "Not Found"})
    report, _ = sync(fake_github, tmp_path)
    assert report.stopped is None
    assert stored(events.load(tmp_path)) == expected(repo)
