"""`entraide publish`: commit what the bot regenerated in data/ and push it, safely beside other runs.

Each attempt starts from the branch as it is on the remote now: fetch, check out that commit, run the
regenerating commands (`--run`, e.g. sync then feedback), commit data/ when it changed, and push
without force. When another run pushed first, the push is refused; the next attempt regenerates on top
of that run's commit, so nothing it wrote is lost and history stays linear. Attempts are bounded.
Nothing changed in data/: no commit, no push.

In GitHub Actions the checkout keeps no credentials: git gets `GITHUB_TOKEN` from the environment of
its own process only (never a command-line argument, never .git/config), and the token is never printed.
"""

from __future__ import annotations

import base64
import shlex
import subprocess
import sys
import time
from pathlib import Path

from entraide.bot.datalock import child_environment
from entraide.content.errors import Problem, UserError

BOT_NAME = "github-actions[bot]"
BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com"
REFUSED = ("[rejected]", "non-fast-forward", "fetch first", "failed to update ref", "stale info", "cannot lock ref")


class Git:
    """The few git operations publishing needs, run in `root` with an optional authenticated environment."""

    def __init__(self, root: Path, *, env: dict[str, str] | None = None):
        self.root = root
        self.env = env

    def __call__(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(["git", "-C", str(self.root), *args], capture_output=True, text=True, env=self.env)
        if check and result.returncode != 0:
            raise UserError(Problem(path="git", message=f"git {args[0]} failed: {result.stderr.strip()}"))
        return result


def publish(
    root: Path,
    *,
    remote: str,
    branch: str,
    paths: tuple[str, ...],
    runs: list[list[str]],
    message: str,
    attempts: int,
    wait: float,
    git: Git,
    lock_fd: int | None = None,
) -> str:
    """Push one commit of the regenerated `paths` to `branch`; the outcome in a sentence."""
    _refuse_local_changes(git, paths)
    for attempt in range(1, attempts + 1):
        if runs:
            _start_from_remote(git, remote=remote, branch=branch, paths=paths)
            for command in runs:
                _regenerate(root, command, lock_fd=lock_fd)
        if not _changed(git, paths):
            return "nothing changed in " + ", ".join(paths) + ": no commit"
        _commit(git, paths, message)
        pushed = git("push", "--porcelain", remote, f"HEAD:refs/heads/{branch}", check=False)
        if pushed.returncode == 0:
            return f"pushed {git('rev-parse', '--short', 'HEAD').stdout.strip()} to {branch} (attempt {attempt})"
        if not runs or not _refused(pushed):
            raise UserError(Problem(path="git", message=f"push to {branch} failed: {pushed.stderr.strip()}"))
        print(
            f"{branch} moved while publishing; regenerating on top of it (attempt {attempt}/{attempts})",
            file=sys.stderr,
        )
        time.sleep(wait * attempt)
    raise UserError(
        Problem(
            path="git",
            message=(
                f"{branch} kept moving: gave up after {attempts} attempts without forcing; the next run publishes"
            ),
        )
    )


def _refuse_local_changes(git: Git, paths: tuple[str, ...]) -> None:
    """Publishing checks out the remote branch: refuse when that would discard work outside `paths`."""
    excluded = [f":(exclude){p}" for p in paths]
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", ".", *excluded).stdout.strip()
    if dirty:
        raise UserError(
            Problem(
                path="git",
                message=(
                    "uncommitted changes outside "
                    + ", ".join(paths)
                    + " would be lost: commit or remove them\n"
                    + dirty
                ),
            )
        )


def _start_from_remote(git: Git, *, remote: str, branch: str, paths: tuple[str, ...]) -> None:
    git("fetch", "--quiet", remote, f"refs/heads/{branch}")
    git("checkout", "--quiet", "--force", "--detach", "FETCH_HEAD")
    git("clean", "-fdq", "--", *paths)


def _regenerate(root: Path, command: list[str], *, lock_fd: int | None) -> None:
    """Run one regenerating command; it inherits the lock on data/ that publishing holds."""
    if lock_fd is None:
        result = subprocess.run(command, cwd=root)
    else:
        result = subprocess.run(command, cwd=root, pass_fds=(lock_fd,), env=child_environment(lock_fd))
    if result.returncode != 0:
        raise UserError(
            Problem(
                path="publish",
                field="--run",
                message=(f"'{shlex.join(command)}' exited with status {result.returncode}; nothing was pushed"),
            )
        )


def _changed(git: Git, paths: tuple[str, ...]) -> bool:
    return bool(git("status", "--porcelain", "--untracked-files=all", "--", *paths).stdout.strip())


def _commit(git: Git, paths: tuple[str, ...], message: str) -> None:
    git("add", "--all", "--", *paths)
    identity = (
        []
        if git("config", "user.email", check=False).stdout.strip()
        else ["-c", f"user.name={BOT_NAME}", "-c", f"user.email={BOT_EMAIL}"]
    )
    git(*identity, "commit", "--quiet", "--no-verify", "-m", message)


def _refused(result: subprocess.CompletedProcess) -> bool:
    text = result.stdout + result.stderr
    return any(marker in text for marker in REFUSED)


def authenticated_env(remote_url: str, environ: dict[str, str]) -> dict[str, str]:
    """The environment for git: with GITHUB_TOKEN, an Authorization header for the GitHub server only."""
    env = dict(environ)
    token = environ.get("GITHUB_TOKEN")
    server = environ.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")
    if not token or not remote_url.startswith(server + "/"):
        return env
    basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
    count = int(env.get("GIT_CONFIG_COUNT", "0"))
    env["GIT_CONFIG_COUNT"] = str(count + 1)
    env[f"GIT_CONFIG_KEY_{count}"] = f"http.{server}/.extraheader"
    env[f"GIT_CONFIG_VALUE_{count}"] = f"AUTHORIZATION: basic {basic}"
    return env


# --------------------------------------------------------------------------- command
