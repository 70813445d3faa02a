"""The community and its stored events, read side by side on two cores.

Reading the member files (YAML, validated) and decoding the month files are independent, and each is
about one core's work: at a million events, 1.2 s and 4 s. On a machine with two cores and fork, the
community is read in a forked child and sent back pickled (0.2 s for 18,623 members) while this process
decodes the events; the child is forked before the events are loaded, so it copies nothing large.
Elsewhere, one after the other. Either way the same values, and the same error first: a problem in the
files people edit is reported before one in the store, as when they were read in turn.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from multiprocessing.connection import Connection
from pathlib import Path

from entraide.content.loader import load_community
from entraide.content.models import Community
from entraide.events import store
from entraide.events.model import Event


def load_with_community(root: Path, *, not_after: dt.datetime | None = None) -> tuple[Community, tuple[Event, ...]]:
    """(`load_community(root)`, `store.load(root / "data", not_after=...)`), read side by side where the
    machine allows it."""
    root = Path(root)
    if (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        community = load_community(root)
        return community, store.load(root / "data", not_after=not_after)
    fork = multiprocessing.get_context("fork")
    receive, send = fork.Pipe(duplex=False)
    reader = fork.Process(target=_read_into, args=(root, send), daemon=True)
    reader.start()
    send.close()
    try:
        history = store.load(root / "data", not_after=not_after)
    except Exception:
        _received(receive, reader, root)  # a problem in the files people edit is raised first, as in turn
        raise
    return _received(receive, reader, root), history


def _read_into(root: Path, send: Connection) -> None:
    try:
        send.send(("community", load_community(root)))
    except BaseException as error:  # a UserError is sent whole, its problems with it
        send.send(("error", error))
    finally:
        send.close()


def _received(receive: Connection, reader: multiprocessing.process.BaseProcess, root: Path) -> Community:
    try:
        outcome, value = receive.recv()
    except EOFError:  # the reader died without a word (killed): read the community here, as in turn
        reader.join()
        return load_community(root)
    finally:
        receive.close()
    reader.join()
    if outcome == "error":
        raise value
    community: Community = value
    return community
