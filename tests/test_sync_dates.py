"""`entraide sync` stores no event dated after its own clock, and no event whose date GitHub garbled
(issue 11, item 10, the sync's side): each is refused with a warning naming it, the rest is stored,
the store stays readable, and one item dated 2099 cannot move a watermark past today, which would
make every later sync miss what happens in between. Fake GitHub over HTTP, the real github3 client."""

from __future__ import annotations

import datetime as dt

from entraide.events import store as events
from entraide.github.client import Client
from entraide.github.progress import Silent
from entraide.github.sync import Sync
from fakegithub.payloads import Renderer
from fakegithub.truth import expected, stored
from test_sync import REPO, community

NOW = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.UTC)  # the sync's clock, after all the scripted activity


def sync(fake, data, *, now=NOW):
    client = Client(REPO, fake.token, api_url=fake.url, sleep=lambda s: None, backoff=0.01)
    return Sync(client, data, progress=Silent(), now=now).run()


def test_future_and_malformed_comment_dates_are_refused_with_a_warning_and_the_rest_is_stored(fake_github, tmp_path):
    repo = fake_github.repo
    community(repo)
    question = next(iter(repo.issues))
    future, garbled = repo.add_comment(question, "bob", "du futur"), repo.add_comment(question, "carol", "daté ?")
    render = Renderer(repo, fake_github.api_url, fake_github.url)
    listing = [render.comment(c) for c in sorted(repo.comments.values(), key=lambda c: (c.updated_at, c.id))]
    for item in listing:
        if item["id"] == future.id:
            item["created_at"] = item["updated_at"] = "2099-01-01T00:00:00Z"
        if item["id"] == garbled.id:
            item["created_at"] = "hier à midi"
    listing.sort(key=lambda item: item["updated_at"])  # GitHub's order: the 2099 one last
    page_2 = f"{fake_github.api_url}/repos/{REPO}/issues/comments?sort=updated&direction=asc&per_page=100&page=2"
    more = {"Link": f'<{page_2}>; rel="next"'}  # a full page: the sync moves its watermark past it
    fake_github.inject("/issues/comments", method="GET", status=200, body=listing, headers=more)
    report = sync(fake_github, tmp_path)
    assert report.stopped is None
    assert any(f"gh:comment:{future.id}" in w and "2099-01-01" in w and "after the sync's clock" in w
               for w in report.warnings), report.warnings  # fmt: skip
    assert any(f"id {garbled.id}" in w and "hier à midi" in w for w in report.warnings), report.warnings
    got = events.load(tmp_path, not_after=NOW)  # readable on the sync's clock: nothing in it is later
    refused = {f"gh:comment:{future.id}", f"gh:comment:{garbled.id}"}
    truth = expected(repo)
    assert stored(got) == {key: value for key, value in truth.items() if key not in refused}

    later = repo.add_comment(question, "alice", "merci !", at=NOW + dt.timedelta(hours=2))
    sync(fake_github, tmp_path, now=NOW + dt.timedelta(hours=3))
    assert f"gh:comment:{later.id}" in {e.id for e in events.load(tmp_path)}  # the watermark stayed at today


def test_a_pull_request_updated_in_2099_is_read_but_its_future_events_are_not_stored(fake_github, tmp_path):
    repo = fake_github.repo
    pr = repo.add_pr("alice", "Défi html", labels=["challenge:html-bases"])
    render = Renderer(repo, fake_github.api_url, fake_github.url)
    listed = render.pull(pr)
    listed["updated_at"] = "2099-01-01T00:00:00Z"
    fake_github.inject("/pulls", method="GET", status=200, body=[listed])
    report = sync(fake_github, tmp_path)
    assert report.stopped is None
    ids = {e.id for e in events.load(tmp_path, not_after=NOW)}
    assert f"gh:pr:{pr.number}:opened" in ids
    assert any(f"gh:pr:{pr.number}:head:" in w and "after the sync's clock" in w for w in report.warnings)
    fake_github.faults.clear()
    repo.add_review(pr.number, "mentor", "APPROVED", at=NOW + dt.timedelta(hours=2))
    sync(fake_github, tmp_path, now=NOW + dt.timedelta(hours=3))
    assert stored(events.load(tmp_path)) == expected(repo)  # the next run, the truth
