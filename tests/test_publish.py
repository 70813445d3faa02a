"""Publishing data/: fetch, regenerate, push without force, bounded retries, no empty commits."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from entraide.bot.publish import authenticated_env
from entraide_cmd import run as run_command

CMD = Path(__file__).with_name("entraide_cmd.py")

# Stands for `entraide sync`: adds this racer's fact to what the checked-out commit already holds.
# The first call of each racer waits until both racers have fetched, so that both push on the same base.
REGENERATE = r"""
import json, pathlib, sys, time
name, barrier = sys.argv[1], pathlib.Path(sys.argv[2])
store = pathlib.Path("data/seen.json")
seen = set(json.loads(store.read_text())) if store.exists() else set()
store.write_text(json.dumps(sorted(seen | {name})) + "\n")
if barrier.name != "-" and not (barrier / name).exists():
    (barrier / name).touch()
    deadline = time.time() + 30
    while len(list(barrier.iterdir())) < 2 and time.time() < deadline:
        time.sleep(0.02)
"""


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def origin(tmp_path):
    """A bare repository that refuses any forced (non-fast-forward) update and logs every ref update."""
    bare = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    git(bare, "config", "receive.denyNonFastForwards", "true")
    git(bare, "config", "receive.denyDeletes", "true")
    git(bare, "config", "core.logAllRefUpdates", "always")
    seed = tmp_path / "seed"
    subprocess.run(["git", "clone", "-q", str(bare), str(seed)], check=True, capture_output=True)
    (seed / "data").mkdir()
    (seed / "data" / "seen.json").write_text("[]\n")
    (seed / "README.md").write_text("community\n")
    git(seed, "add", ".")
    git(seed, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "seed")
    git(seed, "push", "-q", "origin", "HEAD:refs/heads/main")
    return bare


def clone(origin: Path, where: Path) -> Path:
    subprocess.run(["git", "clone", "-q", str(origin), str(where)], check=True, capture_output=True)
    return where


def regenerate(tmp_path: Path, name: str, barrier: str = "-") -> str:
    script = tmp_path / "regenerate.py"
    script.write_text(REGENERATE)
    return shlex.join([sys.executable, str(script), name, barrier])


def publish_argv(root: Path, *runs: str, attempts: int = 5) -> list[str]:
    argv = ["--root", str(root), "publish", "--attempts", str(attempts), "--wait", "0.05"]
    for command in runs:
        argv += ["--run", command]
    return argv


def remote_file(origin: Path, path: str) -> str:
    return git(origin, "show", f"main:{path}")


def test_two_racing_publishers_end_with_one_linear_history_and_nothing_lost(origin, tmp_path):
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    racers = []
    for name in ("alpha", "beta"):
        root = clone(origin, tmp_path / name)
        argv = [
            sys.executable,
            str(CMD),
            "entraide.cli.publish",
            *publish_argv(root, regenerate(tmp_path, name, str(barrier))),
        ]
        racers.append(subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    outputs = [racer.communicate(timeout=120) for racer in racers]
    assert [racer.returncode for racer in racers] == [0, 0], outputs
    assert sum("moved while publishing" in err for _, err in outputs) == 1  # one lost the race, retried

    assert json.loads(remote_file(origin, "data/seen.json")) == ["alpha", "beta"]  # no lost update
    history = git(origin, "rev-list", "--parents", "main").splitlines()
    assert len(history) == 3 and all(len(line.split()) <= 2 for line in history)  # linear: no merges
    updates = (origin / "logs" / "refs" / "heads" / "main").read_text().splitlines()
    assert len(updates) == 3
    for update in updates:
        old, new = update.split()[:2]
        if set(old) != {"0"}:
            git(origin, "merge-base", "--is-ancestor", old, new)  # raises on a forced update


def test_nothing_changed_makes_no_commit(origin, tmp_path, capsys):
    root = clone(origin, tmp_path / "work")
    same = shlex.join([sys.executable, "-c", "open('data/seen.json', 'w').write('[]\\n')"])
    before = git(origin, "rev-parse", "main")
    assert run_command("entraide.cli.publish", publish_argv(root, same)) == 0
    assert "nothing changed" in capsys.readouterr().out
    assert git(origin, "rev-parse", "main") == before


def test_a_branch_that_keeps_moving_ends_in_a_clear_refusal_not_a_force(origin, tmp_path, capsys):
    root = clone(origin, tmp_path / "work")
    rival = clone(origin, tmp_path / "rival")
    # each regeneration also lets a rival push first, so every push of ours is refused
    rival_push = shlex.join(
        [
            sys.executable,
            "-c",
            (
                "import subprocess, uuid; r = %r; "
                "subprocess.run(['git', '-C', r, 'pull', '-q', '--ff-only'], check=True); "
                "open(r + '/data/rival', 'w').write(uuid.uuid4().hex); "
                "subprocess.run(['git', '-C', r, 'add', '.'], check=True); "
                "subprocess.run(['git', '-C', r, '-c', 'user.name=r', '-c', 'user.email=r@e', 'commit', '-qm', 'rival'],"
                " check=True); subprocess.run(['git', '-C', r, 'push', '-q'], check=True)"
            )
            % str(rival),
        ]
    )
    code = run_command("entraide.cli.publish", publish_argv(root, regenerate(tmp_path, "mine"), rival_push, attempts=3))
    assert code == 2
    assert "gave up after 3 attempts without forcing" in capsys.readouterr().err
    assert "mine" not in remote_file(origin, "data/seen.json")
    assert git(origin, "rev-list", "--count", "main").strip() == "4"  # seed + 3 rival commits, all kept


def test_a_failing_regeneration_pushes_nothing(origin, tmp_path, capsys):
    root = clone(origin, tmp_path / "work")
    before = git(origin, "rev-parse", "main")
    failing = shlex.join([sys.executable, "-c", "import sys; open('data/x', 'w').write('1'); sys.exit(3)"])
    assert run_command("entraide.cli.publish", publish_argv(root, failing)) == 2
    assert "exited with status 3" in capsys.readouterr().err
    assert git(origin, "rev-parse", "main") == before


def test_uncommitted_work_outside_data_is_never_discarded(origin, tmp_path, capsys):
    root = clone(origin, tmp_path / "work")
    (root / "README.md").write_text("edited by hand\n")
    assert run_command("entraide.cli.publish", publish_argv(root, regenerate(tmp_path, "x"))) == 2
    assert "would be lost" in capsys.readouterr().err
    assert (root / "README.md").read_text() == "edited by hand\n"


def test_the_token_reaches_git_through_the_environment_for_github_only():
    env = authenticated_env("https://github.com/o/r", {"GITHUB_TOKEN": "ghs_secret"})
    assert env["GIT_CONFIG_KEY_0"] == "http.https://github.com/.extraheader"
    assert env["GIT_CONFIG_VALUE_0"].startswith("AUTHORIZATION: basic ")
    assert "ghs_secret" not in env["GIT_CONFIG_VALUE_0"]  # base64, and only in the environment
    elsewhere = authenticated_env("https://evil.example/o/r", {"GITHUB_TOKEN": "ghs_secret"})
    assert "GIT_CONFIG_COUNT" not in elsewhere
