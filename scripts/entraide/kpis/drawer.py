"""The worker process of `kpis.beside`: a fresh interpreter running this file as a script
(`python -P drawer.py`) computes « Ce qui aide »'s comparisons (`kpis.comparison.figures_of_each`: the
arrays, the bootstrap's draws, the figures) of the columns it reads on its stdin and writes the figures on
its stdout, both pickled: nothing is written anywhere else.

It imports the standard library, numpy, `kpis.comparison` and `kpis.bootstrap` only (which need nothing
more), the `entraide` and `entraide.kpis` packages made bare: importing them whole would first import every
KPI and the models (pydantic: 0.65 s and ~25 MB more than Python and numpy's 0.3 s and 25 MB).

What it reads, in turn: the parent's `sys.path` (so that it imports the very modules and numpy the parent
uses), then one `(columns, names, settings)`. Ctrl-C is ignored here: it interrupts the parent, which then
kills this worker. A parent gone closes the pipes: the worker then ends at its next read or write, without a
word.
"""

from __future__ import annotations

import pickle
import signal
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, BinaryIO


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    read, write = sys.stdin.buffer, sys.stdout.buffer
    try:
        sys.path[:] = received(read)
        _bare_packages()
        from entraide.kpis.comparison import figures_of_each  # numpy imported before the columns come

        columns, names, settings = received(read)
        pickle.dump(figures_of_each(columns, names, settings), write, protocol=pickle.HIGHEST_PROTOCOL)
        write.flush()
    except (EOFError, BrokenPipeError):  # the parent is done without us, or gone
        return


def received(read: BinaryIO) -> Any:
    """One value `beside._sent` sent: its length, then its pickle, read whole before it is unpickled (the
    sender is not kept waiting meanwhile)."""
    size = int.from_bytes(read.read(8), "little")
    data = read.read(size)
    if len(data) < size or not size:
        raise EOFError("the parent closed the pipe")
    return pickle.loads(data)


def _bare_packages() -> None:
    """`entraide` and `entraide.kpis` as bare packages over their folders: importing `entraide.kpis.comparison`
    then runs that module and `bootstrap` (numpy only) but not the packages' `__init__`, which import every
    KPI and the models."""
    kpis = Path(__file__).resolve().parent
    for name, folder in (("entraide", kpis.parent), ("entraide.kpis", kpis)):
        package = ModuleType(name)
        package.__path__ = [str(folder)]
        sys.modules[name] = package


if __name__ == "__main__":
    main()
