"""Pages written to a folder by a process of their own, beside the process that renders them.

Writing a generated file costs the kernel more than rendering many of them costs Python: creating, writing,
closing and renaming a file took about 70 µs at a million events, a third of the page stage, and at ten
million events the site has 1.7 million files. When the pages render in one process (at ten million events
no forked renderer fits in memory: `site.workers`), that process hands each page's bytes down a pipe to
`python -m entraide.site.writer DIR`, which writes them on the other core. The writer is a fresh small
interpreter, not a fork: a forked copy of a process of several gigabytes would keep every memory page the
renderer then touches twice (copy on write). It answers, at the end, whether each page's bytes changed.

Each page goes down the pipe as a header (path length, data length) then the path (UTF-8) and the data;
the writer answers with one byte per page, in the same order: 1 written, 0 unchanged.
"""

from __future__ import annotations

import contextlib
import os
import struct
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import IO

HEADER = struct.Struct("<IQ")
PIPE_BUFFER = 1 << 20


def write_if_changed(target: Path, data: bytes, *, folders: set[Path] | None = None) -> bool:
    """Write `data` to `target` unless it holds those bytes already; whether it wrote. `folders`: the folders
    known to exist (each is made once, not once per file)."""
    if target.is_file() and target.read_bytes() == data:
        return False
    if folders is None or target.parent not in folders:
        target.parent.mkdir(parents=True, exist_ok=True)
        if folders is not None:
            folders.add(target.parent)
    partial = target.with_name(f".{target.name}.part")
    partial.write_bytes(data)
    os.replace(partial, target)  # whole or not at all: a generator never reads half a page
    return True


class Writer:
    """The rendering side: `write` hands a page down, `finish` waits for every page to be written and says,
    page by page, whether its bytes changed. Only the process that started the writer may use it (a renderer
    forked later writes its own pages: `owner`)."""

    def __init__(self, out_dir: Path) -> None:
        self.owner = os.getpid()
        self._out_dir = out_dir
        # Started with the first page: when forked renderers write their own pages, none comes down the pipe.
        self._process: subprocess.Popen[bytes] | None = None
        self._errors: IO[bytes] | None = None
        self._paths: list[str] = []
        self._answer: dict[str, bool] | OSError | None = None

    def write(self, path: str, data: bytes) -> None:
        encoded = path.encode("utf-8")
        pipe = self._input()
        try:
            pipe.write(HEADER.pack(len(encoded), len(data)))
            pipe.write(encoded)
            pipe.write(data)
        except BrokenPipeError:  # the writer stopped: say why
            self.finish()
            raise
        self._paths.append(path)

    def finish(self) -> dict[str, bool]:
        """{path: whether its bytes changed} of every page handed down, once all are written (asked again,
        the same answer, or the same error)."""
        if self._answer is None:
            self._answer = self._wait()
        if isinstance(self._answer, OSError):
            raise self._answer
        return self._answer

    def _wait(self) -> dict[str, bool] | OSError:
        if self._process is None or self._errors is None:
            return {}
        with contextlib.suppress(BrokenPipeError):
            self._input().close()
        assert self._process.stdout is not None
        flags = self._process.stdout.read()
        self._process.stdout.close()
        self._errors.seek(0)
        said = self._errors.read().decode(errors="replace")[-2000:]
        self._errors.close()
        if self._process.wait() != 0 or len(flags) != len(self._paths):
            return OSError(f"writing the generated pages failed (exit {self._process.returncode}): {said}")
        return {path: flag == 1 for path, flag in zip(self._paths, flags, strict=True)}

    def _input(self) -> IO[bytes]:
        if self._process is None:
            self._errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed once the writer is done: `_wait`)
            self._process = subprocess.Popen(
                [sys.executable, "-m", "entraide.site.writer", str(self._out_dir)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._errors,
                bufsize=PIPE_BUFFER,
            )
        assert self._process.stdin is not None
        return self._process.stdin


def serve(out_dir: Path, source: IO[bytes], answer: IO[bytes]) -> None:
    """The writing side: write every page read from `source`, then answer one byte per page."""
    folders: set[Path] = set()
    flags = bytearray()
    while header := source.read(HEADER.size):
        path_length, data_length = HEADER.unpack(header)
        path = source.read(path_length).decode("utf-8")
        flags.append(write_if_changed(out_dir / path, source.read(data_length), folders=folders))
    answer.write(flags)
    answer.flush()


if __name__ == "__main__":
    serve(Path(sys.argv[1]), sys.stdin.buffer, sys.stdout.buffer)
