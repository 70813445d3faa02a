"""Running a check on a learner's files: a copy of the submission folder, a clean environment, no network,
limits on time, CPU, memory and file size.

Isolation, in order of preference:
  namespace  `unshare --user --map-root-user --net --pid --fork --mount-proc --mount`: no network device
             but loopback, no other process visible (so no parent's environment through /proc), and the
             home folder and the repository hidden under empty tmpfs mounts; the tools the check needs
             (node_modules, the Python environment) put back at their own paths, read-only.
  proxy      when user namespaces are refused (the PR check turns Ubuntu 24.04's AppArmor restriction off
             first): proxies pointing at a closed local port, which stops well-behaved clients only. The
             report says which one ran, and the PR check fails rather than run without a namespace.
The environment is rebuilt from nothing: PATH, HOME (an empty folder), LANG; no token, no runner variable.
"""

from __future__ import annotations

import os
import resource
import shlex
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

MiB = 1024 * 1024
UNSHARE = ("unshare", "--user", "--map-root-user", "--net", "--pid", "--fork", "--mount-proc", "--mount")
CLOSED = "http://127.0.0.1:9"  # the discard port: nothing listens there
PATH = "/usr/local/bin:/usr/bin:/bin"


@dataclass(frozen=True)
class Limits:
    seconds: int = 60  # wall clock, and CPU seconds
    memory: int | None = 1024 * MiB  # address space; None where a browser reserves more than it uses
    file_size: int = 16 * MiB


@dataclass(frozen=True)
class Outcome:
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool


def namespaces_work() -> bool:
    """Whether this machine lets an unprivileged process make its own user and network namespaces."""
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run([*UNSHARE, "true"], capture_output=True, timeout=30, env={"PATH": PATH})
    return probe.returncode == 0


def clean_env(home: Path, *, network: str) -> dict[str, str]:
    env = {"PATH": PATH, "HOME": str(home), "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"}
    if network == "proxy":
        env |= dict.fromkeys(("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"), CLOSED)
    return env


def _limit(limits: Limits):
    def apply() -> None:
        os.setsid()
        resource.setrlimit(resource.RLIMIT_CPU, (limits.seconds, limits.seconds))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_size, limits.file_size))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if limits.memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (limits.memory, limits.memory))

    return apply


def _hiding_script(hide: tuple[Path, ...], keep: tuple[Path, ...], stash: Path) -> str:
    """Shell run as the namespace's root: set the kept folders aside, cover the hidden folders with empty
    tmpfs mounts, then put the kept folders back at their own paths, read-only."""
    hidden = [folder for folder in hide if folder.is_dir()]
    kept = [(folder, stash / str(i)) for i, folder in enumerate(keep) if any(folder.is_relative_to(h) for h in hidden)]
    lines = ["set -e"]
    for folder, aside in kept:
        lines.append(f"mkdir -p {_q(aside)} && mount --bind {_q(folder)} {_q(aside)}")
    lines += [f"mount -t tmpfs -o size=1m none {_q(folder)}" for folder in hidden]
    for folder, aside in kept:
        lines.append(f"mkdir -p {_q(folder)} && mount --bind {_q(aside)} {_q(folder)}")
        lines.append(f"mount -o remount,bind,ro {_q(folder)} || true")
    lines.append('exec "$@"')
    return "\n".join(lines)


def _q(path: Path) -> str:
    return shlex.quote(str(path))


def run(
    argv: list[str],
    *,
    folder: Path,
    limits: Limits,
    network: str,
    hide: tuple[Path, ...] = (),
    keep: tuple[Path, ...] = (),
) -> Outcome:
    """Run `argv` with `folder` (a copy of the submission) as working directory, inside the sandbox."""
    with tempfile.TemporaryDirectory(prefix="entraide-home-") as home:
        command = list(argv)
        if network == "namespace":
            script = _hiding_script(hide, keep, Path(home) / ".aside")
            command = [*UNSHARE, "sh", "-c", script, "sandbox", *argv]
        process = subprocess.Popen(
            command,
            cwd=folder,
            env=clean_env(Path(home), network=network),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
            preexec_fn=_limit(limits),
        )
        try:
            out, err = process.communicate(timeout=limits.seconds)
            return Outcome(process.returncode, out, err, timed_out=False)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            out, err = process.communicate()
            return Outcome(process.returncode, out, err, timed_out=True)


def copy_submission(source: Path, target: Path) -> Path:
    """A copy of the submission folder, regular files only (links are never followed)."""
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if path.is_symlink() or ".git" in relative.parts:
            continue
        if path.is_dir():
            (target / relative).mkdir(parents=True, exist_ok=True)
        elif path.is_file():
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / relative)
    return target
