"""`entraide ingest`: webhook payloads become the same events as the sync reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from entraide.cli import main
from entraide.events import store as events
from entraide.github.webhooks import EVENT_NAMES
from fakegithub.payloads import Renderer
from test_sync import sync

EXAMPLES = Path(__file__).parent / "fixtures" / "github" / "webhooks"


def examples():
    for name in EVENT_NAMES:
        for index, payload in enumerate(json.loads((EXAMPLES / f"{name}.json").read_text())):
            yield pytest.param(name, payload, id=f"{name}-{index}-{payload['action']}")


@pytest.mark.parametrize("name, payload", list(examples()))
def test_every_published_example_payload_is_ingested(tmp_path, monkeypatch, capsys, name, payload):
    path = tmp_path / "event.json"
    path.write_text(json.dumps(payload))
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(path))
    monkeypatch.setenv("GITHUB_EVENT_NAME", name)
    assert main(["--root", str(tmp_path), "ingest"]) == 0
    stored = events.load(tmp_path / "data")
    assert f"ingest {name}: {len(stored)} events, {len(stored)} new" in capsys.readouterr().out
    assert main(["--root", str(tmp_path), "ingest"]) == 0  # delivered twice: stored once
    assert events.load(tmp_path / "data") == stored


def test_examples_give_the_expected_facts(tmp_path):
    by_action = {}
    for name in EVENT_NAMES:
        for payload in json.loads((EXAMPLES / f"{name}.json").read_text()):
            path = tmp_path / f"{name}-{payload['action']}.json"
            path.write_text(json.dumps(payload))
            assert main(["--root", str(tmp_path / name), "ingest", str(path), "--event", name]) == 0
            by_action[name, payload["action"]] = {e.kind.value for e in events.load(tmp_path / name / "data")}
    assert "issue_opened" in by_action["issues", "opened"]
    assert (
        "pr_merged" in by_action["pull_request", "closed"] | by_action["pull_request", "opened"]
        or "pr_closed" in by_action["pull_request", "closed"]
    )
    assert "review_submitted" in by_action["pull_request_review", "submitted"]
    assert "discussion_answered" in by_action["discussion", "answered"]
    assert by_action["label", "created"] == set()


def deliveries(fake) -> list[tuple[str, dict]]:
    """Script activity on the fake and, as each thing happens, the webhook GitHub would deliver."""
    repo, out = fake.repo, []
    r = Renderer(repo, fake.api_url, fake.url)

    def send(name, action, sender, **objects):
        out.append((name, {"action": action, "sender": r.user(repo.user(sender)), **objects}))

    issue = repo.add_issue("alice", "Question flexbox", body="?", labels=["question"])  # issue form
    send("issues", "opened", "alice", issue=r.issue(issue))
    # Labels added after opening show in the labels the sync reads with the issue: the store keeps
    # whichever arrived first. Here that delivery was missed and the sync brings the opening.
    other = repo.add_issue("bob", "Bloqué")
    repo.label_issue(other.number, "help", actor="mentor")
    send("issues", "labeled", "mentor", issue=r.issue(other), label=r.label(repo.labels["help"]))
    comment = repo.add_comment(issue.number, "bob", "Voici\n/kudos @alice merci")
    send("issue_comment", "created", "bob", issue=r.issue(issue), comment=r.comment(comment))
    repo.close(issue.number, actor="alice")
    send("issues", "closed", "alice", issue=r.issue(issue))
    pr = repo.add_pr("alice", "Défi html", labels=["challenge:html-bases"])
    send("pull_request", "opened", "alice", pull_request=r.pull(pr, full=True))
    review = repo.add_review(pr.number, "mentor", "CHANGES_REQUESTED")
    send("pull_request_review", "submitted", "mentor", review=r.review(review), pull_request=r.pull(pr, full=True))
    inline = repo.add_review_comment(pr.number, "mentor", "ici", review=review)
    send(
        "pull_request_review_comment",
        "created",
        "mentor",
        comment=r.review_comment(inline),
        pull_request=r.pull(pr, full=True),
    )
    pr_comment = repo.add_comment(pr.number, "carol", "Bravo")
    send("issue_comment", "created", "carol", issue=r.issue(pr), comment=r.comment(pr_comment))
    repo.push(pr.number)
    send("pull_request", "synchronize", "alice", pull_request=r.pull(pr, full=True))
    repo.label_issue(pr.number, "accepted", actor="mentor")
    send(
        "pull_request", "labeled", "mentor", pull_request=r.pull(pr, full=True), label=r.label(repo.labels["accepted"])
    )
    repo.merge(pr.number, actor="mentor")
    send("pull_request", "closed", "mentor", pull_request=r.pull(pr, full=True))
    talk = repo.add_discussion("erin", "Quel éditeur ?")
    send("discussion", "created", "erin", discussion=_discussion(r, talk))
    answer = repo.add_discussion_comment(talk.number, "frank", "VS Code")
    send(
        "discussion_comment",
        "created",
        "frank",
        discussion=_discussion(r, talk),
        comment=_discussion_comment(r, answer),
    )
    reply = repo.add_discussion_comment(talk.number, "erin", "Merci", reply_to=answer.id)
    send(
        "discussion_comment", "created", "erin", discussion=_discussion(r, talk), comment=_discussion_comment(r, reply)
    )
    repo.mark_answer(talk.number, answer.id, by="erin")
    send("discussion", "answered", "erin", discussion=_discussion(r, talk), answer=_discussion_comment(r, answer))
    return out


def _discussion(r, d):
    from fakegithub.payloads import stamp

    return {
        "number": d.number,
        "title": d.title,
        "created_at": stamp(d.created_at),
        "user": r.user(d.user),
        "category": {"name": d.category},
        "answer_chosen_at": stamp(d.answer_chosen_at),
    }


def _discussion_comment(r, c):
    from fakegithub.payloads import stamp

    return {
        "id": c.id,
        "body": c.body,
        "created_at": stamp(c.created_at),
        "updated_at": stamp(c.created_at),
        "user": r.user(c.user),
        "parent_id": c.reply_to,
    }


def test_ingest_and_sync_give_the_same_events_for_the_same_facts(fake_github, tmp_path):
    for index, (name, payload) in enumerate(deliveries(fake_github)):
        path = tmp_path / f"{index}.json"
        path.write_text(json.dumps(payload))
        assert main(["--root", str(tmp_path / "hooks"), "ingest", str(path), "--event", name]) == 0
    sync(fake_github, tmp_path / "sync")
    hooked = {e.id: e for e in events.load(tmp_path / "hooks" / "data")}
    synced = {e.id: e for e in events.load(tmp_path / "sync")}
    assert len(hooked) == 16
    # The sync reads a PR's current head only: the first one, replaced by a push, is webhook-only.
    assert [i for i in hooked if i not in synced] == [e.id for e in hooked.values() if e.kind.value == "pr_head"][:1]
    for event_id in set(hooked) & set(synced):
        event, other = hooked[event_id], synced[event_id]
        if event.kind.value == "pr_head":  # its `at` is the PR's updated_at when seen
            other = other.model_copy(update={"at": event.at})
        if event.kind.value == "pr_opened":  # REST knows only the current head, not the first one
            other = other.model_copy(update={"payload": {**other.payload, "sha": event.payload["sha"]}})
        assert event == other
    # Together they are stored once: ingesting everything into the synced store adds only that head.
    added = events.append(tmp_path / "sync", hooked.values())
    assert added == 1 and len(events.load(tmp_path / "sync")) == len(synced) + 1


@pytest.mark.parametrize(
    "content, name, message",
    [
        # no entraide.yml: the default language, French
        ("{not json", "issues", "event.json : la livraison n'est pas du JSON : "),
        (
            '{"action": "opened"}',
            "issues",
            "champ « issues » : ce n'est pas une livraison de webhook issues ('issue' manquant)",
        ),
        ("[1, 2]", "issues", "(une livraison de webhook est un objet JSON avec une « action »)"),
        ('{"action": "opened", "issue": {"number": 1}}', "issues", "ce n'est pas une livraison de webhook issues ("),
        ('{"action": "opened"}', "push", "champ « event name » : doit être "),
    ],
)
def test_bad_payloads_are_explained_with_status_2(tmp_path, monkeypatch, capsys, content, name, message):
    path = tmp_path / "event.json"
    path.write_text(content)
    monkeypatch.setenv("GITHUB_EVENT_NAME", name)
    assert main(["--root", str(tmp_path), "ingest", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_missing_payload_path_exits_2(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("GITHUB_EVENT_PATH", raising=False)
    assert main(["--root", str(tmp_path), "ingest", "--event", "issues"]) == 2
    assert "GITHUB_EVENT_PATH" in capsys.readouterr().err
    assert main(["--root", str(tmp_path), "ingest", str(tmp_path / "none.json"), "--event", "issues"]) == 2


@pytest.mark.parametrize("issue_url", ["nope", "https://api.github.com/repos/o/r/issues/", "https://x/issues/1a", 7])
def test_a_malformed_issue_url_is_a_clear_error(tmp_path, monkeypatch, capsys, issue_url):
    """issue 11, item 9: no traceback on a comment payload whose `issue_url` does not end in a number."""
    payload = json.loads((EXAMPLES / "issue_comment.json").read_text())[0]
    payload["comment"]["issue_url"] = issue_url
    path = tmp_path / "event.json"
    path.write_text(json.dumps(payload))
    monkeypatch.setenv("GITHUB_EVENT_NAME", "issue_comment")
    assert main(["--root", str(tmp_path), "ingest", str(path)]) == 2
    err = capsys.readouterr().err
    assert (
        "Traceback" not in err
        and "champ « issue_comment » : ce n'est pas une livraison de webhook issue_comment" in err
    )
    assert "(attendu une adresse d'API finissant par le numéro de l'issue, reçu " in err


def _programme_root(tmp_path: Path, *, home: str, others: list[str]) -> Path:
    """A copy of the example's rules naming the programme's repositories."""
    root = tmp_path / "programme"
    root.mkdir()
    rules = (Path(__file__).resolve().parent.parent / "entraide.yml").read_text(encoding="utf-8")
    rules = "\n".join(line for line in rules.splitlines() if not line.startswith(("repository:", "repositories:")))
    listed = "".join(f"\n  - {name}" for name in others)
    (root / "entraide.yml").write_text(f"{rules}\nrepository: {home}\nrepositories:{listed}\n", encoding="utf-8")
    return root


def _payload(tmp_path: Path, name: str, full_name: str) -> Path:
    payload = next(
        p for p in json.loads((EXAMPLES / f"{name}.json").read_text()) if p["action"] in ("opened", "created")
    )
    payload["repository"]["full_name"] = full_name
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(payload))
    return path


def test_a_delivery_from_another_repository_of_the_programme_is_stored_as_its_shard_stores_it(tmp_path):
    """Issue numbers are per repository: a cohort's issue #1 must not become the community's own #1."""
    root = _programme_root(tmp_path, home="entraide-web/communaute", others=["entraide-web/cohorte-2027"])
    plain = tmp_path / "plain"
    for name in ("issues", "issue_comment"):
        assert main(["--root", str(root), "ingest", str(_payload(tmp_path, name, "Entraide-Web/Cohorte-2027")),
                     "--event", name]) == 0  # fmt: skip
        assert main(["--root", str(plain), "ingest", str(_payload(tmp_path, name, "x/y")), "--event", name]) == 0
    stored, untagged = events.load(root / "data"), events.load(plain / "data")
    assert stored and len(stored) == len(untagged)
    assert {e.repo for e in stored} == {"entraide-web/cohorte-2027"}
    assert sorted(e.id for e in stored) == sorted(f"entraide-web/cohorte-2027#{e.id}" for e in untagged)
    assert sorted(e.subject for e in stored) == sorted(e.subject for e in untagged)


def test_a_delivery_from_the_home_repository_keeps_its_events_untagged(tmp_path):
    root = _programme_root(tmp_path, home="entraide-web/communaute", others=["entraide-web/cohorte-2027"])
    assert main(["--root", str(root), "ingest", str(_payload(tmp_path, "issues", "entraide-web/communaute")),
                 "--event", "issues"]) == 0  # fmt: skip
    assert {e.repo for e in events.load(root / "data")} == {None}


def test_a_delivery_from_a_repository_outside_the_programme_is_refused_and_nothing_is_stored(tmp_path, capsys):
    root = _programme_root(tmp_path, home="entraide-web/communaute", others=["entraide-web/cohorte-2027"])
    path = _payload(tmp_path, "issues", "someone/else")
    assert main(["--root", str(root), "ingest", str(path), "--event", "issues"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and str(path) in err
    assert (
        "« someone/else » n'est pas un des dépôts du programme (entraide-web/communaute, entraide-web/cohorte-2027)"
        in err
    )
    assert "nommez-le sous `repositories` dans entraide.yml" in err
    assert events.load(root / "data") == ()
