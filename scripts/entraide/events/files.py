"""Files written whole or not at all: the store's and the bot's records survive a kill mid-write."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import tempfile
from collections.abc import Iterable
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


def write_stream(data_dir: Path, lines: Iterable[tuple[dt.datetime, str, str]]) -> int:
    """Write month files from (at, id, line) given in time order, one month in memory at a time, into a
    store that holds none of those months yet (a new community). Returns how many events were written."""
    folder, count = Path(data_dir) / "events", 0
    month: str | None = None
    pending: list[tuple[dt.datetime, str, str]] = []
    for item in itertools.chain(lines, [None]):
        current = None if item is None else _utc(item[0]).strftime("%Y-%m")
        if pending and current != month:
            pending.sort(key=lambda entry: entry[:2])
            write_atomic(folder / f"{month}.jsonl", "".join(f"{line}\n" for _, _, line in pending).encode("utf-8"))
            count, pending = count + len(pending), []
        if item is not None:
            month = current
            pending.append(item)
    return count


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
