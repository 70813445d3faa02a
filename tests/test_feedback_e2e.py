"""The whole bot against the fake GitHub and a bare git repository: `entraide publish` running
`entraide sync` then `entraide feedback`, as the scheduled workflow does.

The submission story: a learner opens a submission PR, a peer comments, the learner approves their own
PR, a non-mentor adds the accepted label, a mentor approves an older commit, then the head commit, and
the PR merges. Awards, labels and comments must be exactly the expected ones, however often the publish
step runs.
"""

from __future__ import annotations

import datetime as dt
import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from entraide.content.loader import load_community
from entraide.events import store as event_store
from entraide.scoring import score
from entraide_cmd import run as run_command
from feedback_community import write_community


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def bot(github_env, tmp_path, monkeypatch):
    """A community repository (bare origin + a clone the bot works in) beside the fake GitHub."""
    fake = github_env
    ids = {login: fake.repo.user(login).id for login in ("lea", "hugo", "sophie")}
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    git(origin, "config", "receive.denyNonFastForwards", "true")
    seed = tmp_path / "seed"
    subprocess.run(["git", "clone", "-q", str(origin), str(seed)], check=True, capture_output=True)
    write_community(seed, ids)
    (seed / "data").mkdir()
    (seed / "data" / ".keep").write_text("")
    git(seed, "add", ".")
    git(seed, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "community")
    git(seed, "push", "-q", "origin", "HEAD:refs/heads/main")
    work = tmp_path / "work"
    subprocess.run(["git", "clone", "-q", str(origin), str(work)], check=True, capture_output=True)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    return fake, work, origin


def module_for(command: str) -> str:
    """The module that registers `command` (looked up among the GitHub modules only: fast to import)."""
    import argparse

    from entraide.cli import COMMANDS

    for module in COMMANDS:
        if module.__name__ in ("entraide.cli.sync", "entraide.cli.feedback"):
            subparsers = argparse.ArgumentParser().add_subparsers()
            module.add_command(subparsers)
            if command in subparsers.choices:
                return module.__name__
    raise LookupError(command)


def publish(fake, work: Path) -> int:
    now = (fake.repo.clock + dt.timedelta(hours=1)).isoformat()
    command = [sys.executable, str(Path(__file__).with_name("entraide_cmd.py"))]  # one command module only
    sync = shlex.join(
        [*command, module_for("sync"), "--root", ".", "sync", "--repo", "octo-org/entraide", "--api-url", fake.url]
    )
    feedback = shlex.join(
        [
            *command,
            module_for("feedback"),
            "--root",
            ".",
            "feedback",
            "--repo",
            "octo-org/entraide",
            "--api-url",
            fake.url,
            "--delay",
            "0",
            "--now",
            now,
        ]
    )
    return run_command(
        "entraide.cli.publish", ["--root", str(work), "publish", "--wait", "0", "--run", sync, "--run", feedback]
    )


def bot_comments(fake, number: int) -> list[str]:
    return [c.body for c in fake.repo.comments.values() if c.issue == number and c.user.type == "Bot"]


def markers(bodies: list[str]) -> list[str]:
    return [body.split(" -->", 1)[0].removeprefix("<!-- entraide:") for body in bodies]


def test_the_submission_story_through_sync_feedback_and_publish(bot):
    fake, work, origin = bot
    repo = fake.repo
    lea = repo.user("lea").id
    # The learner opens the PR; the track's mentor files it under its challenge.
    pr = repo.add_pr("lea", "Défi HTML sémantique", files=["submissions/html-semantique/lea/index.html"])
    repo.label_issue(pr.number, "challenge:html-semantique", actor="sophie")
    assert publish(fake, work) == 0
    assert markers(bot_comments(fake, pr.number)) == [f"ack:{pr.number}", f"welcome:{lea}"]
    assert set(repo.issue(pr.number).labels) == {"submission", "challenge:html-semantique"}

    first_head = pr.head_sha
    repo.add_comment(pr.number, "hugo", "Joli travail, pense au texte alternatif !")
    repo.add_review(pr.number, "lea", "APPROVED")  # own PR
    repo.label_issue(pr.number, "accepted", actor="hugo")  # not a mentor
    repo.push(pr.number)
    repo.add_review(pr.number, "sophie", "APPROVED", commit_id=first_head)  # an older commit
    assert publish(fake, work) == 0
    assert len(bot_comments(fake, pr.number)) == 2
    assert set(repo.issue(pr.number).labels) == {"submission", "challenge:html-semantique"}

    repo.add_review(pr.number, "sophie", "APPROVED")  # the head commit
    repo.merge(pr.number, actor="sophie")
    for run in range(3):
        fake.clear_log()
        assert publish(fake, work) == 0
        if run == 2:  # nothing new: the sync's conditional requests and one look at the repository
            assert [e for e in fake.log if e.method != "GET" and e.path != "/api/graphql"] == []
            print("requests of an idle publish run:", len(fake.log), "counted:", len(fake.counted()))
    comments = bot_comments(fake, pr.number)
    assert markers(comments) == [f"ack:{pr.number}", f"welcome:{lea}", f"award:{lea}:html-semantique"]
    assert "+20 points" in comments[2] and "Une mise en page responsive" in comments[2]
    assert set(repo.issue(pr.number).labels) == {"submission", "challenge:html-semantique", "accepted"}

    git(work, "fetch", "-q", "origin")
    git(work, "checkout", "-q", "--detach", "origin/main")
    community = load_community(work)
    ledger = score(community, event_store.load(work / "data"), as_of=repo.clock.date())
    assert [(a.login, a.reason) for a in ledger.awards if a.reason.startswith("challenge:")] == [
        ("lea", "challenge:html-semantique")
    ]
    announced = json.loads((work / "data" / "announced.json").read_text())["posted"]
    assert sorted(announced) == sorted(markers(comments))
    history = git(origin, "rev-list", "--parents", "main").splitlines()
    assert all(len(line.split()) == 2 for line in history[:-1])  # linear
    assert f"award:{lea}:html-semantique" in (work.parent / "summary.md").read_text()


def test_an_unlabelled_submission_is_recognised_by_its_folder(bot):
    """Learners cannot label: the bot reads the files of a new pull request once and labels it."""
    fake, work, _ = bot
    repo = fake.repo
    lea = repo.user("lea").id
    pr = repo.add_pr("lea", "Mon défi", files=["submissions/html-semantique/lea/index.html", "members/lea.yml"])
    other = repo.add_pr("hugo", "Typo", files=["docs/index.md"])
    assert publish(fake, work) == 0
    assert markers(bot_comments(fake, pr.number)) == [f"ack:{pr.number}", f"welcome:{lea}"]
    assert set(repo.issue(pr.number).labels) == {"submission", "challenge:html-semantique"}
    assert markers(bot_comments(fake, other.number)) == [f"welcome:{repo.user('hugo').id}"]
    assert repo.issue(other.number).labels == []
    fake.clear_log()
    assert publish(fake, work) == 0
    assert not [e for e in fake.log if "/files" in e.path]  # classified once, remembered in data/
