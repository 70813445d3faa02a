"""`entraide sync` against the fake GitHub: what it stores, what it costs, how it resumes."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from entraide.cli import main
from entraide.events import store as events
from entraide.github.client import Client
from entraide.github.progress import Progress, Silent
from entraide.github.sync import Sync
from fakegithub.truth import expected, stored

REPO = "octo-org/entraide"


def sync(fake, data, *, token=None, **options):
    """One sync run through the real github3 session; returns (report, client). `token`: run with this
    token (the fake learns it), as a workflow does with a new token every run; `now`: the sync's clock."""
    sleeps, checkpoint, now = options.pop("sleeps", []), options.pop("checkpoint", 50), options.pop("now", None)
    if token:
        fake.tokens[token] = fake.tokens[fake.token]
    client = Client(REPO, token or fake.token, api_url=fake.url, sleep=sleeps.append, backoff=0.01, **options)
    return Sync(client, data, progress=Silent(), checkpoint=checkpoint, now=now).run(), client


def counted(fake):
    """(REST requests, GraphQL queries, GraphQL points) that spent rate limit since the log was cleared."""
    return len(fake.counted()), len(fake.counted("graphql")), fake.points()


def snapshot(data):
    return {str(p.relative_to(data)): p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()}


def community(repo):
    """A small repository with one of everything, bots and a deleted account included."""
    question = repo.add_issue("alice", "Comment centrer une div ?", labels=["question"])
    workshop = repo.add_issue("mentor", "Atelier CSS jeudi", labels=["event"])
    repo.react(workshop, "alice", "+1")
    repo.react(workshop, "bob", "heart")
    repo.add_comment(question.number, "bob", "Avec flexbox.\n/kudos @alice bonne question")
    pr = repo.add_pr("alice", "Défi html-bases", labels=["challenge:html-bases", "submission"])
    review = repo.add_review(pr.number, "mentor", "CHANGES_REQUESTED")
    repo.add_review_comment(pr.number, "mentor", "Un <main> ici ?", review=review)
    repo.push(pr.number)
    repo.add_review(pr.number, "mentor", "APPROVED")
    repo.add_comment(pr.number, "dependabot[bot]", "Automated note")
    repo.label_issue(pr.number, "accepted", actor="mentor")
    repo.merge(pr.number, actor="mentor")
    stale = repo.add_pr("ghosty", "Old attempt")
    repo.close(stale.number, actor="mentor")
    repo.close(question.number, actor="alice")
    repo.unlabel_issue(question.number, "question", actor="mentor")
    talk = repo.add_discussion("carol", "Quel éditeur ?", category="Q&A")
    answer = repo.add_discussion_comment(talk.number, "bob", "VS Code")
    repo.add_discussion_comment(talk.number, "carol", "Merci", reply_to=answer.id)
    repo.mark_answer(talk.number, answer.id, by="carol")
    repo.delete_user("ghosty")
    return {"question": question.number, "pr": pr.number, "stale": stale.number}


def test_full_sync_stores_the_scripted_truth(fake_github, tmp_path):
    numbers = community(fake_github.repo)
    report, _ = sync(fake_github, tmp_path)
    assert report.stopped is None
    got = events.load(tmp_path)
    assert stored(got) == expected(fake_github.repo)
    by_id = {e.id: e for e in got}
    stale = by_id[f"gh:pr:{numbers['stale']}:opened"]
    assert (stale.actor_id, stale.actor_login, stale.actor_type) == (None, None, None)  # deleted account
    bot = next(e for e in got if e.actor_login == "dependabot[bot]")
    assert bot.is_bot and bot.kind.value == "pr_comment"
    opened = by_id[f"gh:pr:{numbers['pr']}:opened"]
    assert opened.payload["challenge"] == "html-bases"
    reviews = sorted((e for e in got if e.kind.value == "review_submitted"), key=lambda e: e.at)
    assert [r.payload["state"] for r in reviews] == ["changes_requested", "approved"]
    head = fake_github.repo.issues[numbers["pr"]].head_sha
    assert reviews[-1].payload["commit_id"] == head and reviews[0].payload["commit_id"] != head
    kudos = next(e for e in got if e.payload.get("kudos"))
    assert kudos.payload["kudos"] == [{"login": "alice", "reason": "bonne question"}]
    label = next(e for e in got if e.kind.value == "label_added" and e.payload["label"] == "accepted")
    assert label.actor_login == "mentor"


def test_unchanged_sync_with_a_new_token_costs_little_and_changes_no_byte(fake_github, tmp_path):
    """A workflow's token is new on every run: ETags are worth nothing then, and the state holds none."""
    community(fake_github.repo)
    sync(fake_github, tmp_path, token="ghs_run1")
    before = snapshot(tmp_path)
    fake_github.clear_log()
    report, _ = sync(fake_github, tmp_path, token="ghs_run2")
    rest, queries, points = counted(fake_github)
    assert report.added == 0 and report.stopped is None
    assert rest + queries <= 8 and points == queries
    assert not any("if-none-match" in r.headers for r in fake_github.log)
    assert snapshot(tmp_path) == before
    assert b"ghs_" not in b"".join(before.values()) and b"etag" not in before["sync/state.json"].lower()


def test_unchanged_sync_with_the_same_token_reuses_its_etags_kept_outside_data(fake_github, tmp_path):
    from entraide.github.etags import EtagCache

    community(fake_github.repo)
    cache = tmp_path / "cache" / "etags.json"
    sync(fake_github, tmp_path / "data", etags=EtagCache(cache, fake_github.token))
    before = snapshot(tmp_path / "data")
    fake_github.clear_log()
    report, _ = sync(fake_github, tmp_path / "data", etags=EtagCache(cache, fake_github.token))
    assert report.added == 0 and fake_github.counted() == []  # every REST answer a free 304
    assert snapshot(tmp_path / "data") == before
    fake_github.clear_log()
    sync(fake_github, tmp_path / "data", token="ghs_other", etags=EtagCache(cache, "ghs_other"))
    assert not any("if-none-match" in r.headers for r in fake_github.log)  # another token's ETags: not sent
    assert snapshot(tmp_path / "data") == before


def test_incremental_sync_catches_changes(fake_github, tmp_path):
    numbers = community(fake_github.repo)
    sync(fake_github, tmp_path)
    repo = fake_github.repo
    repo.add_comment(numbers["question"], "carol", "Et avec grid ?")
    repo.reopen(numbers["question"], actor="alice")
    repo.label_issue(numbers["question"], "help", actor="alice")
    new_pr = repo.add_pr("bob", "Défi css", labels=["challenge:css-flex"])
    repo.add_review(new_pr.number, "alice", "COMMENTED")
    repo.add_issue("erin", "Nouvelle question", labels=["question"])
    fake_github.clear_log()
    report, _ = sync(fake_github, tmp_path)
    assert stored(events.load(tmp_path)) == expected(repo)
    assert report.added == 8  # comment, label, PR opened/head/label, review, issue opened/label
    assert len(fake_github.counted()) <= 8


def test_label_events_keep_who_applied_them_and_closings_who_closed(fake_github, tmp_path):
    repo = fake_github.repo
    issue = repo.add_issue("alice", "Bug", labels=["question"], label_actor="triage-bot[bot]")
    repo.close(issue.number, actor="mentor")
    sync(fake_github, tmp_path)
    got = {e.kind.value: e for e in events.load(tmp_path)}
    assert got["label_added"].actor_login == "triage-bot[bot]" and got["label_added"].is_bot
    assert got["issue_closed"].actor_login == "mentor"


def test_budget_stop_then_resume_equals_one_clean_run(fake_github, tmp_path):
    community(fake_github.repo)
    clean = tmp_path / "clean"
    sync(fake_github, clean)
    parts = tmp_path / "parts"
    runs = 0
    while True:
        runs += 1
        report, client = sync(fake_github, parts, budget=2, checkpoint=1)
        assert client.used <= 2
        if report.stopped is None:
            break
        assert not report.stopped.failed and "budget" in report.stopped.reason
    assert runs > 3
    assert snapshot(parts) == snapshot(clean)


def test_live_progress_on_a_terminal_and_plain_lines_otherwise():
    live, plain = io.StringIO(), io.StringIO()
    for out, is_live in ((live, True), (plain, False)):
        progress = Progress(out, live=is_live)
        progress.page("issues", status=200, events=120, remaining=4321)
        progress.page("issues", status=304, events=120, remaining=4321)
        progress.note("done")
    assert live.getvalue().startswith("\rissues: page read | pages 1 | events 120 | rate limit left 4321")
    assert "\r" not in plain.getvalue()
    assert plain.getvalue().splitlines() == ["issues: page read | pages 1 | events 120 | rate limit left 4321", "done"]


# ---------------------------------------------------------------------- command line


def test_command_syncs_with_the_token_from_the_environment(github_env, tmp_path, capsys, monkeypatch):
    community(github_env.repo)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    status = main(["--root", str(tmp_path), "sync", "--repo", REPO, "--api-url", github_env.url])
    assert status == 0
    assert stored(events.load(tmp_path / "data")) == expected(github_env.repo)
    count = len(expected(github_env.repo))
    assert f"sync {REPO}: {count} new events" in capsys.readouterr().err
    assert f"- sync {REPO}: {count} new events" in (tmp_path / "summary.md").read_text()


def test_reactions_are_read_on_agenda_issues_too(github_env, tmp_path, capsys):
    repo = github_env.repo
    issue = repo.add_issue("mentor", "Permanence Python")  # not labelled `event`
    repo.react(issue, "alice", "+1")
    (tmp_path / "entraide.yml").write_text(
        f"name: Test\nagenda:\n  - id: permanence\n    issue: {issue.number}\n  - id: sans-issue\n"
        "  - id: typo\n    issue: 999\n"
    )
    assert main(["--root", str(tmp_path), "sync", "--repo", REPO, "--api-url", github_env.url]) == 0
    reactions = [e for e in events.load(tmp_path / "data") if e.kind.value == "reaction"]
    assert [(e.actor_login, e.subject, e.payload["content"]) for e in reactions] == [("alice", issue.number, "+1")]
    assert "note: issue #999 not found" in capsys.readouterr().err


def test_repository_comes_from_entraide_yml_when_not_given(fake_github, tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", fake_github.token)
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    fake_github.repo.add_issue("alice", "Bonjour")
    (tmp_path / "entraide.yml").write_text(f"name: Test\nrepository: {REPO}\n")
    assert main(["--root", str(tmp_path), "sync", "--api-url", fake_github.url]) == 0
    assert [e.id for e in events.load(tmp_path / "data")] == ["gh:issue:1:opened"]


def test_command_reports_an_incomplete_run_and_exits_0_when_a_budget_stopped_it(github_env, tmp_path, capsys):
    community(github_env.repo)
    status = main(["--root", str(tmp_path), "sync", "--repo", REPO, "--api-url", github_env.url, "--max-requests", "3"])
    assert status == 0
    assert "incomplete: request budget of this run spent (3 requests)" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv, message",
    [
        # no entraide.yml: the default language, French
        (["sync", "--repo", "not a repo"], "champ « --repo » : attendu PROPRIÉTAIRE/NOM (ou $GITHUB_REPOSITORY"),
        (
            ["sync", "--repo", REPO, "--api-url", "ftp://x"],
            "champ « --api-url » : attendu une adresse http(s), reçu « ftp://x »",
        ),
    ],
)
def test_bad_options_are_explained_with_status_2(github_env, tmp_path, capsys, argv, message):
    assert main(["--root", str(tmp_path), *argv]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("flag", [["--max-requests", "lots"], ["--max-wait", "-3"]])
def test_bad_numbers_exit_2(github_env, tmp_path, capsys, flag):
    with pytest.raises(SystemExit) as exit_:
        main(["--root", str(tmp_path), "sync", "--repo", REPO, *flag])
    assert exit_.value.code == 2
    err = capsys.readouterr().err  # no entraide.yml: the default language, French
    assert f"entraide sync : erreur : {flag[0]} : attendu un nombre entier >= " in err and f"reçu '{flag[1]}'" in err


def test_missing_token_exits_2(fake_github, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    assert main(["--root", str(tmp_path), "sync", "--repo", REPO, "--api-url", fake_github.url]) == 2
    assert "GITHUB_TOKEN" in capsys.readouterr().err


def test_the_sync_runs_alone_as_a_module(github_env, tmp_path):
    community(github_env.repo)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "entraide.cli.sync",
            "--root",
            str(tmp_path),
            "--repo",
            REPO,
            "--api-url",
            github_env.url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert stored(events.load(tmp_path / "data")) == expected(github_env.repo)


def test_leftovers_of_a_killed_write_are_removed_by_the_next_sync(fake_github, tmp_path):
    community(fake_github.repo)
    sync(fake_github, tmp_path / "clean")
    for folder in ("events", "sync"):
        (tmp_path / "data" / folder).mkdir(parents=True)
        (tmp_path / "data" / folder / ".tmp-k1ll3d.part").write_text('{"half": ')
    sync(fake_github, tmp_path / "data")
    assert snapshot(tmp_path / "data") == snapshot(tmp_path / "clean")


def test_a_version_1_state_keeps_its_cursors_and_loses_its_etags(fake_github, tmp_path):
    import json

    community(fake_github.repo)
    sync(fake_github, tmp_path)
    path = tmp_path / "sync" / "state.json"
    state = json.loads(path.read_text())
    old = {**state, "version": 1, "repo_etag": 'W/"r"', "review_etags": {"4": 'W/"x"'}, "reaction_issues": {"2": None}}
    old["streams"] = {name: {**stream, "etag": 'W/"e"'} for name, stream in state["streams"].items()}
    path.write_text(json.dumps(old))
    fake_github.clear_log()
    report, _ = sync(fake_github, tmp_path, token="ghs_after_upgrade")
    assert report.added == 0 and len(fake_github.counted()) <= 6  # resumed from the cursors, not from zero
    upgraded = json.loads(path.read_text())
    assert upgraded["version"] == 2 and "etag" not in path.read_text().lower()
    assert upgraded["streams"]["issues"] == state["streams"]["issues"] and upgraded["reaction_issues"] == [2]
