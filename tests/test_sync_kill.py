"""Kill the sync (SIGKILL) at random moments, at least 20 times, resuming each time: the last run ends
with exactly the bytes of one uninterrupted run."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from fakegithub import FakeGitHub
from fakegithub.scenarios import busy_repository
from test_sync import REPO, snapshot, sync

pytestmark = pytest.mark.slow
KILLS = 20


def start(fake, data):
    env = {**os.environ, "GITHUB_TOKEN": fake.token}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "entraide.cli.sync",
            "--root",
            str(data.parent),
            "--repo",
            REPO,
            "--api-url",
            fake.url,
            "--data",
            str(data),
            "--checkpoint",
            "2",
            "--max-wait",
            "0",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def kill_after(fake, process, requests: int, pause: float) -> bool:
    """SIGKILL once the process has made `requests` more requests (then `pause` s); False if it ended."""
    target = len(fake.log) + requests
    while len(fake.log) < target:
        if process.poll() is not None:
            return False
        time.sleep(0.005)
    time.sleep(pause)
    if process.poll() is not None:
        return False
    process.send_signal(signal.SIGKILL)
    process.wait()
    return True


def test_random_kills_then_resume_end_byte_identical_to_a_clean_run(tmp_path):
    rng = random.Random(2024)
    with FakeGitHub() as fake:
        busy_repository(
            fake.repo,
            issues=150,
            prs=80,
            issue_comments=600,
            review_comments=80,
            reviews=120,
            label_changes=100,
            closed_issues=50,
            merged=40,
            closed_prs=10,
            event_issues=3,
            discussions=5,
        )
        sync(fake, tmp_path / "clean")
        total = len(fake.log)
        kills = 0
        while kills < KILLS:
            process = start(fake, tmp_path / "killed")
            if kill_after(fake, process, rng.randint(1, total // 4), rng.uniform(0, 0.03)):
                kills += 1
            else:  # it finished before the kill: start again from scratch to keep killing
                assert process.returncode == 0
                (tmp_path / "killed").rename(tmp_path / f"finished-{kills}")
        process = start(fake, tmp_path / "killed")
        assert process.wait(timeout=120) == 0
    assert kills >= KILLS
    assert snapshot(tmp_path / "killed") == snapshot(tmp_path / "clean")
