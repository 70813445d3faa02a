"""What long batch work shows while it runs: a progress bar on a terminal, one line per step under
GitHub Actions (`GITHUB_ACTIONS=true`), nothing otherwise (pipes, tests, the MkDocs hook in CI logs).

Used by the shell around the core (loading, scoring, KPIs, page generation, the bench): the core itself
stays silent and pure; its callers advance the steps between the calls.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO, TypeVar

from tqdm import tqdm

T = TypeVar("T")


def mode(stream: TextIO | None = None) -> str:
    """ "bar" on a terminal, "lines" under Actions, "quiet" otherwise."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "lines"
    out = stream or sys.stderr
    return "bar" if out.isatty() else "quiet"


class Steps:
    """A known number of named steps: `steps.start("score")` as each begins, `close()` at the end."""

    def __init__(self, label: str, total: int, *, stream: TextIO | None = None) -> None:
        self.label, self.total, self.done = label, total, 0
        self.out = stream or sys.stderr
        self.mode = mode(self.out)
        self.bar = tqdm(total=total, desc=label, file=self.out, leave=False) if self.mode == "bar" else None

    def start(self, name: str) -> None:
        if self.bar is not None:
            if self.done:
                self.bar.update(1)
            self.bar.set_postfix_str(name)
        elif self.mode == "lines":
            self.out.write(f"{self.label}: step {self.done + 1}/{self.total}: {name}\n")
            self.out.flush()
        self.done += 1

    def close(self) -> None:
        if self.bar is not None:
            self.bar.update(self.total - self.bar.n)
            self.bar.close()


def steps(
    items: Iterable[T], *, label: str, name: Callable[[T], str] = str, stream: TextIO | None = None
) -> Iterator[T]:
    """Yield each item as a step of `label`."""
    items = list(items)
    shown = Steps(label, len(items), stream=stream)
    try:
        for item in items:
            shown.start(name(item))
            yield item
    finally:
        shown.close()
