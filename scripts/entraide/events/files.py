"""Files written whole or not at all: the store's and the bot's records survive a kill mid-write."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_TEMP_PREFIX = ".tmp-"


def write_atomic(path: Path, content: bytes) -> None:
    """Replace `path` by `content` so that a reader (or a crash) sees the old or the new file, whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=_TEMP_PREFIX, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def remove_leftovers(folder: Path) -> None:
    """Temporary files of a write that was killed: never read, removed before the bot commits data/."""
    if folder.is_dir():
        for path in folder.glob(f"{_TEMP_PREFIX}*.part"):
            path.unlink(missing_ok=True)


def _fsync_dir(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk too.
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
