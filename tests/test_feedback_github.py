"""`entraide feedback` end to end against the fake GitHub, through github3.py over real HTTP.

The story of a submission: a learner opens a PR, a peer comments, the learner approves their own PR, a
non-mentor adds the accepted label, a mentor approves an older commit, then the head commit, the PR
merges. The events the sync would store are written beside each change made on the fake.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from entraide.bot.feedback import run as feedback_run
from entraide.content.loader import load_community
from entraide.events import store as event_store
from entraide.events.model import Event
from entraide.scoring import score
from entraide_cmd import run as run_command
from feedback_community import write_community


class Story:
    """Changes the fake repository and records the matching events in the community's data/."""

    def __init__(self, fake, root: Path):
        self.fake, self.repo, self.root = fake, fake.repo, root
        self.people = {login: self.repo.user(login) for login in ("lea", "hugo", "sophie")}
        self.count = 0

    def _event(self, kind: str, at: dt.datetime, login: str | None, subject: int, **payload) -> None:
        self.count += 1
        user = self.repo.user(login) if login else None
        event = Event(
            id=f"{kind}-{subject}-{self.count}",
            kind=kind,
            at=at,
            actor_id=user.id if user else None,
            actor_login=login,
            actor_type=user.type if user else None,
            subject=subject,
            subject_type="pull",
            payload=payload,
        )
        event_store.append(self.root / "data", [event])

    def open_pr(self, login: str, slug: str) -> int:
        pr = self.repo.add_pr(login, f"Défi {slug}", files=[f"submissions/{slug}/{login}/index.html"])
        self._event("pr_opened", pr.created_at, login, pr.number, challenge=slug, sha=pr.head_sha)
        return pr.number

    def comment(self, number: int, login: str, body: str) -> None:
        item = self.repo.add_comment(number, login, body)
        self._event("pr_comment", item.created_at, login, number, comment_id=item.id)

    def review(self, number: int, login: str, state: str, commit: str | None = None) -> None:
        item = self.repo.add_review(number, login, state, commit_id=commit)
        self._event("review_submitted", item.submitted_at, login, number, state=state.lower(), commit_id=item.commit_id)

    def label(self, number: int, login: str, name: str) -> None:
        self.repo.label_issue(number, name, actor=login)
        self._event("label_added", self.repo.clock, login, number, label=name)

    def push(self, number: int) -> str:
        sha = self.repo.push(number)
        self._event("pr_head", self.repo.clock, "lea", number, sha=sha)
        return sha

    def merge(self, number: int, login: str) -> None:
        self.repo.merge(number, actor=login)
        self._event("pr_merged", self.repo.clock, login, number, sha=self.repo.issue(number).head_sha)

    def bot_comments(self, number: int) -> list[str]:
        return [c.body for c in self.repo.comments.values() if c.issue == number and c.user.type == "Bot"]

    def labels(self, number: int) -> set[str]:
        return set(self.repo.issue(number).labels)


@pytest.fixture
def story(github_env, tmp_path, monkeypatch):
    root = tmp_path / "community"
    story = Story(github_env, root)
    ids = {login: user.id for login, user in story.people.items()}
    write_community(root, ids)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    return story


def feedback(story: Story, *extra: str) -> int:
    now = (story.repo.clock + dt.timedelta(hours=1)).isoformat()
    return run_command(
        "entraide.cli.feedback",
        [
            "--root",
            str(story.root),
            "feedback",
            "--repo",
            "octo-org/entraide",
            "--api-url",
            story.fake.url,
            "--delay",
            "0",
            "--now",
            now,
            *extra,
        ],
    )


def writes(fake) -> list[tuple[str, str]]:
    return [(entry.method, entry.path) for entry in fake.log if entry.method in ("POST", "PATCH", "PUT", "DELETE")]


def markers(bodies: list[str]) -> list[str]:
    return [body.split(" -->", 1)[0].removeprefix("<!-- entraide:") for body in bodies]


def accepted_story(story: Story) -> int:
    number = story.open_pr("lea", "html-semantique")
    first_head = story.repo.issue(number).head_sha
    story.comment(number, "hugo", "Joli travail, pense au texte alternatif !")
    story.review(number, "lea", "APPROVED")  # one's own PR: counts for nothing
    story.label(number, "hugo", "accepted")  # not a mentor: counts for nothing
    story.push(number)
    story.review(number, "sophie", "APPROVED", commit=first_head)  # an older commit: not an acceptance
    return number


def test_the_submission_story_gives_exactly_the_expected_comments_labels_and_awards(story):
    number = story.open_pr("lea", "html-semantique")
    assert feedback(story) == 0
    assert markers(story.bot_comments(number)) == [f"ack:{number}", f"welcome:{story.people['lea'].id}"]
    ack = story.bot_comments(number)[0]
    assert "Une page en HTML sémantique" in ack and "- [ ] Le validateur HTML ne signale aucune erreur." in ack
    assert "https://example.org/communaute/guide/" in story.bot_comments(number)[1]
    assert story.labels(number) == {"submission", "challenge:html-semantique"}

    first_head = story.repo.issue(number).head_sha
    story.comment(number, "hugo", "Joli travail !")
    story.review(number, "lea", "APPROVED")
    story.label(number, "hugo", "accepted")
    story.push(number)
    story.review(number, "sophie", "APPROVED", commit=first_head)
    assert feedback(story) == 0
    assert len(story.bot_comments(number)) == 2  # nothing accepted yet
    assert story.labels(number) == {"submission", "challenge:html-semantique"}  # Hugo's label taken off

    story.review(number, "sophie", "APPROVED")
    story.merge(number, "sophie")
    assert feedback(story) == 0
    comments = story.bot_comments(number)
    lea = story.people["lea"].id
    assert markers(comments) == [f"ack:{number}", f"welcome:{lea}", f"award:{lea}:html-semantique"]
    award = comments[2]
    assert "@lea" in award and "+20 points" in award and "Balises justes" in award
    assert "Une mise en page responsive" in award and "Un formulaire accessible" not in award
    assert story.labels(number) == {"submission", "challenge:html-semantique", "accepted"}

    community = load_community(story.root)
    ledger = score(community, event_store.load(story.root / "data"), as_of=story.repo.clock.date())
    assert [(a.login, a.reason, a.points) for a in ledger.awards if a.reason.startswith("challenge:")] == [
        ("lea", "challenge:html-semantique", 20)
    ]
    recorded = json.loads((story.root / "data" / "announced.json").read_text())["posted"]
    assert sorted(recorded) == sorted(markers(comments))
    assert f"award:{lea}:html-semantique" in Path(story.root.parent / "summary.md").read_text()


def test_three_more_runs_post_nothing_and_change_no_label(story):
    number = accepted_story(story)
    story.review(number, "sophie", "APPROVED")
    story.merge(number, "sophie")
    assert feedback(story) == 0
    before = story.bot_comments(number)
    story.fake.clear_log()
    for _ in range(3):
        assert feedback(story) == 0
    assert markers(before) == [f"welcome:{story.people['lea'].id}", f"award:{story.people['lea'].id}:html-semantique"]
    assert story.bot_comments(number) == before  # merged before the first run: no acknowledgement
    assert writes(story.fake) == []


def test_a_kill_between_posting_and_recording_never_posts_twice(story, monkeypatch):
    number = accepted_story(story)
    story.review(number, "sophie", "APPROVED")
    story.merge(number, "sophie")
    real_save = feedback_run.save_announced

    def killed(path, announced):
        if announced.posted:
            raise KeyboardInterrupt  # the runner is stopped right after GitHub accepted the comment
        real_save(path, announced)

    monkeypatch.setattr(feedback_run, "save_announced", killed)
    with pytest.raises(KeyboardInterrupt):
        feedback(story)
    assert len(story.bot_comments(number)) == 1  # posted, not recorded

    monkeypatch.setattr(feedback_run, "save_announced", real_save)
    for _ in range(3):
        assert feedback(story) == 0
    comments = story.bot_comments(number)
    assert len(comments) == len(set(markers(comments))) == 2
    recorded = json.loads((story.root / "data" / "announced.json").read_text())["posted"]
    assert sorted(recorded) == sorted(markers(comments))


def test_a_revoked_award_edits_its_comment(story):
    number = accepted_story(story)
    story.review(number, "sophie", "APPROVED")
    assert feedback(story) == 0
    story.label(number, "sophie", "spam")
    story.fake.clear_log()
    assert feedback(story) == 0
    lea = story.people["lea"].id
    award = next(b for b in story.bot_comments(number) if f"award:{lea}:" in b)
    assert "retirée" in award and "+20 points" not in award
    assert [w for w in writes(story.fake) if "/comments/" in w[1] and w[0] == "PATCH"]
    assert not [w for w in writes(story.fake) if w[0] == "POST" and w[1].endswith("/comments")]
    assert f"revoked award:{lea}:html-semantique" in Path(story.root.parent / "summary.md").read_text()


def test_dry_run_prints_and_writes_nothing(story, capsys):
    number = story.open_pr("lea", "html-semantique")
    story.fake.clear_log()
    assert feedback(story, "--dry-run") == 0
    out = capsys.readouterr().out
    assert f"would post ack:{number} on #{number}" in out and "Une page en HTML sémantique" in out
    assert f"would label +challenge:html-semantique +submission on #{number}" in out
    assert "posted" not in out  # a dry run says what it would do, never that it did it
    assert writes(story.fake) == [] and story.bot_comments(number) == []
    assert not (story.root / "data" / "announced.json").exists()


def test_a_secondary_rate_limit_is_waited_out(story):
    number = story.open_pr("lea", "html-semantique")
    story.fake.inject(f"/issues/{number}/comments", status=403, retry_after=1, method="POST")
    assert feedback(story) == 0
    assert len(story.bot_comments(number)) == 2


def test_a_real_kill_while_github_takes_the_comment_never_posts_twice(story, tmp_path):
    """SIGKILL the bot while GitHub is still handling its POST: GitHub keeps the comment, the bot never
    learns its id nor records it. The next runs find the marker instead of posting again."""
    import os
    import signal
    import subprocess
    import sys
    import time

    number = accepted_story(story)
    story.review(number, "sophie", "APPROVED")
    story.merge(number, "sophie")
    fault = story.fake.inject(f"/issues/{number}/comments", method="POST", after=1, delay=2.0)
    now = (story.repo.clock + dt.timedelta(hours=1)).isoformat()
    argv = [
        sys.executable,
        str(Path(__file__).with_name("entraide_cmd.py")),
        "entraide.cli.feedback",
        "--root",
        str(story.root),
        "feedback",
        "--repo",
        "octo-org/entraide",
        "--api-url",
        story.fake.url,
        "--delay",
        "0",
        "--now",
        now,
    ]
    bot = subprocess.Popen(argv, env={**os.environ}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while fault.seen < 2 and time.monotonic() < deadline and bot.poll() is None:
        time.sleep(0.01)
    assert fault.seen == 2, "the award comment was never sent"
    bot.send_signal(signal.SIGKILL)
    bot.wait(timeout=30)
    while len(story.bot_comments(number)) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)  # GitHub finishes the request the bot no longer waits for
    lea = story.people["lea"].id
    assert markers(story.bot_comments(number)) == [f"welcome:{lea}", f"award:{lea}:html-semantique"]
    recorded = json.loads((story.root / "data" / "announced.json").read_text())["posted"]
    assert sorted(recorded) == [f"welcome:{lea}"]

    for _ in range(3):
        assert feedback(story) == 0
    assert markers(story.bot_comments(number)) == [f"welcome:{lea}", f"award:{lea}:html-semantique"]
    recorded = json.loads((story.root / "data" / "announced.json").read_text())["posted"]
    assert sorted(recorded) == [f"award:{lea}:html-semantique", f"welcome:{lea}"]


def test_a_run_stops_at_its_write_budget_and_the_next_run_finishes(story, capsys):
    numbers = [story.open_pr(login, "html-semantique") for login in ("lea", "hugo")]
    assert feedback(story, "--max-writes", "3") == 0
    assert "left for the next run" in capsys.readouterr().err
    first = sum(len(story.bot_comments(n)) for n in numbers)
    assert feedback(story, "--max-writes", "3") == 0
    assert feedback(story, "--max-writes", "3") == 0
    comments = [b for n in numbers for b in story.bot_comments(n)]
    assert first < len(comments) == len(set(markers(comments))) == 4  # two acks, two welcomes, once each
    assert all(story.labels(n) == {"submission", "challenge:html-semantique"} for n in numbers)


def test_a_refused_write_is_reported_and_the_others_go_on(story, capsys):
    locked = story.open_pr("hugo", "html-semantique")
    number = story.open_pr("lea", "html-semantique")
    story.fake.inject(
        f"/issues/{locked}/comments",
        method="POST",
        status=403,
        times=10,
        body={"message": "Unable to create comment because issue is locked."},
    )
    assert feedback(story) == 0
    out = capsys.readouterr().out
    assert f"::warning::#{locked}: posted ack:{locked} failed, retried next run: 403" in out
    assert markers(story.bot_comments(number)) == [f"ack:{number}", f"welcome:{story.people['lea'].id}"]
    assert "failed: #" in (story.root.parent / "summary.md").read_text()
