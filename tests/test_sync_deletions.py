"""The sync finds the conversation comments deleted on GitHub (issue 13, item 2, the sync's side): the
threads with a comment stored in the recent window are listed again through GraphQL, 100 per query,
ids only; a stored comment GitHub no longer lists becomes a tombstone. What it costs an unchanged
repository with a new token each run (issue 19's figures) is asserted here, with no byte of data/
changed. Fake GitHub over HTTP, the real github3 client."""

from __future__ import annotations

import datetime as dt

from entraide.events import store as events
from fakegithub.truth import expected, stored
from test_sync import community, counted, snapshot, sync


def soon(fake):
    """The sync's clock an hour after the fake's last change: every scripted comment is recent."""
    return fake.repo.clock + dt.timedelta(hours=1)


def test_a_deleted_comment_becomes_a_tombstone_and_a_kept_one_stays(fake_github, tmp_path):
    repo = fake_github.repo
    numbers = community(repo)
    pr_note = repo.add_comment(numbers["pr"], "bob", "Bravo !\n/kudos @alice beau travail")
    sync(fake_github, tmp_path, now=soon(fake_github))
    answer = next(c for c in repo.comments.values() if c.user.login == "bob" and c.issue == numbers["question"])
    repo.delete_comment(answer.id)
    repo.delete_comment(pr_note.id)
    report, _ = sync(fake_github, tmp_path, now=soon(fake_github))
    assert report.stopped is None and report.added == 2
    by_id = {e.id: e for e in events.load(tmp_path)}
    for gone in (answer, pr_note):
        tomb = by_id[f"gh:comment:{gone.id}"]
        assert tomb.deleted and tomb.kudos == () and tomb.actor_login == "bob"  # history kept, what it gave gone
    alive = [e for e in by_id.values() if e.kind.value in ("issue_comment", "pr_comment") and not e.deleted]
    assert {e.actor_login for e in alive} == {"dependabot[bot]"}
    assert stored(by_id.values()) == {**expected(repo), **{f"gh:comment:{c.id}": stored([by_id[f"gh:comment:{c.id}"]])[f"gh:comment:{c.id}"] for c in (answer, pr_note)}}  # fmt: skip
    before = snapshot(tmp_path)
    sync(fake_github, tmp_path, now=soon(fake_github))
    assert snapshot(tmp_path) == before  # found once; the next run changes nothing


def test_unchanged_sync_with_recent_comments_and_a_new_token_costs_one_query_more_and_no_byte(fake_github, tmp_path):
    community(fake_github.repo)
    sync(fake_github, tmp_path, token="ghs_run1", now=soon(fake_github))
    before = snapshot(tmp_path)
    fake_github.clear_log()
    report, _ = sync(fake_github, tmp_path, token="ghs_run2", now=soon(fake_github))
    rest, queries, points = counted(fake_github)
    assert report.added == 0 and report.stopped is None
    assert (rest, queries, points) == (5, 3, 3)  # issue 19's 5 REST + 2 GraphQL, and 1 query for 2 threads
    assert snapshot(tmp_path) == before


def test_comments_older_than_the_window_are_not_asked_about(fake_github, tmp_path):
    community(fake_github.repo)
    later = soon(fake_github) + dt.timedelta(days=15)
    sync(fake_github, tmp_path, now=later)
    fake_github.clear_log()
    sync(fake_github, tmp_path, now=later)
    assert counted(fake_github)[1] == 2  # the discussions' list and the reactions: no thread re-listed


def test_a_thread_with_more_than_100_comments_is_read_to_its_end(fake_github, tmp_path):
    repo = fake_github.repo
    busy = repo.add_issue("alice", "Fil très actif", labels=["question"])
    comments = [repo.add_comment(busy.number, "bob", f"réponse {i}") for i in range(230)]
    sync(fake_github, tmp_path, now=soon(fake_github))
    repo.delete_comment(comments[5].id)
    repo.delete_comment(comments[222].id)
    fake_github.clear_log()
    report, _ = sync(fake_github, tmp_path, now=soon(fake_github))
    assert report.added == 2 and counted(fake_github)[1] <= 4  # 3 pages of comment ids, one thread
    deleted = {e.comment_id for e in events.load(tmp_path) if e.deleted}
    assert deleted == {comments[5].id, comments[222].id}


def test_a_thread_that_is_gone_leaves_its_comments_as_stored(fake_github, tmp_path):
    repo = fake_github.repo
    issue = repo.add_issue("alice", "Question")
    repo.add_comment(issue.number, "bob", "Réponse")
    sync(fake_github, tmp_path, now=soon(fake_github))
    before = snapshot(tmp_path)
    del repo.issues[issue.number]  # deleted or transferred, its comments with it: GraphQL says NOT_FOUND
    repo.comments.clear()
    report, _ = sync(fake_github, tmp_path, now=soon(fake_github))
    assert report.stopped is None and snapshot(tmp_path) == before


def test_an_incomplete_list_judges_nothing_gone(fake_github, tmp_path):
    repo = fake_github.repo
    issue = repo.add_issue("alice", "Question")
    repo.add_comment(issue.number, "bob", "Réponse")
    sync(fake_github, tmp_path, now=soon(fake_github))
    before = snapshot(tmp_path)
    page = {"pageInfo": {"hasNextPage": False, "endCursor": None}, "nodes": [{"databaseId": None}]}
    answer = {"data": {"repository": {f"ti{issue.number}": {"comments": page}}}}
    fake_github.inject("/graphql", method="POST", status=200, body=answer, after=1)  # after the discussions' list
    report, _ = sync(fake_github, tmp_path, now=soon(fake_github))
    assert report.stopped is None and snapshot(tmp_path) == before
    assert any(f"issue #{issue.number}" in w and "incomplete" in w for w in report.warnings), report.warnings
