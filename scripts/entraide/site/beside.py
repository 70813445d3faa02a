"""Page sources that never read the events, rendered in one forked process beside the parent when no whole
copy of the parent fits (`site.workers.page_workers`: at ten million events).

A forked process copies only the memory pages holding the objects it reads (CPython writes a reference
count into each). A page worker that renders any source is counted as a whole copy of its parent, because
most sources read the whole history. The sources in `EVENT_FREE` read the community and the ledger's
awards, never an event: measured at a million events, a child forked after scoring that rendered the
credential files (160,831 written) held 82 MB privately, 12% of its parent's 695 MB resident (one that
read every event once held 195 MB, every award 146 MB). So at ten million events, where a whole copy does
not fit, this process still renders those sources on the other core while it renders the others in turn;
`SHARE` counts their process as a quarter of the parent, twice what was measured.
Same pages, same bytes: the same functions on the same context, only in another process.
"""

from __future__ import annotations

import functools
import multiprocessing
import threading
from collections.abc import Iterator, Sequence
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

from entraide.site.workers import Renderer, received, render_into

T = TypeVar("T")

# Page sources that read no event (a test renders each with the events removed and compares its pages).
EVENT_FREE = (
    "entraide.site.achievements.pages",
    "entraide.site.rules.pages",
    "entraide.site.join.pages",
    "entraide.site.pages.care.pages",
    "entraide.site.pages.contests.pages",
)

SHARE = 0.25  # the part of the parent's resident memory the process beside is counted as copying


def fits_beside(*, cores: int, resident: int | None, available: int | None) -> bool:
    """Whether one process rendering the event-free sources fits beside the parent: a second core, and its
    copy (`SHARE` of `resident` bytes) within half of the `available` bytes, like the page workers'."""
    if cores < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return False
    return resident is None or available is None or resident * SHARE <= available // 2


class Beside(Generic[T]):
    """`renderers` rendered in turn in one forked process; a thread of this process receives their pages as
    they come (the pipe never fills while this process renders a long source of its own), and `parts()`
    hands them over once the process is done."""

    def __init__(self, renderers: Sequence[Renderer[T]], *, names: Sequence[str]) -> None:
        fork = multiprocessing.get_context("fork")
        receive, send = fork.Pipe(duplex=False)
        self._name = ", ".join(names)
        self._child = fork.Process(target=render_into, args=(functools.partial(_tagged, renderers), send), daemon=True)
        self._child.start()
        send.close()
        self._parts: list[dict[str, tuple[int, T]]] = []
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._receive, args=(receive,), daemon=True)
        self._thread.start()

    def _receive(self, pipe: Connection) -> None:
        try:
            while True:
                outcome, value = received(pipe, self._child, self._name)
                if outcome != "pages":
                    self._failure = value if outcome == "error" else None
                    return
                self._parts.append(value)
        except BaseException as failure:  # the process died: said when the parts are asked for
            self._failure = failure
        finally:
            pipe.close()

    def parts(self) -> Iterator[tuple[int, dict[str, T]]]:
        """(index of the renderer, some of its pages), every one received, then the process's error if any."""
        self._thread.join()
        self._child.join()
        for part in self._parts:
            grouped: dict[int, dict[str, T]] = {}
            for path, (index, value) in part.items():
                grouped.setdefault(index, {})[path] = value
            yield from grouped.items()
        if self._failure is not None:
            raise self._failure

    def stop(self) -> Iterator[tuple[int, dict[str, T]]]:
        """After a failure of this process: the process beside is stopped; what it did until then, as `parts`."""
        self._child.terminate()
        self._thread.join()
        self._child.join()
        self._failure = None
        return self.parts()


def _tagged(renderers: Sequence[Renderer[T]]) -> Iterator[tuple[str, Any]]:
    """Every renderer's pages in turn, each value tagged with its renderer's index."""
    for index, renderer in enumerate(renderers):
        for path, value in renderer():
            yield path, (index, value)
