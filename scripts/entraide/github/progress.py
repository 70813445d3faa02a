"""What the sync shows while it works: one live line on a terminal, plain lines in logs (Actions)."""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    def __init__(self, stream: TextIO | None = None, *, live: bool | None = None):
        self.out = stream or sys.stderr
        self.live = self.out.isatty() if live is None else live
        self.pages = self.events = 0
        self.remaining: int | None = None
        self._width = 0

    def page(self, name: str, *, status: int, events: int, remaining: int | None) -> None:
        """One answer read: 200, or 304 (unchanged); `events`: events read so far."""
        self.pages += 1
        self.events = events
        self.remaining = remaining if remaining is not None else self.remaining
        left = "?" if self.remaining is None else str(self.remaining)
        text = (
            f"{name}: {'unchanged' if status == 304 else 'page read'} | pages {self.pages}"
            f" | events {self.events} | rate limit left {left}"
        )
        if self.live:
            self.out.write("\r" + text.ljust(self._width))
            self._width = len(text)
        elif self.pages % 25 == 1:  # a line now and then keeps Actions logs short
            self.out.write(text + "\n")
        self.out.flush()

    def note(self, text: str) -> None:
        if self.live and self._width:
            self.out.write("\n")
            self._width = 0
        self.out.write(text + "\n")
        self.out.flush()


class Silent(Progress):
    def page(self, *args, **kwargs) -> None:
        pass

    def note(self, text: str) -> None:
        pass
