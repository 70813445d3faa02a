"""Files written whole or not at all: the store's and the bot's records survive a kill mid-write."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

_TEMP_PREFIX = ".tmp-"


def write_atomic(path: Path, content: bytes) -> None:
    """Replace `path` by `content` so that a reader (or a crash) sees the old or the new file, whole."""
    with atomic_file(path) as file:
        file.write(content)


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A file to write `path`'s new content into, piece by piece: it replaces `path` only once the block
    ends without an error, so that a reader (or a crash) sees the old or the new file, whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=_TEMP_PREFIX, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as file:
            yield file
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


_CHUNK = 10_000  # lines held before they are written: a few MB, where a month of 10M events is 500,000


def write_stream(data_dir: Path, lines: Iterable[tuple[dt.datetime, str, str]]) -> int:
    """Write month files from (at, id, line) given in time order into a store that holds none of those
    months yet (a new community). Returns how many events were written. A month is written as its lines
    come, a chunk at a time; the store keeps lines of the same instant by id, so a chunk ends between two
    instants and is sorted by (at, id) before it is written."""
    folder, count = Path(data_dir) / "events", 0
    previous: dt.datetime | None = None
    for (year, month), of_month in itertools.groupby(lines, key=_month_of):
        with atomic_file(folder / f"{year:04d}-{month:02d}.jsonl") as file:
            chunk: list[tuple[dt.datetime, str, str]] = []
            for item in of_month:
                if previous is not None and item[0] != previous:
                    if item[0] < previous:
                        raise ValueError(f"write_stream: {item[0].isoformat()} after {previous.isoformat()}")
                    if len(chunk) >= _CHUNK:
                        count, chunk = count + _write_chunk(file, chunk), []
                previous = item[0]
                chunk.append(item)
            count += _write_chunk(file, chunk)
    return count


def _month_of(item: tuple[dt.datetime, str, str]) -> tuple[int, int]:
    at = _utc(item[0])  # (year, month) rather than strftime: asked of every line, a third of the time
    return at.year, at.month


def _write_chunk(file: BinaryIO, chunk: list[tuple[dt.datetime, str, str]]) -> int:
    chunk.sort(key=lambda entry: entry[:2])
    file.write("".join(f"{line}\n" for _, _, line in chunk).encode("utf-8"))
    return len(chunk)


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
