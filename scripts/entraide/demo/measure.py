"""How the benches measure a stage: in a child process of its own, its wall time, peak resident memory and
processor time read from the kernel (`wait4`), so that no stage's figures include another's.

The peak resident memory of the largest process undercounts a stage that forks workers (each holds its
own copies) and overcounts what they share (a page shared copy-on-write is resident in each). So while the
child runs, the parent also samples the whole process tree (the child and every process it started) every
`SAMPLE_SECONDS` (longer for a large tree), summing each process's proportional set size (Pss: a page shared
by n processes counts 1/n in each), and keeps the peak of that sum: the memory the stage takes from the
machine (`tree_mb`).

A stage is a function importable by module and name; `python -m entraide.demo.measure module:function ARGS`
runs it in the child with the collector paused, as the `entraide` command and the MkDocs hook run the core.
"""

from __future__ import annotations

import importlib
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from entraide.events.collector import collector_paused


@dataclass(frozen=True)
class Measure:
    stage: str
    seconds: float
    peak_mb: float
    work: float | None = None  # seconds the stage reported for its own work (`work_seconds=`), start-up excluded
    cpu: float | None = None  # processor seconds (user + system) of the stage and the workers it forked
    said: str = ""  # what the stage printed
    tree_mb: float | None = None  # peak of the summed Pss of the stage's whole process tree (None: not sampled)


SAMPLE_SECONDS = 0.2


def run_child(stage: str, argv: list[str]) -> Measure:
    """Run `argv`, wait for it alone, and read its own resource usage (not the sum of all children)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(argv, stdout=out, stderr=err)
        status, usage, tree_kb = _wait_sampling(process.pid)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        said, error = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if process.returncode != 0:
        raise RuntimeError(f"{stage} failed (exit {process.returncode}):\n{error[-3000:]}")
    # A stage that forks workers reports their peak (`children_peak_kb=`): the largest process counts.
    children = [int(kb) for kb in re.findall(r"children_peak_kb=(\d+)", said)]
    # A stage run by `main` reports its own peak (`own_peak_kb=`): `ru_maxrss` also holds this process's own
    # peak, which Linux passes on to a child through exec (a series' 186 MB read as every small stage's peak).
    own = [int(kb) for kb in re.findall(r"own_peak_kb=(\d+)", said)]
    work = [float(value) for value in re.findall(r"work_seconds=([0-9.]+)", said)]
    cpu = [float(value) for value in re.findall(r"cpu_seconds=([0-9.]+)", said)]
    peak = max([own[-1] if own else usage.ru_maxrss, *children]) / 1024  # Linux: KB
    # without its own figure, the child's processor time as the kernel counted it (start-up included)
    processor = cpu[0] if cpu else usage.ru_utime + usage.ru_stime
    tree = tree_kb / 1024 if tree_kb else None  # no sample: no /proc (not Linux), or a child quicker than one
    return Measure(stage, seconds, peak, work[0] if work else None, processor, said, tree)


def _wait_sampling(pid: int) -> tuple[int, resource.struct_rusage, int]:
    """Wait for the child `pid` (its status and own usage, from `wait4`), sampling its tree's memory meanwhile;
    also the peak tree total seen, in KB."""
    peak = 0
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return status, usage, peak
        sampled = time.perf_counter()
        peak = max(peak, tree_pss_kb(pid))
        # Reading a process's Pss walks its page tables: ~50 ms for a 9 GB stage, which sampled every 0.2 s
        # took a quarter of the other core. Waiting ten times as long as a sample took bounds it to ~10%.
        time.sleep(max(SAMPLE_SECONDS, 10 * (time.perf_counter() - sampled)))


def tree_pss_kb(pid: int) -> int:
    """The summed Pss (KB) of `pid` and all its descendants; 0 where /proc says nothing (gone, or not Linux)."""
    return sum(_pss_kb(member) for member in descendants(pid, _parents()))


def descendants(pid: int, parents: dict[int, int]) -> list[int]:
    """`pid` and every process below it, from a map of process -> parent."""
    children: dict[int, list[int]] = {}
    for child, parent in parents.items():
        children.setdefault(parent, []).append(child)
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, ()))
    return found


def _parents() -> dict[int, int]:
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:  # "pid (command) state ppid ...": the command may hold spaces and parentheses, so split after it
            parents[int(stat.parent.name)] = int(stat.read_text().rpartition(")")[2].split()[1])
        except (OSError, ValueError, IndexError):  # a process gone meanwhile
            continue
    return parents


def _pss_kb(pid: int) -> int:
    return _proc_kb(f"/proc/{pid}/smaps_rollup", "Pss") or 0


def _proc_kb(path: str, field: str) -> int | None:
    """The `field:  N kB` line of a /proc file, in KB; None when the file cannot be read or has no such line."""
    try:
        text = Path(path).read_text()
    except OSError:
        return None
    found = re.search(rf"^{field}:\s+(\d+) kB", text, re.MULTILINE)
    return int(found.group(1)) if found else None


def call_in_child(stage: str, function: Callable, *args: object) -> Measure:
    module, spec = function.__module__, sys.modules["__main__"].__spec__
    if module == "__main__" and spec is not None:  # `python -m entraide.demo.bench`: the child imports it by name
        module = spec.name
    target = f"{module}:{function.__qualname__}"
    return run_child(stage, [sys.executable, "-m", "entraide.demo.measure", target, *map(str, args)])


def main(argv: list[str]) -> int:
    """Inside the child: run the stage `module:function` with its arguments, then report its own peak."""
    module, _, name = argv[0].partition(":")
    with collector_paused():
        getattr(importlib.import_module(module), name)(*argv[1:])
    if (peak := own_peak_kb()) is not None:
        print(f"own_peak_kb={peak}", flush=True)
    return 0


def own_peak_kb() -> int | None:
    """This process's peak resident memory (KB) since it started its program: Linux's `VmHWM`, which starts
    anew at exec; None where /proc does not say."""
    return _proc_kb("/proc/self/status", "VmHWM")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
