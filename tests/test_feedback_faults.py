"""One bad object, answer or action never stops `entraide feedback` (issue 11, item 3): a comment by a
deleted account, a pull request whose files answer 404, a 502 on `/files`, a reset connection or a 502
on a POST are each a warning naming them; the rest is done and the run exits 0. Only an unreachable
repository stops the run, in one line, without a traceback. Fake GitHub over HTTP, real github3 client."""

from __future__ import annotations

import datetime as dt
import json
import shlex
import subprocess
import sys
from pathlib import Path

from entraide_cmd import run as run_command
from test_feedback_github import feedback, markers, story  # noqa: F401  (the fixture)

CMD = Path(__file__).with_name("entraide_cmd.py")


def unlabelled_pr(tale, login: str) -> int:
    """A pull request whose challenge only its files tell (the bot reads /files to classify it)."""
    pr = tale.repo.add_pr(login, "Mon travail", files=[f"submissions/html-semantique/{login}/index.html"])
    tale._event("pr_opened", pr.created_at, login, pr.number, sha=pr.head_sha)
    return pr.number


def test_a_ghost_commenter_a_404_pr_and_failed_posts_are_warnings_and_the_rest_is_done(story, capsys):  # noqa: F811
    ghost = story.open_pr("hugo", "html-semantique")
    story.repo.add_comment(ghost, "sophie", "Bravo !")
    story.repo.delete_user("sophie")  # the comment now shows `user: null`
    missing = unlabelled_pr(story, "hugo")
    flaky = unlabelled_pr(story, "hugo")
    reset = story.open_pr("lea", "html-semantique")
    failing = story.open_pr("lea", "html-semantique")
    fine = story.open_pr("lea", "html-semantique")
    story.fake.inject(f"/pulls/{missing}/files", status=404, times=100)
    story.fake.inject(f"/pulls/{flaky}/files", status=502, times=100)
    story.fake.inject(f"/issues/{reset}/comments", method="POST", reset=True, times=100)
    story.fake.inject(f"/issues/{failing}/comments", method="POST", status=502, times=100)
    assert feedback(story) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    warnings = [line for line in captured.out.splitlines() if line.startswith("::warning::")]
    assert any(f"#{missing}" in line and "404" in line for line in warnings), warnings
    assert any(f"#{flaky}" in line and "502" in line for line in warnings), warnings
    assert any(f"#{reset}" in line for line in warnings), warnings
    assert any(f"#{failing}" in line and "502" in line for line in warnings), warnings
    assert f"ack:{ghost}" in markers(story.bot_comments(ghost))  # the ghost's thread still gets its answer
    assert f"ack:{fine}" in markers(story.bot_comments(fine))


def test_an_unreachable_repository_stops_the_run_in_one_line(story, capsys):  # noqa: F811
    story.open_pr("lea", "html-semantique")
    story.fake.inject("/repos/octo-org/entraide", status=502, times=100)
    assert feedback(story) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert "502" in captured.err and "octo-org/entraide" in captured.err


def test_publish_pushes_everything_else_despite_a_ghost_a_404_pr_and_a_502_post(story, tmp_path, capfd):  # noqa: F811
    """`entraide publish --run "entraide feedback ..."` as the publish workflow runs it."""
    ghost = story.open_pr("hugo", "html-semantique")
    story.repo.add_comment(ghost, "sophie", "Bravo !")
    story.repo.delete_user("sophie")
    missing = unlabelled_pr(story, "hugo")
    failing = story.open_pr("lea", "html-semantique")
    story.fake.inject(f"/pulls/{missing}/files", status=404, times=100)
    story.fake.inject(f"/issues/{failing}/comments", method="POST", status=502, times=1)
    origin, work = tmp_path / "origin.git", tmp_path / "work"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    for args in (
        ["init", "-q", "-b", "main"],
        ["add", "."],
        ["commit", "-qm", "seed"],
        ["push", "-q", str(origin), "main"],
    ):
        subprocess.run(["git", "-C", str(story.root), "-c", "user.name=t", "-c", "user.email=t@e", *args], check=True)
    subprocess.run(["git", "clone", "-q", str(origin), str(work)], check=True)
    now = (story.repo.clock + dt.timedelta(hours=1)).isoformat()
    regenerate = [sys.executable, str(CMD), "entraide.cli.feedback", "--root", ".", "feedback", "--repo",
                  "octo-org/entraide", "--api-url", story.fake.url, "--delay", "0", "--now", now]  # fmt: skip
    argv = ["--root", str(work), "publish", "--attempts", "1", "--run", shlex.join(regenerate)]
    assert run_command("entraide.cli.publish", argv) == 0
    out, err = capfd.readouterr()
    assert "Traceback" not in err
    assert f"::warning::#{missing}: cannot read the pull request's files" in out
    assert f"::warning::#{failing}: posted ack:{failing} failed" in out
    shown = subprocess.run(
        ["git", "-C", str(origin), "show", "main:data/announced.json"], capture_output=True, text=True
    )
    posted = json.loads(shown.stdout)["posted"]
    assert f"ack:{ghost}" in posted and f"ack:{failing}" not in posted


def test_an_answer_cut_short_after_github_posted_is_a_warning_and_never_a_second_post(story, capsys):  # noqa: F811
    cut, fine = story.open_pr("lea", "html-semantique"), story.open_pr("hugo", "html-semantique")
    story.fake.inject(f"/issues/{cut}/comments", method="POST", truncate=True, times=1)  # written, answer cut
    assert feedback(story) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert any(line.startswith("::warning::") and f"#{cut}" in line for line in captured.out.splitlines())
    assert f"ack:{fine}" in markers(story.bot_comments(fine))
    for _ in range(2):
        assert feedback(story) == 0
    assert markers(story.bot_comments(cut)).count(f"ack:{cut}") == 1


def test_posts_that_time_out_before_or_after_github_wrote_are_warnings_and_posted_once(story, capsys, monkeypatch):  # noqa: F811
    """A POST whose answer never comes within $ENTRAIDE_HTTP_TIMEOUT: GitHub wrote the comment, or not."""
    monkeypatch.setenv("ENTRAIDE_HTTP_TIMEOUT", "1")
    lost, slow, fine = (story.open_pr(login, "html-semantique") for login in ("lea", "hugo", "lea"))
    story.fake.inject(f"/issues/{lost}/comments", method="POST", hold=3, times=1)  # nothing written
    story.fake.inject(f"/issues/{slow}/comments", method="POST", hold=3, written=True, times=1)
    assert feedback(story) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    said = [line for line in captured.out.splitlines() if line.startswith("::warning::")]
    assert any(f"#{lost}" in line and f"ack:{lost}" in line and "timed out" in line for line in said), said
    assert any(f"#{slow}" in line and f"ack:{slow}" in line and "timed out" in line for line in said), said
    assert f"ack:{fine}" in markers(story.bot_comments(fine))  # the rest is done
    assert f"ack:{lost}" not in markers(story.bot_comments(lost))  # timed out before GitHub wrote it
    assert f"ack:{slow}" in markers(story.bot_comments(slow))  # timed out after GitHub wrote it
    for _ in range(2):
        assert feedback(story) == 0
    for number in (lost, slow, fine):
        assert markers(story.bot_comments(number)).count(f"ack:{number}") == 1  # each exactly once
    posted = json.loads((story.root / "data" / "announced.json").read_text(encoding="utf-8"))["posted"]
    assert {f"ack:{lost}", f"ack:{slow}", f"ack:{fine}"} <= set(posted)


def test_a_timeout_setting_that_is_not_a_number_of_seconds_is_a_usage_error(story, capsys, monkeypatch):  # noqa: F811
    number = story.open_pr("lea", "html-semantique")
    for bad in ("soon", "0", "-1", "nan"):
        monkeypatch.setenv("ENTRAIDE_HTTP_TIMEOUT", bad)
        assert feedback(story) == 2
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        assert "ENTRAIDE_HTTP_TIMEOUT" in captured.err and repr(bad) in captured.err
    assert story.bot_comments(number) == []  # nothing is posted with a setting it cannot read
