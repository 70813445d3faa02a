"""One writer of data/ at a time (issue 11, item 5): two `entraide sync` started together on one root
both end well, without a traceback, and the store holds exactly what one clean run writes; a writer that
cannot get the lock in time stops with a clear message and writes nothing.

TRIALS concurrent pairs run in `make test` (ENTRAIDE_LOCK_TRIALS=20 for the full series)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from entraide_cmd import run as run_command
from fakegithub import FakeGitHub
from fakegithub.scenarios import busy_repository
from test_sync import REPO, snapshot, sync

TRIALS = int(os.environ.get("ENTRAIDE_LOCK_TRIALS", "3"))


def start(fake, root: Path) -> subprocess.Popen:
    env = {**os.environ, "GITHUB_TOKEN": fake.token}
    command = [sys.executable, "-m", "entraide.cli.sync", "--root", str(root), "--repo", REPO]
    command += ["--api-url", fake.url, "--checkpoint", "2", "--max-wait", "0"]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_concurrent_syncs_lose_nothing_and_never_crash(tmp_path):
    with FakeGitHub() as fake:
        busy_repository(
            fake.repo,
            issues=60,
            prs=30,
            issue_comments=200,
            review_comments=30,
            reviews=40,
            label_changes=30,
            closed_issues=20,
            merged=15,
            closed_prs=5,
            event_issues=2,
            discussions=3,
        )
        sync(fake, tmp_path / "clean" / "data")
        clean = snapshot(tmp_path / "clean" / "data")
        failures = []
        for trial in range(TRIALS):
            root = tmp_path / f"trial-{trial}"
            root.mkdir()
            pair = [start(fake, root), start(fake, root)]
            outcomes = [(process.wait(timeout=300), *process.communicate()) for process in pair]
            tracebacks = [err for _, _, err in outcomes if "Traceback" in err]
            codes = [code for code, _, _ in outcomes]
            if tracebacks or codes != [0, 0] or snapshot(root / "data") != clean:
                failures.append((trial, codes, tracebacks[:1]))
    assert failures == []


def test_a_writer_that_cannot_get_the_lock_stops_clearly_and_writes_nothing(tmp_path, monkeypatch, capsys):
    from entraide.bot.datalock import data_lock

    root = tmp_path / "community"
    (root / "data").mkdir(parents=True)
    monkeypatch.setenv("ENTRAIDE_LOCK_WAIT", "0.3")
    monkeypatch.setenv("GITHUB_EVENT_NAME", "issues")
    event = tmp_path / "event.json"
    event.write_text('{"action": "opened"}')
    with data_lock(root / "data", command="sync"):
        status = run_command("entraide.cli.sync", ["--root", str(root), "ingest", str(event)])
    assert status == 2
    err = capsys.readouterr().err
    assert "another entraide command is writing data/" in err and "waited 0.3 s" in err
    assert list((root / "data").iterdir()) == []


@pytest.mark.parametrize(
    "module, argv",
    [
        ("entraide.cli.sync", ["sync", "--repo", REPO]),
        ("entraide.cli.feedback", ["feedback", "--repo", REPO]),
        ("entraide.cli.community", ["community", "--repo", REPO]),
        ("entraide.cli.buddies", ["buddies"]),
        ("entraide.cli.publish", ["publish", "--attempts", "1"]),
    ],
    ids=lambda value: value if isinstance(value, str) else value[0],
)
def test_every_writer_waits_for_the_lock_then_stops_clearly(tmp_path, monkeypatch, capsys, module, argv):
    """Not only sync and ingest: every command that writes data/ takes the same lock (issue 11, item 5)."""
    from entraide.bot.datalock import data_lock

    root = tmp_path / "community"
    (root / "data").mkdir(parents=True)
    monkeypatch.setenv("ENTRAIDE_LOCK_WAIT", "0.3")
    with data_lock(root / "data", command="sync"):
        status = run_command(module, ["--root", str(root), *argv])
    assert status == 2
    err = capsys.readouterr().err
    assert "another entraide command is writing data/" in err and "Traceback" not in err
    assert list((root / "data").iterdir()) == []
