"""How many forked workers render the pages (one per core, as long as their copies of the parent fit), and
the forked rendering itself (`render_forked`).

A forked worker starts by sharing all its parent's memory, but CPython writes a reference count into every
object it reads, so each memory page holding something a worker reads becomes a copy of its own. Measured
at a million events: within a minute, each of two page workers held 60 to 85% of its parent's resident size
privately (the three processes 2.4 GB together, for a parent of 1 GB). A worker is therefore counted as a
whole copy of the parent, and workers are forked only while their copies fit in half of the memory the
machine has available (the other half left to the pages being rendered and to whatever else runs);
otherwise the pages render in turn in the parent: slower on several cores, but nothing copied (the credential
files then go to a fresh interpreter beside it, handed only what they read: `site.aside`). Where the
system does not say (no /proc: `site.build` reads it), one worker per core, as before.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkProcess
from typing import Any, TypeVar, cast

from entraide.events.progress import Steps

T = TypeVar("T")


def page_workers(sources: int, *, cores: int, resident: int | None, available: int | None) -> int:
    """Workers for `sources` page sources on `cores` cores, for a parent of `resident` bytes and `available`
    bytes of free memory (None: unknown); fewer than 2 means rendering in the parent."""
    workers = min(sources, cores)
    if resident and available is not None:
        workers = min(workers, available // 2 // resident)
    return workers


Renderer = Callable[[], Iterator[tuple[str, T]]]  # one source's pages, each as its `each` made it


def render_forked(
    renderers: Sequence[Renderer[T]], *, names: Sequence[str], workers: int, shown: Steps
) -> Iterator[tuple[int, dict[str, T]]]:
    """(index of the renderer, some of its pages), as they arrive from `workers` forked processes, each taking
    the next renderer as soon as its last one is done."""
    fork = multiprocessing.get_context("fork")
    waiting = list(reversed(range(len(renderers))))
    running: dict[Connection, tuple[int, ForkProcess]] = {}
    try:
        while waiting or running:
            while waiting and len(running) < workers:
                index = waiting.pop()
                shown.start(names[index])
                receive, send = fork.Pipe(duplex=False)
                child = fork.Process(target=_render_into, args=(renderers[index], send), daemon=True)
                child.start()
                send.close()
                running[receive] = (index, child)
            for ready in wait(list(running)):
                pipe = cast(Connection, ready)
                index, child = running[pipe]
                outcome, value = _received(pipe, child, names[index])
                if outcome == "pages":  # a part; the rest follows (read before join: the pipe must not fill)
                    yield index, value
                    continue
                del running[pipe]
                child.join()
                if outcome == "error":
                    raise value
    finally:
        for _, child in running.values():  # after an error: the others' work is not needed
            child.terminate()


def _received(pipe: Connection, child: ForkProcess, name: str) -> tuple[str, Any]:
    try:
        received: tuple[str, Any] = pipe.recv()
    except EOFError:  # the child died without a word: killed (out of memory?) or crashed
        child.join()
        raise RuntimeError(f"page source {name} stopped (exit code {child.exitcode})") from None
    return received


PART_CHARACTERS = 16_000_000  # pages go back to the parent in parts of about this size


def _render_into(renderer: Renderer[T], send: Connection) -> None:
    """Render one source and send what `each` made of its pages in parts: at ten million events a source's
    pages weigh gigabytes, and one message would need them pickled whole, in the child and again in the parent.
    After a failure, what was done before it goes first (the pages written, say), then the error."""
    part: dict[str, T] = {}
    try:
        size = 0
        for path, value in renderer():
            part[path] = value
            size += len(path) + (len(value) if isinstance(value, str | bytes) else 0)
            if size >= PART_CHARACTERS:
                send.send(("pages", part))
                part, size = {}, 0
        send.send(("pages", part))
        send.send(("done", None))
    except BaseException as error:  # the parent re-raises it whole (a UserError keeps its problems)
        send.send(("pages", part))
        send.send(("error", error))
    finally:
        send.close()
