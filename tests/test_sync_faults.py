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
    assert report.stopped is None and len(sleeps) == 1 and wait <= sleeps[0] <= wait * 1.1  # up to 10 % jitter
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
    report, _ = sync(fake_github, tmp_path / "data", sleeps=sleeps, retries=2, max_wait=2000)
    assert report.stopped is None and len(sleeps) == 9
    for hit, slept in enumerate(sleeps):  # GitHub: wait longer and longer between retries
        assert 2**hit <= slept <= 2**hit * 1.1
    assert snapshot(tmp_path / "data") == clean


# ---------------------------------------------------------------------- bounded loops (issue 11, item 4)


def test_retry_after_0_forever_is_waited_with_a_floor_and_stops_within_the_wait_budget(fake_github, tmp_path, clean):
    fake_github.inject("/issues/comments", status=429, retry_after=0, times=500)
    sleeps = []
    report, _ = sync(fake_github, tmp_path / "data", sleeps=sleeps, max_wait=600)
    asked = [r for r in fake_github.log if r.path.endswith("/issues/comments")]
    assert report.stopped is not None and "secondary rate limit" in report.stopped.reason
    assert len(asked) <= 12 and min(sleeps) >= 1 and sum(sleeps) <= 600
    fake_github.faults.clear()
    report, _ = sync(fake_github, tmp_path / "data")
    assert report.stopped is None and snapshot(tmp_path / "data") == clean


def test_a_next_link_to_the_page_itself_stops_that_listing_with_a_warning(fake_github, tmp_path, clean):
    listing = f"{fake_github.api_url}/repos/{REPO}/pulls?state=all&sort=updated&direction=desc&per_page=100"
    fake_github.inject("/pulls", method="GET", headers={"Link": f'<{listing}>; rel="next"'}, times=1000)
    report, _ = sync(fake_github, tmp_path / "data")
    pulls = [r for r in fake_github.log if r.path.endswith("/pulls")]
    assert report.stopped is None and len(pulls) == 1
    assert any("pulls" in w and "points to the page just read" in w for w in report.warnings)
    fake_github.faults.clear()
    sync(fake_github, tmp_path / "data")
    assert stored(events.load(tmp_path / "data")) == expected(fake_github.repo)


def test_a_graphql_cursor_that_repeats_stops_discussions_with_a_warning(fake_github, tmp_path):
    repo = fake_github.repo
    talk = repo.add_discussion("alice", "Bonjour")
    node = {"number": talk.number, "updatedAt": "2025-01-06T09:01:00Z"}
    page = {"pageInfo": {"hasNextPage": True, "endCursor": "c2FtZQ=="}, "nodes": [node]}
    fake_github.inject("/graphql", status=200, body={"data": {"repository": {"discussions": page}}}, times=100)
    report, client = sync(fake_github, tmp_path)
    assert report.stopped is None and client.graphql_used <= 3
    assert any("discussions" in w and "repeated the cursor" in w for w in report.warnings)
    fake_github.faults.clear()
    sync(fake_github, tmp_path)
    assert stored(events.load(tmp_path)) == expected(repo)


def test_graphql_queries_count_against_their_own_budget(fake_github, tmp_path):
    repo = fake_github.repo
    for i in range(3):
        repo.add_discussion("alice", f"Sujet {i}")
    page = {"pageInfo": {"hasNextPage": True, "endCursor": None}, "nodes": []}
    fake_github.inject("/graphql", status=200, body={"data": {"repository": {"discussions": page}}}, times=100)
    report, client = sync(fake_github, tmp_path, graphql_budget=1)
    assert client.graphql_used == 1 and len(fake_github.counted("graphql")) == 1
    assert report.warnings or report.stopped


# ---------------------------------------------------------------------- the token stays home (item 8)


def test_a_next_link_to_another_host_is_not_followed_and_gets_no_token(fake_github, tmp_path, clean):
    with socket.socket() as trap:
        trap.bind(("127.0.0.1", 0))
        trap.listen(5)
        trap.settimeout(0.2)
        elsewhere = f"http://127.0.0.1:{trap.getsockname()[1]}/steal?page=2"
        fake_github.inject("/issues/comments", headers={"Link": f'<{elsewhere}>; rel="next"'})
        report, _ = sync(fake_github, tmp_path / "data")
        with pytest.raises(OSError):
            trap.accept()  # nobody came: no request, no Authorization header, left for the other host
    assert report.stopped is None
    assert any("issue comments" in w and "another host" in w for w in report.warnings)
    report, _ = sync(fake_github, tmp_path / "data")
    assert snapshot(tmp_path / "data") == clean


def test_the_client_refuses_a_url_on_another_origin(fake_github):
    from entraide.github.client import StreamStopped

    client = Client(REPO, fake_github.token, api_url=fake_github.url)
    with pytest.raises(StreamStopped, match="outside"):
        client.get("http://evil.example/repos/x/y/issues")
    assert fake_github.log == []


# ---------------------------------------------------------------------- clear errors, no traceback (item 9)


def run_cli(fake, root):
    return subprocess.run(
        [sys.executable, "-m", "entraide", "--root", str(root), "sync", "--repo", REPO, "--api-url", fake.url],
        env={"GITHUB_TOKEN": fake.token, "PATH": "/usr/bin:/bin", "HOME": str(root)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_rate_limit_reset_that_is_not_a_number_is_a_clear_error(fake_github, tmp_path):
    community(fake_github.repo)
    fake_github.inject(
        "/pulls",
        method="GET",
        status=403,
        headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": "soon"},
        body={"message": "API rate limit exceeded"},
    )
    result = run_cli(fake_github, tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "x-ratelimit-reset" in result.stderr and "'soon'" in result.stderr


@pytest.mark.parametrize(
    "node",
    [{"number": 1, "title": "sans date"}, None],
    ids=["discussion without updatedAt", "connection without pageInfo"],
)
def test_a_graphql_answer_missing_updated_at_or_page_info_is_a_clear_error(fake_github, tmp_path, node):
    fake_github.repo.add_discussion("alice", "Bonjour")
    discussions = {"pageInfo": {"hasNextPage": False, "endCursor": None}, "nodes": [node]} if node else {"nodes": []}
    fake_github.inject("/graphql", status=200, body={"data": {"repository": {"discussions": discussions}}})
    result = run_cli(fake_github, tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ("updatedAt" if node else "pageInfo") in result.stderr


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


def test_the_bots_listing_stops_on_a_next_link_that_repeats_itself(fake_github):
    from entraide.github.client import Stopped
    from entraide.github.issues import GitHubIssues

    fake_github.repo.add_issue("alice", "Bonjour")
    itself = f"{fake_github.api_url}/repos/{REPO}/issues?per_page=100"
    fake_github.inject("/issues", method="GET", headers={"Link": f'<{itself}>; rel="next"'}, times=1000)
    issues = GitHubIssues(Client(REPO, fake_github.token, api_url=fake_github.url), bot_logins=frozenset(), delay=0)
    with pytest.raises(Stopped, match="repeats a page"):
        issues.pages("/issues")
    assert len(fake_github.log) <= 2
