"""The benches' measure of a stage's memory: the largest process, and the whole process tree (summed Pss)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from entraide.demo import measure

# A parent holding 200 MB forks two workers that each write 150 MB of their own: the largest process
# holds ~350 MB (a worker: what it shares with the parent, and its own), the machine gives ~500 MB, the
# parent's 200 MB counted once, not once per process that maps it. The workers stay until both have
# written everything and 5 s have passed: on a busy machine a sample can take a few tenths of a second, and
# the sampler then waits ten times as long before the next, so a shorter hold could fall between two samples.
FORKING = """
import os, time
mine = bytearray(200 * 2**20)
mine[::4096] = b"x" * len(mine[::4096])
written, told = os.pipe()
release, go = os.pipe()
workers = []
for _ in range(2):
    pid = os.fork()
    if pid == 0:
        os.close(go)
        theirs = bytearray(150 * 2**20)
        theirs[::4096] = b"y" * len(theirs[::4096])
        os.write(told, b"w")
        os.read(release, 1)  # returns when the parent closes its end
        os._exit(0)
    workers.append(pid)
os.close(release)
os.read(written, 1), os.read(written, 1)
time.sleep(5)
os.close(go)
for pid in workers:
    os.waitpid(pid, 0)
"""


def test_descendants_are_the_process_and_everything_below_it():
    parents = {1: 0, 10: 1, 11: 10, 12: 10, 13: 11, 20: 1, 21: 20}
    assert sorted(measure.descendants(10, parents)) == [10, 11, 12, 13]
    assert measure.descendants(99, parents) == [99]


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="needs Linux's /proc smaps_rollup")
def test_the_tree_total_counts_a_forked_worker_that_the_largest_process_misses():
    measured = measure.run_child("forking", [sys.executable, "-c", FORKING])
    assert 340 < measured.peak_mb < 420  # a worker: the parent's 200 MB, its own 150 MB, the interpreter
    assert measured.tree_mb is not None
    assert 490 < measured.tree_mb < 600  # all three, the parent's 200 MB once
    assert measured.tree_mb > measured.peak_mb + 100


def test_a_child_too_quick_for_a_sample_has_no_tree_figure():
    quick = measure.run_child("quick", [sys.executable, "-c", "pass"])
    assert quick.peak_mb > 1 and (quick.tree_mb is None or quick.tree_mb < quick.peak_mb * 2)


# A parent that once held 400 MB measures a stage that holds next to nothing: exec hands the parent's peak on
# to the child's `ru_maxrss`, so only the child's own figure tells the stage's.
HIGH_PARENT = """
import sys, tempfile
from entraide.demo import measure, scale
held = bytearray(400 * 2**20)
held[::4096] = b"x" * len(held[::4096])
del held
with tempfile.TemporaryDirectory() as empty:
    print(measure.call_in_child("raw parse", scale.raw_parse, empty).peak_mb)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux's /proc status")
def test_a_stage_s_peak_is_its_own_not_its_parent_s():
    import subprocess

    ran = subprocess.run([sys.executable, "-c", HIGH_PARENT], capture_output=True, text=True, check=True)
    assert 5 < float(ran.stdout) < 200  # the interpreter and the series' modules, not the parent's 400 MB
