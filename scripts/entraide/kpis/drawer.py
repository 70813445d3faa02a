"""The worker process of `kpis.beside`: a fresh interpreter running this file as a script
(`python -P drawer.py`) draws the bootstrap (`kpis.bootstrap.draws_of_each`) of the samples it reads on
its stdin and writes the draws on its stdout, both pickled: nothing is written anywhere else.

It imports the standard library and numpy only, and `bootstrap.py` from its file (which needs nothing
more): importing it as `entraide.kpis.bootstrap` would first import the whole `entraide.kpis` package
(pydantic, the models, every KPI: 0.65 s and ~25 MB more than Python and numpy's 0.3 s and 25 MB).

What it reads, in turn: the parent's `sys.path` (so that it imports the very numpy the parent uses), then
one `(samples, resamples, seed)`. Ctrl-C is ignored here: it interrupts the parent, which then kills this
worker. A parent gone closes the pipes: the worker then ends at its next read or write, without a word.
"""

from __future__ import annotations

import importlib.util
import pickle
import signal
import sys
from pathlib import Path
from types import ModuleType


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    read, write = sys.stdin.buffer, sys.stdout.buffer
    try:
        sys.path[:] = pickle.load(read)
        bootstrap = _bootstrap()  # numpy imported while the parent works, before the samples come
        samples, resamples, seed = pickle.load(read)
        drawn = bootstrap.draws_of_each(samples, resamples=resamples, seed=seed)
        pickle.dump(drawn, write, protocol=pickle.HIGHEST_PROTOCOL)
        write.flush()
    except (EOFError, BrokenPipeError):  # the parent is done without us, or gone
        return


def _bootstrap() -> ModuleType:
    spec = importlib.util.spec_from_file_location("entraide_drawer_bootstrap", Path(__file__).with_name("bootstrap.py"))
    if spec is None or spec.loader is None:
        raise ImportError("kpis/bootstrap.py is not beside kpis/drawer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    main()
