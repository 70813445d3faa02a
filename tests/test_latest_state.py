"""Latest state wins: edits, deletions and dismissals reach the store and the ledger, by sync or by payload.

A dismissed approval, an edited-then-deleted answer and a late acceptance happen on the fake GitHub;
one store is filled by the sync (run twice, before and after the changes), another by ingesting the
webhook deliveries GitHub would have sent. Both give the same ledger, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import json

from builders import challenge, ev
from entraide.cli import main
from entraide.content.models import Acceptance, ChallengeRule, Community, Member, Role, Rules, Track
from entraide.events import store
from entraide.events.migrate import migrate
from entraide.github import normalize as n
from entraide.scoring import ledger_json, score
from fakegithub.payloads import Renderer
from test_example_community import REPO
from test_sync import sync

AS_OF = dt.date(2025, 3, 1)


def scenario(fake, checkpoint):
    """Activity on the fake, and the deliveries GitHub would send; `checkpoint()` runs a first sync midway."""
    repo, out = fake.repo, []
    r = Renderer(repo, fake.api_url, fake.url)

    def send(name, action, sender, **objects):
        out.append((name, {"action": action, "sender": r.user(repo.user(sender)), **objects}))

    question = repo.add_issue("alice", "Comment centrer ?", body="?", labels=["question"])
    send("issues", "opened", "alice", issue=r.issue(question))
    answer = repo.add_comment(question.number, "bob", "Avec flexbox")
    send("issue_comment", "created", "bob", issue=r.issue(question), comment=r.comment(answer))
    pr = repo.add_pr("alice", "Défi html", labels=["challenge:html-bases"])
    send("pull_request", "opened", "alice", pull_request=r.pull(pr, full=True))
    approval = repo.add_review(pr.number, "mentor", "APPROVED")
    send("pull_request_review", "submitted", "mentor", review=r.review(approval), pull_request=r.pull(pr, full=True))
    checkpoint()  # the sync has stored the answer and the approval
    repo.edit_comment(answer.id, "Avec flexbox.\n/kudos @alice bonne question")
    send("issue_comment", "edited", "bob", issue=r.issue(question), comment=r.comment(answer))
    gone = r.comment(answer)
    repo.delete_comment(answer.id)
    send("issue_comment", "deleted", "bob", issue=r.issue(question), comment=gone)
    repo.dismiss_review(approval.id)
    send("pull_request_review", "dismissed", "max", review=r.review(approval), pull_request=r.pull(pr, full=True))
    late = repo.add_pr("carol", "Défi tard", labels=["challenge:tardif"])
    send("pull_request", "opened", "carol", pull_request=r.pull(late, full=True))
    accepted = repo.add_review(late.number, "mentor", "APPROVED", at="2025-01-15T10:00:00Z")
    send("pull_request_review", "submitted", "mentor", review=r.review(accepted), pull_request=r.pull(late, full=True))
    return out


def community_of(repo) -> Community:
    roles = {"mentor": Role.mentor, "max": Role.maintainer}
    members = tuple(
        Member(
            login=login, id=repo.user(login).id, name=login, role=roles.get(login, Role.learner), joined="2025-01-01"
        )
        for login in ("alice", "bob", "carol", "mentor", "max")
    )
    rules = Rules(
        name="Test",
        tracks=(Track(id="front", name="Front", mentors=("mentor",)),),
        acceptance=Acceptance(challenges={"tardif": ChallengeRule(late="accept", late_share=0.5)}),
    )
    challenges = (challenge("html-bases", points=40), challenge("tardif", points=60, closes=dt.date(2025, 1, 10)))
    return Community(rules=rules, members=members, challenges=challenges)


def test_sync_and_payloads_give_the_same_ledger(fake_github, tmp_path):
    def synced():  # the sync's clock an hour after the last change, as a scheduled run would be
        return sync(fake_github, tmp_path / "sync", now=fake_github.repo.clock + dt.timedelta(hours=1))

    deliveries = scenario(fake_github, synced)
    synced()
    for index, (name, payload) in enumerate(deliveries):
        path = tmp_path / f"{index}.json"
        path.write_text(json.dumps(payload))
        assert main(["--root", str(tmp_path / "hooks"), "ingest", str(path), "--event", name]) == 0
    world = community_of(fake_github.repo)
    synced = score(world, store.load(tmp_path / "sync"), as_of=AS_OF)
    hooked = score(world, store.load(tmp_path / "hooks" / "data"), as_of=AS_OF)
    assert ledger_json(synced).splitlines() == ledger_json(hooked).splitlines()
    got = {(a.login, a.reason): a.points for a in synced.awards}
    # late: half of 60; the dismissed approval and the deleted answer (kudos edited in, then gone) give nothing
    assert got == {("carol", "challenge:tardif"): 30, ("mentor", "review"): 5}
    causes = {(r.award.login, r.award.reason): r.cause for r in synced.revoked}
    assert causes == {
        ("bob", "answer"): "deleted",
        ("alice", "challenge:html-bases"): "review_dismissed",
        ("mentor", "review"): "review_dismissed",
    }


def test_the_latest_copy_wins_whatever_the_order_and_again_changes_nothing(tmp_path):
    item = {"id": 7, "issue_url": "https://x/issues/3", "created_at": "2025-01-06T09:00:00Z", "user": None}
    first = n.comment({**item, "body": "a", "updated_at": "2025-01-06T09:00:00Z"})
    edited = n.comment({**item, "body": "/kudos @ana merci", "updated_at": "2025-01-07T09:00:00Z"})
    deleted = n.tombstone(first)
    outcomes = []
    for order in ([first, edited, deleted], [deleted, edited, first], [edited, first, deleted]):
        data = tmp_path / str(len(outcomes))
        for event in order:
            store.append(data, [event])
        outcomes.append((data / "events" / "2025-01.jsonl").read_bytes())
        assert store.append(data, order) == 0  # idempotent: nothing changes, no file is touched
    assert outcomes[0] == outcomes[1] == outcomes[2]
    assert store.load(tmp_path / "0") == (deleted,)
    assert store.append(tmp_path / "x", [first, edited]) == 2 and store.load(tmp_path / "x") == (edited,)
    assert store.append(tmp_path / "x", [first]) == 0  # an older copy arriving late never undoes an edit


def test_a_dismissed_review_wins_over_its_approved_copy(tmp_path):
    approved = ev("review_submitted", "2025-01-06", (1, "cleo"), 4, id="gh:review:9", state="approved", commit_id="s")
    dismissed = approved.model_copy(update={"payload": {"state": "dismissed", "commit_id": "s"}})
    store.append(tmp_path, [dismissed])
    assert store.append(tmp_path, [approved]) == 0
    assert store.load(tmp_path) == (dismissed,)


def test_the_migration_rewrites_an_old_store_into_the_example_data_once(tmp_path):
    """The committed example data/ is the old store migrated: the same bytes, and migrating again is a no-op."""
    folder = tmp_path / "events"
    folder.mkdir()
    for path in sorted((REPO / "data" / "events").glob("*.jsonl")):
        old = [json.loads(line) for line in path.read_text().splitlines()]
        for line in old:
            line.pop("updated", None)  # as stores were written before
        (folder / path.name).write_text(
            "".join(json.dumps(x, sort_keys=True, separators=(",", ":")) + "\n" for x in old)
        )
    assert migrate(tmp_path)
    for path in sorted((REPO / "data" / "events").glob("*.jsonl")):
        assert (folder / path.name).read_bytes() == path.read_bytes(), path.name
    assert migrate(tmp_path) == []
