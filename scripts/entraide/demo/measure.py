"""How the benches measure a stage: in a child process of its own, its wall time, peak resident memory and
processor time read from the kernel (`wait4`), so that no stage's figures include another's.

A stage is a function importable by module and name; `python -m entraide.demo.measure module:function ARGS`
runs it in the child with the collector paused, as the `entraide` command and the MkDocs hook run the core.
"""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass

from entraide.events.collector import collector_paused


@dataclass(frozen=True)
class Measure:
    stage: str
    seconds: float
    peak_mb: float
    work: float | None = None  # seconds the stage reported for its own work (`work_seconds=`), start-up excluded
    cpu: float | None = None  # processor seconds (user + system) of the stage and the workers it forked
    said: str = ""  # what the stage printed


def run_child(stage: str, argv: list[str]) -> Measure:
    """Run `argv`, wait for it alone, and read its own resource usage (not the sum of all children)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(argv, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        said, error = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if process.returncode != 0:
        raise RuntimeError(f"{stage} failed (exit {process.returncode}):\n{error[-3000:]}")
    # A stage that forks workers reports their peak (`children_peak_kb=`): the largest process counts.
    children = [int(kb) for kb in re.findall(r"children_peak_kb=(\d+)", said)]
    work = [float(value) for value in re.findall(r"work_seconds=([0-9.]+)", said)]
    cpu = [float(value) for value in re.findall(r"cpu_seconds=([0-9.]+)", said)]
    peak = max([usage.ru_maxrss, *children]) / 1024  # Linux: KB
    # without its own figure, the child's processor time as the kernel counted it (start-up included)
    processor = cpu[0] if cpu else usage.ru_utime + usage.ru_stime
    return Measure(stage, seconds, peak, work[0] if work else None, processor, said)


def call_in_child(stage: str, function: Callable, *args: object) -> Measure:
    module, spec = function.__module__, sys.modules["__main__"].__spec__
    if module == "__main__" and spec is not None:  # `python -m entraide.demo.bench`: the child imports it by name
        module = spec.name
    target = f"{module}:{function.__qualname__}"
    return run_child(stage, [sys.executable, "-m", "entraide.demo.measure", target, *map(str, args)])


def main(argv: list[str]) -> int:
    """Inside the child: run the stage `module:function` with its arguments."""
    module, _, name = argv[0].partition(":")
    with collector_paused():
        getattr(importlib.import_module(module), name)(*argv[1:])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
