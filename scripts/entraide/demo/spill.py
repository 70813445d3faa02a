"""The drafts of a simulated history, handed back in time order with a bounded number of them in memory.

Events are numbered in time order, but a simulation emits them thread by thread: a million-event history
would hold a million drafts until the last is emitted. Here drafts wait in a buffer of `held`; a full
buffer is sorted by time and written as a run (a temporary file, one text line per draft, its sort key
first); at the end the runs are merged (`heapq.merge`), so memory holds one buffer and one line per run
whatever the history's size. A history that fits in the buffer never touches a file. Each run merged is an
open file: beyond `FAN_IN` runs, the oldest are first merged into longer runs, `FAN_IN` at most at a time,
until `FAN_IN` are left, so that a history of any length stays far under the usual limit of 1,024 open files.

Ties in time keep the order the drafts were emitted in, as one stable sort of them all would: a run is
sorted stably, and each line's key is (time, sequence), the sequence counting drafts in the order they
were written, so that runs written earlier (emitted earlier) come first among equal times. No two lines share
a key, so merging some runs first, in groups, hands the lines back in the very order of one merge of them all.

The runs live in a temporary folder of the system's, never in the community's, removed once merged, on
`close` (the history is a context manager: `with play(...) as history`), and at the latest when the
interpreter exits after an error or an interrupt.
"""

from __future__ import annotations

import datetime as dt
import heapq
import shutil
import tempfile
import weakref
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from entraide.events.model import EventKind

# Drafts held in memory before a run is written. A draft takes ~0.4 KB: 50,000 of them ~20 MB, and a
# 10M-event history makes 200 runs.
HELD = 50_000
# Runs merged at once, each an open file. 128 runs of the default buffer are 6.4M drafts: a longer history
# (200 runs at 10M events, 2,000 at 100M) has some of its runs merged first, read and written once more.
FAN_IN = 128

KINDS = {kind.value: kind for kind in EventKind}


class Draft(Protocol):
    """What a run holds of a draft (`history.Draft`, whose module holds a `Drafts`: it is not imported)."""

    at: dt.datetime
    kind: EventKind
    actor: Any  # hashable: a run names it by its place in `Drafts.actors`
    subject: int
    subject_type: str
    body: str  # the payload's JSON


D = TypeVar("D", bound=Draft)


class Drafts(Generic[D]):
    """Drafts appended in emission order, handed back once by `in_time_order`; `draft` makes one back from
    its fields (at, kind, actor, subject, subject type, payload)."""

    def __init__(self, draft: Callable[..., D], held: int = HELD, fan_in: int | None = None):
        fan_in = FAN_IN if fan_in is None else fan_in
        if held < 1:
            raise ValueError("drafts: at least one must be held in memory")
        if fan_in < 2:
            raise ValueError("drafts: at least two runs must be merged at once")
        self.draft, self.held, self.fan_in = draft, held, fan_in
        self.buffer: list[D] = []
        self.runs: list[Path] = []  # sorted runs on disk, in the order they were written
        self.written = 0  # drafts in the runs: the sequence of the buffer's first line
        self.files = 0  # run files named so far in this folder (runs written, then runs merged)
        self.folder: Path | None = None  # made at the first run
        self._remove: weakref.finalize | None = None
        self.actors: list[Any] = []  # a run names an actor by its place here: short lines, shared objects
        self._actor_number: dict[Any, int] = {}

    def append(self, draft: D) -> None:
        self.buffer.append(draft)
        if len(self.buffer) >= self.held:
            self._spill()

    def __len__(self) -> int:
        return self.written + len(self.buffer)

    def in_time_order(self) -> Iterator[D]:
        """Every draft, by time then emission order; once: each is let go as it is handed back, and the
        runs are removed at the end (or when the iterator is closed)."""
        if not self.runs:
            drafts: list[D | None] = self.buffer  # type: ignore[assignment]
            self.buffer = []
            drafts.sort(key=_time_of)  # in place, stable: ties keep emission order
            for n, draft in enumerate(drafts):
                drafts[n] = None
                assert draft is not None
                yield draft
            return
        try:
            self._spill()  # the last drafts too: every run is then merged alike
            while len(self.runs) > self.fan_in:
                self._merge_oldest()
            with ExitStack() as files:
                for line in _merged(self.runs, files):
                    yield self._draft(line)
        finally:
            self.close()

    def close(self) -> None:
        """Remove the runs (again: nothing happens). Their drafts are gone, as those handed back are."""
        self.runs, self.files = [], 0
        if self._remove is not None:
            self._remove()
        self.folder, self._remove = None, None  # removed: a draft appended later starts a new folder

    def __enter__(self) -> Drafts[D]:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _spill(self) -> None:
        if not self.buffer:
            return
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix="entraide-drafts-"))
            self._remove = weakref.finalize(self, shutil.rmtree, self.folder, ignore_errors=True)
        self.buffer.sort(key=_time_of)  # stable: the sequence given below follows emission among ties
        if self.buffer[0].at.timestamp() < 0 or self.buffer[-1].at.timestamp() >= 10**10:
            raise ValueError("drafts: a run's keys hold times from 1970 to 2286")  # fixed-width, positive
        path = self._new_run()
        with path.open("w", encoding="utf-8", newline="\n") as run:
            run.writelines(self._line(draft, sequence) for sequence, draft in enumerate(self.buffer, self.written))
        self.runs.append(path)
        self.written += len(self.buffer)
        self.buffer = []

    def _merge_oldest(self) -> None:
        """The oldest runs merged into one longer run, which goes last, and removed: as many of them as leaves
        `fan_in` runs, `fan_in` at most, so that no more drafts than needed are read and written again (200
        runs, 128 at a time: 73 merged once, not all 200), and the folder never holds much more than the drafts."""
        group = self.runs[: min(self.fan_in, len(self.runs) - self.fan_in + 1)]
        path = self._new_run()
        with ExitStack() as files, path.open("w", encoding="utf-8", newline="\n") as run:
            run.writelines(_merged(group, files))
        for part in group:
            part.unlink()
        self.runs = [*self.runs[len(group) :], path]

    def _new_run(self) -> Path:
        assert self.folder is not None
        self.files += 1
        return self.folder / f"{self.files:06d}.run"

    def _line(self, draft: D, sequence: int) -> str:
        """The draft as a run's line: its key, seconds since 1970 (to the microsecond: a float's 17 digits
        hold them until 2286) and sequence, both fixed-width so that lines compare as their keys do; then
        kind, actor (its place in `actors`), subject and payload."""
        actor = self._actor_number.get(draft.actor)
        if actor is None:
            actor = self._actor_number[draft.actor] = len(self.actors)
            self.actors.append(draft.actor)
        # The payload's JSON holds no raw tab or newline (JSON escapes them), so it can close the line.
        key = f"{draft.at.timestamp():017.6f} {sequence:012d}"
        return f"{key}\t{draft.kind}\t{actor}\t{draft.subject}\t{draft.subject_type}\t{draft.body}\n"

    def _draft(self, line: str) -> D:
        key, kind, actor, subject, subject_type, body = line.split("\t", 5)
        at = dt.datetime.fromtimestamp(float(key[:17]), dt.UTC)
        return self.draft(at, KINDS[kind], self.actors[int(actor)], int(subject), subject_type, body[:-1])


def _merged(runs: list[Path], files: ExitStack) -> Iterator[str]:
    """The runs' lines in the order of their fixed-width keys, (time, sequence); each run an open file
    that `files` closes."""
    return heapq.merge(*(files.enter_context(run.open(encoding="utf-8", newline="\n")) for run in runs))


def _time_of(draft: Draft | None) -> dt.datetime:
    assert draft is not None
    return draft.at
