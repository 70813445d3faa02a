"""The one writer of data/ at a time: an exclusive lock every writing command holds while it runs.

Two writers at once (two `entraide sync` on one root, a sync beside a feedback run) would each rewrite
month files and clear the other's temporary files: events get lost. Every writer (sync, ingest,
feedback, community, buddies, publish) takes an exclusive `flock` on `<root>/.data.lock` (beside
data/, never inside it, so publishing never commits it). A second writer waits a bounded time, then stops
with a clear message and exit status 2. The lock dies with its process: a killed writer never leaves a
stale lock behind.

`entraide publish` holds the lock while it runs its `--run` commands: it hands them the locked file
descriptor and its number in ENTRAIDE_DATA_LOCK_FD, and a child that finds the very same lock file behind
that descriptor knows its parent holds the lock for it.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from entraide.content.errors import Problem, UserError

INHERITED = "ENTRAIDE_DATA_LOCK_FD"
DEFAULT_WAIT = 120.0  # seconds; ENTRAIDE_LOCK_WAIT overrides it
POLL = 0.1


@contextlib.contextmanager
def data_lock(data: Path, *, command: str, wait: float | None = None) -> Iterator[int]:
    """Hold the exclusive lock on the `data` folder for the block; yields the locked descriptor."""
    path = lock_path(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    inherited = _inherited(path)
    if inherited is not None:
        yield inherited
        return
    limit = float(os.environ.get("ENTRAIDE_LOCK_WAIT", DEFAULT_WAIT)) if wait is None else wait
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        _acquire(fd, path=path, command=command, limit=limit)
        yield fd
    finally:
        os.close(fd)  # closing releases the lock


def writes_data(handler: Callable[[Any], int]) -> Callable[[Any], int]:
    """Wrap a command's handler so that it runs holding the lock on its data/ (`--data`, or the root's)."""

    @functools.wraps(handler)
    def locked(args: Any) -> int:
        data = getattr(args, "data", None) or Path(args.root) / "data"
        with data_lock(Path(data), command=getattr(args, "command", None) or "entraide"):
            return handler(args)

    return locked


def lock_path(data: Path) -> Path:
    """The lock file of a data folder: beside it, `.data.lock` for `data/`."""
    return data.absolute().parent / f".{data.absolute().name}.lock"


def child_environment(fd: int, environ: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a command run while holding the lock (pass `fd` in pass_fds too)."""
    return {**(os.environ if environ is None else environ), INHERITED: str(fd)}


def _acquire(fd: int, *, path: Path, command: str, limit: float) -> None:
    deadline = time.monotonic() + limit
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise UserError(
                    Problem(
                        path=str(path),
                        message=(
                            f"another entraide command is writing data/ (it holds this lock); "
                            f"'{command}' waited {limit:g} s and stopped without writing: run it again once "
                            "the other has finished (ENTRAIDE_LOCK_WAIT sets the wait)"
                        ),
                    )
                ) from None
            time.sleep(POLL)


def _inherited(path: Path) -> int | None:
    """The descriptor a parent passed down, when it is this very lock file."""
    text = os.environ.get(INHERITED, "")
    if not text.isdigit():
        return None
    try:
        held, here = os.fstat(int(text)), os.stat(path)
    except OSError:
        return None
    return int(text) if (held.st_dev, held.st_ino) == (here.st_dev, here.st_ino) else None
