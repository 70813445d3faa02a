"""« Ce qui aide »'s comparisons computed on the second core while this process computes the other KPIs.

At a million events the KPIs take ~6 s of one core; once the « Ce qui aide » rows are read, their twelve
comparisons (`kpis.comparison.figures_of_each`: the arrays, the bootstrap's draws, the figures) are numpy
and C over the rows' plain columns (~17k learners: 3.5 MB pickled), 0.75-0.78 processor seconds measured,
while the other KPIs (engagement ... mentors) take ~2.2. So `kpis.compute_all` reads the rows first, hands
their columns to a worker process (`kpis.drawer`), computes the other KPIs meanwhile, then collects the
figures and makes the estimates: the same code on the same values, the same figures bit for bit.

Why a fresh interpreter rather than a fork: a child forked once the history is loaded shares its pages
copy-on-write, but while it lives each reference count either process writes on an event copies a page
(the KPIs read most of the million events). Measured at 1M events, rows and estimates in a child forked
after the history was indexed: tree Pss 1144-1166 MB against 745 (+400 MB). The columns need no event at
all. The worker is started at the start of `compute_all`, so that its start-up (Python and numpy: ~0.3 s
of the other core, ~25 MB) overlaps the history's indexing; it is given its input and gives the figures
through pipes (pickled), nothing on disk.

Below `FROM_EVENTS` events, on one core, on a machine busy with other work (`a_core_is_idle`), or where
the process cannot be started, the figures are computed here, when collected: the same figures, the same
errors. A worker that dies or fails (its error printed on stderr) is replaced by computing here. The
worker never outlives `compute_all`: it is killed when the figures are collected or on any error here
(Ctrl-C included: the worker ignores it, this process handles it), and ends by itself when its pipes close
(this process gone).
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from entraide.kpis.comparison import Columns, Figures, Settings, figures_of_each

# From ~50k events on the comparisons take 0.07 s or more here, ten times what handing them over costs this
# process (starting the worker, sending the columns: ~5 ms); below, the worker's start-up (0.3 s of the other
# core) is not worth it.
FROM_EVENTS = 50_000
DRAWER = Path(__file__).with_name("drawer.py")

Found = Callable[[], list[Figures]]


class Beside:
    """`comparison.figures_of_each` in the worker process when there is one, here otherwise."""

    def __init__(self, process: subprocess.Popen[bytes] | None) -> None:
        self.process = process

    def figures_of_each(self, columns: Columns, names: Sequence[tuple[str, str]], settings: Settings) -> Found:
        """What `figures_of_each(columns, names, settings)` gives, when the returned function is called: sent
        to the worker now, computed here then if there is none or it failed."""
        here = functools.partial(figures_of_each, columns, names, settings)
        process, self.process = self.process, None  # one request per worker
        if process is None or not names or not _sent(process, (columns, list(names), settings)):
            return here
        return lambda: _received(process, len(names)) or here()


@contextlib.contextmanager
def comparisons_beside(events: int) -> Iterator[Beside]:
    """A `Beside` for KPIs over `events` events; its worker, if any, is ended when the block is left."""
    process = _started() if events >= FROM_EVENTS and a_core_is_idle() else None
    try:
        yield Beside(process)
    finally:
        if process is not None:
            _ended(process)


def a_core_is_idle() -> bool:
    """Two cores or more this process may run on, and the last minute's load leaves one idle beside it.

    The worker helps only on a core nobody else wants: on a machine kept busy by other work it gets a share
    of a busy core, and this process ends up waiting for it. Measured at 1M events with the 1-minute load
    at 6 on two cores, `compute_all` took 12.1-15.6 s (median 13.3) with the worker against 10.3-12.6 s
    (median 11.4) without. This process's own load counts (up to 1), hence the half core of margin."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # not known here (Windows has no load average): the worker is tried
        load = 0.0
    return usable >= 2 and load < usable - 0.5


def _started() -> subprocess.Popen[bytes] | None:
    if not sys.executable:  # an embedded interpreter: no Python to start
        return None
    try:  # -P: the script's folder is not put first on sys.path (its modules would shadow others)
        process = subprocess.Popen([sys.executable, "-P", str(DRAWER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    except OSError:
        return None
    if not _sent(process, list(sys.path)):
        _ended(process)
        return None
    return process


def _sent(process: subprocess.Popen[bytes], value: object) -> bool:
    """`value` pickled after its length (`drawer.received`): the worker reads it whole before unpickling it,
    so this process waits for a copy of the bytes (~1 ms), not for the unpickling (0.1 s for the columns at
    1M events) as it would with `pickle.dump` on a pipe. False when the worker is gone (its stdin closed)."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        assert process.stdin is not None
        process.stdin.write(len(data).to_bytes(8, "little"))
        process.stdin.write(data)
        process.stdin.flush()
    except OSError:  # BrokenPipeError: the worker died
        return False
    return True


def _received(process: subprocess.Popen[bytes], count: int) -> list[Figures] | None:
    """The worker's figures, or None when it died or failed before giving them all."""
    try:
        assert process.stdout is not None
        found = pickle.load(process.stdout)
    except (EOFError, OSError, pickle.UnpicklingError):
        return None
    finally:
        _ended(process)
    if not isinstance(found, list) or len(found) != count:
        return None
    return found


def _ended(process: subprocess.Popen[bytes]) -> None:
    """The worker killed if still there (its draws collected, or no longer wanted) and waited for."""
    if process.poll() is None:
        process.kill()
    process.wait()
    for pipe in (process.stdin, process.stdout):
        if pipe is not None and not pipe.closed:
            with contextlib.suppress(OSError):  # unflushed bytes for a dead worker
                pipe.close()
